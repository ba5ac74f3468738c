/**
 * Errors are values: a stable `code`, a message for people, and where it happened.
 * The location is a discriminated union so every caller can print it the same way
 * (file:line:column for an instrument, row and column for a CSV, a field path for JSON).
 */

export type Location =
  | { kind: 'file'; file: string; line: number; column: number }
  | { kind: 'csv'; file?: string; row: number; column: string }
  | { kind: 'json'; path: string };

export interface Problem {
  code: string;
  message: string;
  location?: Location;
}

/** `file:3:7`, `data.csv row 4, column "A2"`, `$.answers[2].value`. */
export function formatLocation(location: Location): string {
  switch (location.kind) {
    case 'file':
      return `${location.file}:${location.line}:${location.column}`;
    case 'csv':
      return `${location.file ? `${location.file} ` : ''}row ${location.row}, column "${location.column}"`;
    case 'json':
      return location.path;
  }
}

export function formatProblem(problem: Problem): string {
  return problem.location ? `${formatLocation(problem.location)}: ${problem.message}` : problem.message;
}

/** Base class; subclasses only name the kind of failure (the Kysely style of tiny error classes). */
export class FulcrumError extends Error {
  readonly code: string;
  readonly problems: readonly Problem[];

  constructor(code: string, message: string, problems: readonly Problem[] = []) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.problems = problems.length > 0 ? problems : [{ code, message }];
  }

  /** Human-readable text, one problem per line, each starting with its place. */
  describe(): string {
    return this.problems.map(formatProblem).join('\n');
  }
}

/** The input (a file, a CSV, a request body) is wrong; exit code 2, HTTP 400. */
export class InvalidInputError extends FulcrumError {
  constructor(problems: readonly Problem[] | string, code = 'invalid_input') {
    const list = typeof problems === 'string' ? [{ code, message: problems }] : problems;
    super(code, list.map(formatProblem).join('\n'), list);
  }
}

/** An instrument definition failed validation. */
export class InvalidInstrumentError extends InvalidInputError {
  constructor(problems: readonly Problem[]) {
    super(problems, 'invalid_instrument');
  }
}

/** Something named does not exist (an instrument id, an assessment). */
export class NotFoundError extends FulcrumError {
  constructor(what: string, id: string, hint?: string) {
    super('not_found', `${what} "${id}" was not found${hint ? ` (${hint})` : ''}`);
  }
}

/** No signed-in person where one is needed; HTTP 401. */
export class UnauthenticatedError extends FulcrumError {
  constructor(message = 'sign in to continue') {
    super('unauthenticated', message);
  }
}

/** The signed-in person may not do this; HTTP 403. `reason` is the policy's stable reason code. */
export class ForbiddenError extends FulcrumError {
  constructor(
    readonly reason: string,
    message = 'you are not allowed to do this',
  ) {
    super('forbidden', message);
  }
}

/** Too many attempts; try again after `retryAfterSeconds`. HTTP 429. */
export class RateLimitedError extends FulcrumError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `too many attempts; try again in ${retryAfterSeconds} s`);
  }
}

/** The request conflicts with the current state (an owner already exists, an email is taken); HTTP 409. */
export class ConflictError extends FulcrumError {
  constructor(message: string, code = 'conflict') {
    super(code, message);
  }
}
