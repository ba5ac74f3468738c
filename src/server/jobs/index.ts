import { anonymousRetentionDaysFromEnv, purgeExpiredData } from '../../services/retention.ts';
import type { Store } from '../../store/database.ts';
import type { ScheduledJob } from './scheduler.ts';

export { createScheduler, type JobRun, type ScheduledJob, type Scheduler } from './scheduler.ts';

const HOUR = 3_600_000;

/**
 * The jobs an app server runs: the retention purge every hour (each organisation's retention setting,
 * `ANONYMOUS_RETENTION_DAYS`, expired sessions and links). `FULCRUM_JOBS=off` turns the scheduler off,
 * e.g. when `fulcrum admin purge` runs from cron instead.
 */
export function serverJobs(store: Store, env: NodeJS.ProcessEnv = process.env): ScheduledJob[] {
  const anonymousRetentionDays = anonymousRetentionDaysFromEnv(env);
  return [
    {
      name: 'retention-purge',
      everyMs: HOUR,
      run: (now) => purgeExpiredData(store, { now, anonymousRetentionDays }),
    },
  ];
}

/** False when `FULCRUM_JOBS` is `off` (or `0`, `false`). */
export function jobsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !['off', '0', 'false'].includes((env.FULCRUM_JOBS ?? '').toLowerCase());
}
