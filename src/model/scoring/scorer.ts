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

  // For each scale, the columns holding its items (grouped, scale by scale: scaleStart[s] to
  // scaleStart[s + 1]) and reverse keying as x' = sign·x + offset, i.e. min + max − x.
  const columnOf = new Map(columns.map((column, c) => [column, c]));
  const grouped = scaleIds.map((id) =>
    formItems.filter((item) => item.scale === id && columnOf.has(item.id)),
  );
  const scaleStart = new Int32Array(scaleIds.length + 1);
  grouped.forEach((list, s) => {
    scaleStart[s + 1] = scaleStart[s]! + list.length;
  });
  const flat = grouped.flat();
  const scaleColumns = Int32Array.from(flat, (item) => columnOf.get(item.id)!);
  const scaleSign = Float64Array.from(flat, (item) => (item.reverse ? -1 : 1));
  const scaleOffset = Float64Array.from(flat, (item) => (item.reverse ? min + max : 0));
  const leadScales = instrument.scales.flatMap((s, i) => (s.pole === 'lead' ? [i] : []));
  const manageScales = instrument.scales.flatMap((s, i) => (s.pole === 'manage' ? [i] : []));
  const range = max - min;

  const nScales = scaleIds.length;
  const nColumns = columns.length;
  const isLead = Uint8Array.from(instrument.scales, (s) => (s.pole === 'lead' ? 1 : 0));
  const isManage = Uint8Array.from(instrument.scales, (s) => (s.pole === 'manage' ? 1 : 0));

  const plan: KernelPlan = {
    nScales,
    nColumns,
    min,
    range,
    leadCount: leadScales.length,
    manageCount: manageScales.length,
    scaleStart,
    scaleColumns,
    scaleSign,
    scaleOffset,
    needed,
    isLead,
    isManage,
  };

  /**
   * Scores respondents in rows of `values` (row-major, `columns.length` wide) into typed arrays; a
   * NaN score means "not scored". Allocation-free per respondent (see `scoreRows`).
   */
  function scoreBatch(values: Float64Array, respondents: number, reuse?: BatchScores): BatchScores {
    const out = reuse && reuse.lead.length >= respondents ? reuse : allocateBatch(respondents);
    scoreRows(plan, values, respondents, out);
    return out;
  }

  /** Output arrays for `respondents`; pass them back to `scoreBatch` to score chunk after chunk without allocating. */
  function allocateBatch(respondents: number): BatchScores {
    return {
      scaleIds,
      means: new Float64Array(respondents * nScales),
      scores: new Float64Array(respondents * nScales),
      answered: new Int32Array(respondents * nScales),
      lead: new Float64Array(respondents),
      manage: new Float64Array(respondents),
    };
  }

  const orNull = (x: number) => (Number.isNaN(x) ? null : x);

  return {
    scaleIds,
    scoreBatch,
    allocateBatch,
    score(values: ArrayLike<number>): RespondentScores {
      // one element type reaches the kernel, so it stays monomorphic
      const batch = scoreBatch(values instanceof Float64Array ? values : Float64Array.from(values), 1);
      const scales: Record<string, ScaleScore> = {};
      for (let s = 0; s < nScales; s++) {
        scales[scaleIds[s]!] = {
          mean: orNull(batch.means[s]!),
          score: orNull(batch.scores[s]!),
          answered: batch.answered[s]!,
          items: itemsPerScale[s]!,
        };
      }
      return { scales, lead: orNull(batch.lead[0]!), manage: orNull(batch.manage[0]!) };
    },
  };
}

/** What the kernel needs of an instrument and column layout, as numbers and typed arrays. */
interface KernelPlan {
  nScales: number;
  nColumns: number;
  min: number;
  range: number;
  leadCount: number;
  manageCount: number;
  /** The columns of scale s are scaleColumns[scaleStart[s] … scaleStart[s + 1] − 1]. */
  scaleStart: Int32Array;
  scaleColumns: Int32Array;
  /** Reverse keying as x' = sign·x + offset, i.e. min + max − x. */
  scaleSign: Float64Array;
  scaleOffset: Float64Array;
  needed: Int32Array;
  isLead: Uint8Array;
  isManage: Uint8Array;
}

/**
 * The scoring kernel. A module-level function over a plain plan object (not a closure per scorer),
 * so V8 optimises it once for every scorer; each scale's columns are contiguous in `scaleColumns`,
 * so its sum stays in a register. Large files score at a good fraction of the speed of merely
 * summing their numbers (see bench/scoring.bench.ts).
 */
function scoreRows(plan: KernelPlan, values: Float64Array, respondents: number, out: BatchScores): void {
  const { nScales, nColumns, min, range, leadCount, manageCount } = plan;
  const { scaleStart, scaleColumns, scaleSign, scaleOffset, needed, isLead, isManage } = plan;
  const { means, scores, answered: answeredOut, lead, manage } = out;
  for (let r = 0; r < respondents; r++) {
    const base = r * nColumns;
    let leadTotal = leadCount > 0 ? 0 : Number.NaN;
    let manageTotal = manageCount > 0 ? 0 : Number.NaN;
    const o = r * nScales;
    for (let s = 0; s < nScales; s++) {
      let sum = 0;
      let answered = 0;
      for (let k = scaleStart[s]!, end = scaleStart[s + 1]!; k < end; k++) {
        const x = values[base + scaleColumns[k]!]!;
        if (Number.isNaN(x)) continue; // missing
        sum += scaleSign[k]! * x + scaleOffset[k]!;
        answered++;
      }
      const mean = answered > 0 && answered >= needed[s]! ? sum / answered : Number.NaN;
      const score = ((mean - min) / range) * 100; // NaN stays NaN
      means[o + s] = mean;
      scores[o + s] = score;
      answeredOut[o + s] = answered;
      if (isLead[s]) leadTotal += score;
      if (isManage[s]) manageTotal += score;
    }
    lead[r] = leadTotal / leadCount;
    manage[r] = manageTotal / manageCount;
  }
}

/** Scores of many respondents in typed arrays (respondent-major, `scaleIds.length` per respondent); NaN = not scored. */
export interface BatchScores {
  scaleIds: string[];
  means: Float64Array;
  scores: Float64Array;
  answered: Int32Array;
  lead: Float64Array;
  manage: Float64Array;
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
