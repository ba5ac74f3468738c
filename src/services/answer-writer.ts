import { sql } from 'kysely';
import type { Store } from '../store/database.ts';

/**
 * The autosave write path as one statement: the answer is upserted only while its assessment is
 * still in progress (INSERT … SELECT … WHERE status = 'in_progress' … ON CONFLICT DO UPDATE), so a
 * finished assessment can never gain an answer, even when another server finishes it at the same
 * moment, and a save costs one commit, like a bare insert.
 */
export class AnswerWriter {
  constructor(private readonly store: Store) {}

  /** Returns false when nothing was written: the assessment does not exist or is no longer in progress. */
  async upsertIfOpen(assessmentId: string, itemId: string, value: number, at: string): Promise<boolean> {
    const timestamp = this.store.dialect === 'postgres' ? sql`cast(${at} as timestamptz)` : sql`${at}`;
    const result = await this.store.db
      .insertInto('assessment_answers')
      .columns(['assessment_id', 'item_id', 'value', 'answered_at'])
      .expression((eb) =>
        eb
          .selectFrom('assessments')
          .select([
            'id',
            sql<string>`cast(${itemId} as text)`.as('item_id'),
            sql<number>`cast(${value} as integer)`.as('value'),
            sql<string>`${timestamp}`.as('answered_at'),
          ])
          .where('id', '=', assessmentId)
          .where('status', '=', 'in_progress'),
      )
      .onConflict((oc) =>
        oc.columns(['assessment_id', 'item_id']).doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          answered_at: eb.ref('excluded.answered_at'),
        })),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Moves the assessment's `updated_at` forward (the autosave path does it at most once a minute). */
  async touch(assessmentId: string, at: string): Promise<void> {
    await this.store.db
      .updateTable('assessments')
      .set({ updated_at: at })
      .where('id', '=', assessmentId)
      .execute();
  }
}
