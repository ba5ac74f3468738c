import { InvalidInputError, type Problem } from '../../../model/errors/index.ts';
import { readCsv } from '../../csv.ts';

/** A responses CSV read into memory: optional `id` column, one column per item, empty cell = missing. */
export interface ResponsesTable {
  file: string;
  /** Item columns read (every column but `id`, or those asked for), in the order asked. */
  columns: string[];
  /** Respondent ids: the `id` cell, or the data row number (from 1) when there is no id column. */
  ids: string[];
  /** `values[r][c]`: the number in row r, column `columns[c]`; null when the cell is empty. */
  values: (number | null)[][];
}

export interface ReadResponsesOptions {
  /** Columns to read; default every column but `id`. A column missing from the header is bad input. */
  columns?: string[];
  /** Allowed range of answers; values outside are bad input naming row and column. */
  min?: number;
  max?: number;
  /** Allowed values (e.g. a params file's categories), checked after the range. */
  allowed?: (column: string) => readonly number[] | undefined;
  /** Where the requested columns came from, for the error message (e.g. `--items`, `key.json`). */
  columnsFrom?: string;
}

const MAX_PROBLEMS = 20;

/**
 * Reads and validates a responses CSV. Every bad cell (non-numeric, out of range) is collected and
 * reported together (up to 20) as an InvalidInputError whose problems name file, row and column.
 */
export async function readResponses(
  file: string,
  options: ReadResponsesOptions = {},
): Promise<ResponsesTable> {
  const problems: Problem[] = [];
  const ids: string[] = [];
  const values: (number | null)[][] = [];
  let columns: string[] = [];
  let positions: number[] = [];
  let idColumn = -1;
  let more = 0;
  const bad = (row: number, column: string, message: string) => {
    if (problems.length < MAX_PROBLEMS)
      problems.push({ code: 'invalid_cell', message, location: { kind: 'csv', file, row, column } });
    else more++;
  };
  let started = false;
  for await (const { header, row, cells } of readCsv(file)) {
    if (!started) {
      started = true;
      idColumn = header.indexOf('id');
      columns = options.columns ?? header.filter((h) => h !== 'id');
      const absent = columns.filter((c) => !header.includes(c));
      if (absent.length > 0)
        throw new InvalidInputError(
          absent.map((column) => ({
            code: 'missing_column',
            message: `${file}: no column "${column}"${options.columnsFrom ? ` (named in ${options.columnsFrom})` : ''}; the header has ${header.join(', ')}`,
          })),
        );
      if (columns.length === 0)
        throw new InvalidInputError(`${file}: no item columns (only "id")`, 'no_item_columns');
      positions = columns.map((c) => header.indexOf(c));
    }
    ids.push(idColumn >= 0 ? (cells[idColumn] ?? '').trim() || String(row) : String(row));
    const out: (number | null)[] = [];
    columns.forEach((column, c) => {
      const text = (cells[positions[c]!] ?? '').trim();
      if (text === '') {
        out.push(null);
        return;
      }
      const value = Number(text);
      if (!Number.isFinite(value)) {
        bad(row, column, `"${text}" is not a number`);
        out.push(null);
        return;
      }
      if (
        (options.min !== undefined && value < options.min) ||
        (options.max !== undefined && value > options.max)
      ) {
        bad(row, column, `${text} is out of range ${options.min} to ${options.max}`);
        out.push(null);
        return;
      }
      const allowed = options.allowed?.(column);
      if (allowed && !allowed.includes(value)) {
        bad(row, column, `${text} is not one of the categories ${allowed.join(', ')}`);
        out.push(null);
        return;
      }
      out.push(value);
    });
    values.push(out);
  }
  if (problems.length > 0) {
    if (more > 0) problems.push({ code: 'invalid_cell', message: `${file}: and ${more} more bad cells` });
    throw new InvalidInputError(problems);
  }
  return { file, columns, ids, values };
}
