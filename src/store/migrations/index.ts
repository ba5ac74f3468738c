import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { DialectName } from '../codec.ts';
import * as m0001 from './0001-assessments.ts';
import * as m0002 from './0002-accounts.ts';
import * as m0004 from './0004-feedback.ts';
import * as m0005 from './0005-scheduled-jobs.ts';
import * as m0006 from './0006-plans.ts';
import { columnTypes } from './column-types.ts';

/** Every migration in order; add new ones at the end, never edit one that has shipped. */
function migrations(dialect: DialectName): Record<string, Migration> {
  const t = columnTypes(dialect);
  return {
    '0001-assessments': { up: m0001.up(t), down: m0001.down },
    '0002-accounts': { up: m0002.up(t), down: m0002.down },
    '0004-feedback': { up: m0004.up(t), down: m0004.down },
    '0005-scheduled-jobs': { up: m0005.up(t), down: m0005.down },
    '0006-plans': { up: m0006.up(t), down: m0006.down },
  };
}

/** Brings the schema up to date; runs at start-up. Throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  // PostgreSQL: keep Kysely's bookkeeping tables in the schema this connection works in. Without it
  // the Migrator looks for them in every schema, so a database holding another Fulcrum schema (tests
  // run side by side, each in its own) skipped creating them and failed on a missing lock table.
  const schema =
    dialect === 'postgres'
      ? (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const { error, results } = await new Migrator({
    db,
    provider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${(error as Error).message}`);
  }
}
