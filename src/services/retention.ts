import { InvalidInputError } from '../model/errors/index.ts';
import type { Store } from '../store/database.ts';
import { OrganizationRepository } from '../store/repositories/accounts.ts';
import { AssessmentOwnerRepository } from '../store/repositories/assessment-owners.ts';
import { AuthTokenRepository } from '../store/repositories/auth-tokens.ts';
import { FeedbackRepository } from '../store/repositories/feedback.ts';
import { RateLimitRepository } from '../store/repositories/rate-limits.ts';
import { SessionRepository } from '../store/repositories/sessions.ts';
import { DEFAULT_SESSION_POLICY } from './auth/sessions.ts';

export interface PurgeReport {
  /** Assessments deleted per organisation (only organisations with a retention period). */
  assessments: Record<string, number>;
  /** Closed 360° cycles deleted per organisation, with all their answers and comments. */
  feedbackCycles: Record<string, number>;
  /** Anonymous assessments nobody claimed, deleted after `anonymousRetentionDays`. */
  unclaimedAssessments: number;
  sessions: number;
  tokens: number;
  rateLimitBuckets: number;
}

/**
 * The retention purge, for a scheduler to call (e.g. hourly): deletes each organisation's assessment
 * data (assessments and their answers) not touched for longer than its `retentionDays` and its 360°
 * cycles closed longer ago than that (raters, answers, comments with them), anonymous
 * assessments nobody claimed after `anonymousRetentionDays` (when given; `ANONYMOUS_RETENTION_DAYS`),
 * and expired sessions, tokens and rate-limit windows. Idempotent; safe to run on several servers.
 */
export async function purgeExpiredData(
  store: Store,
  options: { now?: Date; anonymousRetentionDays?: number | undefined } = {},
): Promise<PurgeReport> {
  const now = options.now ?? new Date();
  const day = 86_400_000;
  const organizations = new OrganizationRepository(store);
  const owners = new AssessmentOwnerRepository(store);
  const feedback = new FeedbackRepository(store);
  const report: PurgeReport = {
    assessments: {},
    feedbackCycles: {},
    unclaimedAssessments: 0,
    sessions: 0,
    tokens: 0,
    rateLimitBuckets: 0,
  };
  for (const id of await organizations.listIds()) {
    const organization = await organizations.get(id);
    const days = organization?.settings.retentionDays;
    if (!days) continue;
    const before = new Date(now.getTime() - days * day);
    report.assessments[id] = await owners.purgeOlderThan(id, before);
    report.feedbackCycles[id] = await feedback.purgeClosedBefore(id, before);
  }
  if (options.anonymousRetentionDays) {
    report.unclaimedAssessments = await owners.purgeUnclaimedOlderThan(
      new Date(now.getTime() - options.anonymousRetentionDays * day),
    );
  }
  report.sessions = await new SessionRepository(store).deleteExpired(
    now,
    new Date(now.getTime() - DEFAULT_SESSION_POLICY.idleMinutes * 60_000),
  );
  report.tokens = await new AuthTokenRepository(store).deleteExpired(now);
  report.rateLimitBuckets = await new RateLimitRepository(store).deleteOlderThan(
    new Date(now.getTime() - day),
  );
  return report;
}

/** `ANONYMOUS_RETENTION_DAYS`: unset, or a positive whole number of days (bad input otherwise). */
export function anonymousRetentionDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.ANONYMOUS_RETENTION_DAYS;
  if (raw === undefined || raw === '') return undefined;
  const days = Number(raw);
  if (!(Number.isInteger(days) && days > 0)) {
    throw new InvalidInputError('ANONYMOUS_RETENTION_DAYS must be a positive whole number of days');
  }
  return days;
}
