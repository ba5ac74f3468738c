import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { RateLimitedError } from '../model/errors/index.ts';
import type { Store } from '../store/database.ts';
import { RateLimitRepository } from '../store/repositories/rate-limits.ts';

export interface RateLimitOptions {
  store: Store;
  /** Bucket name, e.g. `start-assessment`. */
  name: string;
  /** Requests allowed per key in each window. */
  limit: number;
  windowMs: number;
  /** The key to count by (e.g. the client address); `undefined` lets the request through uncounted. */
  keyOf: (request: FastifyRequest) => string | undefined;
  now?: () => Date;
}

/**
 * A fixed-window request limit whose counters live in the database (shared by every app server):
 * the request that goes over the limit gets 429 with `Retry-After` (seconds to the next window).
 *
 * @example
 * app.post('/api/assessments', {
 *   preHandler: rateLimit({ store, name: 'start-assessment', limit: 200, windowMs: 900_000, keyOf: (r) => r.ip }),
 * }, handler);
 */
export function rateLimit(options: RateLimitOptions): preHandlerAsyncHookHandler {
  const buckets = new RateLimitRepository(options.store);
  const clock = options.now ?? (() => new Date());
  return async (request) => {
    const key = options.keyOf(request);
    if (key === undefined) return;
    const now = clock();
    const windowStart = Math.floor(now.getTime() / options.windowMs) * options.windowMs;
    const { count } = await buckets.hit(`${options.name}:${key}`, new Date(windowStart), now);
    if (count > options.limit) {
      throw new RateLimitedError(
        Math.max(1, Math.ceil((windowStart + options.windowMs - now.getTime()) / 1000)),
      );
    }
  };
}
