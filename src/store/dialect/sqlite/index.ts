import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import { withStatementCache } from './statement-cache.ts';

/**
 * Embedded SQLite (the default, zero set-up). WAL lets readers work while one writer commits;
 * `synchronous=FULL` syncs the WAL at every commit, so an acknowledged write survives a power cut;
 * the busy timeout makes a second writer wait instead of failing at once; prepared statements are
 * reused (`withStatementCache`).
 */
export function createSqliteDialect(file: string): SqliteDialect {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  return new SqliteDialect({ database: withStatementCache(database) });
}
