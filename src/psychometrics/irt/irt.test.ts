import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../random.ts';
import { calibrateGraded } from './calibrate.ts';
import { eapEstimate, scoreEap } from './eap.ts';
import { categoryProbabilities, logCategoryProbability } from './graded.ts';
import { itemInformation, testInformation } from './information.ts';
import { mapEstimate } from './map.ts';
import { normalQuadrature } from './quadrature.ts';
import { simulateGradedResponses } from './simulate.ts';
import type { GradedItem } from './types.ts';

/** Independent, deliberately naive GRM: P(X = k) = 1/(1+e^{−a(θ−b_k)}) − 1/(1+e^{−a(θ−b_{k+1})}). */
function naiveProbability(item: GradedItem, theta: number, k: number): number {
  const cum = (l: number) =>
    l === 0 ? 1 : l === item.b.length + 1 ? 0 : 1 / (1 + Math.exp(-item.a * (theta - item.b[l - 1]!)));
  return cum(k) - cum(k + 1);
}

/** Naive EAP by direct summation on 61 points over [−6, 6] with N(0,1) weights (no log space). */
function naiveEap(items: GradedItem[], pattern: number[]): { theta: number; se: number } {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  for (let q = 0; q < 61; q++) {
    const t = -6 + 0.2 * q;
    let w = Math.exp(-(t * t) / 2);
    items.forEach((item, j) => {
      if (pattern[j]! >= 0) w *= naiveProbability(item, t, pattern[j]!);
    });
    s0 += w;
    s1 += w * t;
    s2 += w * t * t;
  }
  const theta = s1 / s0;
  return { theta, se: Math.sqrt(s2 / s0 - theta * theta) };
}

const itemArb = fc
  .record({
    a: fc.double({ min: 0.3, max: 3, noNaN: true }),
    start: fc.double({ min: -3, max: 1, noNaN: true }),
    gaps: fc.array(fc.double({ min: 0.1, max: 1.5, noNaN: true }), { minLength: 1, maxLength: 5 }),
  })
  .map(({ a, start, gaps }) => {
    const b = [start];
    for (const g of gaps) b.push(b[b.length - 1]! + g);
    return { a, b } as GradedItem;
  });

describe('graded response model probabilities', () => {
  it('match a hand-worked item (a = 1.5, b = −1, 0.5, θ = 0)', () => {
    // P*₁ = 1/(1+e^{−1.5}) = 0.8175745, P*₂ = 1/(1+e^{0.75}) = 0.3208213
    const p = categoryProbabilities({ a: 1.5, b: [-1, 0.5] }, 0);
    expect(p[0]).toBeCloseTo(0.1824255, 7);
    expect(p[1]).toBeCloseTo(0.8175745 - 0.3208213, 7);
    expect(p[2]).toBeCloseTo(0.3208213, 7);
  });

  it('equal the naive formula and sum to one', () => {
    fc.assert(
      fc.property(itemArb, fc.double({ min: -6, max: 6, noNaN: true }), (item, theta) => {
        const p = categoryProbabilities(item, theta);
        p.forEach((pk, k) => {
          expect(pk).toBeCloseTo(naiveProbability(item, theta, k), 12);
        });
        expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
      }),
    );
  });

  it('stay exact in the far tails where the naive difference cancels to 0', () => {
    // Lowest category at θ = 40, a = 2, b₁ = 0: P₀ = σ(−80) = e^{−80}/(1+e^{−80}) ≈ e^{−80}.
    const item = { a: 2, b: [0, 1] };
    expect(logCategoryProbability(item, 40, 0)).toBeCloseTo(-80, 10);
    // Middle category at θ = 40: σ(80)·σ(−78)·(1 − e^{−2}) ≈ e^{−78}(1 − e^{−2}).
    expect(logCategoryProbability(item, 40, 1)).toBeCloseTo(-78 + Math.log(1 - Math.exp(-2)), 10);
  });
});

describe('information', () => {
  it('equals Σ (P′_k)² / P_k with P′ by central differences', () => {
    fc.assert(
      fc.property(itemArb, fc.double({ min: -4, max: 4, noNaN: true }), (item, theta) => {
        const h = 1e-5;
        let expected = 0;
        for (let k = 0; k <= item.b.length; k++) {
          const d = (naiveProbability(item, theta + h, k) - naiveProbability(item, theta - h, k)) / (2 * h);
          expected += (d * d) / naiveProbability(item, theta, k);
        }
        expect(itemInformation(item, theta)).toBeCloseTo(expected, 5);
      }),
    );
  });

  it('is positive, and the test information is the sum', () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { minLength: 1, maxLength: 6 }),
        fc.double({ min: -6, max: 6, noNaN: true }),
        (items, t) => {
          const total = testInformation(items, t);
          expect(total).toBeGreaterThan(0);
          expect(total).toBeCloseTo(
            items.reduce((s, i) => s + itemInformation(i, t), 0),
            12,
          );
        },
      ),
    );
  });

  it('of a dichotomous item is a²P(1 − P) (the 2PL special case)', () => {
    const p = 1 / (1 + Math.exp(-1.2 * (0.3 - -0.4)));
    expect(itemInformation({ a: 1.2, b: [-0.4] }, 0.3)).toBeCloseTo(1.44 * p * (1 - p), 12);
  });
});

describe('EAP', () => {
  it('one dichotomous item a = 1, b = 0, answered 1: EAP = 2·E[σ(Z)(1 − σ(Z))] (Stein’s lemma)', () => {
    // ∫θφ(θ)σ(θ)dθ = E[σ′(Z)] and ∫φσ = ½, so E[θ | x = 1] = 2E[σ(Z)(1 − σ(Z))]; integrate finely.
    let e = 0;
    const h = 1e-3;
    for (let t = -12; t <= 12; t += h) {
      const s = 1 / (1 + Math.exp(-t));
      e += (s * (1 - s) * Math.exp(-(t * t) / 2) * h) / Math.sqrt(2 * Math.PI);
    }
    expect(eapEstimate([{ a: 1, b: [0] }], [1]).theta).toBeCloseTo(2 * e, 6);
  });

  it('matches direct summation for one- and two-item patterns', () => {
    const items: GradedItem[] = [
      { a: 1.3, b: [-1.2, -0.2, 0.9] },
      { a: 0.8, b: [-0.5, 1.5] },
    ];
    for (const pattern of [
      [0, -1],
      [3, -1],
      [2, 1],
      [0, 2],
      [1, 0],
    ]) {
      const got = eapEstimate(items, pattern);
      const want = naiveEap(items, pattern);
      expect(got.theta).toBeCloseTo(want.theta, 10);
      expect(got.se).toBeCloseTo(want.se, 10);
    }
  });

  it('gives the prior (0, ~1) with no answers and never underflows on 3,000 answers', () => {
    const none = eapEstimate([{ a: 1, b: [0] }], [-1]);
    expect(none.theta).toBeCloseTo(0, 12);
    expect(none.se).toBeCloseTo(1, 6);
    const items = Array.from({ length: 3000 }, () => ({ a: 2, b: [-1, 0, 1] }));
    const top = eapEstimate(
      items,
      items.map(() => 3),
    );
    expect(Number.isFinite(top.theta)).toBe(true);
    expect(top.theta).toBeGreaterThan(4); // mode where 3000·e^{−2(θ−1)} balances θ²/2: ≈ 4.7
    const mixed = eapEstimate(
      items,
      items.map((_, j) => j % 4),
    );
    expect(Number.isFinite(mixed.theta)).toBe(true);
    expect(Number.isFinite(mixed.se)).toBe(true);
  });

  it('lies within the quadrature range for any pattern', () => {
    fc.assert(
      fc.property(
        fc
          .array(itemArb, { minLength: 1, maxLength: 8 })
          .chain((items) =>
            fc.tuple(
              fc.constant(items),
              fc.tuple(...items.map((item) => fc.integer({ min: -1, max: item.b.length }))),
            ),
          ),
        ([items, pattern]) => {
          const { theta, se } = eapEstimate(items, pattern);
          expect(theta).toBeGreaterThanOrEqual(-6);
          expect(theta).toBeLessThanOrEqual(6);
          expect(se).toBeGreaterThanOrEqual(0);
          expect(se).toBeLessThanOrEqual(6);
        },
      ),
    );
  });

  it('scores a matrix the same as one pattern at a time', () => {
    const items: GradedItem[] = [
      { a: 1.3, b: [-1.2, -0.2, 0.9] },
      { a: 0.8, b: [-0.5, 1.5] },
    ];
    const codes = Int16Array.from([0, 1, 3, -1, 2, 2]);
    const batch = scoreEap(items, { nRespondents: 3, nItems: 2, codes }, normalQuadrature());
    [0, 1, 2].forEach((r) => {
      const one = naiveEap(items, [codes[2 * r]!, codes[2 * r + 1]!]);
      expect(batch.theta[r]).toBeCloseTo(one.theta, 10);
      expect(batch.se[r]).toBeCloseTo(one.se, 10);
    });
  });
});

describe('MAP', () => {
  it('finds the mode of the log posterior, with SE from its curvature', () => {
    const items: GradedItem[] = [
      { a: 1.3, b: [-1.2, -0.2, 0.9] },
      { a: 0.8, b: [-0.5, 1.5] },
      { a: 2.1, b: [0.2, 0.7, 1.1] },
    ];
    const logPost = (t: number, pattern: number[]) =>
      -(t * t) / 2 + pattern.reduce((s, k, j) => s + Math.log(naiveProbability(items[j]!, t, k)), 0);
    for (const pattern of [
      [0, 0, 0],
      [3, 2, 3],
      [1, 1, 2],
    ]) {
      let best = -10;
      for (let t = -10; t <= 10; t += 1e-4) if (logPost(t, pattern) > logPost(best, pattern)) best = t;
      const got = mapEstimate(items, pattern);
      expect(got.theta).toBeCloseTo(best, 3);
      const h = 1e-4;
      const second =
        (logPost(got.theta + h, pattern) -
          2 * logPost(got.theta, pattern) +
          logPost(got.theta - h, pattern)) /
        (h * h);
      expect(got.se).toBeCloseTo(1 / Math.sqrt(-second), 4);
    }
  });
});

describe('calibration (marginal maximum likelihood, EM)', () => {
  it('recovers 20 five-category items from N = 5,000 (RMSE a ≤ 0.10, b ≤ 0.12)', () => {
    const rng = new Rng(20240517);
    const truth: GradedItem[] = Array.from({ length: 20 }, () => {
      const a = 0.7 + 1.6 * rng.next();
      const c = -0.8 + 1.6 * rng.next();
      return { a, b: [c - 1.8, c - 0.6, c + 0.5, c + 1.7] };
    });
    const thetas = Float64Array.from({ length: 5000 }, () => rng.normal());
    const data = simulateGradedResponses(truth, thetas, rng);
    const result = calibrateGraded(data);
    expect(result.converged).toBe(true);
    let sa = 0;
    let sb = 0;
    result.items.forEach((item, j) => {
      sa += (item.a - truth[j]!.a) ** 2;
      item.b.forEach((b, k) => {
        sb += (b - truth[j]!.b[k]!) ** 2;
      });
    });
    const rmseA = Math.sqrt(sa / 20);
    const rmseB = Math.sqrt(sb / 80);
    console.log(
      `recovery: RMSE a = ${rmseA.toFixed(4)}, b = ${rmseB.toFixed(4)}, ${result.iterations} EM cycles`,
    );
    expect(rmseA).toBeLessThanOrEqual(0.1);
    expect(rmseB).toBeLessThanOrEqual(0.12);
  });

  it('acceleration reaches the same maximum as plain EM', () => {
    const rng = new Rng(7);
    const truth: GradedItem[] = Array.from({ length: 6 }, (_, j) => ({ a: 1 + 0.2 * j, b: [-1, 0, 1.2] }));
    const data = simulateGradedResponses(
      truth,
      Float64Array.from({ length: 800 }, () => rng.normal()),
      rng,
    );
    const plain = calibrateGraded(data, { accelerate: false, tolerance: 1e-6 });
    const fast = calibrateGraded(data, { tolerance: 1e-6 });
    expect(fast.converged && plain.converged).toBe(true);
    expect(fast.iterations).toBeLessThan(plain.iterations);
    expect(fast.logLik).toBeCloseTo(plain.logLik, 4);
    fast.items.forEach((item, j) => {
      expect(item.a).toBeCloseTo(plain.items[j]!.a, 3);
    });
  });

  it('collapses unused categories, keeps rare ones finite, and ignores missing answers', () => {
    const rng = new Rng(11);
    const truth: GradedItem[] = Array.from({ length: 5 }, () => ({ a: 1.5, b: [-1, 0, 1] }));
    const data = simulateGradedResponses(
      truth,
      Float64Array.from({ length: 600 }, () => rng.normal()),
      rng,
    );
    for (let r = 0; r < 600; r++) {
      // Item 0: category 1 never used (recode to 0). Item 1: top category used once. Item 2: 10 % missing.
      if (data.codes[r * 5]! === 1) data.codes[r * 5] = 0;
      if (data.codes[r * 5 + 1]! === 3) data.codes[r * 5 + 1] = 2;
      if (rng.next() < 0.1) data.codes[r * 5 + 2] = -1;
    }
    data.codes[1] = 3;
    const result = calibrateGraded(data);
    expect(result.collapsed).toEqual([{ item: 0, codes: [1] }]);
    expect(result.categoryCodes[0]).toEqual([0, 2, 3]);
    expect(result.items[0]!.b).toHaveLength(2);
    const rare = result.items[1]!.b;
    expect(rare).toHaveLength(3);
    expect(Number.isFinite(rare[2]!)).toBe(true);
    expect(rare[2]!).toBeGreaterThan(rare[1]!);
    expect(result.items.every((i) => i.b.every((b, k) => k === 0 || b > i.b[k - 1]!))).toBe(true);
  });

  it('refuses an item with a single category', () => {
    const codes = Int16Array.from([0, 1, 0, 0, 0, 1]);
    expect(() => calibrateGraded({ nRespondents: 3, nItems: 2, codes })).toThrow(/item 1 has only one/);
  });
});

describe('against an independent direct-ML fit in R (test/reference/psychometrics/graded-ml.R)', () => {
  const refDir = new URL('../../../test/reference/psychometrics/', import.meta.url);
  const reference = JSON.parse(readFileSync(new URL('graded-reference.json', refDir), 'utf8')) as {
    logLik: number;
    items: { item: string; a: number; b: number[] }[];
    eap: { id: string; theta: number; se: number }[];
  };
  const lines = readFileSync(new URL('graded-data.csv', refDir), 'utf8').trim().split('\n').slice(1);
  const codes = Int16Array.from(
    lines.flatMap((line) =>
      line
        .split(',')
        .slice(1)
        .map((cell) => (cell === '' ? -1 : Number(cell) - 1)),
    ),
  );
  const data = { nRespondents: lines.length, nItems: 4, codes };

  it('EM without priors reaches the same maximum-likelihood estimates (to 1e-3) and log-likelihood', () => {
    const fit = calibrateGraded(data, { priors: false, tolerance: 1e-7, maxIterations: 5000 });
    expect(fit.converged).toBe(true);
    expect(fit.logLik).toBeCloseTo(reference.logLik, 4);
    fit.items.forEach((item, j) => {
      expect(Math.abs(item.a - reference.items[j]!.a)).toBeLessThan(1e-3);
      item.b.forEach((b, k) => {
        expect(Math.abs(b - reference.items[j]!.b[k]!)).toBeLessThan(1e-3);
      });
    });
  });

  it('EAP at the R estimates matches R’s direct summation', () => {
    const items = reference.items.map(({ a, b }) => ({ a, b }));
    const scored = scoreEap(items, { nRespondents: 5, nItems: 4, codes: codes.subarray(0, 20) });
    reference.eap.forEach((e, r) => {
      expect(scored.theta[r]).toBeCloseTo(e.theta, 10);
      expect(scored.se[r]).toBeCloseTo(e.se, 10);
    });
  });
});
