import { type LogProbabilityTable, logProbabilityTable } from './log-probability-table.ts';
import { normalQuadrature, type Quadrature } from './quadrature.ts';
import type { GradedItem, ResponseMatrix } from './types.ts';

export interface ThetaEstimate {
  theta: number;
  /** Posterior SD (EAP) or 1 / √(observed information + prior information) (MAP). */
  se: number;
}

/**
 * Mean and SD of a posterior given on the quadrature nodes as unnormalised log densities
 * (log-sum-exp: the largest term is factored out, so long patterns never underflow).
 */
export function posteriorMoments(nodes: Float64Array, logPosterior: Float64Array): ThetaEstimate {
  let peak = Number.NEGATIVE_INFINITY;
  for (let q = 0; q < nodes.length; q++) if (logPosterior[q]! > peak) peak = logPosterior[q]!;
  let total = 0;
  let first = 0;
  for (let q = 0; q < nodes.length; q++) {
    const w = Math.exp(logPosterior[q]! - peak);
    total += w;
    first += w * nodes[q]!;
  }
  const theta = first / total;
  let second = 0;
  for (let q = 0; q < nodes.length; q++) {
    const d = nodes[q]! - theta;
    second += Math.exp(logPosterior[q]! - peak) * d * d;
  }
  return { theta, se: Math.sqrt(second / total) };
}

/**
 * EAP scores (Bock & Mislevy 1982) of every respondent: θ̂ = Σ_q θ_q L(θ_q) π_q / Σ_q L(θ_q) π_q over the
 * quadrature (default 61 points on [−6, 6], N(0, 1) prior), SE = posterior SD. Missing answers (−1) are
 * skipped; a respondent with none gets the prior mean and SD.
 */
export function scoreEap(
  items: readonly GradedItem[],
  responses: ResponseMatrix,
  quadrature: Quadrature = normalQuadrature(),
  table: LogProbabilityTable = logProbabilityTable(items, quadrature.nodes),
): { theta: Float64Array; se: Float64Array } {
  const { nRespondents, nItems, codes } = responses;
  const { nodes, logWeights } = quadrature;
  const nNodes = nodes.length;
  const { values, offsets } = table;
  const theta = new Float64Array(nRespondents);
  const se = new Float64Array(nRespondents);
  const logPost = new Float64Array(nNodes);
  for (let r = 0; r < nRespondents; r++) {
    logPost.set(logWeights);
    const row = r * nItems;
    for (let j = 0; j < nItems; j++) {
      const code = codes[row + j]!;
      if (code < 0) continue;
      const base = offsets[j]! + code * nNodes;
      for (let q = 0; q < nNodes; q++) logPost[q]! += values[base + q]!;
    }
    const estimate = posteriorMoments(nodes, logPost);
    theta[r] = estimate.theta;
    se[r] = estimate.se;
  }
  return { theta, se };
}

/** EAP estimate for one answer pattern (codes 0 … K−1, −1 missing), in item order. */
export function eapEstimate(
  items: readonly GradedItem[],
  pattern: ArrayLike<number>,
  quadrature: Quadrature = normalQuadrature(),
): ThetaEstimate {
  const codes = Int16Array.from({ length: items.length }, (_, j) => pattern[j] ?? -1);
  const result = scoreEap(items, { nRespondents: 1, nItems: items.length, codes }, quadrature);
  return { theta: result.theta[0]!, se: result.se[0]! };
}
