import { fileURLToPath } from 'node:url';
import type { Scale } from '../model/instrument/types.ts';
import { parsePractices } from '../model/practice/parse.ts';
import type { PracticeLibrary } from '../model/practice/types.ts';
import { loadInstrumentSync } from './instruments.ts';
import { readTextFile } from './read-text-file.ts';

/** The built-in practice library (data, not code). */
export const BUILTIN_PRACTICES_FILE = fileURLToPath(
  new URL('../../instruments/situations/practices.v1.yaml', import.meta.url),
);

/** Loads and validates a practice library against the scales of an instrument (default: lead-manage). */
export function loadPracticesFile(
  file: string,
  scales: readonly Pick<Scale, 'id' | 'pole' | 'contrast'>[] = loadInstrumentSync('lead-manage').scales,
): PracticeLibrary {
  return parsePractices(readTextFile(file, 'practice library'), file, scales);
}

let cached: PracticeLibrary | undefined;

/** The built-in library, loaded once per process. */
export function builtinPractices(): PracticeLibrary {
  cached ??= loadPracticesFile(BUILTIN_PRACTICES_FILE);
  return cached;
}
