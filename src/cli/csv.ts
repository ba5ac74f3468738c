import { createReadStream, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import { InvalidInputError } from '../model/errors/index.ts';
import { log } from './output.ts';

/**
 * Streams a CSV file with a header row: yields `{ row, cells }` for each data row (row counts data
 * rows from 1). Shows a progress bar on stderr when it is a terminal. A file that cannot be read or
 * parsed throws `InvalidInputError` naming the file and line.
 */
export async function* readCsv(
  file: string,
): AsyncGenerator<{ header: string[]; row: number; cells: string[] }> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InvalidInputError(`${file}: cannot read: ${reason}`, 'unreadable_file');
  }
  const stream = createReadStream(file);
  const parser = stream.pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: false }),
  );
  const progress = process.stderr.isTTY && size > 1_000_000 ? new Progress(size) : undefined;
  let header: string[] | undefined;
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!header) {
        header = record.map((h) => h.trim());
        continue;
      }
      row++;
      if (progress && row % 2000 === 0) progress.update(stream.bytesRead);
      yield { header, row, cells: record };
    }
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new InvalidInputError(`${file}: line ${e.lines ?? '?'}: CSV syntax error: ${e.message}`, 'bad_csv');
  } finally {
    progress?.done();
  }
  if (!header) throw new InvalidInputError(`${file}: the file is empty; expected a header row`, 'empty_csv');
}

/** A one-line progress bar on stderr, redrawn in place. */
class Progress {
  private last = -1;
  constructor(private readonly total: number) {}
  update(done: number) {
    const percent = Math.min(100, Math.floor((done / this.total) * 100));
    if (percent === this.last) return;
    this.last = percent;
    const width = 30;
    const filled = Math.round((percent / 100) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}%`);
  }
  done() {
    if (this.last >= 0) {
      this.update(this.total);
      log('');
    }
  }
}
