import type { Problem } from '../errors/index.ts';

export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing stays cheap. */
export const MAX_PASSWORD_LENGTH = 1024;

const UNLEET: Record<string, string> = {
  '4': 'a',
  '@': 'a',
  '3': 'e',
  '1': 'i',
  '!': 'i',
  '0': 'o',
  '5': 's',
  $: 's',
};

/** The forms of a password to look up: itself, without digits/symbols around it, and with leetspeak undone. */
function candidates(password: string): string[] {
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const unleet = lower.replace(/[4@31!05$]/g, (c) => UNLEET[c] ?? c);
  const unleetCore = unleet.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return [lower, core, unleet, unleetCore, lower.replace(/\s+/g, '')];
}

/**
 * Checks a new password: at least 12 characters (counted as code points), not a common password or a
 * common word dressed up with digits, symbols or leetspeak, not one character repeated, and not the
 * person's e-mail address or name. `common` is the list of common passwords in lower case
 * (`src/catalog/common-passwords.ts` loads the shipped one). Returns the problems (empty when acceptable); length is the only
 * composition rule (NIST SP 800-63B).
 */
export function checkPassword(
  password: string,
  context: { common: ReadonlySet<string>; email?: string; name?: string },
): Problem[] {
  const at = { kind: 'json', path: 'password' } as const;
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return [
      { code: 'password_too_short', message: `use at least ${MIN_PASSWORD_LENGTH} characters`, location: at },
    ];
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return [
      { code: 'password_too_long', message: `use at most ${MAX_PASSWORD_LENGTH} characters`, location: at },
    ];
  }
  const list = context.common;
  if (new Set(password).size <= 2 || candidates(password).some((c) => c.length > 0 && list.has(c))) {
    return [
      {
        code: 'password_common',
        message: 'this password is too common or too easy to guess; try a few unrelated words',
        location: at,
      },
    ];
  }
  const lower = password.toLowerCase();
  const personal = [context.email, context.email?.split('@')[0], context.name]
    .filter((v): v is string => typeof v === 'string' && v.trim().length >= 4)
    .map((v) => v.toLowerCase().trim());
  if (personal.some((p) => lower.includes(p) && lower.length - p.length < 6)) {
    return [
      {
        code: 'password_personal',
        message: 'do not build the password from your name or e-mail address',
        location: at,
      },
    ];
  }
  return [];
}
