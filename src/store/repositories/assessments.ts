import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Instrument } from '../../model/instrument/types.ts';
import type { Profile } from '../../model/profile/build-profile.ts';
import type { Form } from '../../model/scoring/form.ts';
import { fromJson, fromNullableTimestamp, fromTimestamp, toJson, toTimestamp } from '../codec.ts';
import type { Store } from '../database.ts';
import type { AssessmentTable } from '../schema.ts';

export type AssessmentStatus = 'in_progress' | 'completed';
export type AssessmentSource = 'web' | 'cli';

export interface Assessment {
  id: string;
  instrumentId: string;
  instrumentVersion: string;
  form: Form;
  status: AssessmentStatus;
  source: AssessmentSource;
  profile: Profile | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

type Row = Omit<Selectable<AssessmentTable>, 'resume_token_hash' | 'organization_id' | 'user_id'>;

const COLUMNS = [
  'id',
  'instrument_id',
  'instrument_version',
  'form',
  'status',
  'source',
  'profile',
  'created_at',
  'updated_at',
  'completed_at',
] as const;

function toAssessment(row: Row): Assessment {
  return {
    id: row.id,
    instrumentId: row.instrument_id,
    instrumentVersion: row.instrument_version,
    form: row.form as Form,
    status: row.status as AssessmentStatus,
    source: row.source as AssessmentSource,
    profile: row.profile === null ? null : fromJson<Profile>(row.profile),
    createdAt: fromTimestamp(row.created_at),
    updatedAt: fromTimestamp(row.updated_at),
    completedAt: fromNullableTimestamp(row.completed_at),
  };
}

/** Self-assessments and their answers. Each answer is its own row, written the moment it is given. */
export class AssessmentRepository {
  constructor(private readonly store: Store) {}

  async create(input: {
    instrument: Instrument;
    form: Form;
    source: AssessmentSource;
    resumeTokenHash?: string;
  }): Promise<Assessment> {
    const now = toTimestamp();
    const id = randomUUID();
    await this.store.db
      .insertInto('assessments')
      .values({
        id,
        instrument_id: input.instrument.id,
        instrument_version: input.instrument.version,
        form: input.form,
        status: 'in_progress',
        source: input.source,
        resume_token_hash: input.resumeTokenHash ?? null,
        profile: null,
        created_at: now,
        updated_at: now,
        completed_at: null,
      })
      .execute();
    return (await this.findById(id))!;
  }

  async findById(id: string): Promise<Assessment | undefined> {
    const row = await this.store.db
      .selectFrom('assessments')
      .select(COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toAssessment(row) : undefined;
  }

  async findByResumeTokenHash(hash: string): Promise<Assessment | undefined> {
    const row = await this.store.db
      .selectFrom('assessments')
      .select(COLUMNS)
      .where('resume_token_hash', '=', hash)
      .executeTakeFirst();
    return row ? toAssessment(row) : undefined;
  }

  /** The newest unfinished assessment taken from `source` (the terminal resumes it). */
  async latestInProgress(source: AssessmentSource): Promise<Assessment | undefined> {
    const row = await this.store.db
      .selectFrom('assessments')
      .select(COLUMNS)
      .where('source', '=', source)
      .where('status', '=', 'in_progress')
      .orderBy('updated_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toAssessment(row) : undefined;
  }

  async listCompleted(limit = 50): Promise<Assessment[]> {
    const rows = await this.store.db
      .selectFrom('assessments')
      .select(COLUMNS)
      .where('status', '=', 'completed')
      .orderBy('completed_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toAssessment);
  }

  /** Saves one answer (insert or replace); the value must already be validated against the instrument. */
  async saveAnswer(assessmentId: string, itemId: string, value: number): Promise<void> {
    const now = toTimestamp();
    await this.store.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('assessment_answers')
        .values({ assessment_id: assessmentId, item_id: itemId, value, answered_at: now })
        .onConflict((oc) => oc.columns(['assessment_id', 'item_id']).doUpdateSet({ value, answered_at: now }))
        .execute();
      await tx.updateTable('assessments').set({ updated_at: now }).where('id', '=', assessmentId).execute();
    });
  }

  async removeAnswer(assessmentId: string, itemId: string): Promise<void> {
    await this.store.db
      .deleteFrom('assessment_answers')
      .where('assessment_id', '=', assessmentId)
      .where('item_id', '=', itemId)
      .execute();
  }

  async answers(assessmentId: string): Promise<Record<string, number>> {
    const rows = await this.store.db
      .selectFrom('assessment_answers')
      .select(['item_id', 'value'])
      .where('assessment_id', '=', assessmentId)
      .execute();
    return Object.fromEntries(rows.map((r) => [r.item_id, Number(r.value)]));
  }

  /** Marks the assessment completed with its computed profile, in one transaction. */
  async complete(assessmentId: string, profile: Profile): Promise<Assessment> {
    const now = toTimestamp();
    await this.store.db
      .updateTable('assessments')
      .set({ status: 'completed', profile: toJson(profile), completed_at: now, updated_at: now })
      .where('id', '=', assessmentId)
      .execute();
    return (await this.findById(assessmentId))!;
  }

  async delete(assessmentId: string): Promise<void> {
    await this.store.db.deleteFrom('assessments').where('id', '=', assessmentId).execute();
  }
}
