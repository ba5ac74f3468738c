import { fromNullableTimestamp, fromTimestamp, toTimestamp } from '../codec.ts';
import type { Store } from '../database.ts';

export interface ScheduledJobState {
  name: string;
  nextRunAt: string;
  leasedUntil: string | null;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastError: string | null;
}

/**
 * When each scheduled job is next due, with a lease so that app servers sharing the database never
 * run the same job at the same time: `claim` is one conditional UPDATE, which exactly one server wins.
 */
export class ScheduledJobRepository {
  constructor(private readonly store: Store) {}

  /** Registers a job (first due at `firstRunAt`); an existing row keeps its schedule. */
  async ensure(name: string, firstRunAt: Date): Promise<void> {
    await this.store.db
      .insertInto('scheduled_jobs')
      .values({ name, next_run_at: toTimestamp(firstRunAt), leased_until: null })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }

  /**
   * Takes the job when it is due and not leased by a live run: moves its next run to `nextRunAt` and
   * leases it until `leaseUntil`. True only for the one caller that won.
   */
  async claim(name: string, now: Date, nextRunAt: Date, leaseUntil: Date): Promise<boolean> {
    const at = toTimestamp(now);
    const result = await this.store.db
      .updateTable('scheduled_jobs')
      .set({
        next_run_at: toTimestamp(nextRunAt),
        leased_until: toTimestamp(leaseUntil),
        last_started_at: at,
      })
      .where('name', '=', name)
      .where('next_run_at', '<=', at)
      .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<=', at)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Ends a run: frees the lease and records the outcome (`error` null on success). */
  async finish(name: string, finishedAt: Date, error: string | null): Promise<void> {
    await this.store.db
      .updateTable('scheduled_jobs')
      .set({ leased_until: null, last_finished_at: toTimestamp(finishedAt), last_error: error })
      .where('name', '=', name)
      .execute();
  }

  async get(name: string): Promise<ScheduledJobState | undefined> {
    const row = await this.store.db
      .selectFrom('scheduled_jobs')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      name: row.name,
      nextRunAt: fromTimestamp(row.next_run_at),
      leasedUntil: fromNullableTimestamp(row.leased_until),
      lastStartedAt: fromNullableTimestamp(row.last_started_at),
      lastFinishedAt: fromNullableTimestamp(row.last_finished_at),
      lastError: row.last_error,
    };
  }
}
