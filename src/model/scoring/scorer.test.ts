import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInstrumentFile } from '../../catalog/instruments.ts';
import { minAnswered } from './form.ts';
import { checkAnswer, createScorer, scoreAnswers } from './scorer.ts';

const mini = loadInstrumentFile(fileURLToPath(new URL('../../../test/fixtures/mini.yaml', import.meta.url)));

/** Every item answered with `value`, except overrides. Third item of each scale is reverse keyed. */
function answersWith(value: number, overrides: Record<string, number | null> = {}) {
  const answers: Record<string, number | null> = {};
  for (const item of mini.items) answers[item.id] = value;
  return { ...answers, ...overrides };
}

describe('minAnswered (⌈2/3⌉ of a scale)', () => {
  it.each([
    [3, 2],
    [6, 4],
    [7, 5],
    [2, 2],
    [1, 1],
  ])('%i items need %i answers', (items, needed) => expect(minAnswered(items)).toBe(needed));
});

describe('scale scores', () => {
  it('reverse keys as min + max − x and averages the answered items', () => {
    // People: P1 = 4, P2 = 5, P3 (reverse) = 2 → 1 + 5 − 2 = 4; mean = 13/3; score = (13/3 − 1)/4 · 100 = 83.33…
    const scores = scoreAnswers(mini, answersWith(3, { P1: 4, P2: 5, P3: 2 }));
    expect(scores.scales.people!.mean).toBeCloseTo(13 / 3, 12);
    expect(scores.scales.people!.score).toBeCloseTo(250 / 3, 12);
    expect(scores.scales.people!.answered).toBe(3);
  });

  it('scores a scale with 2 of 3 answered and leaves it null with 1 of 3', () => {
    const two = scoreAnswers(mini, answersWith(3, { P1: 4, P2: null, P3: 2 }));
    expect(two.scales.people).toEqual({ mean: 4, score: 75, answered: 2, items: 3 });
    const one = scoreAnswers(mini, answersWith(3, { P1: 4, P2: null, P3: null }));
    expect(one.scales.people).toEqual({ mean: null, score: null, answered: 1, items: 3 });
    expect(one.lead).toBeNull();
    expect(one.manage).toBe(50);
  });

  it('the minimum of the scale scores 0 and the maximum 100 (reverse items at the opposite end)', () => {
    const low = scoreAnswers(mini, answersWith(1, { P3: 5, C3: 5, V3: 5, T3: 5, S3: 5, O3: 5, L3: 5 }));
    expect(low.scales.people!.score).toBe(0);
    expect(low.lead).toBe(0);
    const high = scoreAnswers(mini, answersWith(5, { P3: 1, C3: 1, V3: 1, T3: 1, S3: 1, O3: 1, L3: 1 }));
    expect(high.lead).toBe(100);
    expect(high.manage).toBe(100);
  });

  it('lead and manage are the means of their three scale scores', () => {
    // people: 5,5,(rev 1→5) = 100; change: 4,4,(rev 2→4) = 75; vision: 3,3,3 = 50 → lead = 75
    // tasks: 2,2,(rev 4→2) = 25; stability 1,1,(rev 5→1) = 0; operations 3,3,3 = 50 → manage = 25
    const scores = scoreAnswers(mini, {
      ...answersWith(3),
      P1: 5,
      P2: 5,
      P3: 1,
      C1: 4,
      C2: 4,
      C3: 2,
      T1: 2,
      T2: 2,
      T3: 4,
      S1: 1,
      S2: 1,
      S3: 5,
    });
    expect(scores.lead).toBe(75);
    expect(scores.manage).toBe(25);
  });

  it('the short form counts only short items, with ⌈2/3⌉ of them', () => {
    // Short form: items 1 and 2 of each scale. P1 = 5 alone → 1 of 2 answered → null (needs 2).
    const scores = scoreAnswers(mini, { P1: 5 }, 'short');
    expect(scores.scales.people).toEqual({ mean: null, score: null, answered: 1, items: 2 });
    const both = scoreAnswers(mini, { P1: 5, P2: 4, P3: 1 }, 'short');
    expect(both.scales.people).toEqual({ mean: 4.5, score: 87.5, answered: 2, items: 2 });
  });

  it('ignores columns that are not items and NaN as missing', () => {
    const scorer = createScorer(mini, ['P1', 'other', 'P2', 'P3']);
    const result = scorer.score([5, 999, Number.NaN, 1]);
    expect(result.scales.people).toEqual({ mean: 5, score: 100, answered: 2, items: 3 });
  });
});

describe('checkAnswer', () => {
  it('accepts whole numbers on the scale and explains the rest', () => {
    expect(checkAnswer(mini, 3)).toBeNull();
    expect(checkAnswer(mini, 0)).toBe('must be from 1 to 5, got 0');
    expect(checkAnswer(mini, 2.5)).toBe('must be a whole number from 1 to 5, got 2.5');
    expect(checkAnswer(mini, '3')).toBe('must be a number from 1 to 5');
  });
});
