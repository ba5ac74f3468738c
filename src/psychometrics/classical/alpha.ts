import type { Matrix } from './covariance.ts';

/**
 * Cronbach's (raw) alpha from the item covariance matrix C of k items:
 * α = k / (k − 1) · (1 − tr C / Σᵢⱼ Cᵢⱼ)  (Cronbach 1951; psych::alpha `raw_alpha`).
 * NaN for fewer than two items or a scale with no variance.
 */
export function cronbachAlpha(cov: Matrix): number {
  const k = cov.length;
  if (k < 2) return Number.NaN;
  let trace = 0;
  let total = 0;
  for (let i = 0; i < k; i++) {
    trace += cov[i]![i]!;
    for (let j = 0; j < k; j++) total += cov[i]![j]!;
  }
  if (!(total > 0)) return Number.NaN;
  return (k / (k - 1)) * (1 - trace / total);
}
