import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidInputError } from '../errors/index.ts';
import { loadInstrumentSync } from '../instrument/load.ts';
import type { Scale } from '../instrument/types.ts';
import { parsePractices } from './parse.ts';
import type { PracticeLibrary } from './types.ts';

/** The built-in practice library (data, not code). */
export const BUILTIN_PRACTICES_FILE = fileURLToPath(
  new URL('../../../instruments/situations/practices.v1.yaml', import.meta.url),
);

/** Reads a file for a data loader; a missing file is bad input naming the file. */
export function readDataFile(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InvalidInputError(`${file}: cannot read ${what}: ${reason}`, 'unreadable_file');
  }
}

/** Loads and validates a practice library against the scales of an instrument (default: lead-manage). */
export function loadPracticesFile(
  file: string,
  scales: readonly Pick<Scale, 'id' | 'pole' | 'contrast'>[] = loadInstrumentSync('lead-manage').scales,
): PracticeLibrary {
  return parsePractices(readDataFile(file, 'practice library'), file, scales);
}

let cached: PracticeLibrary | undefined;

/** The built-in library, loaded once per process. */
export function builtinPractices(): PracticeLibrary {
  cached ??= loadPracticesFile(BUILTIN_PRACTICES_FILE);
  return cached;
}
