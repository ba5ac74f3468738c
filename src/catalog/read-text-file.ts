import { readFileSync } from 'node:fs';
import { InvalidInputError } from '../model/errors/index.ts';

/**
 * Reads a UTF-8 file for a loader; a missing or unreadable file is bad input naming the file
 * (`plan.json: cannot read situation: no such file`), never a stack trace.
 */
export function readTextFile(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InvalidInputError(`${file}: cannot read ${what}: ${reason}`, 'unreadable_file');
  }
}
