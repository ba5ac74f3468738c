import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadInstrumentSync } from '../../catalog/instruments.ts';
import { loadAdvisorRules, loadExamples } from '../../catalog/situations.ts';
import { CONTRASTS, type Contrast } from '../instrument/types.ts';
import { buildProfile } from '../profile/build-profile.ts';
import { advise, type ProfileForAdvice, situationCalls } from './advise.ts';
import { parseProfileForAdvice } from './input.ts';
import type { AdvisorRules } from './types.ts';

const rules = loadAdvisorRules();
const examples = loadExamples(rules).examples;
const FACTORS = rules.factors.map((f) => f.id);
const run = (ratings: Record<string, number>, profile?: ProfileForAdvice) =>
  advise({ example: null, ratings }, rules, { profile });
const contrast = (advice: ReturnType<typeof run>, id: Contrast) => advice.contrasts.find((c) => c.id === id)!;

describe('the article’s anchor cases', () => {
  it('high uncertainty and change call for leading on direction, horizon and overall', () => {
    const advice = run({ uncertainty: 4, change: 4 });
    // By hand from the rules file: intensity(4) = 1, saturation 1.5.
    // horizon lead: (1.0 + 0.5) / 1.5 = 1; direction lead: (0.25 + 1.0) / 1.5 = 0.833; focus: (0.5 + 0.5) / 1.5 = 0.667.
    expect(contrast(advice, 'horizon')).toMatchObject({ score: 1, label: 'strongly-lead', call: 'lead' });
    expect(contrast(advice, 'direction')).toMatchObject({ score: 0.833, label: 'strongly-lead' });
    expect(contrast(advice, 'focus')).toMatchObject({ score: 0.667, label: 'strongly-lead' });
    expect(advice.overall).toMatchObject({ label: 'strongly-lead', call: 'lead', score: 0.833 });
    expect(advice.drivers.map((d) => d.factor)).toEqual(['change', 'uncertainty']);
    expect(advice.drivers[0]!.contributions).toEqual({ focus: 0.333, direction: 0.667, horizon: 0.333 });
    expect(advice.behaviours.every((b) => b.pole === 'lead')).toBe(true);
  });

  it('a tight deadline and complex execution call for managing', () => {
    const advice = run({ deadline: 4, complexity: 4 });
    // focus manage: (0.75 + 1.0) / 1.5 → capped at 1; horizon: (1.0 + 0.75) / 1.5 → 1; direction: (0.25 + 0.5) / 1.5 = 0.5.
    expect(contrast(advice, 'focus')).toMatchObject({ score: -1, label: 'strongly-manage', call: 'manage' });
    expect(contrast(advice, 'horizon')).toMatchObject({ score: -1, label: 'strongly-manage' });
    expect(contrast(advice, 'direction').score).toBe(-0.5);
    expect(contrast(advice, 'direction').call).toBe('manage');
    expect(advice.overall).toMatchObject({ label: 'strongly-manage', call: 'manage' });
    expect(advice.behaviours.every((b) => b.pole === 'manage')).toBe(true);
  });

  it('both anchors at once call for both, and the explanation names the two sides', () => {
    const advice = run({ uncertainty: 4, change: 4, deadline: 4, complexity: 4 });
    expect(advice.overall.label).toBe('both');
    expect(advice.overall.call).toBe('both');
    for (const id of CONTRASTS) expect(contrast(advice, id).label).toBe('both');
    const horizon = contrast(advice, 'horizon');
    expect(horizon.summary).toMatch(/uncertainty about the future .* call for leading on vision/);
    expect(horizon.summary).toMatch(/deadline pressure .* call for managing operations/);
    const poles = new Set(advice.behaviours.map((b) => b.pole));
    expect(poles).toEqual(new Set(['lead', 'manage']));
  });

  it('moderate pressure on both sides is "both"; a little of everything is a steady state', () => {
    const all = (r: number) => Object.fromEntries(FACTORS.map((f) => [f, r]));
    expect(run(all(2)).overall.label).toBe('both');
    const low = run(all(1));
    expect(low.overall.label).toBe('steady');
    for (const id of CONTRASTS) expect(contrast(low, id).label).toBe('steady');
  });

  it('nothing rated gives steady-state advice with steady behaviours and no drivers', () => {
    const advice = run({});
    expect(advice.overall).toMatchObject({ label: 'steady', call: null, score: 0 });
    expect(advice.overall.summary).toMatch(/steady state/);
    expect(advice.drivers).toEqual([]);
    expect(advice.behaviours.length).toBeGreaterThanOrEqual(3);
    expect(advice.behaviours.map((b) => b.id)).toEqual(
      rules.behaviours
        .filter((b) => b.use === 'steady')
        .slice(0, advice.behaviours.length)
        .map((b) => b.id),
    );
  });

  it('a lean: one secondary factor at "high" gives a soft call', () => {
    // error-risk 3 on focus: −0.25 × 0.75 / 1.5 = −0.125 (below lean); on direction: −1 × 0.75 / 1.5 = −0.5 (strong).
    const advice = run({ 'error-risk': 3 });
    expect(contrast(advice, 'direction').label).toBe('strongly-manage');
    expect(contrast(advice, 'focus')).toMatchObject({ score: -0.125, label: 'steady' });
    // horizon: −0.5 × 0.75 / 1.5 = −0.25 → lean manage.
    expect(contrast(advice, 'horizon')).toMatchObject({ score: -0.25, label: 'lean-manage' });
  });
});

describe('named examples', () => {
  it('every example gives 3–5 distinct behaviours and sensible overall calls', () => {
    const overall = Object.fromEntries(
      examples.map((e) => [e.id, advise({ example: e.id, ratings: e.factors }, rules).overall.label]),
    );
    expect(overall.reorganization).toBe('strongly-lead');
    expect(overall['product-launch']).toBe('strongly-manage');
    expect(overall['failed-audit']).toBe('strongly-manage');
    expect(overall['steady-quarter']).toBe('steady');
    expect(overall['new-strategy']).toBe('strongly-lead');
    expect(overall.crisis).toBe('both');
    for (const e of examples) {
      const advice = advise({ example: e.id, ratings: e.factors }, rules);
      expect(advice.behaviours.length).toBeGreaterThanOrEqual(3);
      expect(advice.behaviours.length).toBeLessThanOrEqual(5);
      expect(new Set(advice.behaviours.map((b) => b.id)).size).toBe(advice.behaviours.length);
    }
  });

  it('situationCalls feeds the plan model: one side per contrast that calls for one', () => {
    expect(situationCalls(run({ uncertainty: 4, change: 4 }))).toEqual({
      focus: 'lead',
      direction: 'lead',
      horizon: 'lead',
    });
    expect(situationCalls(run({ uncertainty: 4, change: 4, deadline: 4, complexity: 4 }))).toEqual({});
  });
});

const ratingsArb = fc.record(Object.fromEntries(FACTORS.map((f) => [f, fc.integer({ min: 0, max: 4 })])));

describe('properties', () => {
  it('raising a factor never moves a contrast against the factor’s weight', () => {
    fc.assert(
      fc.property(ratingsArb, fc.constantFrom(...FACTORS), (ratings, factor) => {
        fc.pre(ratings[factor]! < 4);
        const before = run(ratings);
        const after = run({ ...ratings, [factor]: ratings[factor]! + 1 });
        const weights = rules.factors.find((f) => f.id === factor)!.weights;
        for (const c of CONTRASTS) {
          const [b, a] = [contrast(before, c).score, contrast(after, c).score];
          if (weights[c] >= 0) expect(a).toBeGreaterThanOrEqual(b);
          if (weights[c] <= 0) expect(a).toBeLessThanOrEqual(b);
        }
        if (CONTRASTS.every((c) => weights[c] >= 0))
          expect(after.overall.score).toBeGreaterThanOrEqual(before.overall.score);
        if (CONTRASTS.every((c) => weights[c] <= 0))
          expect(after.overall.score).toBeLessThanOrEqual(before.overall.score);
      }),
      { numRuns: 400 },
    );
  });

  it('monotonicity holds for any weights, not only the shipped ones', () => {
    const weightArb = fc.double({ min: -1, max: 1, noNaN: true });
    const weightsArb = fc.array(fc.tuple(weightArb, weightArb, weightArb), {
      minLength: FACTORS.length,
      maxLength: FACTORS.length,
    });
    fc.assert(
      fc.property(weightsArb, ratingsArb, fc.nat(FACTORS.length - 1), (w, ratings, i) => {
        const custom: AdvisorRules = {
          ...rules,
          factors: rules.factors.map((f, j) => ({
            ...f,
            weights: { focus: w[j]![0], direction: w[j]![1], horizon: w[j]![2] },
          })),
        };
        const factor = FACTORS[i]!;
        fc.pre(ratings[factor]! < 4);
        const before = advise({ example: null, ratings }, custom);
        const after = advise(
          { example: null, ratings: { ...ratings, [factor]: ratings[factor]! + 1 } },
          custom,
        );
        CONTRASTS.forEach((_c, k) => {
          const [b, a] = [before.contrasts[k]!.score, after.contrasts[k]!.score];
          if (w[i]![k]! > 0) expect(a).toBeGreaterThanOrEqual(b);
          if (w[i]![k]! < 0) expect(a).toBeLessThanOrEqual(b);
          expect(Math.abs(after.contrasts[k]!.score)).toBeLessThanOrEqual(1);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('any situation gets 3–5 distinct behaviours, and contributions add up to the pulls', () => {
    fc.assert(
      fc.property(ratingsArb, (ratings) => {
        const advice = run(ratings);
        expect(advice.behaviours.length).toBeGreaterThanOrEqual(3);
        expect(advice.behaviours.length).toBeLessThanOrEqual(5);
        expect(new Set(advice.behaviours.map((b) => b.id)).size).toBe(advice.behaviours.length);
        for (const c of advice.contrasts) {
          const lead = c.drivers.filter((d) => d.contribution > 0).reduce((s, d) => s + d.contribution, 0);
          const manage = c.drivers.filter((d) => d.contribution < 0).reduce((s, d) => s - d.contribution, 0);
          expect(c.lead.pull).toBeCloseTo(Math.min(1, lead), 2);
          expect(c.manage.pull).toBeCloseTo(Math.min(1, manage), 2);
        }
      }),
      { numRuns: 200 },
    );
  });
});

/** A profile view with one contrast set; the others even. */
function profileWith(
  id: Contrast,
  lead: number,
  manage: number,
  se: number,
  tilt: 'lead' | 'manage' | 'even',
) {
  const names = {
    focus: ['people', 'tasks'],
    direction: ['change', 'stability'],
    horizon: ['vision', 'operations'],
  };
  return {
    contrasts: CONTRASTS.map((c) =>
      c === id
        ? {
            id: c,
            lead: { scale: names[c][0]!, score: lead },
            manage: { scale: names[c][1]!, score: manage },
            difference: lead - manage,
            se,
            tilt,
          }
        : {
            id: c,
            lead: { scale: names[c][0]!, score: 60 },
            manage: { scale: names[c][1]!, score: 60 },
            difference: 0,
            se: 6,
            tilt: 'even' as const,
          },
    ),
    balance: { tilt },
  } satisfies ProfileForAdvice;
}

describe('set against a profile', () => {
  const leadCall = { uncertainty: 4, change: 4 };

  it('where the situation asks for the side the person uses less: stretch behaviours on that side', () => {
    const advice = run(leadCall, profileWith('horizon', 50, 80, 6, 'manage'));
    const fit = advice.fit!.contrasts.find((c) => c.id === 'horizon')!;
    expect(fit.fit).toBe('stretch');
    expect(fit.message).toMatch(
      /this calls for leading; your habit is managing \(Operations 80 vs Vision 50, a 30-point gap, beyond measurement error \(±11\.8\)\)/,
    );
    expect(fit.stretch.length).toBeGreaterThan(0);
    expect(fit.stretch.every((b) => b.scale === 'vision')).toBe(true);
    expect(advice.fit!.overall.message).toBe('This calls for leading; your habit is managing.');
  });

  it('where it plays to the person’s strength: a warning against overuse', () => {
    const advice = run(leadCall, profileWith('horizon', 85, 55, 6, 'lead'));
    const fit = advice.fit!.contrasts.find((c) => c.id === 'horizon')!;
    expect(fit.fit).toBe('strength');
    expect(fit.overuse).toBe(rules.overuse.vision);
    expect(fit.stretch).toEqual([]);
  });

  it('a gap within measurement error is treated as even, not as a weakness', () => {
    // 10 points lower on vision, but 1.96 × 6 = 11.8 > 10: the profile's tilt is even.
    const advice = run(leadCall, profileWith('horizon', 60, 70, 6, 'even'));
    const fit = advice.fit!.contrasts.find((c) => c.id === 'horizon')!;
    expect(fit.fit).toBe('even');
    expect(fit.message).toMatch(/within measurement error \(±11\.8\)/);
    expect(fit.message).toMatch(/Vision is a little lower, but not beyond measurement error/);
    expect(fit.stretch).toEqual([]);
  });

  it('a "both" call stretches the weaker side and warns about the stronger one', () => {
    const advice = run({ ...leadCall, deadline: 4, complexity: 4 }, profileWith('focus', 80, 50, 6, 'lead'));
    const fit = advice.fit!.contrasts.find((c) => c.id === 'focus')!;
    expect(fit.fit).toBe('stretch');
    expect(fit.stretch.every((b) => b.scale === 'tasks')).toBe(true);
    expect(fit.overuse).toBe(rules.overuse.people);
  });

  it('reads a real profile (and the web download wrapper) and uses its scale names', () => {
    const instrument = loadInstrumentSync('lead-manage');
    const means: Record<string, number> = { vision: 2, operations: 5 };
    const answers = Object.fromEntries(
      instrument.items.map((item) => {
        const m = means[item.scale] ?? 4;
        return [item.id, item.reverse ? 6 - m : m];
      }),
    );
    const profile = buildProfile(instrument, answers, 'full');
    expect(profile.contrasts.find((c) => c.id === 'horizon')!.tilt).toBe('manage');
    const direct = run(leadCall, parseProfileForAdvice(JSON.parse(JSON.stringify(profile))));
    const wrapped = run(leadCall, parseProfileForAdvice({ profile: JSON.parse(JSON.stringify(profile)) }));
    expect(wrapped).toEqual(direct);
    const fit = direct.fit!.contrasts.find((c) => c.id === 'horizon')!;
    expect(fit.fit).toBe('stretch');
    expect(fit.message).toContain('Operations 100 vs Vision 25');
    // A full Profile object is accepted as is.
    expect(run(leadCall, profile).fit).toEqual(direct.fit);
  });
});
