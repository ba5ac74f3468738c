import type { Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.ts';

/**
 * Scheduled jobs (retention purge, reminders, closing cycles at their deadline): one row per job
 * holds when it is next due and a lease, so that when several app servers share the database each
 * run happens on exactly one of them.
 */
export function up(t: ColumnTypes) {
  return async (db: Kysely<unknown>) => {
    await db.schema
      .createTable('scheduled_jobs')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('next_run_at', t.timestamp, (c) => c.notNull())
      .addColumn('leased_until', t.timestamp)
      .addColumn('last_started_at', t.timestamp)
      .addColumn('last_finished_at', t.timestamp)
      .addColumn('last_error', 'text')
      .execute();
  };
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('scheduled_jobs').execute();
}
