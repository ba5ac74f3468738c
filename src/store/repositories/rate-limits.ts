import { sql } from 'kysely';
import { fromTimestamp, toTimestamp } from '../codec.ts';
import type { Store } from '../database.ts';

export interface Bucket {
  count: number;
  lastAt: string;
}

/**
 * Fixed-window counters kept in the database, so every app server sees the same counts.
 * A bucket is (key, window start); `hit` increments it atomically with an upsert.
 */
export class RateLimitRepository {
  constructor(private readonly store: Store) {}

  async hit(key: string, windowStart: Date, now: Date): Promise<Bucket> {
    const at = toTimestamp(now);
    const row = await this.store.db
      .insertInto('rate_limit_buckets')
      .values({ key, window_start: toTimestamp(windowStart), count: 1, last_at: at })
      .onConflict((oc) =>
        oc.columns(['key', 'window_start']).doUpdateSet({
          count: sql<number>`rate_limit_buckets.count + 1`,
          last_at: at,
        }),
      )
      .returning(['count', 'last_at'])
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), lastAt: fromTimestamp(row.last_at) };
  }

  async get(key: string, windowStart: Date): Promise<Bucket | undefined> {
    const row = await this.store.db
      .selectFrom('rate_limit_buckets')
      .select(['count', 'last_at'])
      .where('key', '=', key)
      .where('window_start', '=', toTimestamp(windowStart))
      .executeTakeFirst();
    return row ? { count: Number(row.count), lastAt: fromTimestamp(row.last_at) } : undefined;
  }

  async clear(key: string): Promise<void> {
    await this.store.db.deleteFrom('rate_limit_buckets').where('key', '=', key).execute();
  }

  /** Drops buckets whose window started before `before` (housekeeping). */
  async deleteOlderThan(before: Date): Promise<number> {
    const result = await this.store.db
      .deleteFrom('rate_limit_buckets')
      .where('window_start', '<', toTimestamp(before))
      .where('key', 'not like', 'setup:%')
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
