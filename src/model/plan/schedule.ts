import type { Cadence } from './types.ts';

const STEP_DAYS: Record<Exclude<Cadence, 'monthly'>, number> = { daily: 1, weekly: 7, fortnightly: 14 };

/**
 * Check-in dates (YYYY-MM-DD) from `start` (exclusive) up to and including `until`, every `cadence`.
 * A monthly cadence steps from the start date each time and keeps its day of month, clamped to the
 * month's last day (31 Jan → 28 Feb → 31 Mar).
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
  const days = STEP_DAYS[cadence];
  for (let k = 1; ; k++) {
    const d = new Date(first.getTime() + k * days * 86_400_000);
    if (d > last) break;
    dates.push(d.toISOString().slice(0, 10));
  }
  return dates;
}
