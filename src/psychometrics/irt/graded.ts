import type { GradedItem } from './types.ts';

/** Logits beyond ±LOGIT_LIMIT are clamped (σ(±40) is within 5e-18 of 0 or 1), as mirt/ltm do. */
export const LOGIT_LIMIT = 40;

/** log σ(x) = −log(1 + e^−x), computed without overflow or cancellation for any x. */
export function logSigmoid(x: number): number {
  return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
}

/** σ(x) with the logit clamped to ±LOGIT_LIMIT. */
export function sigmoid(x: number): number {
  const z = Math.min(LOGIT_LIMIT, Math.max(-LOGIT_LIMIT, x));
  return 1 / (1 + Math.exp(-z));
}

/**
 * log P(X = k | θ) under the graded response model, stable in the tails. With z_k = a(θ − b_k),
 * P_k = σ(z_k) − σ(z_{k+1}) = σ(z_k) · σ(−z_{k+1}) · (1 − e^{−a(b_{k+1} − b_k)}), an exact identity that
 * never subtracts two numbers close to 1; P₀ = σ(−z₁) and P_{K−1} = σ(z_{K−1}).
 */
export function logCategoryProbability(item: GradedItem, theta: number, k: number): number {
  const { a, b } = item;
  const m = b.length;
  if (k < 0 || k > m) return Number.NEGATIVE_INFINITY;
  if (k === 0) return logSigmoid(-a * (theta - b[0]!));
  if (k === m) return logSigmoid(a * (theta - b[m - 1]!));
  const gap = a * (b[k]! - b[k - 1]!);
  return logSigmoid(a * (theta - b[k - 1]!)) + logSigmoid(-a * (theta - b[k]!)) + Math.log(-Math.expm1(-gap));
}

/** P(X = k | θ) for k = 0 … K−1 (sums to 1). */
export function categoryProbabilities(item: GradedItem, theta: number): number[] {
  const out: number[] = [];
  for (let k = 0; k <= item.b.length; k++) out.push(Math.exp(logCategoryProbability(item, theta, k)));
  return out;
}

/** Expected item score E[X | θ] on the 0 … K−1 coding = Σ_k P(X ≥ k). */
export function expectedScore(item: GradedItem, theta: number): number {
  let sum = 0;
  for (const bk of item.b) sum += sigmoid(item.a * (theta - bk));
  return sum;
}

/** True when a > 0 and the thresholds are finite and strictly increasing. */
export function isValidGradedItem(item: GradedItem): boolean {
  if (!(item.a > 0) || !Number.isFinite(item.a) || item.b.length === 0) return false;
  for (let k = 0; k < item.b.length; k++) {
    if (!Number.isFinite(item.b[k]!)) return false;
    if (k > 0 && !(item.b[k]! > item.b[k - 1]!)) return false;
  }
  return true;
}
