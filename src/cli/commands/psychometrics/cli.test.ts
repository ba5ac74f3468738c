import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulateGradedResponses } from '../../../psychometrics/irt/simulate.ts';
import { Rng } from '../../../psychometrics/random.ts';

const BIN = fileURLToPath(new URL('../../../../bin/fulcrum.js', import.meta.url));
const REF = fileURLToPath(new URL('../../../../test/reference/psychometrics/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'fulcrum-psy-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

function fulcrum(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// 400 simulated respondents on 6 five-category items, answers 1 … 5, a few missing.
const rng = new Rng(12);
const truth = Array.from({ length: 6 }, (_, j) => ({ a: 1 + 0.2 * j, b: [-1.5, -0.5, 0.4, 1.4] }));
const sim = simulateGradedResponses(
  truth,
  Float64Array.from({ length: 400 }, () => rng.normal()),
  rng,
);
const header = `id,${truth.map((_, j) => `q${j + 1}`).join(',')}`;
const rows = Array.from({ length: 400 }, (_, r) => {
  const cells = Array.from(sim.codes.subarray(r * 6, r * 6 + 6)).map((c) =>
    rng.next() < 0.02 ? '' : String(c + 1),
  );
  return `p${r + 1},${cells.join(',')}`;
});
const irtData = write('irt.csv', `${header}\n${rows.join('\n')}\n`);

describe('fulcrum analyze', () => {
  it('prints the documented JSON, matching psych on the reference data', () => {
    const { code, stdout } = fulcrum([
      'analyze',
      join(REF, 'classical-data.csv'),
      '--key',
      join(REF, 'classical-key.json'),
      '--json',
    ]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const reference = JSON.parse(readFileSync(join(REF, 'classical-reference.json'), 'utf8'));
    expect(Object.keys(doc)).toEqual(['scales']);
    expect(Object.keys(doc.scales[0])).toEqual([
      'scale',
      'n',
      'mean',
      'sd',
      'alpha',
      'omega',
      'sem',
      'items',
    ]);
    expect(Object.keys(doc.scales[0].items[0])).toEqual(['item', 'reversed', 'rDrop', 'alphaIfDeleted']);
    expect(doc.scales.map((s: { scale: string }) => s.scale)).toEqual(['A', 'B']);
    expect(doc.scales[0].items.map((i: { item: string }) => i.item)).toEqual([
      'A1',
      'A2',
      'A3',
      'A4',
      'A5',
      'A6',
    ]);
    expect(doc.scales[0].items[2].reversed).toBe(true);
    expect(doc.scales[1].n).toBe(reference.scales[1].n);
    expect(Math.abs(doc.scales[1].alpha - reference.scales[1].alpha)).toBeLessThan(1e-6);
  });

  it('exits 2 naming row and column for a non-numeric or out-of-range answer', () => {
    const key = write('key.json', JSON.stringify({ min: 1, max: 5, scales: { S: ['A1', '-A2', 'A3'] } }));
    const data = write('bad.csv', 'id,A1,A2,A3\nx,1,2,3\ny,2,abc,3\nz,6,1,\n');
    const { code, stdout, stderr } = fulcrum(['analyze', data, '--key', key, '--json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('row 2, column "A2"');
    expect(stderr).toContain('row 3, column "A1"');
    const missing = write('key2.json', JSON.stringify({ min: 1, max: 5, scales: { S: ['A1', 'B9'] } }));
    expect(fulcrum(['analyze', data, '--key', missing, '--json']).stderr).toContain('no column "B9"');
    const badKey = write('key3.json', JSON.stringify({ min: 1, max: 'five', scales: {} }));
    const bad = fulcrum(['analyze', data, '--key', badKey]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('$.max');
  });

  it('takes the key from an instrument and writes norms', () => {
    const mini = fileURLToPath(new URL('../../../../test/fixtures/mini.yaml', import.meta.url));
    const items = ['P1', 'P2', 'P3', 'C1', 'C2', 'C3'];
    const lines = [`id,${items.join(',')}`];
    const r = new Rng(5);
    for (let i = 0; i < 30; i++) lines.push(`r${i},${items.map(() => 1 + r.int(5)).join(',')}`);
    const data = write('mini.csv', `${lines.join('\n')}\n`);
    const normsFile = join(dir, 'norms.json');
    const { code, stdout, stderr } = fulcrum([
      'analyze',
      data,
      '--instrument',
      mini,
      '--norms-out',
      normsFile,
      '--json',
    ]);
    expect(stderr).not.toMatch(/unexpected/);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const people = doc.scales.find((s: { scale: string }) => s.scale === 'people');
    expect(people.n).toBe(30);
    expect(people.items.map((i: { reversed: boolean }) => i.reversed)).toEqual([false, false, true]);
    const norms = JSON.parse(readFileSync(normsFile, 'utf8'));
    expect(norms.scales.people.n).toBe(30);
  });
});

describe('fulcrum calibrate → theta → cat-sim', () => {
  const paramsFile = join(dir, 'params.json');

  it('calibrate prints the params document', () => {
    const { code, stdout, stderr } = fulcrum(['calibrate', irtData, '--model', 'graded', '--json']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/converged after \d+ EM cycles/);
    const doc = JSON.parse(stdout);
    expect(doc.model).toBe('graded');
    expect(doc.converged).toBe(true);
    expect(doc.categories).toEqual([1, 2, 3, 4, 5]);
    expect(typeof doc.logLik).toBe('number');
    expect(doc.iterations).toBeGreaterThan(0);
    expect(doc.items.map((i: { item: string }) => i.item)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6']);
    for (const [j, item] of doc.items.entries()) {
      expect(Math.abs(item.a - truth[j]!.a)).toBeLessThan(0.45);
      expect(item.b).toHaveLength(4);
    }
    writeFileSync(paramsFile, stdout);
    const some = JSON.parse(fulcrum(['calibrate', irtData, '--items', 'q2,q5', '--json']).stdout);
    expect(some.items.map((i: { item: string }) => i.item)).toEqual(['q2', 'q5']);
    expect(fulcrum(['calibrate', irtData, '--items', 'q2,zz', '--json']).code).toBe(2);
  });

  it('theta scores every respondent by EAP and MAP', () => {
    const eap = fulcrum(['theta', irtData, '--params', paramsFile, '--json']);
    expect(eap.code).toBe(0);
    const doc = JSON.parse(eap.stdout);
    expect(doc.respondents).toHaveLength(400);
    expect(Object.keys(doc.respondents[0])).toEqual(['id', 'theta', 'se']);
    expect(doc.respondents[0].id).toBe('p1');
    const map = JSON.parse(
      fulcrum(['theta', irtData, '--params', paramsFile, '--method', 'map', '--json']).stdout,
    );
    // EAP and MAP agree closely with six informative items.
    const diffs = doc.respondents.map(
      (r: { theta: number }, i: number) => r.theta - map.respondents[i].theta,
    ) as number[];
    expect(Math.max(...diffs.map(Math.abs))).toBeLessThan(0.5);
  });

  it('theta rejects a params file with its JSON path, and bad answers with row and column', () => {
    const bad = write(
      'bad-params.json',
      JSON.stringify({
        model: 'graded',
        items: [
          { item: 'q1', a: 1, b: [0, 1] },
          { item: 'q2', a: 1, b: [1, 0] },
        ],
      }),
    );
    const result = fulcrum(['theta', irtData, '--params', bad, '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('$.items[1].b');
    const data = write('theta-bad.csv', 'id,q1,q2,q3,q4,q5,q6\na,1,2,3,4,5,1\nb,1,2,7,4,5,1\n');
    const cells = fulcrum(['theta', data, '--params', paramsFile, '--json']);
    expect(cells.code).toBe(2);
    expect(cells.stderr).toContain('row 2, column "q3"');
  });

  it('cat-sim prints n, meanItems, rmse, bias and corr', () => {
    const args = [
      'cat-sim',
      '--params',
      paramsFile,
      '--n',
      '300',
      '--se',
      '0.45',
      '--max-items',
      '6',
      '--seed',
      '4',
    ];
    const { code, stdout } = fulcrum([...args, '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc)).toEqual(['n', 'meanItems', 'rmse', 'bias', 'corr']);
    expect(doc.n).toBe(300);
    expect(doc.meanItems).toBeGreaterThanOrEqual(1);
    expect(doc.meanItems).toBeLessThanOrEqual(6);
    expect(doc.rmse).toBeLessThan(0.6);
    expect(doc.corr).toBeGreaterThan(0.8);
    // Same seed, same result.
    expect(JSON.parse(fulcrum([...args, '--json']).stdout)).toEqual(doc);
    expect(fulcrum([...args, '--select', 'nope', '--json']).code).toBe(2);
  });
});
