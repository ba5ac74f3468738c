import type { Practice, PracticeQuery } from './types.ts';

/**
 * The practices that match every given filter, in library order. `text` is case-insensitive and
 * matches when each of its words appears in the title or in what to do (so "one-to-one agenda"
 * finds a practice that mentions both). Pure: pass the library (e.g. `builtinPractices().practices`).
 *
 * @example
 * searchPractices({ text: 'feedback', pole: 'lead' }, library.practices);
 */
export function searchPractices(query: PracticeQuery, practices: readonly Practice[]): Practice[] {
  const words = (query.text ?? '').toLocaleLowerCase('en-US').split(/\s+/).filter(Boolean);
  return practices.filter((p) => {
    if (query.scale !== undefined && p.scale !== query.scale) return false;
    if (query.size !== undefined && p.size !== query.size) return false;
    if (query.pole !== undefined && p.pole !== query.pole) return false;
    if (words.length === 0) return true;
    const haystack = `${p.title}\n${p.what}`.toLocaleLowerCase('en-US');
    return words.every((w) => haystack.includes(w));
  });
}

/** The practices for one scale, smallest first (habits, then routines, then projects), stable within a size. */
export function practicesFor(scaleId: string, practices: readonly Practice[]): Practice[] {
  const order = { habit: 0, routine: 1, project: 2 } as const;
  return practices
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.scale === scaleId)
    .sort((a, b) => order[a.p.size] - order[b.p.size] || a.i - b.i)
    .map(({ p }) => p);
}
