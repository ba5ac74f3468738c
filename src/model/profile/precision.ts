/**
 * Measurement precision of scale scores, used to draw uncertainty bands and to decide whether a
 * difference is a real tilt or noise.
 *
 * Until norms from real data are shipped with an instrument, Fulcrum assumes a full-form scale
 * reliability of 0.80 (a common value for 6–8 item behavioural scales) and a score SD of 15 points
 * on the 0–100 metric. Reliability for fewer answered items follows Spearman–Brown:
 *   ρ₁ = ρ₀ / (k₀ − (k₀ − 1) ρ₀),   ρₖ = k ρ₁ / (1 + (k − 1) ρ₁)
 * and the standard error of measurement is SEM = SD · √(1 − ρₖ).
 */
export interface PrecisionAssumptions {
  /** Reliability of a scale answered in full (all k₀ items). */
  reliability: number;
  /** Standard deviation of scale scores (0–100 metric) in the reference population. */
  scoreSd: number;
}

export const DEFAULT_PRECISION: PrecisionAssumptions = { reliability: 0.8, scoreSd: 15 };

/** z for a two-sided 95% interval: differences smaller than z · SE are within measurement error. */
export const Z95 = 1.96;

/** Spearman–Brown reliability of a scale with `answered` of its `fullItems` items. */
export function reliabilityFor(answered: number, fullItems: number, assumptions = DEFAULT_PRECISION): number {
  if (answered <= 0) return 0;
  const r0 = assumptions.reliability;
  const perItem = r0 / (fullItems - (fullItems - 1) * r0);
  return (answered * perItem) / (1 + (answered - 1) * perItem);
}

/** Standard error of measurement of a scale score (0–100 metric). */
export function scaleSem(answered: number, fullItems: number, assumptions = DEFAULT_PRECISION): number {
  return assumptions.scoreSd * Math.sqrt(1 - reliabilityFor(answered, fullItems, assumptions));
}

/** SEM of the mean of several scale scores with independent errors: √(Σ SEMᵢ²) / n. */
export function meanSem(sems: readonly number[]): number {
  return Math.sqrt(sems.reduce((total, s) => total + s * s, 0)) / sems.length;
}

/** Standard error of the difference of two independent scores: √(SEM₁² + SEM₂²). */
export function differenceSe(semA: number, semB: number): number {
  return Math.sqrt(semA * semA + semB * semB);
}

/** A 95% band around a score, clipped to 0–100. */
export function band(score: number, sem: number): [number, number] {
  return [Math.max(0, score - Z95 * sem), Math.min(100, score + Z95 * sem)];
}
