import { describe, expect, it } from 'vitest';
import type { Instrument } from '../instrument/types.ts';
import { scaleSem } from '../profile/precision.ts';
import {
  buildFeedbackReport,
  groupScore,
  judgeGap,
  type RaterSubmission,
  raterScaleScore,
} from './aggregate.ts';
import { anonymityRules, checkSelection, groupLabel, planGroups } from './anonymity.ts';

/** Two scales of four items (the fourth reverse-keyed), on a 1–5 scale. */
const item = (id: string, scale: string, reverse = false) => ({
  id,
  scale,
  reverse,
  self: `I ${id}`,
  observer: `{name} ${id}`,
  short: true,
});
const instrument: Instrument = {
  id: 'tiny',
  version: '1.0.0',
  title: 'Tiny',
  description: '',
  responseScale: { min: 1, max: 5, labels: ['1', '2', '3', '4', '5'] },
  scales: [
    { id: 'A', name: 'Alpha', pole: 'lead', contrast: 'focus', description: '', high: '', low: '' },
    { id: 'B', name: 'Beta', pole: 'manage', contrast: 'focus', description: '', high: '', low: '' },
  ],
  items: [
    item('A1', 'A'),
    item('A2', 'A'),
    item('A3', 'A'),
    item('A4', 'A', true),
    item('B1', 'B'),
    item('B2', 'B'),
    item('B3', 'B'),
    item('B4', 'B', true),
  ],
};

/** A rater answering every A item with keyed value `a` and every B item with `b` (reverse items mirrored). */
function rater(group: RaterSubmission['group'], a: number, b: number, comment?: string): RaterSubmission {
  return {
    group,
    identifiable: group === 'manager',
    answers: { A1: a, A2: a, A3: a, A4: 6 - a, B1: b, B2: b, B3: b, B4: 6 - b },
    comments: comment ? { keep: comment } : {},
  };
}

const base = {
  cycle: { id: 'c1', title: 'Spring', closedAt: '2026-05-01T00:00:00.000Z' },
  subject: { id: 's1', name: 'Sam' },
  instrument,
  items: instrument.items,
  questions: [{ id: 'keep', text: 'What should Sam keep doing?' }],
  seed: 42,
};

describe('anonymity rules', () => {
  it('threshold never below 2, default 3; comments never below the score threshold', () => {
    expect(anonymityRules({})).toEqual({ threshold: 3, commentThreshold: 3, managerShownSeparately: false });
    expect(anonymityRules({ threshold: 1, commentThreshold: 1 }).threshold).toBe(2);
    expect(anonymityRules({ threshold: 4, commentThreshold: 2 }).commentThreshold).toBe(4);
    expect(anonymityRules({ threshold: 3, commentThreshold: 5 }).commentThreshold).toBe(5);
  });

  it('merges small groups into Others when the merged group reaches the threshold, else suppresses them', () => {
    // manager 1 + direct reports 2 = 3 ≥ 3: merged
    expect(planGroups({ manager: 1, peers: 3, 'direct-reports': 2 }, 3, false)).toEqual({
      shown: [
        { id: 'peers', members: ['peers'] },
        { id: 'others', members: ['manager', 'direct-reports'] },
      ],
      suppressed: [],
    });
    // the manager shown alone (told before answering): direct reports 2 < 3 alone → suppressed
    expect(planGroups({ manager: 1, peers: 3, 'direct-reports': 2 }, 3, true)).toEqual({
      shown: [
        { id: 'manager', members: ['manager'] },
        { id: 'peers', members: ['peers'] },
      ],
      suppressed: ['direct-reports'],
    });
    // others 1 + direct reports 1 = 2 < 3 → both suppressed; others 3 alone is shown as others
    expect(planGroups({ others: 1, 'direct-reports': 1, peers: 4 }, 3, false).suppressed).toEqual([
      'direct-reports',
      'others',
    ]);
    expect(planGroups({ others: 3 }, 3, false).shown).toEqual([{ id: 'others', members: ['others'] }]);
  });

  it('labels merged groups', () => {
    expect(groupLabel('others', ['manager', 'direct-reports'])).toBe(
      'Others (with manager and direct reports)',
    );
    expect(groupLabel('others', ['others', 'direct-reports'])).toBe('Others (with direct reports)');
    expect(groupLabel('peers', ['peers'])).toBe('Peers');
  });

  it('refuses a selection that is small, or whose remainder is small (subtraction)', () => {
    expect(checkSelection(2, 6, 3)).toEqual({ allowed: false, reason: 'too-few' });
    expect(checkSelection(3, 5, 3)).toEqual({ allowed: false, reason: 'remainder-too-few' });
    expect(checkSelection(3, 6, 3)).toEqual({ allowed: true });
    expect(checkSelection(5, 5, 3)).toEqual({ allowed: true });
  });
});

describe('scores and bands (hand-worked)', () => {
  const rs = instrument.responseScale;
  const aItems = instrument.items.filter((i) => i.scale === 'A');

  it('counts a rater only with at least half of the scale answered, not counting "not observed"', () => {
    // A1 4, A2 5 → 2 of 4 answered → mean 4.5 → (4.5 − 1)/4·100 = 87.5
    expect(raterScaleScore({ A1: 4, A2: 5, A3: 'not-observed' }, aItems, rs)).toEqual({
      score: 87.5,
      answered: 2,
    });
    // only A1 answered (1 < 2)
    expect(raterScaleScore({ A1: 4, A2: 'not-observed', A3: 'not-observed' }, aItems, rs)).toBeNull();
    // A4 is reverse-keyed: 2 → 1 + 5 − 2 = 4; with A1 4 → mean 4 → 75
    expect(raterScaleScore({ A1: 4, A4: 2 }, aItems, rs)?.score).toBe(75);
  });

  it('SEM by Spearman–Brown for 4 and 2 of 4 items', () => {
    // ρ = 0.8: SEM = 15·√0.2 = 6.708; 2 items: ρ₁ = 0.8/1.6 = 0.5, ρ₂ = 1/1.5 = 0.667 → 15·√(1/3) = 8.660
    expect(scaleSem(4, 4)).toBeCloseTo(6.708, 3);
    expect(scaleSem(2, 4)).toBeCloseTo(8.66, 3);
  });

  it('a group band uses max(raters’ SD, SEM)/√n', () => {
    // 50, 75, 100: mean 75, SD √((625+0+625)/2) = 25, SE = 25/√3 = 14.434
    const spread = groupScore([50, 75, 100].map((score) => ({ score, sem: 10 })));
    expect(spread.score).toBe(75);
    expect(spread.sd).toBeCloseTo(25, 9);
    expect(spread.se).toBeCloseTo(14.434, 3);
    // perfect agreement: SD 0, so SEM 9 is the floor: 9/√3 = 5.196
    expect(groupScore([60, 60, 60].map((score) => ({ score, sem: 9 }))).se).toBeCloseTo(5.196, 3);
  });

  it('judges gaps against 1.96 standard errors of the difference', () => {
    // SE_diff = √(8² + 6²) = 10 → limit 19.6
    expect(judgeGap(80, 8, 60, 6)).toBe('blind-spot'); // +20
    expect(judgeGap(79, 8, 60, 6)).toBe('aligned'); // +19
    expect(judgeGap(40, 8, 60, 6)).toBe('hidden-strength'); // −20
  });
});

describe('buildFeedbackReport', () => {
  // self: A 5 → 100, B 3 → 50. Peers: A 3, 4, 5 → 50, 75, 100; manager and two direct reports: A 2 → 25.
  // Every B answer is 3 → 50.
  const submissions = [
    rater('self', 5, 3, 'self comment is never shown'),
    rater('peers', 3, 3, 'peer one'),
    rater('peers', 4, 3, 'peer two'),
    rater('peers', 5, 3, 'peer three'),
    rater('manager', 2, 3, 'from the manager'),
    rater('direct-reports', 2, 3, 'report one'),
    rater('direct-reports', 2, 3),
  ];

  it('merges manager and direct reports into Others and computes every number', () => {
    const report = buildFeedbackReport({ ...base, rules: anonymityRules({}), submissions });
    expect(report.groups).toEqual([
      { id: 'self', label: 'You', respondents: 1, mergedFrom: [] },
      { id: 'peers', label: 'Peers', respondents: 3, mergedFrom: [] },
      {
        id: 'others',
        label: 'Others (with manager and direct reports)',
        respondents: 3,
        mergedFrom: ['manager', 'direct-reports'],
      },
      { id: 'all-others', label: 'All raters except you', respondents: 6, mergedFrom: [] },
    ]);
    expect(report.suppressed).toEqual([]);
    const a = report.scales.find((s) => s.scaleId === 'A')!;
    // self 100 ± 1.96·6.708 = 13.15 → 86.9–100
    expect(a.self).toEqual({ score: 100, band: { low: 86.9, high: 100 } });
    // peers: 75, SD 25, SE 14.434 → 75 ± 28.29 → 46.7–100 (clipped)
    expect(a.groups[0]).toEqual({ group: 'peers', n: 3, score: 75, sd: 25, band: { low: 46.7, high: 100 } });
    // others: 25, SD 0, SE 6.708/√3 = 3.873 → 25 ± 7.59 → 17.4–32.6
    expect(a.groups[1]).toEqual({ group: 'others', n: 3, score: 25, sd: 0, band: { low: 17.4, high: 32.6 } });
    // all others: mean 300/6 = 50, SD √(5000/5) = 31.62, SE 12.910 → 50 ± 25.30 → 24.7–75.3
    expect(a.groups[2]).toEqual({
      group: 'all-others',
      n: 6,
      score: 50,
      sd: 31.6,
      band: { low: 24.7, high: 75.3 },
    });
    // gap 50 > 1.96·√(6.708² + 12.910²) = 28.52 → blind spot
    expect(a.gap).toBe('blind-spot');
    expect(report.scales.find((s) => s.scaleId === 'B')!.gap).toBe('aligned');
    expect(report.grid).toEqual({ self: { lead: 100, manage: 50 }, others: { lead: 50, manage: 50 } });
    // every positively worded item: A items mean 18/6 = 3, B items 3 → ties broken by id
    expect(report.items.highest.map((i) => i.itemId)).toEqual(['A1', 'A2', 'A3']);
    expect(report.items.lowest.map((i) => i.itemId)).toEqual(['B3', 'B2', 'B1']);
    expect(report.items.highest[0]).toMatchObject({ mean: 3, n: 6, text: '{name} A1' });
    expect(report.nextSteps.map((s) => [s.scaleId, s.kind])).toEqual([['A', 'blind-spot']]);
    expect(report.planLink).toBe('/plans/new?focus=A');
  });

  it('comments: verbatim, self excluded, labelled only for a group reaching the comment threshold, shuffled by seed', () => {
    const report = buildFeedbackReport({ ...base, rules: anonymityRules({}), submissions });
    const texts = report.comments.map((c) => c.text);
    expect([...texts].sort()).toEqual([
      'from the manager',
      'peer one',
      'peer three',
      'peer two',
      'report one',
    ]);
    for (const c of report.comments) {
      expect(c.group).toBe(c.text.startsWith('peer') ? 'Peers' : null);
    }
    // the same seed gives the same order; some seed gives an order other than the order of submission
    const order = (seed: number) =>
      buildFeedbackReport({ ...base, rules: anonymityRules({}), submissions, seed }).comments.map(
        (c) => c.text,
      );
    expect(order(42)).toEqual(texts);
    const submitted = ['peer one', 'peer two', 'peer three', 'from the manager', 'report one'];
    expect([1, 2, 3, 4, 5].some((seed) => order(seed).join() !== submitted.join())).toBe(true);
    // a comment threshold of 4: peers (3) lose their label
    const strict = buildFeedbackReport({
      ...base,
      rules: anonymityRules({ commentThreshold: 4 }),
      submissions,
    });
    expect(strict.comments.every((c) => c.group === null)).toBe(true);
    // a comment threshold of 7 > 6 raters: no comments at all
    expect(
      buildFeedbackReport({ ...base, rules: anonymityRules({ commentThreshold: 7 }), submissions }).comments,
    ).toEqual([]);
  });

  it('an identifiable manager is shown alone; the small direct-report group is suppressed and not in all-others', () => {
    const rules = anonymityRules({ managerShownSeparately: true });
    const report = buildFeedbackReport({ ...base, rules, submissions });
    expect(report.groups.map((g) => [g.id, g.respondents])).toEqual([
      ['self', 1],
      ['manager', 1],
      ['peers', 3],
      ['all-others', 4],
    ]);
    expect(report.suppressed).toEqual([{ group: 'direct-reports', label: 'Direct reports' }]);
    const a = report.scales.find((s) => s.scaleId === 'A')!;
    // all others = manager 25 + peers 50, 75, 100 → 250/4 = 62.5 (the direct reports' 25s are not in it)
    expect(a.groups.map((g) => [g.group, g.n, g.score])).toEqual([
      ['manager', 1, 25],
      ['peers', 3, 75],
      ['all-others', 4, 62.5],
    ]);
    expect(JSON.stringify(report)).not.toContain('report one');
  });

  it('a manager not told before answering is never shown alone', () => {
    const rules = anonymityRules({ managerShownSeparately: true });
    const untold = submissions.map((s) => (s.group === 'manager' ? { ...s, identifiable: false } : s));
    const report = buildFeedbackReport({ ...base, rules, submissions: untold });
    expect(report.groups.map((g) => g.id)).toEqual(['self', 'peers', 'others', 'all-others']);
  });

  it('per scale, a group with fewer counted raters than the threshold is left out of that scale and of all-others', () => {
    // peer three answers only A1 on A (1 of 4 < half): peers count 2 on A → peers not shown on A
    const partial = submissions.map((s) =>
      s.comments.keep === 'peer three'
        ? {
            ...s,
            answers: {
              ...s.answers,
              A2: 'not-observed' as const,
              A3: 'not-observed' as const,
              A4: 'not-observed' as const,
            },
          }
        : s,
    );
    const report = buildFeedbackReport({ ...base, rules: anonymityRules({}), submissions: partial });
    const a = report.scales.find((s) => s.scaleId === 'A')!;
    expect(a.groups.map((g) => [g.group, g.n, g.score])).toEqual([
      ['others', 3, 25],
      ['all-others', 3, 25],
    ]);
    expect(report.scales.find((s) => s.scaleId === 'B')!.groups.map((g) => g.n)).toEqual([3, 3, 6]);
  });

  it('selections: allowed when both sides reach the threshold, refused when they isolate a small group by subtraction', () => {
    const rules = anonymityRules({});
    const peersOnly = buildFeedbackReport({ ...base, rules, submissions, selection: ['peers'] });
    expect(peersOnly.groups.map((g) => [g.id, g.respondents])).toEqual([
      ['self', 1],
      ['peers', 3],
      ['all-others', 3],
    ]);
    // manager shown alone: all-others = 4; peers alone would leave the manager (1) as the remainder
    const managerRules = anonymityRules({ managerShownSeparately: true });
    expect(() =>
      buildFeedbackReport({ ...base, rules: managerRules, submissions, selection: ['peers'] }),
    ).toThrow(/subtraction/);
    // a suppressed group cannot be selected
    expect(() => buildFeedbackReport({ ...base, rules, submissions, selection: ['direct-reports'] })).toThrow(
      /fewer raters than the anonymity threshold/,
    );
  });
});
