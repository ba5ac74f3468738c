import type { Instrument } from '../instrument/types.ts';
import { type Form, itemsInForm, minAnswered } from './form.ts';

export interface ScaleScore {
  /** Mean of the answered items after reverse keying, on the response scale; null when too few answered. */
  mean: number | null;
  /** (mean − min) / (max − min) × 100; null when the mean is null. */
  score: number | null;
  /** Items of this scale that were answered. */
  answered: number;
  /** Items of this scale in the form. */
  items: number;
}

export interface RespondentScores {
  scales: Record<string, ScaleScore>;
  /** Mean of the lead scale scores; null if any of them is null. */
  lead: number | null;
  /** Mean of the manage scale scores; null if any of them is null. */
  manage: number | null;
}

/**
 * A scorer compiled once per instrument and column layout, then applied to many respondents.
 * Answers come as numbers in column order, with `NaN` for a missing answer; values must already be
 * checked to lie on the response scale (see `checkAnswer`).
 *
 * Rules (issue 2): reverse-keyed answers become `min + max − x`; a scale is scored only when at least
 * ⌈2/3⌉ of its items are answered; score = (mean − min) / (max − min) × 100; lead and manage are the
 * means of their three scale scores.
 *
 * @example
 * const scorer = createScorer(instrument, ['PE1', 'PE2', …]);
 * const { scales, lead, manage } = scorer.score([4, 5, NaN, …]);
 */
export function createScorer(instrument: Instrument, columns: readonly string[], form: Form = 'full') {
  const { min, max } = instrument.responseScale;
  const formItems = itemsInForm(instrument, form);
  const scaleIds = instrument.scales.map((s) => s.id);
  const scaleOf = new Map(scaleIds.map((id, i) => [id, i]));
  const itemsPerScale = new Int32Array(scaleIds.length);
  for (const item of formItems) itemsPerScale[scaleOf.get(item.scale)!]!++;
  const needed = Int32Array.from(itemsPerScale, (n) => minAnswered(n));

  // Per column: which scale it feeds (−1: not an item of this form) and whether it is reverse keyed.
  const formById = new Map(formItems.map((item) => [item.id, item]));
  const columnScale = new Int32Array(columns.length).fill(-1);
  const columnReverse = new Uint8Array(columns.length);
  columns.forEach((column, c) => {
    const item = formById.get(column);
    if (!item) return;
    columnScale[c] = scaleOf.get(item.scale)!;
    columnReverse[c] = item.reverse ? 1 : 0;
  });
  const leadScales = instrument.scales.flatMap((s, i) => (s.pole === 'lead' ? [i] : []));
  const manageScales = instrument.scales.flatMap((s, i) => (s.pole === 'manage' ? [i] : []));
  const sums = new Float64Array(scaleIds.length);
  const counts = new Int32Array(scaleIds.length);
  const reflect = min + max;
  const range = max - min;

  const poleMean = (indices: number[], scores: (number | null)[]) => {
    if (indices.length === 0) return null;
    let total = 0;
    for (const i of indices) {
      const s = scores[i];
      if (s === null || s === undefined) return null;
      total += s;
    }
    return total / indices.length;
  };

  return {
    scaleIds,
    score(values: ArrayLike<number>): RespondentScores {
      sums.fill(0);
      counts.fill(0);
      for (let c = 0; c < columnScale.length; c++) {
        const s = columnScale[c]!;
        const x = values[c]!;
        if (s < 0 || Number.isNaN(x)) continue; // not an item of this form, or missing
        sums[s]! += columnReverse[c] ? reflect - x : x;
        counts[s]!++;
      }
      const scales: Record<string, ScaleScore> = {};
      const scores: (number | null)[] = new Array(scaleIds.length);
      for (let s = 0; s < scaleIds.length; s++) {
        const answered = counts[s]!;
        const scored = answered > 0 && answered >= needed[s]!;
        const mean = scored ? sums[s]! / answered : null;
        const score = mean === null ? null : ((mean - min) / range) * 100;
        scores[s] = score;
        scales[scaleIds[s]!] = { mean, score, answered, items: itemsPerScale[s]! };
      }
      return { scales, lead: poleMean(leadScales, scores), manage: poleMean(manageScales, scores) };
    },
  };
}

/** Scores one respondent from a map of item id → answer (missing: absent, null or undefined). */
export function scoreAnswers(
  instrument: Instrument,
  answers: Readonly<Record<string, number | null | undefined>>,
  form: Form = 'full',
): RespondentScores {
  const columns = itemsInForm(instrument, form).map((item) => item.id);
  const values = columns.map((id) => answers[id] ?? Number.NaN);
  return createScorer(instrument, columns, form).score(values);
}

/** Why an answer is not acceptable, or null when it is a whole number on the response scale. */
export function checkAnswer(instrument: Instrument, value: unknown): string | null {
  const { min, max } = instrument.responseScale;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number from ${min} to ${max}`;
  if (!Number.isInteger(value)) return `must be a whole number from ${min} to ${max}, got ${value}`;
  if (value < min || value > max) return `must be from ${min} to ${max}, got ${value}`;
  return null;
}
