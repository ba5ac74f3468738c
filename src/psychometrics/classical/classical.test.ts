import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cronbachAlpha } from './alpha.ts';
import { covarianceMatrix } from './covariance.ts';
import { buildNorms, percentileRank, tScore } from './norms.ts';
import { reliableChange } from './reliable-change.ts';
import { reverseKey } from './reverse-key.ts';
import { analyzeScale } from './scale-analysis.ts';
import { standardErrorOfMeasurement } from './sem.ts';

// Reference numbers from psych 2.2.9 (psych::alpha, psych::omega with fm = "minres"), produced by
// test/reference/psychometrics/classical.R from the data beside it; R is not run by the tests.
const refDir = new URL('../../../test/reference/psychometrics/', import.meta.url);
const reference = JSON.parse(readFileSync(new URL('classical-reference.json', refDir), 'utf8')) as {
  scales: {
    scale: string;
    n: number;
    mean: number;
    sd: number;
    alpha: number;
    omega: number;
    sem: number;
    items: { item: string; reversed: boolean; rDrop: number; alphaIfDeleted: number }[];
  }[];
};
const key = JSON.parse(readFileSync(new URL('classical-key.json', refDir), 'utf8')) as {
  min: number;
  max: number;
  scales: Record<string, string[]>;
};
const [headerLine, ...dataLines] = readFileSync(new URL('classical-data.csv', refDir), 'utf8')
  .trim()
  .split('\n');
const header = headerLine!.split(',');
const data = dataLines.map((line) => line.split(','));

describe('analyzeScale against psych::alpha and psych::omega', () => {
  for (const expected of reference.scales) {
    it(`scale ${expected.scale}`, () => {
      const items = key.scales[expected.scale]!.map((spec) => ({
        item: spec.replace(/^-/, ''),
        reversed: spec.startsWith('-'),
      }));
      const responses = data.map((row) =>
        items.map(({ item }) => {
          const cell = row[header.indexOf(item)]!;
          return cell === '' ? null : Number(cell);
        }),
      );
      const got = analyzeScale(items, responses, key.min, key.max);
      expect(got.n).toBe(expected.n);
      for (const field of ['mean', 'sd', 'alpha', 'sem'] as const)
        expect(Math.abs(got[field] - expected[field])).toBeLessThan(1e-6);
      expect(Math.abs(got.omega - expected.omega)).toBeLessThan(3e-3);
      expect(got.items.map((i) => i.item)).toEqual(expected.items.map((i) => i.item));
      got.items.forEach((item, i) => {
        expect(item.reversed).toBe(expected.items[i]!.reversed);
        expect(Math.abs(item.rDrop - expected.items[i]!.rDrop)).toBeLessThan(1e-6);
        expect(Math.abs(item.alphaIfDeleted - expected.items[i]!.alphaIfDeleted)).toBeLessThan(1e-6);
      });
    });
  }

  it('uses only respondents who answered every item of the scale', () => {
    const items = [
      { item: 'x', reversed: false },
      { item: 'y', reversed: false },
    ];
    const got = analyzeScale(
      items,
      [
        [1, 2],
        [2, null],
        [3, 4],
        [null, null],
        [5, 5],
      ],
      1,
      5,
    );
    expect(got.n).toBe(3);
    // scores 1.5, 3.5, 5 → mean 10/3
    expect(got.mean).toBeCloseTo(10 / 3, 12);
  });
});

describe('cronbachAlpha, hand-worked', () => {
  it('two items with variances 1 and correlation r give alpha = 2r / (1 + r)', () => {
    const r = 0.6;
    expect(
      cronbachAlpha([
        [1, r],
        [r, 1],
      ]),
    ).toBeCloseTo((2 * r) / (1 + r), 14);
  });
});

const answerRows = fc.array(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 4, maxLength: 4 }), {
  minLength: 5,
  maxLength: 40,
});

describe('properties', () => {
  it('alpha is unchanged by adding a constant to every answer', () => {
    fc.assert(
      fc.property(answerRows, fc.integer({ min: -10, max: 10 }), (rows, c) => {
        const before = cronbachAlpha(covarianceMatrix(rows));
        const after = cronbachAlpha(covarianceMatrix(rows.map((row) => row.map((x) => x + c))));
        if (Number.isNaN(before)) return Number.isNaN(after);
        return Math.abs(before - after) < 1e-9;
      }),
    );
  });

  it('reverse keying twice is the identity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 5 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer(),
        (min, width, seed) => {
          const max = min + width;
          const x = min + (Math.abs(seed) % (width + 1));
          return reverseKey(reverseKey(x, min, max), min, max) === x;
        },
      ),
    );
  });
});

describe('SEM and reliable change (Jacobson & Truax 1991)', () => {
  it('SEM = SD · √(1 − alpha)', () => {
    expect(standardErrorOfMeasurement(10, 0.91)).toBeCloseTo(3, 12);
    expect(standardErrorOfMeasurement(2, -0.5)).toBe(2);
  });

  it('RCI = (x₂ − x₁) / (√2 · SEM); reliable beyond 1.96', () => {
    // SEM 0.4 → S_diff = 0.565685…; a gain of 1.2 gives RCI 2.1213 (reliable), 1.0 gives 1.7678 (not).
    const gain = reliableChange(3, 4.2, 0.4);
    expect(gain.rci).toBeCloseTo(1.2 / (Math.SQRT2 * 0.4), 12);
    expect(gain.rci).toBeCloseTo(2.12132, 5);
    expect(gain).toMatchObject({ reliable: true, direction: 'improved' });
    expect(reliableChange(3, 4, 0.4)).toMatchObject({ reliable: false, direction: 'unchanged' });
    expect(reliableChange(4.2, 3, 0.4)).toMatchObject({ reliable: true, direction: 'declined' });
    expect(() => reliableChange(1, 2, 0)).toThrow(/SEM/);
  });
});

describe('norms', () => {
  const norms = buildNorms([1, 2, 2, 3, 3, 3, 4, 4, 5, 10 / 3]);

  it('percentile ranks count half of the ties', () => {
    expect(norms.n).toBe(10);
    // below 3: 1, 2, 2 → 3; equal: 3 → 100 · (3 + 1.5) / 10
    expect(percentileRank(norms, 3)).toBeCloseTo(45, 12);
    expect(percentileRank(norms, 0)).toBe(0);
    expect(percentileRank(norms, 6)).toBe(100);
    // below 10/3: 1, 2, 2, 3, 3, 3 → 6; equal: 1 (float noise rounded away) → 65
    expect(percentileRank(norms, 1 + 2 + 1 / 3)).toBeCloseTo(65, 12);
  });

  it('T = 50 + 10 · z', () => {
    const values = [1, 2, 2, 3, 3, 3, 4, 4, 5, 10 / 3];
    const mean = values.reduce((s, x) => s + x, 0) / 10;
    const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / 9);
    expect(tScore(norms, mean + sd)).toBeCloseTo(60, 10);
    expect(tScore(norms, mean)).toBeCloseTo(50, 10);
  });
});
