import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NotFoundError } from '../model/errors/index.ts';
import { parseInstrument } from '../model/instrument/parse.ts';
import type { Instrument } from '../model/instrument/types.ts';
import { readTextFile } from './read-text-file.ts';

/** Folder of the built-in instruments (data, not code): `instruments/<id>.v<major>.yaml`. */
export const BUILTIN_DIR = fileURLToPath(new URL('../../instruments/', import.meta.url));

/** Ids and files of the instruments shipped with Fulcrum. */
export function listBuiltinInstruments(): { id: string; file: string }[] {
  if (!existsSync(BUILTIN_DIR)) return [];
  return readdirSync(BUILTIN_DIR)
    .filter((f) => /\.v\d+\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => ({ id: f.replace(/\.v\d+\.(ya?ml|json)$/, ''), file: `${BUILTIN_DIR}${f}` }));
}

/** Reads and validates an instrument file; errors name `file:line:column`. */
export function loadInstrumentFile(file: string): Instrument {
  return parseInstrument(readTextFile(file, 'instrument file'), file);
}

/**
 * Loads an instrument by built-in id (`lead-manage`; the newest major version wins) or by file path.
 *
 * @example
 * const instrument = await loadInstrument('lead-manage');
 */
export async function loadInstrument(idOrFile: string): Promise<Instrument> {
  return loadInstrumentSync(idOrFile);
}

export function loadInstrumentSync(idOrFile: string): Instrument {
  const looksLikePath = /[\\/]/.test(idOrFile) || /\.(ya?ml|json)$/i.test(idOrFile);
  if (looksLikePath || existsSync(idOrFile)) return loadInstrumentFile(idOrFile);
  const matches = listBuiltinInstruments().filter((b) => b.id === idOrFile);
  const newest = matches.at(-1);
  if (!newest) {
    const known = listBuiltinInstruments().map((b) => b.id);
    throw new NotFoundError(
      'instrument',
      idOrFile,
      `built-in: ${known.join(', ') || 'none'}; or give a file path`,
    );
  }
  return loadInstrumentFile(newest.file);
}
