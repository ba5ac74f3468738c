import { isMap, LineCounter, type Node, parseDocument } from 'yaml';
import { InvalidInputError, type Problem } from '../errors/index.ts';

export type Path = (string | number)[];

/**
 * Reads a YAML (or JSON) data file — an instrument, the practice library, the advisor rules, the
 * example situations — and reports every problem with `file:line:column` and what is allowed:
 * collect all problems, then throw once (sorted by place).
 *
 * @example
 * const reader = new DataFileReader(text, 'practices.yaml');
 * const root = reader.record(reader.root, [], 'a practice library');
 * const id = root && reader.string(root, ['id'], { pattern: SLUG, hint: SLUG_HINT });
 * reader.throwIfProblems();
 */
export class DataFileReader {
  readonly problems: Problem[] = [];
  readonly root: unknown;
  private readonly lineCounter = new LineCounter();
  private readonly doc;

  constructor(
    text: string,
    readonly file: string,
    /** The error code, or the error to throw, when there are problems. */
    private readonly error: string | ((problems: Problem[]) => Error) = 'invalid_data_file',
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lineCounter, prettyErrors: false, uniqueKeys: true });
    for (const error of this.doc.errors) {
      this.problems.push({
        code: 'syntax',
        message: `syntax error: ${error.message.split('\n')[0]}`,
        location: this.at(error.pos[0]),
      });
    }
    this.throwIfProblems();
    this.root = this.doc.toJS();
  }

  private at(offset: number) {
    const { line, col } = this.lineCounter.linePos(offset);
    return { kind: 'file' as const, file: this.file, line, column: col };
  }

  private nodeAt(path: Path): Node | undefined {
    for (let i = path.length; i >= 0; i--) {
      const node = i === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, i), true);
      if (node && typeof node === 'object' && 'range' in node && node.range) return node as Node;
    }
    return undefined;
  }

  /** `line:column` of the value at `path` (or of the nearest enclosing node). */
  position(path: Path): { line: number; column: number } {
    const { line, column } = this.at(this.nodeAt(path)?.range?.[0] ?? 0);
    return { line, column };
  }

  /** Records a problem at the value of `path`, or at its key when `keyNode` (e.g. an unknown field). */
  report(code: string, path: Path, message: string, keyNode = false): void {
    let node = this.nodeAt(path);
    if (keyNode && path.length > 0) {
      const parent = path.length === 1 ? this.doc.contents : this.doc.getIn(path.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => (p.key as { value?: unknown })?.value === path.at(-1));
        if (pair?.key && typeof pair.key === 'object' && 'range' in pair.key) node = pair.key as Node;
      }
    }
    this.problems.push({ code, message, location: this.at(node?.range?.[0] ?? 0) });
  }

  throwIfProblems(): void {
    if (this.problems.length === 0) return;
    const sorted = [...this.problems].sort(byPlace);
    throw typeof this.error === 'string' ? new InvalidInputError(sorted, this.error) : this.error(sorted);
  }

  /** Throws the problems recorded so far; for a code path that cannot go on (there must be one). */
  fail(): never {
    this.throwIfProblems();
    throw new Error('DataFileReader.fail() with no problem recorded');
  }

  record(value: unknown, path: Path, what: string): Record<string, unknown> | undefined {
    if (isRecord(value)) return value;
    this.report('not_a_mapping', path, `${what} must be a mapping, got ${typeName(value)}`);
    return undefined;
  }

  unknownFields(obj: Record<string, unknown>, path: Path, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key))
        this.report(
          'unknown_field',
          [...path, key],
          `unknown field "${key}"; allowed: ${allowed.join(', ')}`,
          true,
        );
    }
  }

  private missing(path: Path, what: string): undefined {
    this.report('missing_field', path.slice(0, -1), `missing field "${String(path.at(-1))}" (${what})`);
    return undefined;
  }

  string(
    obj: Record<string, unknown>,
    path: Path,
    opts: {
      optional?: boolean;
      pattern?: RegExp;
      hint?: string;
      what?: string;
      acceptNumbers?: boolean;
    } = {},
  ): string | undefined {
    const raw = obj[String(path.at(-1))];
    if (raw === undefined || raw === null)
      return opts.optional ? undefined : this.missing(path, opts.what ?? 'non-empty text');
    // `id: 7` or `version: 1.0` in YAML are numbers; where a field is free text, take them as written
    const value = opts.acceptNumbers && typeof raw === 'number' ? String(raw) : raw;
    if (typeof value !== 'string') {
      this.report('wrong_type', path, `"${String(path.at(-1))}" must be text, got ${typeName(value)}`);
      return undefined;
    }
    if (value.trim() === '') {
      this.report(
        'empty',
        path,
        `"${String(path.at(-1))}" must not be empty (${opts.what ?? 'non-empty text'})`,
      );
      return undefined;
    }
    if (opts.pattern && !opts.pattern.test(value)) {
      this.report(
        'bad_format',
        path,
        `"${value}" is not a valid ${String(path.at(-1))}; allowed: ${opts.hint}`,
      );
      return undefined;
    }
    return value.trim();
  }

  number(
    obj: Record<string, unknown>,
    path: Path,
    opts: { min?: number; max?: number; integer?: boolean; optional?: boolean } = {},
  ): number | undefined {
    const value = obj[String(path.at(-1))];
    const { min = -Infinity, max = Infinity } = opts;
    const range =
      min > -Infinity && max < Infinity
        ? ` from ${min} to ${max}`
        : min > -Infinity
          ? ` of at least ${min}`
          : max < Infinity
            ? ` of at most ${max}`
            : '';
    const what = `${opts.integer ? 'a whole number' : 'a number'}${range}`;
    if (value === undefined) return opts.optional ? undefined : this.missing(path, what);
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      (opts.integer && !Number.isInteger(value)) ||
      value < min ||
      value > max
    ) {
      this.report('bad_number', path, `"${String(path.at(-1))}" must be ${what}, got ${typeName(value)}`);
      return undefined;
    }
    return value;
  }

  boolean(obj: Record<string, unknown>, path: Path, fallback: boolean): boolean {
    const value = obj[String(path.at(-1))];
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') {
      this.report(
        'wrong_type',
        path,
        `"${String(path.at(-1))}" must be true or false, got ${typeName(value)}`,
      );
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(obj: Record<string, unknown>, path: Path, allowed: readonly T[]): T | undefined {
    const value = obj[String(path.at(-1))];
    if (value === undefined) return this.missing(path, `one of ${allowed.join(', ')}`);
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      this.report(
        'not_allowed',
        path,
        `"${String(path.at(-1))}" is ${typeName(value)}; allowed: ${allowed.join(', ')}`,
      );
      return undefined;
    }
    return value as T;
  }

  list(obj: Record<string, unknown>, path: Path, opts: { optional?: boolean } = {}): unknown[] {
    const value = obj[String(path.at(-1))];
    if (value === undefined) {
      if (!opts.optional) this.missing(path, 'a non-empty list');
      return [];
    }
    if (!Array.isArray(value)) {
      this.report('wrong_type', path, `"${String(path.at(-1))}" must be a list, got ${typeName(value)}`);
      return [];
    }
    if (value.length === 0 && !opts.optional)
      this.report('empty', path, `"${String(path.at(-1))}" must not be empty`);
    return value;
  }
}

/** Ids in data files: lower-case words joined by "-", e.g. `deadline`, `people-one-to-ones`. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_HINT = 'lower-case letters and digits joined by "-", e.g. "weekly-one-to-ones"';

function byPlace(a: Problem, b: Problem): number {
  const la = a.location?.kind === 'file' ? a.location : { line: 0, column: 0 };
  const lb = b.location?.kind === 'file' ? b.location : { line: 0, column: 0 };
  return la.line - lb.line || la.column - lb.column;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
}
