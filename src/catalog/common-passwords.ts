import { readFileSync } from 'node:fs';

let common: Set<string> | undefined;

/**
 * The shipped list of common passwords (lower case, one per line in `common-passwords.txt`, built by
 * `generate-common-passwords.ts`), read once per process.
 */
export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
  return common;
}
