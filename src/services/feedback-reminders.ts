import { type FeedbackDeps, FeedbackService } from './feedback.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Sends the scheduled reminders of every open 360° cycle to raters who have not finished (invited
 * or answering). A cycle's `reminderDays` (e.g. [3, 1]) are days before the deadline; at `now` the
 * most recent reminder that is due is sent once per rater (recorded in `feedback_reminders`), so
 * calling this every few minutes, or twice, sends nothing twice — and a late run sends one mail, not
 * a burst. Not a scheduler: a job runner calls it.
 *
 * @example
 * setInterval(() => sendFeedbackReminders({ store, mailer, baseUrl }, new Date()), 15 * 60_000);
 */
export async function sendFeedbackReminders(deps: FeedbackDeps, now: Date): Promise<{ sent: number }> {
  const service = new FeedbackService({ ...deps, now: () => now });
  let sent = 0;
  for (const cycle of await service.repo.openCycles()) {
    const deadline = new Date(cycle.deadline).getTime();
    if (deadline <= now.getTime()) continue;
    const due = cycle.config.reminderDays.filter((d) => now.getTime() >= deadline - d * DAY_MS);
    if (due.length === 0) continue;
    const key = String(Math.min(...due));
    for (const rater of await service.repo.unfinishedRaters(cycle.organizationId, cycle.id)) {
      if (await service.repo.recordReminder(cycle.organizationId, rater.id, key, now)) {
        await service.remind(cycle, rater);
        sent++;
      }
    }
  }
  return { sent };
}

/** Closes every open cycle whose deadline has passed; its reports become available. */
export async function closeDueCycles(deps: FeedbackDeps, now: Date): Promise<{ closed: number }> {
  const service = new FeedbackService({ ...deps, now: () => now });
  let closed = 0;
  for (const cycle of await service.repo.openCycles()) {
    if (new Date(cycle.deadline).getTime() > now.getTime()) continue;
    if (await service.repo.close(cycle.organizationId, cycle.id, 'deadline', now)) closed++;
  }
  return { closed };
}
