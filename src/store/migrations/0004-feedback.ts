import type { Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.ts';

/**
 * 360° feedback: cycles, their subjects, nominated raters with private links (stored hashed,
 * expiring at the deadline), rater answers (a value, or null for "not observed"), open answers,
 * submit idempotency keys and reminder sends. Every row carries `organization_id`.
 */
export function up(t: ColumnTypes) {
  return async (db: Kysely<unknown>) => {
    await db.schema
      .createTable('feedback_cycles')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) =>
        c.notNull().references('organizations.id').onDelete('cascade'),
      )
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('instrument_id', 'text', (c) => c.notNull())
      .addColumn('instrument_version', 'text', (c) => c.notNull())
      .addColumn('form', 'text', (c) => c.notNull())
      // groups (min/max raters), thresholds, manager shown separately, reminder days, open questions
      .addColumn('config', t.json, (c) => c.notNull())
      .addColumn('deadline', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('closed_at', t.timestamp)
      // `hand`, `deadline` or `released` (closed early by the owner once every group reached its threshold)
      .addColumn('close_reason', 'text')
      .execute();
    await db.schema
      .createIndex('feedback_cycles_org')
      .on('feedback_cycles')
      .columns(['organization_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('feedback_subjects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) =>
        c.notNull().references('organizations.id').onDelete('cascade'),
      )
      .addColumn('cycle_id', 'text', (c) => c.notNull().references('feedback_cycles.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('feedback_subjects_cycle')
      .on('feedback_subjects')
      .columns(['organization_id', 'cycle_id'])
      .execute();
    await db.schema
      .createIndex('feedback_subjects_user')
      .on('feedback_subjects')
      .columns(['organization_id', 'user_id'])
      .execute();

    await db.schema
      .createTable('feedback_raters')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) =>
        c.notNull().references('organizations.id').onDelete('cascade'),
      )
      .addColumn('cycle_id', 'text', (c) => c.notNull().references('feedback_cycles.id').onDelete('cascade'))
      .addColumn('subject_id', 'text', (c) =>
        c.notNull().references('feedback_subjects.id').onDelete('cascade'),
      )
      .addColumn('rater_group', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('email_key', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      // `pending` (awaiting approval), `invited`, `in_progress`, `submitted`, `declined`
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('decline_reason', 'text')
      // told before answering that their answers are identifiable (manager shown separately)
      .addColumn('identifiable', t.bool, (c) => c.notNull())
      .addColumn('nominated_by', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('submitted_at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('feedback_raters_subject')
      .on('feedback_raters')
      .columns(['organization_id', 'subject_id'])
      .execute();
    await db.schema
      .createIndex('feedback_raters_email')
      .on('feedback_raters')
      .columns(['organization_id', 'email_key', 'status'])
      .execute();

    // private links: the invitation's and each reminder's; only SHA-256 hashes, expiring at the deadline
    await db.schema
      .createTable('feedback_links')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) =>
        c.notNull().references('organizations.id').onDelete('cascade'),
      )
      .addColumn('rater_id', 'text', (c) => c.notNull().references('feedback_raters.id').onDelete('cascade'))
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('feedback_answers')
      .addColumn('organization_id', 'text', (c) =>
        c.notNull().references('organizations.id').onDelete('cascade'),
      )
      .addColumn('rater_id', 'text', (c) => c.notNull().references('feedback_raters.id').onDelete('cascade'))
      .addColumn('item_id', 'text', (c) => c.notNull())
      // null: "don't know / not observed"
      .addColumn('value', 'integer')
      .addColumn('answered_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('feedback_answers_pk', ['rater_id', 'item_id'])
      .execute();

    await db.schema
      .createTable('feedback_comments')
      .addColumn('organization_id', 'text', (c) =>
        c.notNull().references('organizations.id').onDelete('cascade'),
      )
      .addColumn('rater_id', 'text', (c) => c.notNull().references('feedback_raters.id').onDelete('cascade'))
      .addColumn('question_id', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('answered_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('feedback_comments_pk', ['rater_id', 'question_id'])
      .execute();

    await db.schema
      .createTable('feedback_submit_keys')
      .addColumn('organization_id', 'text', (c) =>
        c.notNull().references('organizations.id').onDelete('cascade'),
      )
      .addColumn('rater_id', 'text', (c) => c.notNull().references('feedback_raters.id').onDelete('cascade'))
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('feedback_submit_keys_pk', ['rater_id', 'idempotency_key'])
      .execute();

    await db.schema
      .createTable('feedback_reminders')
      .addColumn('organization_id', 'text', (c) =>
        c.notNull().references('organizations.id').onDelete('cascade'),
      )
      .addColumn('rater_id', 'text', (c) => c.notNull().references('feedback_raters.id').onDelete('cascade'))
      // which scheduled reminder: days before the deadline
      .addColumn('reminder_key', 'text', (c) => c.notNull())
      .addColumn('sent_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('feedback_reminders_pk', ['rater_id', 'reminder_key'])
      .execute();
  };
}

export async function down(db: Kysely<unknown>) {
  for (const table of [
    'feedback_reminders',
    'feedback_submit_keys',
    'feedback_comments',
    'feedback_answers',
    'feedback_links',
    'feedback_raters',
    'feedback_subjects',
    'feedback_cycles',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
