import { describe, expect, it } from 'vitest';
import { mini, miniAnswersFor } from '../../../test/support/mini.ts';
import { buildProfile } from '../profile/build-profile.ts';
import { suggestFocusAreas } from './focus-areas.ts';
import { toICalendar } from './icalendar.ts';
import { checkInDates } from './schedule.ts';

describe('suggestFocusAreas', () => {
  it('puts what the situation asks for first when it is the person’s lower side', () => {
    // Lead strong (5 → 100), manage weak (2 → 25); a deadline situation calls for managing on horizon.
    const profile = buildProfile(
      mini,
      miniAnswersFor({ people: 5, change: 5, vision: 5, tasks: 2, stability: 2, operations: 2 }, 4),
    );
    const areas = suggestFocusAreas(profile, { horizon: 'manage' });
    expect(areas[0]).toMatchObject({ scale: 'operations', source: 'situation' });
    expect(areas[1]).toMatchObject({ source: 'one-sided' });
    expect(areas).toHaveLength(3);
    expect(new Set(areas.map((a) => a.scale)).size).toBe(3);
  });

  it('suggests nothing from the situation when it plays to a strength', () => {
    const profile = buildProfile(
      mini,
      miniAnswersFor({ people: 5, change: 5, vision: 5, tasks: 2, stability: 2, operations: 2 }, 4),
    );
    expect(suggestFocusAreas(profile, { horizon: 'lead' }).some((a) => a.source === 'situation')).toBe(false);
  });

  it('falls back to the lowest scale for an even, strong profile', () => {
    const profile = buildProfile(mini, { ...miniAnswersFor({}, 4), L1: 3 }); // everything 75, listening lower
    const areas = suggestFocusAreas(profile);
    expect(areas).toEqual([expect.objectContaining({ scale: 'listening', source: 'weak-scale' })]);
  });
});

describe('checkInDates', () => {
  it('steps weekly, fortnightly and monthly (clamping to month ends)', () => {
    expect(checkInDates('2026-11-28', '2026-12-20', 'weekly')).toEqual([
      '2026-12-05',
      '2026-12-12',
      '2026-12-19',
    ]);
    expect(checkInDates('2026-11-28', '2026-12-26', 'fortnightly')).toEqual(['2026-12-12', '2026-12-26']);
    expect(checkInDates('2027-01-31', '2027-04-30', 'monthly')).toEqual([
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
    ]);
    expect(() => checkInDates('yesterday', '2027-01-01', 'daily')).toThrow(RangeError);
  });
});

describe('toICalendar', () => {
  it('writes all-day events with escaped text, CRLF and folded lines', () => {
    const ics = toICalendar(
      'My plan',
      [
        {
          uid: 'c1@fulcrum',
          date: '2026-12-05',
          summary: 'Check-in; plan, review',
          description: 'Line one\nline two',
        },
        { uid: 'c2@fulcrum', date: '2026-12-31', summary: 'x'.repeat(100) },
      ],
      new Date('2026-11-28T10:00:00Z'),
    );
    const lines = ics.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('DTSTART;VALUE=DATE:20261205');
    expect(lines).toContain('DTEND;VALUE=DATE:20270101');
    expect(lines).toContain('SUMMARY:Check-in\\; plan\\, review');
    expect(lines).toContain('DESCRIPTION:Line one\\nline two');
    expect(lines).toContain('DTSTAMP:20261128T100000Z');
    expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(ics).toContain(`SUMMARY:${'x'.repeat(67)}\r\n ${'x'.repeat(33)}`);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
