import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * The SQLite connection as Kysely sees it, with prepared statements kept by their SQL text: the
 * same query shapes come back on every request (an autosave, a session read), and preparing one
 * costs about as much as running it. Least recently used statements are dropped beyond `size`.
 * A statement still being iterated is never handed out twice.
 *
 * @example
 * new SqliteDialect({ database: withStatementCache(new SQLite(file)) });
 */
export function withStatementCache(database: SQLite.Database, size = 256): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare: (sql: string) => {
      const cached = statements.get(sql);
      if (cached && !cached.busy) {
        statements.delete(sql); // re-insert: Map order is the eviction order
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (!cached) {
        statements.set(sql, statement);
        if (statements.size > size) statements.delete(statements.keys().next().value!);
      }
      return statement;
    },
  };
}
