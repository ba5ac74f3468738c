import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FulcrumError, InvalidInputError, NotFoundError } from '../model/errors/index.ts';
import { accountErrorStatus } from './auth/errors.ts';

export interface ErrorProblem {
  path: string;
  code: string;
  message: string;
}

export interface ErrorPayload {
  error: { code: string; message: string; problems: ErrorProblem[] };
}

function payload(code: string, message: string, problems: ErrorProblem[] = []): ErrorPayload {
  return { error: { code, message, problems } };
}

/** `/value` → `value`, `/answers/2` → `answers.2`; a whole-part error names the part (`body`, `params`). */
function fieldPath(instancePath: string | undefined, context: string | undefined, property?: string): string {
  const parts = (instancePath ?? '').split('/').filter(Boolean);
  if (property) parts.push(property);
  if (parts.length > 0) return parts.join('.');
  return context ?? 'body';
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/**
 * Schema-validation issues as one problem per field, in words: a missing field is "required", an
 * unexpected one "is not accepted", and the branches of a union are joined ("must be integer or null").
 */
export function validationProblems(issues: readonly ValidationIssue[], context?: string): ErrorProblem[] {
  const byPath = new Map<string, { messages: string[]; union: boolean }>();
  const add = (path: string, message: string, union = false) => {
    const entry = byPath.get(path) ?? { messages: [], union: false };
    if (message && !entry.messages.includes(message)) entry.messages.push(message);
    entry.union ||= union;
    byPath.set(path, entry);
  };
  for (const issue of issues) {
    const params = issue.params ?? {};
    if (issue.keyword === 'boolean') continue; // reported again as additionalProperties
    if (issue.keyword === 'required' || typeof params.missingProperty === 'string') {
      const names = (params.requiredProperties as string[] | undefined) ?? [String(params.missingProperty)];
      for (const name of names) add(fieldPath(issue.instancePath, context, name), 'is required');
    } else if (issue.keyword === 'additionalProperties') {
      const names = (params.additionalProperties as string[] | undefined) ?? [
        String(params.additionalProperty),
      ];
      for (const name of names) add(fieldPath(issue.instancePath, context, name), 'is not an accepted field');
    } else if (issue.keyword === 'anyOf') {
      add(fieldPath(issue.instancePath, context), '', true);
    } else {
      add(fieldPath(issue.instancePath, context), issue.message ?? 'is invalid');
    }
  }
  return [...byPath].map(([path, { messages, union }]) => {
    const text =
      union && messages.every((m) => m.startsWith('must be '))
        ? `must be ${messages.map((m) => m.slice('must be '.length)).join(' or ')}`
        : messages.join('; ') || 'is invalid';
    return { path, code: 'schema', message: `${path} ${text}` };
  });
}

/**
 * Maps every failure to `{ error: { code, message, problems: [{ path, code, message }] } }`:
 * invalid input and schema violations → 400 naming the field, unknown things → 404, an oversized body
 * → 413. Anything unexpected is logged in full and answered with a bare 500: no stack trace or SQL
 * ever reaches the client.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error.validation) {
      const problems = validationProblems(error.validation as ValidationIssue[], error.validationContext);
      return reply
        .status(400)
        .send(payload('invalid_input', problems.map((p) => p.message).join('; '), problems));
    }
    if (error instanceof InvalidInputError) {
      const problems = error.problems.map((p) => ({
        path: p.location?.kind === 'json' ? p.location.path : 'body',
        code: p.code,
        message: p.message,
      }));
      return reply.status(400).send(payload(error.code, error.message, problems));
    }
    if (error instanceof NotFoundError) {
      return reply.status(404).send(payload(error.code, error.message));
    }
    const account = error instanceof FulcrumError ? accountErrorStatus(error) : undefined;
    if (account) {
      const hidden = account.status === 404;
      return reply
        .status(account.status)
        .headers(account.headers ?? {})
        .send(
          hidden ? payload('not_found', 'not found') : payload((error as FulcrumError).code, error.message),
        );
    }
    if (error instanceof FulcrumError) {
      request.log.error({ err: error }, 'domain error');
      return reply.status(500).send(payload(error.code, 'The server could not complete the request.'));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code =
        error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? 'body_too_large'
          : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? 'unsupported_media_type'
            : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
              ? 'invalid_json'
              : error instanceof SyntaxError
                ? 'invalid_json'
                : 'bad_request';
      const message =
        code === 'invalid_json'
          ? 'The request body is not valid JSON.'
          : code === 'body_too_large'
            ? 'The request body is too large.'
            : error.message;
      return reply.status(status).send(payload(code, message, [{ path: 'body', code, message }]));
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send(payload('internal', 'The server could not complete the request.'));
  });
}

/** Unknown API routes get a JSON 404; other GETs go to `fallback` (the browser app) when there is one. */
export function registerNotFound(
  app: FastifyInstance,
  options: { fallback?: (request: FastifyRequest, reply: FastifyReply) => unknown } = {},
): void {
  app.setNotFoundHandler((request, reply) => {
    if (options.fallback && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return options.fallback(request, reply);
    }
    return reply
      .status(404)
      .send(payload('not_found', `no route ${request.method} ${request.url.split('?')[0]}`));
  });
}
