import type { Cadence } from './types.ts';

const STEP_DAYS: Record<Cadence, number> = { daily: 1, weekly: 7, fortnightly: 14, monthly: 0 };

/** Adds days (or calendar months for `monthly`) to an ISO date, in UTC. */
function step(date: Date, cadence: Cadence): Date {
  const next = new Date(date);
  if (cadence === 'monthly') next.setUTCMonth(next.getUTCMonth() + 1);
  else next.setUTCDate(next.getUTCDate() + STEP_DAYS[cadence]);
  return next;
}

/**
 * Check-in dates (YYYY-MM-DD) from `start` (exclusive) up to and including `until`, every `cadence`.
 * A monthly cadence keeps the day of month where it exists (31 Jan → 28/29 Feb is avoided by
 * stepping from the start date each time).
 */
export function checkInDates(start: string, until: string, cadence: Cadence): string[] {
  const first = new Date(`${start}T00:00:00Z`);
  const last = new Date(`${until}T00:00:00Z`);
  if (Number.isNaN(first.getTime()) || Number.isNaN(last.getTime()))
    throw new RangeError('dates must be YYYY-MM-DD');
  const dates: string[] = [];
  if (cadence === 'monthly') {
    for (let k = 1; ; k++) {
      const d = new Date(first);
      d.setUTCMonth(first.getUTCMonth() + k);
      if (d.getUTCDate() !== first.getUTCDate()) d.setUTCDate(0); // clamp to the month's last day
      if (d > last) break;
      dates.push(d.toISOString().slice(0, 10));
    }
    return dates;
  }
  for (let d = step(first, cadence); d <= last; d = step(d, cadence))
    dates.push(d.toISOString().slice(0, 10));
  return dates;
}
