import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache.ts';

describe('withStatementCache', () => {
  const open = (size?: number) => {
    const raw = new SQLite(':memory:');
    raw.exec('create table t (x integer); insert into t values (1), (2), (3)');
    return withStatementCache(raw, size);
  };

  it('prepares a query once and reuses it', () => {
    const db = open();
    const first = db.prepare('select x from t order by x');
    expect(db.prepare('select x from t order by x')).toBe(first);
    expect(first.all([])).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }]);
  });

  it('hands out a fresh statement while the cached one is still iterating', () => {
    const db = open();
    const outer = db.prepare('select x from t order by x');
    const seen: number[][] = [];
    for (const row of outer.iterate([]) as Iterable<{ x: number }>) {
      const inner = db.prepare('select x from t order by x');
      expect(inner).not.toBe(outer);
      seen.push([row.x, (inner.all([]) as { x: number }[]).length]);
    }
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(db.prepare('select x from t order by x')).toBe(outer);
  });

  it('drops the least recently used statement beyond its size', () => {
    const db = open(2);
    const a = db.prepare('select 1');
    const b = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(a); // a is now the most recent
    db.prepare('select 3'); // evicts b
    expect(db.prepare('select 1')).toBe(a);
    expect(db.prepare('select 2')).not.toBe(b);
  });
});
