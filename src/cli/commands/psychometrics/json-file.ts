import { readFileSync } from 'node:fs';
import { InvalidInputError } from '../../../model/errors/index.ts';

/** Reads and parses a JSON file; an unreadable file or bad JSON is bad input naming the file. */
export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InvalidInputError(`${file}: cannot read ${what}: ${reason}`, 'unreadable_file');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(
      `${file}: ${what} is not valid JSON: ${(error as Error).message}`,
      'bad_json',
    );
  }
}

/** A problem at a JSON path of a named file, e.g. `params.json $.items[3].b: …`. */
export function jsonProblem(file: string, path: string, message: string) {
  return {
    code: 'invalid_field',
    message: `${message} (${file})`,
    location: { kind: 'json' as const, path },
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
