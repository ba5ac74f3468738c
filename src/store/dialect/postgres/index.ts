import { PostgresDialect } from 'kysely';
import pg from 'pg';

/**
 * PostgreSQL through node-postgres, for scale: several stateless app servers can share it.
 * `schema` (tests) sets the search path so each test run gets its own namespace.
 */
export function createPostgresDialect(
  connectionString: string,
  options: { schema?: string; max?: number } = {},
) {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  return new PostgresDialect({ pool });
}

/** In-process PostgreSQL (PGlite), used by tests when no server is configured. */
export async function createPgliteDialect() {
  const [{ PGlite }, { PGliteDialect }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('kysely-pglite-dialect'),
  ]);
  return new PGliteDialect(new PGlite());
}
