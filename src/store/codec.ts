/**
 * The one place where values differ between the dialects: PostgreSQL returns `jsonb` as objects and
 * `timestamptz` as `Date`; SQLite returns both as text and has no boolean type (0/1).
 * Repositories write with `toJson`/`toTimestamp`/`toBool` and read with the `from…` functions.
 */
export type DialectName = 'sqlite' | 'postgres';

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function toTimestamp(date: Date = new Date()): string {
  return date.toISOString();
}

/** ISO-8601 text in UTC, whatever the dialect returned. */
export function fromTimestamp(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function fromNullableTimestamp(value: Date | string | null): string | null {
  return value === null ? null : fromTimestamp(value);
}

export function toBool(dialect: DialectName, value: boolean): boolean | number {
  return dialect === 'sqlite' ? (value ? 1 : 0) : value;
}

export function fromBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}
