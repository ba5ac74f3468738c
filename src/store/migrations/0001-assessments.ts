import type { Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.ts';

/** Instruments as used, self-assessments, and one row per answer (autosaved as it is chosen). */
export function up(t: ColumnTypes) {
  return async (db: Kysely<unknown>) => {
    await db.schema
      .createTable('instrument_versions')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('definition', t.json, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('instrument_versions_pk', ['id', 'version'])
      .execute();

    await db.schema
      .createTable('assessments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('instrument_id', 'text', (c) => c.notNull())
      .addColumn('instrument_version', 'text', (c) => c.notNull())
      .addColumn('form', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('resume_token_hash', 'text', (c) => c.unique())
      .addColumn('profile', t.json)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('completed_at', t.timestamp)
      .addForeignKeyConstraint(
        'assessments_instrument_fk',
        ['instrument_id', 'instrument_version'],
        'instrument_versions',
        ['id', 'version'],
      )
      .execute();
    await db.schema
      .createIndex('assessments_source_status')
      .on('assessments')
      .columns(['source', 'status'])
      .execute();

    await db.schema
      .createTable('assessment_answers')
      .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('value', 'integer', (c) => c.notNull())
      .addColumn('answered_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('assessment_answers_pk', ['assessment_id', 'item_id'])
      .execute();
  };
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('assessment_answers').execute();
  await db.schema.dropTable('assessments').execute();
  await db.schema.dropTable('instrument_versions').execute();
}
