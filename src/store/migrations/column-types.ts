import type { DialectName } from '../codec.ts';

/** Column types that differ between the dialects; every migration takes them from here. */
export interface ColumnTypes {
  json: 'jsonb' | 'text';
  timestamp: 'timestamptz' | 'text';
  bool: 'boolean' | 'integer';
}

export function columnTypes(dialect: DialectName): ColumnTypes {
  return dialect === 'postgres'
    ? { json: 'jsonb', timestamp: 'timestamptz', bool: 'boolean' }
    : { json: 'text', timestamp: 'text', bool: 'integer' };
}
