import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fulcrum } from '../support/cli.ts';

const mini = fileURLToPath(new URL('../fixtures/mini.yaml', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'fulcrum-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('fulcrum instrument', () => {
  it('show --json prints exactly the documented shape', () => {
    const { code, stdout } = fulcrum(['instrument', 'show', 'lead-manage', '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc)).toEqual(['id', 'version', 'title', 'responseScale', 'scales', 'items']);
    expect(doc.responseScale).toEqual({ min: 1, max: 5, labels: expect.any(Array) });
    expect(doc.scales[0]).toEqual({ id: 'people', name: 'People', pole: 'lead', contrast: 'focus' });
    expect(doc.scales[6]).toEqual({
      id: 'emotional-intelligence',
      name: 'Emotional intelligence',
      pole: 'foundation',
    });
    expect(Object.keys(doc.items[0])).toEqual(['id', 'scale', 'reverse', 'self', 'observer', 'short']);
    expect(doc.items).toHaveLength(70);
  });

  it('validate exits 0 for a valid file and 2 with file:line:column for a broken one', () => {
    expect(fulcrum(['instrument', 'validate', mini]).code).toBe(0);
    const broken = write(
      'broken.yaml',
      'id: x\nversion: 1.0.0\ntitle: X\nresponseScale: {min: 1, max: 3, labels: [a, b, c]}\nscales:\n  - id: s\n    name: S\n    pole: sideways\nitems: []\n',
    );
    const { code, stderr, stdout } = fulcrum(['instrument', 'validate', broken]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      `${broken}:8:11: "pole" is string "sideways"; allowed: lead, manage, foundation`,
    );
    expect(stderr).toContain(`${broken}:9:8: "items" must not be empty`);
  });

  it('an unknown instrument or a missing file is bad input (exit 2)', () => {
    expect(fulcrum(['instrument', 'show', 'nope', '--json']).code).toBe(2);
    expect(fulcrum(['instrument', 'validate', join(dir, 'missing.yaml')]).stderr).toMatch(/no such file/);
  });
});

describe('fulcrum score', () => {
  // mini: 3 items per scale, the third reverse keyed; 1–5.
  // r1: people P1=5 P2=4 P3=1 → 5,4,5 → mean 14/3, score 91.67; others 3 → 50.
  const header = 'id,P1,P2,P3,C1,C2,C3,V1,V2,V3,T1,T2,T3,S1,S2,S3,O1,O2,O3,L1,L2,L3';
  const csv = write(
    'responses.csv',
    `${header}\nr1,5,4,1,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3\nr2,5,5,1,5,5,1,5,5,1,1,1,5,1,1,5,1,1,5,3,3,3\nr3,7,,abc,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3\n`,
  );

  it('--json prints respondents with scale means and scores, lead, manage and quadrant', () => {
    const { code, stdout } = fulcrum(['score', csv, '--instrument', mini, '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc)).toEqual(['respondents', 'errors']);
    const [r1, r2, r3] = doc.respondents;
    expect(r1.id).toBe('r1');
    expect(r1.scales.people.mean).toBeCloseTo(14 / 3, 10);
    expect(r1.scales.people.score).toBeCloseTo(275 / 3, 10);
    expect(r1.scales.people.answered).toBe(3);
    expect(Object.keys(r1.scales.people)).toEqual(['mean', 'score', 'answered']);
    expect(r1.lead).toBeCloseTo((275 / 3 + 50 + 50) / 3, 10);
    expect(r1.manage).toBe(50);
    expect(r1.quadrant).toBe('lead-strong'); // lead 63.9 ≥ 62.5, manage 50
    expect([r2.lead, r2.manage, r2.quadrant]).toEqual([100, 0, 'lead-strong']);
    // r3: P1 = 7 and P3 = "abc" are errors and count as missing; P2 empty → people unscored (0 of 3)
    expect(r3.scales.people).toEqual({ mean: null, score: null, answered: 0 });
    expect(r3.lead).toBeNull();
    expect(r3.quadrant).toBeNull();
    expect(doc.errors).toEqual([
      { row: 3, column: 'P1', message: '"7" must be from 1 to 5, got 7' },
      { row: 3, column: 'P3', message: '"abc" must be a number from 1 to 5' },
    ]);
  });

  it('--strict exits 2 before printing anything when a cell is bad', () => {
    const { code, stdout, stderr } = fulcrum(['score', csv, '--instrument', mini, '--json', '--strict']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('row 3, column "P1"');
  });

  it('--csv prints one row per respondent', () => {
    const { code, stdout } = fulcrum(['score', csv, '--instrument', mini, '--csv']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'id,people,change,vision,tasks,stability,operations,listening,lead,manage,quadrant',
    );
    expect(lines[2]).toBe('r2,100,100,100,0,0,0,50,100,0,lead-strong');
  });

  it('quotes ids in --csv output and reports rows with a wrong number of fields', () => {
    const odd = write(
      'odd.csv',
      `${header}\n"Smith, J",5,5,1,5,5,1,5,5,1,1,1,5,1,1,5,1,1,5,3,3,3\nshort,5,5\n`,
    );
    const csvOut = fulcrum(['score', odd, '--instrument', mini, '--csv']);
    expect(csvOut.stdout.split('\n')[1]).toBe('"Smith, J",100,100,100,0,0,0,50,100,0,lead-strong');
    const json = JSON.parse(fulcrum(['score', odd, '--instrument', mini, '--json']).stdout);
    expect(json.errors).toEqual([{ row: 2, column: 'P3', message: 'expected 22 fields, got 3' }]);
    expect(json.respondents[1].scales.people).toEqual({ mean: 5, score: 100, answered: 2 });
  });

  it('bad usage and unusable files exit 2 with a message', () => {
    expect(fulcrum(['score', csv]).code).toBe(2); // --instrument missing
    expect(fulcrum(['score', join(dir, 'none.csv'), '--instrument', mini]).stderr).toMatch(/no such file/);
    const noItems = write('no-items.csv', 'id,foo\n1,2\n');
    const result = fulcrum(['score', noItems, '--instrument', mini, '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/names no item of mini/);
  });
});

describe('fulcrum assess (answers piped in)', () => {
  it('asks the short form, keeps answers on quit, resumes and prints the profile', () => {
    const cwd = join(dir, 'assess');
    mkdirSync(cwd);
    const first = fulcrum(['assess'], { cwd, input: '4\n4\nq\n' });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/Saved\. Run `fulcrum assess` again/);
    const second = fulcrum(['assess', '--json'], { cwd, input: `${'4\n'.repeat(28)}` });
    expect(second.stderr).toMatch(/Resuming your short assessment/);
    expect(second.code).toBe(0);
    const profile = JSON.parse(second.stdout);
    // Every short item answered 4: positive items score 75, reverse items 2 → 50; scales mix both.
    expect(profile.form).toBe('short');
    expect(profile.scales).toHaveLength(10);
    expect(profile.scales.every((s: { answered: number }) => s.answered === 3)).toBe(true);
  });
});
