import { randomUUID } from 'node:crypto';
import type { RaterSubmission, RatingValue } from '../../model/feedback/aggregate.ts';
import type { RaterGroup } from '../../model/feedback/report.ts';
import {
  fromBool,
  fromJson,
  fromNullableTimestamp,
  fromTimestamp,
  toBool,
  toJson,
  toTimestamp,
} from '../codec.ts';
import type { Store } from '../database.ts';
import { emailKey } from './accounts.ts';

/**
 * 360° feedback storage. Every query is scoped by organisation id. No method here returns one
 * rater's answers to anyone but that rater: `ownAnswers` is reached only through the rater's own
 * private link, and `submissionsForReport` feeds only the anonymity-aware aggregation in the
 * report service (submitted forms, without names or e-mail addresses).
 */

export type OtherRaterGroup = Exclude<RaterGroup, 'self'>;

export interface CycleConfig {
  /** Invited groups with their minimum and maximum number of raters. */
  groups: Partial<Record<OtherRaterGroup, { min: number; max: number }>>;
  /** The subject rates themselves too. */
  includeSelf: boolean;
  threshold: number;
  commentThreshold: number;
  managerShownSeparately: boolean;
  /** Reminders go this many days before the deadline to raters who have not finished. */
  reminderDays: number[];
  /** Up to two open questions. */
  questions: { id: string; text: string }[];
}

export interface Cycle {
  id: string;
  organizationId: string;
  title: string;
  instrumentId: string;
  instrumentVersion: string;
  form: 'short' | 'full';
  config: CycleConfig;
  deadline: string;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
  closeReason: 'hand' | 'deadline' | 'released' | null;
}

export interface Subject {
  id: string;
  organizationId: string;
  cycleId: string;
  userId: string;
}

export type RaterStatus = 'pending' | 'invited' | 'in_progress' | 'submitted' | 'declined';

export interface Rater {
  id: string;
  organizationId: string;
  cycleId: string;
  subjectId: string;
  group: RaterGroup;
  email: string;
  name: string;
  status: RaterStatus;
  identifiable: boolean;
  nominatedBy: string;
}

type CycleRow = {
  id: string;
  organization_id: string;
  title: string;
  instrument_id: string;
  instrument_version: string;
  form: string;
  config: unknown;
  deadline: Date | string;
  created_by: string;
  created_at: Date | string;
  closed_at: Date | string | null;
  close_reason: string | null;
};

function toCycle(row: CycleRow): Cycle {
  return {
    id: row.id,
    organizationId: row.organization_id,
    title: row.title,
    instrumentId: row.instrument_id,
    instrumentVersion: row.instrument_version,
    form: row.form as Cycle['form'],
    config: fromJson<CycleConfig>(row.config),
    deadline: fromTimestamp(row.deadline),
    createdBy: row.created_by,
    createdAt: fromTimestamp(row.created_at),
    closedAt: fromNullableTimestamp(row.closed_at),
    closeReason: row.close_reason as Cycle['closeReason'],
  };
}

const RATER_COLUMNS = [
  'id',
  'organization_id',
  'cycle_id',
  'subject_id',
  'rater_group',
  'email',
  'name',
  'status',
  'identifiable',
  'nominated_by',
] as const;

function toRater(row: {
  id: string;
  organization_id: string;
  cycle_id: string;
  subject_id: string;
  rater_group: string;
  email: string;
  name: string;
  status: string;
  identifiable: boolean | number;
  nominated_by: string;
}): Rater {
  return {
    id: row.id,
    organizationId: row.organization_id,
    cycleId: row.cycle_id,
    subjectId: row.subject_id,
    group: row.rater_group as RaterGroup,
    email: row.email,
    name: row.name,
    status: row.status as RaterStatus,
    identifiable: fromBool(row.identifiable),
    nominatedBy: row.nominated_by,
  };
}

/** Statuses of a rater who may still answer. */
const ANSWERING = ['invited', 'in_progress'] as const;

export class FeedbackRepository {
  constructor(private readonly store: Store) {}

  private get db() {
    return this.store.db;
  }

  /** A cycle and its subjects, in one transaction. */
  async createCycle(
    input: Omit<Cycle, 'id' | 'createdAt' | 'closedAt' | 'closeReason'>,
    subjectUserIds: readonly string[],
  ): Promise<{ cycle: Cycle; subjects: Subject[] }> {
    const now = toTimestamp();
    const cycle: Cycle = { ...input, id: randomUUID(), createdAt: now, closedAt: null, closeReason: null };
    const subjects: Subject[] = subjectUserIds.map((userId) => ({
      id: randomUUID(),
      organizationId: input.organizationId,
      cycleId: cycle.id,
      userId,
    }));
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('feedback_cycles')
        .values({
          id: cycle.id,
          organization_id: cycle.organizationId,
          title: cycle.title,
          instrument_id: cycle.instrumentId,
          instrument_version: cycle.instrumentVersion,
          form: cycle.form,
          config: toJson(cycle.config),
          deadline: cycle.deadline,
          created_by: cycle.createdBy,
          created_at: now,
        })
        .execute();
      for (const s of subjects) {
        await tx
          .insertInto('feedback_subjects')
          .values({
            id: s.id,
            organization_id: s.organizationId,
            cycle_id: s.cycleId,
            user_id: s.userId,
            created_at: now,
          })
          .execute();
      }
    });
    return { cycle, subjects };
  }

  async cycle(organizationId: string, cycleId: string): Promise<Cycle | undefined> {
    const row = await this.db
      .selectFrom('feedback_cycles')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('id', '=', cycleId)
      .executeTakeFirst();
    return row && toCycle(row);
  }

  /** Cycles of the organisation, newest first; only those opened by `createdBy` when given. */
  async cycles(organizationId: string, createdBy?: string): Promise<Cycle[]> {
    let query = this.db
      .selectFrom('feedback_cycles')
      .selectAll()
      .where('organization_id', '=', organizationId);
    if (createdBy) query = query.where('created_by', '=', createdBy);
    return (await query.orderBy('created_at', 'desc').execute()).map(toCycle);
  }

  async subjects(organizationId: string, cycleId: string): Promise<Subject[]> {
    const rows = await this.db
      .selectFrom('feedback_subjects')
      .select(['id', 'organization_id', 'cycle_id', 'user_id'])
      .where('organization_id', '=', organizationId)
      .where('cycle_id', '=', cycleId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      organizationId: r.organization_id,
      cycleId: r.cycle_id,
      userId: r.user_id,
    }));
  }

  /** The cycles a person is the subject of, with their subject ids. */
  async subjectsOfUser(
    organizationId: string,
    userId: string,
  ): Promise<{ subject: Subject; cycle: Cycle }[]> {
    const rows = await this.db
      .selectFrom('feedback_subjects as s')
      .innerJoin('feedback_cycles as c', 'c.id', 's.cycle_id')
      .selectAll('c')
      .select(['s.id as subject_id', 's.user_id as subject_user_id'])
      .where('s.organization_id', '=', organizationId)
      .where('c.organization_id', '=', organizationId)
      .where('s.user_id', '=', userId)
      .orderBy('c.created_at', 'desc')
      .execute();
    return rows.map((r) => ({
      cycle: toCycle(r),
      subject: { id: r.subject_id, organizationId, cycleId: r.id, userId: r.subject_user_id },
    }));
  }

  async addRater(input: Omit<Rater, 'id'>): Promise<Rater> {
    const rater: Rater = { ...input, email: input.email.trim(), id: randomUUID() };
    await this.db
      .insertInto('feedback_raters')
      .values({
        id: rater.id,
        organization_id: rater.organizationId,
        cycle_id: rater.cycleId,
        subject_id: rater.subjectId,
        rater_group: rater.group,
        email: rater.email,
        email_key: emailKey(rater.email),
        name: rater.name,
        status: rater.status,
        identifiable: toBool(this.store.dialect, rater.identifiable),
        nominated_by: rater.nominatedBy,
        created_at: toTimestamp(),
      })
      .execute();
    return rater;
  }

  /** Nominations for a subject: who was asked, in which group, and whether approved — never their answers. */
  async raters(organizationId: string, subjectId: string): Promise<Rater[]> {
    const rows = await this.db
      .selectFrom('feedback_raters')
      .select(RATER_COLUMNS)
      .where('organization_id', '=', organizationId)
      .where('subject_id', '=', subjectId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toRater);
  }

  async rater(organizationId: string, raterId: string): Promise<Rater | undefined> {
    const row = await this.db
      .selectFrom('feedback_raters')
      .select(RATER_COLUMNS)
      .where('organization_id', '=', organizationId)
      .where('id', '=', raterId)
      .executeTakeFirst();
    return row && toRater(row);
  }

  /** Approves a pending nomination (a subject's own); false when it was not pending. */
  async approve(organizationId: string, raterId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('feedback_raters')
      .set({ status: 'invited' })
      .where('organization_id', '=', organizationId)
      .where('id', '=', raterId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async addLink(
    organizationId: string,
    raterId: string,
    tokenHash: string,
    expiresAt: string,
  ): Promise<void> {
    await this.db
      .insertInto('feedback_links')
      .values({
        token_hash: tokenHash,
        organization_id: organizationId,
        rater_id: raterId,
        expires_at: expiresAt,
        created_at: toTimestamp(),
      })
      .execute();
  }

  /** The rater behind a private link that has not expired, with their cycle. */
  async raterByToken(tokenHash: string, now: Date): Promise<{ rater: Rater; cycle: Cycle } | undefined> {
    const link = await this.db
      .selectFrom('feedback_links')
      .select(['organization_id', 'rater_id', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!link || new Date(fromTimestamp(link.expires_at)).getTime() <= now.getTime()) return undefined;
    const rater = await this.rater(link.organization_id, link.rater_id);
    const cycle = rater && (await this.cycle(link.organization_id, rater.cycleId));
    return rater && cycle ? { rater, cycle } : undefined;
  }

  /** A rater's own answers and open answers — for that rater only, through their private link. */
  async ownAnswers(
    organizationId: string,
    raterId: string,
  ): Promise<{ answers: Record<string, RatingValue>; comments: Record<string, string> }> {
    const answers: Record<string, RatingValue> = {};
    const comments: Record<string, string> = {};
    const rows = await this.db
      .selectFrom('feedback_answers')
      .select(['item_id', 'value'])
      .where('organization_id', '=', organizationId)
      .where('rater_id', '=', raterId)
      .execute();
    for (const r of rows) answers[r.item_id] = r.value === null ? 'not-observed' : Number(r.value);
    const texts = await this.db
      .selectFrom('feedback_comments')
      .select(['question_id', 'text'])
      .where('organization_id', '=', organizationId)
      .where('rater_id', '=', raterId)
      .execute();
    for (const t of texts) comments[t.question_id] = t.text;
    return { answers, comments };
  }

  /** Marks a rater as answering; false when they can no longer answer (submitted, declined, pending). */
  private async startAnswering(organizationId: string, raterId: string): Promise<boolean> {
    await this.db
      .updateTable('feedback_raters')
      .set({ status: 'in_progress' })
      .where('organization_id', '=', organizationId)
      .where('id', '=', raterId)
      .where('status', '=', 'invited')
      .execute();
    const row = await this.db
      .selectFrom('feedback_raters')
      .select('status')
      .where('organization_id', '=', organizationId)
      .where('id', '=', raterId)
      .executeTakeFirst();
    return row?.status === 'in_progress';
  }

  /** Autosave of one answer (null: not observed) as an upsert; false when the rater can no longer answer. */
  async saveAnswer(
    organizationId: string,
    raterId: string,
    itemId: string,
    value: number | null,
  ): Promise<boolean> {
    if (!(await this.startAnswering(organizationId, raterId))) return false;
    const now = toTimestamp();
    await this.db
      .insertInto('feedback_answers')
      .values({
        organization_id: organizationId,
        rater_id: raterId,
        item_id: itemId,
        value,
        answered_at: now,
      })
      .onConflict((oc) => oc.columns(['rater_id', 'item_id']).doUpdateSet({ value, answered_at: now }))
      .execute();
    return true;
  }

  async saveComment(
    organizationId: string,
    raterId: string,
    questionId: string,
    text: string,
  ): Promise<boolean> {
    if (!(await this.startAnswering(organizationId, raterId))) return false;
    const now = toTimestamp();
    await this.db
      .insertInto('feedback_comments')
      .values({
        organization_id: organizationId,
        rater_id: raterId,
        question_id: questionId,
        text,
        answered_at: now,
      })
      .onConflict((oc) => oc.columns(['rater_id', 'question_id']).doUpdateSet({ text, answered_at: now }))
      .execute();
    return true;
  }

  /** Declines (their partial answers are deleted); false when already submitted. */
  async decline(organizationId: string, raterId: string, reason: string | null): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const result = await tx
        .updateTable('feedback_raters')
        .set({ status: 'declined', decline_reason: reason })
        .where('organization_id', '=', organizationId)
        .where('id', '=', raterId)
        .where('status', 'in', [...ANSWERING, 'declined'])
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await tx.deleteFrom('feedback_answers').where('rater_id', '=', raterId).execute();
      await tx.deleteFrom('feedback_comments').where('rater_id', '=', raterId).execute();
      return true;
    });
  }

  /**
   * Submits once: the idempotency key is recorded and the rater moves to `submitted` only from an
   * answering state, so a retried or doubled request changes nothing more. Returns the rater's
   * status afterwards and when they submitted.
   */
  async submit(
    organizationId: string,
    raterId: string,
    idempotencyKey: string,
  ): Promise<{ status: RaterStatus; submittedAt: string | null }> {
    const now = toTimestamp();
    await this.db
      .insertInto('feedback_submit_keys')
      .values({
        organization_id: organizationId,
        rater_id: raterId,
        idempotency_key: idempotencyKey,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['rater_id', 'idempotency_key']).doNothing())
      .execute();
    await this.db
      .updateTable('feedback_raters')
      .set({ status: 'submitted', submitted_at: now })
      .where('organization_id', '=', organizationId)
      .where('id', '=', raterId)
      .where('status', 'in', ANSWERING)
      .execute();
    const row = await this.db
      .selectFrom('feedback_raters')
      .select(['status', 'submitted_at'])
      .where('organization_id', '=', organizationId)
      .where('id', '=', raterId)
      .executeTakeFirstOrThrow();
    return { status: row.status as RaterStatus, submittedAt: fromNullableTimestamp(row.submitted_at) };
  }

  /** Counts per subject, group and status — what the cycle owner sees as progress. */
  async progress(
    organizationId: string,
    cycleId: string,
  ): Promise<{ subjectId: string; group: RaterGroup; status: RaterStatus; count: number }[]> {
    const rows = await this.db
      .selectFrom('feedback_raters')
      .select(['subject_id', 'rater_group', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('organization_id', '=', organizationId)
      .where('cycle_id', '=', cycleId)
      .groupBy(['subject_id', 'rater_group', 'status'])
      .execute();
    return rows.map((r) => ({
      subjectId: r.subject_id,
      group: r.rater_group as RaterGroup,
      status: r.status as RaterStatus,
      count: Number(r.n),
    }));
  }

  /** Open requests (invited or answering, in cycles not closed) per e-mail address in the organisation. */
  async openRequests(organizationId: string, emails: readonly string[]): Promise<Map<string, number>> {
    const keys = [...new Set(emails.map(emailKey))];
    const counts = new Map(keys.map((k) => [k, 0]));
    if (keys.length === 0) return counts;
    const rows = await this.db
      .selectFrom('feedback_raters as r')
      .innerJoin('feedback_cycles as c', 'c.id', 'r.cycle_id')
      .select(['r.email_key', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('r.organization_id', '=', organizationId)
      .where('c.organization_id', '=', organizationId)
      .where('r.email_key', 'in', keys)
      .where('r.status', 'in', ['pending', ...ANSWERING])
      .where('c.closed_at', 'is', null)
      .groupBy('r.email_key')
      .execute();
    for (const r of rows) counts.set(r.email_key, Number(r.n));
    return counts;
  }

  /** Closes a cycle once; false when it was already closed. */
  async close(organizationId: string, cycleId: string, reason: 'hand' | 'deadline' | 'released', at: Date) {
    const result = await this.db
      .updateTable('feedback_cycles')
      .set({ closed_at: toTimestamp(at), close_reason: reason })
      .where('organization_id', '=', organizationId)
      .where('id', '=', cycleId)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  // ── retention, export and erasure ────────────────────────────────────────────────────────

  /**
   * Deletes the cycles of an organisation closed before `before`, with everything in them (subjects,
   * raters, links, answers, comments); returns how many cycles. Open cycles are never purged.
   */
  async purgeClosedBefore(organizationId: string, before: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('feedback_cycles')
      .where('organization_id', '=', organizationId)
      .where('closed_at', 'is not', null)
      .where('closed_at', '<', toTimestamp(before))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Erasure of a subject: the feedback about them goes (subjects, raters, answers, comments). */
  async deleteSubjectsOf(organizationId: string, userId: string): Promise<number> {
    const result = await this.db
      .deleteFrom('feedback_subjects')
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /**
   * Erasure of a rater's identity: their name and e-mail address are removed from every request sent
   * to them; unfinished requests are declined and their links stop working. Submitted answers stay,
   * without anyone's name, in the reports they belong to (they are part of someone else's report).
   */
  async forgetRater(organizationId: string, email: string): Promise<number> {
    const key = emailKey(email);
    return this.db.transaction().execute(async (tx) => {
      const ids = (
        await tx
          .selectFrom('feedback_raters')
          .select('id')
          .where('organization_id', '=', organizationId)
          .where('email_key', '=', key)
          .execute()
      ).map((r) => r.id);
      if (ids.length === 0) return 0;
      await tx
        .deleteFrom('feedback_links')
        .where('organization_id', '=', organizationId)
        .where('rater_id', 'in', ids)
        .execute();
      await tx
        .updateTable('feedback_raters')
        .set({ status: 'declined', decline_reason: null })
        .where('organization_id', '=', organizationId)
        .where('id', 'in', ids)
        .where('status', 'not in', ['submitted', 'declined'])
        .execute();
      await tx
        .updateTable('feedback_raters')
        .set({ email: 'erased', email_key: 'erased', name: '' })
        .where('organization_id', '=', organizationId)
        .where('id', 'in', ids)
        .execute();
      return ids.length;
    });
  }

  /**
   * The 360° requests sent to an e-mail address, for that person's own data export: which cycle,
   * which group, what became of it — not the answers. Answers are reached only through the rater's
   * private link, never through an account (an account's address is not proof of who answered).
   */
  async requestsTo(organizationId: string, email: string) {
    const rows = await this.db
      .selectFrom('feedback_raters as r')
      .innerJoin('feedback_cycles as c', 'c.id', 'r.cycle_id')
      .select(['r.rater_group', 'r.status', 'r.created_at', 'r.submitted_at', 'c.title', 'c.deadline'])
      .where('r.organization_id', '=', organizationId)
      .where('c.organization_id', '=', organizationId)
      .where('r.email_key', '=', emailKey(email))
      .orderBy('r.created_at')
      .execute();
    return rows.map((r) => ({
      cycle: r.title,
      deadline: fromTimestamp(r.deadline),
      group: r.rater_group,
      status: r.status,
      requestedAt: fromTimestamp(r.created_at),
      submittedAt: fromNullableTimestamp(r.submitted_at),
    }));
  }

  /** Open cycles of every organisation (for the reminder and closing jobs). */
  async openCycles(): Promise<Cycle[]> {
    const rows = await this.db
      .selectFrom('feedback_cycles')
      .selectAll()
      .where('closed_at', 'is', null)
      .execute();
    return rows.map(toCycle);
  }

  /** Raters of a cycle who have not finished (invited or answering). */
  async unfinishedRaters(organizationId: string, cycleId: string): Promise<Rater[]> {
    const rows = await this.db
      .selectFrom('feedback_raters')
      .select(RATER_COLUMNS)
      .where('organization_id', '=', organizationId)
      .where('cycle_id', '=', cycleId)
      .where('status', 'in', ANSWERING)
      .orderBy('created_at')
      .execute();
    return rows.map(toRater);
  }

  /** Records that a scheduled reminder went to a rater; false when it already had (idempotent). */
  async recordReminder(
    organizationId: string,
    raterId: string,
    reminderKey: string,
    at: Date,
  ): Promise<boolean> {
    const result = await this.db
      .insertInto('feedback_reminders')
      .values({
        organization_id: organizationId,
        rater_id: raterId,
        reminder_key: reminderKey,
        sent_at: toTimestamp(at),
      })
      .onConflict((oc) => oc.columns(['rater_id', 'reminder_key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /**
   * The submitted forms for one subject, without names, e-mail addresses or ids — the input of the
   * anonymity-aware aggregation and nothing else (the report service; never a route).
   */
  async submissionsForReport(organizationId: string, subjectId: string): Promise<RaterSubmission[]> {
    const raters = await this.db
      .selectFrom('feedback_raters')
      .select(['id', 'rater_group', 'identifiable'])
      .where('organization_id', '=', organizationId)
      .where('subject_id', '=', subjectId)
      .where('status', '=', 'submitted')
      .execute();
    const submissions: RaterSubmission[] = [];
    for (const r of raters) {
      const own = await this.ownAnswers(organizationId, r.id);
      submissions.push({
        group: r.rater_group as RaterGroup,
        identifiable: fromBool(r.identifiable),
        answers: own.answers,
        comments: own.comments,
      });
    }
    return submissions;
  }
}
