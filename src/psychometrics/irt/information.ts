import { sigmoid } from './graded.ts';
import type { GradedItem } from './types.ts';

/**
 * Fisher information of a graded item (Samejima 1969): I(θ) = Σ_k (P′_k)² / P_k, where
 * P_k = P*_k − P*_{k+1}, P′_k = a (W_k − W_{k+1}) and W_k = P*_k (1 − P*_k), with P*₀ = 1, P*_K = 0.
 */
export function itemInformation(item: GradedItem, theta: number): number {
  const { a, b } = item;
  let info = 0;
  let upper = 1; // P*_k
  let wUpper = 0; // W_k
  for (let k = 0; k <= b.length; k++) {
    const lower = k < b.length ? sigmoid(a * (theta - b[k]!)) : 0; // P*_{k+1}
    const wLower = lower * (1 - lower);
    const p = upper - lower;
    const dp = a * (wUpper - wLower);
    if (p > 1e-300) info += (dp * dp) / p;
    upper = lower;
    wUpper = wLower;
  }
  return info;
}

/** Test information: the sum of the item informations. */
export function testInformation(items: readonly GradedItem[], theta: number): number {
  let sum = 0;
  for (const item of items) sum += itemInformation(item, theta);
  return sum;
}
