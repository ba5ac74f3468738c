import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStoreWith, type Store } from '../../src/store/database.ts';
import { createPgliteDialect, createPostgresDialect } from '../../src/store/dialect/postgres/index.ts';
import { createSqliteDialect } from '../../src/store/dialect/sqlite/index.ts';

/**
 * Every storage test runs against each dialect (the Kysely way): embedded SQLite in a temporary file,
 * and PostgreSQL — the real server when TEST_DATABASE_URL is set (each store in a schema of its own,
 * dropped afterwards), else in-process PGlite.
 */
export interface TestStore extends Store {
  /** Closes the store and removes everything it created. */
  dispose(): Promise<void>;
}

export const dialects = ['sqlite', 'postgres'] as const;

export async function openTestStore(dialect: (typeof dialects)[number]): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'fulcrum-test-'));
    const store = await openStoreWith(createSqliteDialect(join(dir, 'test.db')), 'sqlite');
    return {
      ...store,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const store = await openStoreWith(await createPgliteDialect(), 'postgres');
    return { ...store, dispose: () => store.close() };
  }
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const store = await openStoreWith(createPostgresDialect(url, { schema, max: 4 }), 'postgres');
  return {
    ...store,
    dispose: async () => {
      await store.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** Label for test titles: which PostgreSQL runs. */
export function dialectLabel(dialect: (typeof dialects)[number]): string {
  if (dialect === 'sqlite') return 'sqlite';
  return process.env.TEST_DATABASE_URL ? 'postgres (server)' : 'postgres (PGlite)';
}
