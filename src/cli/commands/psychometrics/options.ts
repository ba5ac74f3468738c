import { InvalidInputError } from '../../../model/errors/index.ts';

/** Parses a numeric command-line option; bad values are bad usage naming the flag. */
export function numberOption(
  flag: string,
  text: string | undefined,
  rule: { integer?: boolean; min?: number; exclusiveMin?: number; fallback?: number },
): number {
  if (text === undefined) {
    if (rule.fallback !== undefined) return rule.fallback;
    throw new InvalidInputError(`${flag} is required`, 'missing_option');
  }
  const value = Number(text);
  const kind = rule.integer ? 'a whole number' : 'a number';
  if (text.trim() === '' || !Number.isFinite(value) || (rule.integer && !Number.isInteger(value)))
    throw new InvalidInputError(`${flag} must be ${kind} (got "${text}")`, 'invalid_option');
  if (rule.min !== undefined && value < rule.min)
    throw new InvalidInputError(`${flag} must be ${kind} ≥ ${rule.min} (got ${text})`, 'invalid_option');
  if (rule.exclusiveMin !== undefined && !(value > rule.exclusiveMin))
    throw new InvalidInputError(
      `${flag} must be ${kind} > ${rule.exclusiveMin} (got ${text})`,
      'invalid_option',
    );
  return value;
}

/** JSON has no NaN: undefined statistics print as null. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
