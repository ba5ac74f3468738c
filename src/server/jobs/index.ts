import { mailFromEnv } from '../../services/auth/index.ts';
import { closeDueCycles, sendFeedbackReminders } from '../../services/feedback-reminders.ts';
import { PlanService } from '../../services/plans.ts';
import { anonymousRetentionDaysFromEnv, purgeExpiredData } from '../../services/retention.ts';
import type { Store } from '../../store/database.ts';
import type { ScheduledJob } from './scheduler.ts';

export { createScheduler, type JobRun, type ScheduledJob, type Scheduler } from './scheduler.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The jobs an app server runs:
 * - `retention-purge` every hour (each organisation's retention setting, `ANONYMOUS_RETENTION_DAYS`,
 *   expired sessions and links);
 * - `feedback-close-due` every 5 minutes: 360° cycles whose deadline has passed are closed;
 * - `feedback-reminders` every 15 minutes: each cycle's scheduled reminders to raters who have not finished;
 * - `plan-reminders` every hour: check-ins and re-assessments that are due.
 * Reminders are recorded before they are sent, so no run sends one twice. `FULCRUM_JOBS=off` turns the
 * scheduler off, e.g. when `fulcrum admin purge` runs from cron instead.
 */
export function serverJobs(store: Store, env: NodeJS.ProcessEnv = process.env): ScheduledJob[] {
  const anonymousRetentionDays = anonymousRetentionDaysFromEnv(env);
  const mail = mailFromEnv(store, env);
  return [
    {
      name: 'retention-purge',
      everyMs: HOUR,
      run: (now) => purgeExpiredData(store, { now, anonymousRetentionDays }),
    },
    {
      name: 'feedback-close-due',
      everyMs: 5 * MINUTE,
      run: (now) => closeDueCycles({ store, ...mail }, now),
    },
    {
      name: 'feedback-reminders',
      everyMs: 15 * MINUTE,
      run: (now) => sendFeedbackReminders({ store, ...mail }, now),
    },
    {
      name: 'plan-reminders',
      everyMs: HOUR,
      run: (now) => new PlanService({ store, ...mail, now: () => now }).sendReminders(now),
    },
  ];
}

/** False when `FULCRUM_JOBS` is `off` (or `0`, `false`). */
export function jobsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !['off', '0', 'false'].includes((env.FULCRUM_JOBS ?? '').toLowerCase());
}
