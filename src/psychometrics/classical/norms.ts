/**
 * Norms of one scale from a reference sample: the frequency table of the observed scores (scale mean
 * scores take few distinct values), plus mean and SD. Plain JSON, so a norms file can be built from
 * data and shipped with an instrument.
 */
export interface ScaleNorms {
  n: number;
  mean: number;
  /** Sample SD (n − 1). */
  sd: number;
  /** Distinct scores, ascending, and how many reference respondents had each. */
  scores: number[];
  counts: number[];
}

/** A norms file: one entry per scale id. */
export interface NormsFile {
  /** What the norms were built from, e.g. `lead-manage@1.0.0, 2024 pilot`. */
  source?: string;
  scales: Record<string, ScaleNorms>;
}

/** Builds norms from the reference sample's scores (non-finite values are ignored). */
export function buildNorms(sample: readonly number[]): ScaleNorms {
  const values = sample.filter(Number.isFinite).sort((x, y) => x - y);
  const n = values.length;
  if (n < 2) throw new RangeError(`buildNorms: need at least 2 reference scores (got ${n})`);
  const mean = values.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const scores: number[] = [];
  const counts: number[] = [];
  for (const x of values) {
    // Scores are means of integers; round away float noise so 11/3 from two sources is one value.
    const v = Math.round(x * 1e9) / 1e9;
    if (scores.length > 0 && scores[scores.length - 1] === v) counts[counts.length - 1]!++;
    else {
      scores.push(v);
      counts.push(1);
    }
  }
  return { n, mean, sd, scores, counts };
}

/**
 * Percentile rank of a score: 100 · (#below + ½ · #equal) / n — the mid-point definition used for
 * discrete test scores (e.g. Crocker & Algina 1986, ch. 19), so the median of a symmetric sample is 50.
 */
export function percentileRank(norms: ScaleNorms, score: number): number {
  const x = Math.round(score * 1e9) / 1e9;
  let below = 0;
  let equal = 0;
  for (let i = 0; i < norms.scores.length; i++) {
    const s = norms.scores[i]!;
    if (s < x) below += norms.counts[i]!;
    else if (s === x) equal += norms.counts[i]!;
    else break;
  }
  return (100 * (below + 0.5 * equal)) / norms.n;
}

/** Linear T-score: T = 50 + 10 · (x − mean) / SD of the reference sample. */
export function tScore(norms: ScaleNorms, score: number): number {
  return 50 + (10 * (score - norms.mean)) / norms.sd;
}
