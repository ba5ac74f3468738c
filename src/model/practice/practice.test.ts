import { describe, expect, it } from 'vitest';
import { loadInstrumentSync } from '../../catalog/instruments.ts';
import { builtinPractices } from '../../catalog/practices.ts';
import { InvalidInputError } from '../errors/index.ts';
import { parsePractices } from './parse.ts';
import { practicesFor, searchPractices } from './search.ts';
import type { Practice } from './types.ts';

const scales = loadInstrumentSync('lead-manage').scales;
const library = builtinPractices();

function problems(text: string): string[] {
  try {
    parsePractices(text, 'p.yaml', scales);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.describe().split('\n');
    throw error;
  }
  throw new Error('expected an InvalidInputError');
}

const ONE = `version: 1.0.0
practices:
  - id: a-habit
    scale: people
    size: habit
    title: Say thanks
    what: Thank one person a day for something specific.
    cadence: daily
    time: 2 minutes
    signs: People thank each other too.
`;

describe('the built-in practice library', () => {
  it('has at least five practices for every scale, from habits to projects', () => {
    for (const scale of scales) {
      const own = practicesFor(scale.id, library.practices);
      expect(own.length, scale.id).toBeGreaterThanOrEqual(5);
      expect(new Set(own.map((p) => p.size)), scale.id).toEqual(new Set(['habit', 'routine', 'project']));
    }
  });

  it('has unique ids and every field filled', () => {
    expect(new Set(library.practices.map((p) => p.id)).size).toBe(library.practices.length);
    for (const p of library.practices) {
      for (const key of ['title', 'what', 'time', 'signs'] as const)
        expect(p[key].length, `${p.id}.${key}`).toBeGreaterThan(5);
    }
  });

  it('copies pole and contrast from the instrument', () => {
    const [p] = practicesFor('operations', library.practices);
    expect(p).toMatchObject({ scale: 'operations', pole: 'manage', contrast: 'horizon' });
    expect(practicesFor('learning', library.practices)[0]).not.toHaveProperty('contrast');
  });
});

describe('parsePractices', () => {
  it('reads a valid file', () => {
    expect(parsePractices(ONE, 'p.yaml', scales).practices).toEqual([
      {
        id: 'a-habit',
        scale: 'people',
        pole: 'lead',
        contrast: 'focus',
        size: 'habit',
        title: 'Say thanks',
        what: 'Thank one person a day for something specific.',
        cadence: 'daily',
        time: '2 minutes',
        signs: 'People thank each other too.',
      },
    ]);
  });

  it('reports unknown scales, sizes, cadences, missing fields and duplicates with file:line:column', () => {
    const broken = `${ONE.replace('scale: people', 'scale: peeple').replace('size: habit', 'size: daily')}  - id: a-habit
    scale: tasks
    size: project
    title: Plan
    what: Plan it.
    cadence: sometimes
    time: 1 hour
`;
    expect(problems(broken)).toEqual([
      'p.yaml:4:12: unknown scale "peeple"; allowed: people, change, vision, tasks, stability, operations, emotional-intelligence, communication, adaptability, learning',
      'p.yaml:5:11: "size" is string "daily"; allowed: habit, routine, project',
      'p.yaml:11:5: missing field "signs" (how to tell it is working)',
      'p.yaml:11:9: duplicate practice id "a-habit" (first defined at line 3, column 9)',
      'p.yaml:16:14: "cadence" is string "sometimes"; allowed: daily, weekly, fortnightly, monthly, once',
    ]);
    expect(problems(ONE.replace('title: Say thanks', 'title: Say thanks\n    tittle: x'))).toEqual([
      'p.yaml:7:5: unknown field "tittle"; allowed: id, scale, size, title, what, cadence, time, signs',
    ]);
  });
});

describe('searchPractices and practicesFor', () => {
  const p = (
    id: string,
    scale: string,
    pole: Practice['pole'],
    size: Practice['size'],
    title: string,
    what: string,
  ): Practice => ({
    id,
    scale,
    pole,
    size,
    title,
    what,
    cadence: 'weekly',
    time: '1 hour',
    signs: 'It works.',
  });
  const lib = [
    p('a', 'people', 'lead', 'project', 'Team Charter', 'Agree how to work together.'),
    p('b', 'tasks', 'manage', 'habit', 'Owner and date', 'End every MEETING with owners.'),
    p('c', 'people', 'lead', 'habit', 'Thanks', 'Thank someone after a meeting.'),
    p('d', 'learning', 'foundation', 'routine', 'Feedback', 'Ask for feedback on a meeting.'),
  ];

  it('matches text case-insensitively in title or what, every word', () => {
    expect(searchPractices({ text: 'meeting' }, lib).map((x) => x.id)).toEqual(['b', 'c', 'd']);
    expect(searchPractices({ text: 'CHARTER' }, lib).map((x) => x.id)).toEqual(['a']);
    expect(searchPractices({ text: 'thank meeting' }, lib).map((x) => x.id)).toEqual(['c']);
    expect(searchPractices({ text: 'thank charter' }, lib)).toEqual([]);
    expect(searchPractices({ text: '  ' }, lib)).toHaveLength(4);
  });

  it('combines scale, size and pole filters', () => {
    expect(searchPractices({ pole: 'lead' }, lib).map((x) => x.id)).toEqual(['a', 'c']);
    expect(searchPractices({ pole: 'lead', size: 'habit' }, lib).map((x) => x.id)).toEqual(['c']);
    expect(searchPractices({ scale: 'tasks', text: 'meeting' }, lib).map((x) => x.id)).toEqual(['b']);
    expect(searchPractices({ scale: 'tasks', pole: 'lead' }, lib)).toEqual([]);
  });

  it('practicesFor lists a scale smallest first', () => {
    expect(practicesFor('people', lib).map((x) => x.id)).toEqual(['c', 'a']);
    expect(practicesFor('vision', lib)).toEqual([]);
  });

  it('finds real practices in the built-in library', () => {
    const found = searchPractices({ text: 'checklist', pole: 'manage' }, library.practices);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((x) => x.pole === 'manage' && /checklist/i.test(`${x.title} ${x.what}`))).toBe(true);
  });
});
