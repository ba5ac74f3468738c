import type { ThetaEstimate } from './eap.ts';
import { sigmoid } from './graded.ts';
import type { GradedItem } from './types.ts';

export interface MapOptions {
  priorMean?: number;
  priorSd?: number;
  tolerance?: number;
  maxIterations?: number;
}

/**
 * MAP estimate of θ for one answer pattern (codes 0 … K−1, −1 missing) with a normal prior, by Newton's
 * method on the log posterior, which is strictly concave for the graded model:
 * d/dθ log P_k = a (1 − P*_k − P*_{k+1}),  d²/dθ² log P_k = −a² (W_k + W_{k+1})  (W = P*(1 − P*)),
 * plus −(θ − μ)/σ² and −1/σ² from the prior. Steps are limited to ±1 logit. SE = 1/√(−d²/dθ²) at the mode.
 */
export function mapEstimate(
  items: readonly GradedItem[],
  pattern: ArrayLike<number>,
  options: MapOptions = {},
): ThetaEstimate {
  const { priorMean = 0, priorSd = 1, tolerance = 1e-8, maxIterations = 100 } = options;
  const priorPrecision = 1 / (priorSd * priorSd);
  let theta = priorMean;
  let curvature = priorPrecision;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let gradient = -(theta - priorMean) * priorPrecision;
    curvature = priorPrecision;
    for (let j = 0; j < items.length; j++) {
      const k = pattern[j] ?? -1;
      if (k < 0) continue;
      const { a, b } = items[j]!;
      const upper = k === 0 ? 1 : sigmoid(a * (theta - b[k - 1]!));
      const lower = k === b.length ? 0 : sigmoid(a * (theta - b[k]!));
      gradient += a * (1 - upper - lower);
      curvature += a * a * (upper * (1 - upper) + lower * (1 - lower));
    }
    let step = gradient / curvature;
    if (step > 1) step = 1;
    else if (step < -1) step = -1;
    theta += step;
    if (Math.abs(step) < tolerance) break;
  }
  // Curvature at the final θ.
  curvature = priorPrecision;
  for (let j = 0; j < items.length; j++) {
    const k = pattern[j] ?? -1;
    if (k < 0) continue;
    const { a, b } = items[j]!;
    const upper = k === 0 ? 1 : sigmoid(a * (theta - b[k - 1]!));
    const lower = k === b.length ? 0 : sigmoid(a * (theta - b[k]!));
    curvature += a * a * (upper * (1 - upper) + lower * (1 - lower));
  }
  return { theta, se: 1 / Math.sqrt(curvature) };
}
