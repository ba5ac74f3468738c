import type { Matrix } from './covariance.ts';

export interface OneFactorFit {
  /** Standardised loadings λ of the single factor. */
  loadings: number[];
  /** Uniquenesses u² = 1 − λ². */
  uniquenesses: number[];
  iterations: number;
  converged: boolean;
}

/**
 * One-factor model fitted by minimum residual (unweighted least squares, Harman & Jones 1966):
 * minimise Σ_{i≠j} (r_ij − λ_i λ_j)² over λ. Each coordinate step is the exact least-squares update
 * λ_i = Σ_{j≠i} r_ij λ_j / Σ_{j≠i} λ_j² (Gauss–Seidel); starts from √SMC-like values (the largest
 * absolute correlation of each item). Communalities are kept ≤ 0.995 (psych bounds uniquenesses at 0.005).
 */
export function fitOneFactorMinres(corr: Matrix, tolerance = 1e-12, maxIterations = 10_000): OneFactorFit {
  const k = corr.length;
  const loadings = corr.map((row, i) => {
    let best = 0;
    for (let j = 0; j < k; j++) if (j !== i) best = Math.max(best, Math.abs(row[j]!));
    return Math.sqrt(best);
  });
  // Orient the factor so that most loadings are positive (sign of the first principal direction).
  let iterations = 0;
  let converged = false;
  const maxLoading = Math.sqrt(0.995);
  while (iterations < maxIterations) {
    iterations++;
    let change = 0;
    for (let i = 0; i < k; i++) {
      let num = 0;
      let den = 0;
      for (let j = 0; j < k; j++) {
        if (j === i) continue;
        num += corr[i]![j]! * loadings[j]!;
        den += loadings[j]! * loadings[j]!;
      }
      let next = den > 0 ? num / den : 0;
      if (next > maxLoading) next = maxLoading;
      if (next < -maxLoading) next = -maxLoading;
      change = Math.max(change, Math.abs(next - loadings[i]!));
      loadings[i] = next;
    }
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  const positive = loadings.reduce((s, l) => s + l, 0) >= 0;
  const oriented = positive ? loadings : loadings.map((l) => -l);
  return { loadings: oriented, uniquenesses: oriented.map((l) => 1 - l * l), iterations, converged };
}

/**
 * McDonald's omega total from a one-factor minres fit of the correlation matrix R:
 * ω_t = 1 − Σ u²ᵢ / Σᵢⱼ Rᵢⱼ (McDonald 1999; as psych::omega computes `omega.tot`).
 * NaN for fewer than three items (a one-factor model is not identified).
 */
export function omegaTotal(corr: Matrix): number {
  const k = corr.length;
  if (k < 3) return Number.NaN;
  const fit = fitOneFactorMinres(corr);
  let total = 0;
  for (const row of corr) for (const r of row) total += r;
  const unique = fit.uniquenesses.reduce((s, u) => s + u, 0);
  return 1 - unique / total;
}
