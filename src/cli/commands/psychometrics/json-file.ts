import { readTextFile } from '../../../catalog/read-text-file.ts';
import { InvalidInputError } from '../../../model/errors/index.ts';

/** Reads and parses a JSON file; an unreadable file or bad JSON is bad input naming the file. */
export function readJsonFile(file: string, what: string): unknown {
  const text = readTextFile(file, what);
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
