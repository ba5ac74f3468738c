import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadInstrumentSync } from '../../src/catalog/instruments.ts';
import { buildProfile } from '../../src/model/profile/build-profile.ts';
import { fulcrum } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'fulcrum-advise-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

/** A full-form profile that manages far more than it leads on every contrast. */
function manageHeavyProfile() {
  const instrument = loadInstrumentSync('lead-manage');
  const means: Record<string, number> = {
    people: 2,
    change: 2,
    vision: 2,
    tasks: 5,
    stability: 5,
    operations: 5,
  };
  const answers = Object.fromEntries(
    instrument.items.map((item) => {
      const m = means[item.scale] ?? 4;
      return [item.id, item.reverse ? 6 - m : m];
    }),
  );
  return buildProfile(instrument, answers, 'full');
}

describe('fulcrum advise', () => {
  it('--situation … --json: the article’s first anchor calls for leading, with drivers and behaviours', () => {
    const situation = write('lead.json', { factors: { uncertainty: 4, change: 4 } });
    const { code, stdout, stderr } = fulcrum(['advise', '--situation', situation, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const advice = JSON.parse(stdout);
    expect(Object.keys(advice)).toEqual([
      'rules',
      'situation',
      'overall',
      'contrasts',
      'drivers',
      'behaviours',
      'fit',
    ]);
    expect(advice.overall).toMatchObject({
      label: 'strongly-lead',
      labelText: 'strongly lead',
      call: 'lead',
    });
    expect(advice.contrasts.map((c: { id: string; label: string }) => [c.id, c.label])).toEqual([
      ['focus', 'strongly-lead'],
      ['direction', 'strongly-lead'],
      ['horizon', 'strongly-lead'],
    ]);
    expect(advice.drivers.map((d: { factor: string }) => d.factor)).toEqual(['change', 'uncertainty']);
    expect(advice.behaviours.length).toBeGreaterThanOrEqual(3);
    expect(advice.behaviours.length).toBeLessThanOrEqual(5);
    expect(advice.fit).toBeNull();
  });

  it('--example with --profile (a wrapped download) says where to stretch', () => {
    const profile = write('profile.json', { profile: manageHeavyProfile() });
    const { code, stdout } = fulcrum([
      'advise',
      '--example',
      'reorganization',
      '--profile',
      profile,
      '--json',
    ]);
    expect(code).toBe(0);
    const advice = JSON.parse(stdout);
    expect(advice.situation.example).toBe('reorganization');
    expect(advice.fit.overall.message).toBe('This calls for leading; your habit is managing.');
    const horizon = advice.fit.contrasts.find((c: { id: string }) => c.id === 'horizon');
    expect(horizon.fit).toBe('stretch');
    expect(horizon.stretch[0].scale).toBe('vision');
  });

  it('readable text without --json, with a manage-heavy profile given directly', () => {
    const profile = write('profile-direct.json', manageHeavyProfile());
    const { code, stdout } = fulcrum(['advise', '--example', 'product-launch', '--profile', profile]);
    expect(code).toBe(0);
    expect(stdout).toContain('Situation: A product launch in two weeks');
    expect(stdout).toContain('Overall: STRONGLY MANAGE');
    expect(stdout).toContain('This week:');
    expect(stdout).toMatch(/plays to your strength/);
    expect(stdout).toMatch(/Watch for overuse: /);
  });

  it('bad situation input exits 2 naming every JSON path; nothing on stdout', () => {
    const situation = write('bad.json', { example: 'crisis', factors: { deadline: 9, hurry: 2 } });
    const { code, stdout, stderr } = fulcrum(['advise', '--situation', situation, '--json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      `$.factors.deadline: must be a whole number from 0 to 4, got number 9 (in ${situation})`,
    );
    expect(stderr).toContain('$.factors.hurry: unknown factor; known: uncertainty,');
  });

  it('bad profile, bad JSON, an unknown example and missing options are bad input (exit 2)', () => {
    const situation = write('ok.json', { factors: { deadline: 3 } });
    const profile = write('bad-profile.json', { contrasts: [{ id: 'focus', tilt: 'up' }] });
    const badProfile = fulcrum(['advise', '--situation', situation, '--profile', profile, '--json']);
    expect(badProfile.code).toBe(2);
    expect(badProfile.stderr).toContain(
      '$.contrasts[0].lead: must be an object { scale, score }, got nothing',
    );
    const notJson = fulcrum(['advise', '--situation', write('x.json', '{ factors: ')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/situation is not valid JSON/);
    const unknown = fulcrum(['advise', '--example', 'picnic']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/example situation "picnic" was not found \(known: reorganization, /);
    expect(fulcrum(['advise']).code).toBe(2);
  });

  it('--list-examples --json lists the named examples; a broken --rules file is located', () => {
    const list = fulcrum(['advise', '--list-examples', '--json']);
    expect(list.code).toBe(0);
    const ids = JSON.parse(list.stdout).examples.map((e: { id: string }) => e.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'reorganization',
        'product-launch',
        'new-team',
        'crisis',
        'steady-quarter',
        'failed-audit',
      ]),
    );
    const rules = write('rules.yaml', 'id: r\nversion: 1\n');
    const broken = fulcrum(['advise', '--example', 'crisis', '--rules', rules]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`${rules}:2:10: "version" must be text, got number 1`);
  });

  it('--help documents the situation file and the factors', () => {
    const { code, stdout } = fulcrum(['advise', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('"factors": { "<factor id>": <rating> }');
    expect(stdout).toMatch(/deadline\s+How tight are the deadlines/);
  });
});

describe('fulcrum practices', () => {
  it('--scale and --search filter; --json prints the practices', () => {
    const { code, stdout } = fulcrum(['practices', '--scale', 'tasks', '--search', 'OWNER', '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.version).toBe('1.0.0');
    expect(doc.practices.length).toBeGreaterThan(0);
    for (const p of doc.practices) {
      expect(p.scale).toBe('tasks');
      expect(`${p.title} ${p.what}`.toLowerCase()).toContain('owner');
      expect(Object.keys(p)).toEqual([
        'id',
        'scale',
        'pole',
        'contrast',
        'title',
        'what',
        'cadence',
        'time',
        'signs',
        'size',
      ]);
    }
  });

  it('prints readable text, and rejects an unknown scale (exit 2)', () => {
    const text = fulcrum(['practices', '--scale', 'learning']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/It is working when: /);
    expect(text.stdout).toMatch(/\n\d+ practices\n$/);
    const bad = fulcrum(['practices', '--scale', 'charisma']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--scale: unknown scale "charisma"');
  });
});
