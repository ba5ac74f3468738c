import { RateLimitedError } from '../../model/errors/index.ts';
import type { Store } from '../../store/database.ts';
import { RateLimitRepository } from '../../store/repositories/rate-limits.ts';

/**
 * A progressive throttle for one kind of key: the first `free` failures in a window cost nothing;
 * after that each attempt has to wait 2^(n − free) seconds after the last failure, up to `maxDelay`.
 */
export interface ThrottleRule {
  free: number;
  maxDelaySeconds: number;
}

const WINDOW_MS = 15 * 60 * 1000;

/**
 * Login throttling shared by every app server (the counters live in the database):
 *
 * - per IP address and account: 5 free failures, then a doubling delay up to 15 minutes — the tight
 *   limit, which a guesser from one place runs into;
 * - per IP address over all accounts: 50 free failures, doubling up to 15 minutes — one address
 *   spraying many accounts;
 * - per account over all addresses: 20 free failures, then a delay capped at 60 seconds — it slows
 *   a distributed attack on one account but can never lock the real person out for more than a minute.
 *
 * Unknown and known accounts are counted alike, so the throttle reveals nothing about who exists.
 * The delay is enforced by refusing early (HTTP 429 with Retry-After), not by holding connections.
 */
export const LOGIN_RULES = {
  pair: { free: 5, maxDelaySeconds: 15 * 60 },
  ip: { free: 50, maxDelaySeconds: 15 * 60 },
  account: { free: 20, maxDelaySeconds: 60 },
} satisfies Record<string, ThrottleRule>;

export function delaySeconds(failures: number, rule: ThrottleRule): number {
  if (failures < rule.free) return 0;
  return Math.min(2 ** (failures - rule.free), rule.maxDelaySeconds);
}

export class Throttle {
  private readonly buckets: RateLimitRepository;

  constructor(
    store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.buckets = new RateLimitRepository(store);
  }

  private windowStart(at: Date): Date {
    return new Date(Math.floor(at.getTime() / WINDOW_MS) * WINDOW_MS);
  }

  /** Seconds to wait before the next attempt for these keys (0 = go ahead). */
  async wait(keys: Array<[string, ThrottleRule]>): Promise<number> {
    const now = this.now();
    let wait = 0;
    for (const [key, rule] of keys) {
      const bucket = await this.buckets.get(key, this.windowStart(now));
      if (!bucket) continue;
      const until = new Date(bucket.lastAt).getTime() + delaySeconds(bucket.count, rule) * 1000;
      wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000));
    }
    return wait;
  }

  /** Throws RateLimitedError when any key still has to wait. */
  async check(keys: Array<[string, ThrottleRule]>): Promise<void> {
    const wait = await this.wait(keys);
    if (wait > 0) throw new RateLimitedError(wait);
  }

  async fail(keys: string[]): Promise<void> {
    const now = this.now();
    for (const key of keys) await this.buckets.hit(key, this.windowStart(now), now);
  }

  async clear(key: string): Promise<void> {
    await this.buckets.clear(key);
  }

  /**
   * A plain fixed-window limit (e.g. 5 password-reset mails per address per window): counts this
   * attempt and throws once more than `limit` were made in the window.
   */
  async consume(key: string, limit: number): Promise<void> {
    const now = this.now();
    const start = this.windowStart(now);
    const bucket = await this.buckets.hit(key, start, now);
    if (bucket.count > limit) {
      throw new RateLimitedError(Math.ceil((start.getTime() + WINDOW_MS - now.getTime()) / 1000));
    }
  }

  /** Housekeeping for a scheduler: forgets windows older than a day. */
  async prune(): Promise<number> {
    return this.buckets.deleteOlderThan(new Date(this.now().getTime() - 24 * 3600 * 1000));
  }

  /** The keys of one login attempt. */
  static loginKeys(ip: string, emailKey: string) {
    return {
      pair: `login:pair:${ip}|${emailKey}`,
      ip: `login:ip:${ip}`,
      account: `login:account:${emailKey}`,
    };
  }
}
