/**
 * Equally spaced quadrature on [min, max] with standard normal prior weights, normalised to sum to 1
 * (the rectangular rule used by mirt and ltm for EAP and EM; default 61 points on [−6, 6]).
 */
export interface Quadrature {
  nodes: Float64Array;
  weights: Float64Array;
  logWeights: Float64Array;
}

export function normalQuadrature(points = 61, min = -6, max = 6, mean = 0, sd = 1): Quadrature {
  if (!(points >= 2) || !(max > min)) throw new RangeError('normalQuadrature: need ≥ 2 points and max > min');
  const nodes = new Float64Array(points);
  const logWeights = new Float64Array(points);
  let peak = Number.NEGATIVE_INFINITY;
  for (let q = 0; q < points; q++) {
    nodes[q] = min + ((max - min) * q) / (points - 1);
    const z = (nodes[q]! - mean) / sd;
    logWeights[q] = -0.5 * z * z;
    peak = Math.max(peak, logWeights[q]!);
  }
  let total = 0;
  for (let q = 0; q < points; q++) total += Math.exp(logWeights[q]! - peak);
  const logTotal = peak + Math.log(total);
  const weights = new Float64Array(points);
  for (let q = 0; q < points; q++) {
    logWeights[q] = logWeights[q]! - logTotal;
    weights[q] = Math.exp(logWeights[q]!);
  }
  return { nodes, weights, logWeights };
}
