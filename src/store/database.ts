import { join } from 'node:path';
import { type Dialect, Kysely } from 'kysely';
import type { DialectName } from './codec.ts';
import { createPostgresDialect } from './dialect/postgres/index.ts';
import { createSqliteDialect } from './dialect/sqlite/index.ts';
import { migrateToLatest } from './migrations/index.ts';
import type { Database } from './schema.ts';

export interface Store {
  db: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

export interface StoreConfig {
  /** PostgreSQL connection string; when absent, embedded SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database (default `./data`). */
  dataDir?: string | undefined;
}

/** Opens a store over an already-made dialect and runs the migrations. */
export async function openStoreWith(dialect: Dialect, name: DialectName): Promise<Store> {
  const db = new Kysely<Database>({ dialect });
  try {
    await migrateToLatest(db as Kysely<unknown>, name);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, dialect: name, close: () => db.destroy() };
}

/**
 * Opens the configured database: PostgreSQL when `databaseUrl` is set, else `dataDir/fulcrum.db`.
 *
 * @example
 * const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR });
 */
export async function openStore(config: StoreConfig = {}): Promise<Store> {
  if (config.databaseUrl) return openStoreWith(createPostgresDialect(config.databaseUrl), 'postgres');
  const file = join(config.dataDir ?? 'data', 'fulcrum.db');
  return openStoreWith(createSqliteDialect(file), 'sqlite');
}

/** Store settings from the environment (`DATABASE_URL`, `DATA_DIR`). */
export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  return { databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR || 'data' };
}
