import { logCategoryProbability } from '../irt/graded.ts';
import { itemInformation } from '../irt/information.ts';
import type { GradedItem } from '../irt/types.ts';
import type { CatBank } from './bank.ts';

/**
 * Item selection rules:
 * - `mfi`: maximum Fisher information at the current EAP estimate (the classic baseline, Lord 1980);
 * - `pwi`: posterior-weighted information ∫ I_j(θ) p(θ | answers) dθ (van der Linden 1998), robust early on;
 * - `mepv`: minimum expected posterior variance after the answer (Owen 1975; van der Linden 1998),
 *   Σ_k P(k | answers) Var(θ | answers, k) — chooses the item that most shrinks the SE that stops the test;
 * - `reach`: stopping-aware one-step lookahead — the item with the highest predictive probability that the
 *   posterior SD after its answer is at or below the target SE (so the test can end now), ties and the case
 *   where no item can end the test broken by minimum expected posterior variance;
 * - `kl`: Kullback–Leibler information integrated over an interval around the estimate (Chang & Ying 1996,
 *   "A global information approach to computerized adaptive testing", Applied Psychological Measurement
 *   20, 213–229): K_j(θ̂) = ∫_{θ̂−δ_n}^{θ̂+δ_n} KL_j(θ̂ ‖ θ) dθ with KL_j(θ̂ ‖ θ) = Σ_k P_jk(θ̂) log[P_jk(θ̂) / P_jk(θ)],
 *   δ_n = δ / √n, δ = 3, n = items answered on the scale (1 before the first answer);
 * - `kl-posterior`: the same KL divergence weighted by the posterior instead of an interval,
 *   ∫ KL_j(θ̂ ‖ θ) p(θ | answers) dθ (Chang & Ying 1996; van der Linden 1998, Psychometrika 63, 201–216;
 *   compared in Chen, Ankenmann & Chang 2000, Applied Psychological Measurement 24, 241–255).
 */
export type SelectionMethod = 'mfi' | 'pwi' | 'mepv' | 'reach' | 'kl' | 'kl-posterior';

export const SELECTION_METHODS: readonly SelectionMethod[] = [
  'mfi',
  'pwi',
  'mepv',
  'reach',
  'kl',
  'kl-posterior',
];

/** Half-width constant δ of the Chang–Ying KL interval θ̂ ± δ/√n. */
export const KL_DELTA = 3;

/** 10-point Gauss–Legendre abscissae and weights on [−1, 1] for the KL interval integral. */
const GL_X = [
  -0.9739065285171717, -0.8650633666889845, -0.6794095682990244, -0.4333953941292472, -0.1488743389816312,
  0.1488743389816312, 0.4333953941292472, 0.6794095682990244, 0.8650633666889845, 0.9739065285171717,
];
const GL_W = [
  0.0666713443086881, 0.1494513491505806, 0.219086362515982, 0.2692667193099963, 0.2955242247147529,
  0.2955242247147529, 0.2692667193099963, 0.219086362515982, 0.1494513491505806, 0.0666713443086881,
];

/**
 * Chang–Ying interval KL index of one item at the estimate `theta`: ∫_{θ̂−h}^{θ̂+h} KL(θ̂ ‖ t) dt by
 * 10-point Gauss–Legendre (the integrand is smooth in t, so this is accurate to many digits).
 */
export function klInterval(item: GradedItem, theta: number, halfWidth: number): number {
  const nCategories = item.b.length + 1;
  const logHat = new Float64Array(nCategories);
  const hat = new Float64Array(nCategories);
  for (let k = 0; k < nCategories; k++) {
    logHat[k] = logCategoryProbability(item, theta, k);
    hat[k] = Math.exp(logHat[k]!);
  }
  let sum = 0;
  for (let g = 0; g < GL_X.length; g++) {
    const t = theta + halfWidth * GL_X[g]!;
    let kl = 0;
    for (let k = 0; k < nCategories; k++) kl += hat[k]! * (logHat[k]! - logCategoryProbability(item, t, k));
    sum += GL_W[g]! * kl;
  }
  return sum * halfWidth;
}

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
  answered = 0,
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
    } else if (method === 'kl') {
      scores[c] = klInterval(bank.items[j]!, theta, KL_DELTA / Math.sqrt(Math.max(1, answered)));
    } else if (method === 'kl-posterior') {
      // Σ_q post_q Σ_k P_k(θ̂) [log P_k(θ̂) − log P_k(θ_q)] = Σ_k P_k(θ̂) [log P_k(θ̂) − Σ_q post_q log P_k(θ_q)].
      const item = bank.items[j]!;
      const logProb = bank.logProbability[j]!;
      const nCategories = item.b.length + 1;
      let sum = 0;
      for (let k = 0; k < nCategories; k++) {
        const logHat = logCategoryProbability(item, theta, k);
        let expected = 0;
        const base = k * nNodes;
        for (let q = 0; q < nNodes; q++) expected += posterior[q]! * logProb[base + q]!;
        sum += Math.exp(logHat) * (logHat - expected);
      }
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
