import { describe, expect, it } from 'vitest';
import { formatLocation, InvalidInputError } from './index.ts';

describe('formatLocation', () => {
  it('prints file:line:column, CSV row and column, and JSON paths', () => {
    expect(formatLocation({ kind: 'file', file: 'a.yaml', line: 3, column: 7 })).toBe('a.yaml:3:7');
    expect(formatLocation({ kind: 'csv', file: 'r.csv', row: 4, column: 'A2' })).toBe(
      'r.csv row 4, column "A2"',
    );
    expect(formatLocation({ kind: 'json', path: '$.items[2].scale' })).toBe('$.items[2].scale');
  });

  it('an InvalidInputError lists each problem with its place', () => {
    const error = new InvalidInputError([
      { code: 'x', message: 'first', location: { kind: 'json', path: '$.a' } },
      { code: 'y', message: 'second' },
    ]);
    expect(error.describe()).toBe('$.a: first\nsecond');
    expect(error.code).toBe('invalid_input');
  });
});
