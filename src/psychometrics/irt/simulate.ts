import type { Rng } from '../random.ts';
import { sigmoid } from './graded.ts';
import type { GradedItem, ResponseMatrix } from './types.ts';

/**
 * Draws one answer under the graded model: with u ~ U(0, 1), X = #{k : u < P*(X ≥ k | θ)}, since the
 * cumulative probabilities P*_k decrease in k.
 */
export function drawGradedResponse(item: GradedItem, theta: number, rng: Rng): number {
  const u = rng.next();
  let x = 0;
  for (const bk of item.b) {
    if (u < sigmoid(item.a * (theta - bk))) x++;
    else break;
  }
  return x;
}

/** Simulates a complete response matrix for the given abilities (codes 0 … K−1). */
export function simulateGradedResponses(
  items: readonly GradedItem[],
  thetas: ArrayLike<number>,
  rng: Rng,
): ResponseMatrix {
  const nRespondents = thetas.length;
  const nItems = items.length;
  const codes = new Int16Array(nRespondents * nItems);
  for (let r = 0; r < nRespondents; r++)
    for (let j = 0; j < nItems; j++) codes[r * nItems + j] = drawGradedResponse(items[j]!, thetas[r]!, rng);
  return { nRespondents, nItems, codes };
}
