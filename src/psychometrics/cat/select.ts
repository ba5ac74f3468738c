import { itemInformation } from '../irt/information.ts';
import type { CatBank } from './bank.ts';

/**
 * Item selection rules:
 * - `mfi`: maximum Fisher information at the current EAP estimate (the classic baseline, Lord 1980);
 * - `pwi`: posterior-weighted information ∫ I_j(θ) p(θ | answers) dθ (van der Linden 1998), robust early on;
 * - `mepv`: minimum expected posterior variance after the answer (Owen 1975; van der Linden 1998),
 *   Σ_k P(k | answers) Var(θ | answers, k) — chooses the item that most shrinks the SE that stops the test;
 * - `reach`: stopping-aware one-step lookahead — the item with the highest predictive probability that the
 *   posterior SD after its answer is at or below the target SE (so the test can end now), ties and the case
 *   where no item can end the test broken by minimum expected posterior variance.
 */
export type SelectionMethod = 'mfi' | 'pwi' | 'mepv' | 'reach';

export const SELECTION_METHODS: readonly SelectionMethod[] = ['mfi', 'pwi', 'mepv', 'reach'];

/**
 * Scores each candidate item (higher is better) given the normalised posterior over the nodes
 * and its mean `theta`. Returns one score per candidate, in the order given.
 */
export function selectionScores(
  bank: CatBank,
  method: SelectionMethod,
  candidates: readonly number[],
  posterior: Float64Array,
  theta: number,
  targetSe = 0,
): Float64Array {
  const scores = new Float64Array(candidates.length);
  const nodes = bank.quadrature.nodes;
  const nNodes = nodes.length;
  candidates.forEach((j, c) => {
    if (method === 'mfi') {
      scores[c] = itemInformation(bank.items[j]!, theta);
    } else if (method === 'pwi') {
      const info = bank.information[j]!;
      let sum = 0;
      for (let q = 0; q < nNodes; q++) sum += posterior[q]! * info[q]!;
      scores[c] = sum;
    } else {
      // E[Var] = Σ_k (s2_k − s1_k² / s0_k) with s_m,k = Σ_q post_q P_jk(θ_q) θ_q^m; Σ_k s2_k is the same for
      // every item, so minimising E[Var] is maximising Σ_k s1_k² / s0_k.
      const prob = bank.probability[j]!;
      const nCategories = prob.length / nNodes;
      const reach = method === 'reach';
      const targetVariance = targetSe * targetSe;
      let score = 0;
      let stopProbability = 0;
      for (let k = 0; k < nCategories; k++) {
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        const base = k * nNodes;
        for (let q = 0; q < nNodes; q++) {
          const w = posterior[q]! * prob[base + q]!;
          const t = nodes[q]!;
          s0 += w;
          s1 += w * t;
          if (reach) s2 += w * t * t;
        }
        if (s0 > 0) {
          score += (s1 * s1) / s0;
          if (reach && s2 / s0 - (s1 / s0) ** 2 <= targetVariance) stopProbability += s0;
        }
      }
      // Σ_k s1²/s0 ≤ E[θ²] ≤ 36 on [−6, 6], so the stop probability (×100) dominates the ordering.
      scores[c] = reach ? 100 * stopProbability + score : score;
    }
  });
  return scores;
}
