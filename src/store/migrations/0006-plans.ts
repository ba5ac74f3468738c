import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.ts';

/**
 * Development plans: the plan (focus areas, check-in cadence, when to re-assess, the hashed token of
 * its calendar feed), its actions, its check-ins, who it is shared with (explicit, revocable consent:
 * a row exists only while the owner shares), and the reminders already sent. Every row carries
 * `organization_id`; a plan goes with its owner's account (cascade).
 */
export function up(t: ColumnTypes) {
  return async (db: Kysely<unknown>) => {
    const org = (c: ColumnDefinitionBuilder) =>
      c.notNull().references('organizations.id').onDelete('cascade');
    await db.schema
      .createTable('plans')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', org)
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      // `active` or `archived`
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('focus_areas', t.json, (c) => c.notNull())
      .addColumn('source_assessment_id', 'text')
      .addColumn('check_in_cadence', 'text', (c) => c.notNull())
      // YYYY-MM-DD: the first day of the plan, and the day the re-assessment is due
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('reassess_on', 'text', (c) => c.notNull())
      .addColumn('calendar_token_hash', 'text', (c) => c.unique())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('plans_owner').on('plans').columns(['organization_id', 'user_id']).execute();

    await db.schema
      .createTable('plan_actions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', org)
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('scale', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('practice_id', 'text')
      .addColumn('cadence', 'text')
      .addColumn('due_date', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('partner', 'text')
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('plan_actions_plan')
      .on('plan_actions')
      .columns(['organization_id', 'plan_id', 'position'])
      .execute();

    await db.schema
      .createTable('plan_check_ins')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', org)
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('at', t.timestamp, (c) => c.notNull())
      // [{ actionId, status, note }]
      .addColumn('progress', t.json, (c) => c.notNull())
      .addColumn('reflection', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('plan_check_ins_plan')
      .on('plan_check_ins')
      .columns(['organization_id', 'plan_id', 'at'])
      .execute();

    await db.schema
      .createTable('plan_shares')
      .addColumn('organization_id', 'text', org)
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('plan_shares_pk', ['plan_id', 'user_id'])
      .execute();
    await db.schema
      .createIndex('plan_shares_viewer')
      .on('plan_shares')
      .columns(['organization_id', 'user_id'])
      .execute();

    // one row per reminder sent (`check-in:2026-12-07`, `reassess`): a job run twice sends nothing twice
    await db.schema
      .createTable('plan_reminders')
      .addColumn('organization_id', 'text', org)
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('sent_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('plan_reminders_pk', ['plan_id', 'key'])
      .execute();
  };
}

export async function down(db: Kysely<unknown>) {
  for (const table of ['plan_reminders', 'plan_shares', 'plan_check_ins', 'plan_actions', 'plans'])
    await db.schema.dropTable(table).ifExists().execute();
}
