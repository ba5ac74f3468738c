import { InvalidInputError } from '../../model/errors/index.ts';
import { logCategoryProbability, sigmoid } from './graded.ts';
import { logProbabilityTable } from './log-probability-table.ts';
import { normalQuadrature, type Quadrature } from './quadrature.ts';
import type { GradedItem, ResponseMatrix } from './types.ts';

/**
 * Weak priors that keep estimates finite when a category is rarely used (a threshold next to an
 * almost-empty category would otherwise run off to ±∞) and damp runaway slopes:
 * log a ~ N(logAMean, logASd²), b_k ~ N(0, bSd²). With hundreds of respondents their pull is negligible.
 */
export interface CalibrationPriors {
  logAMean: number;
  logASd: number;
  bSd: number;
}

export const DEFAULT_PRIORS: CalibrationPriors = { logAMean: 0, logASd: 1, bSd: 3 };

export interface CalibrationOptions {
  /** Default 61 equally spaced nodes on [−6, 6] with N(0, 1) weights (θ ~ N(0, 1) fixes the scale). */
  quadrature?: Quadrature;
  /** Converged when no a or b moves more than this in one EM cycle (default 1e-4, as mirt). */
  tolerance?: number;
  /** Cap on EM cycles (default 500, as mirt's NCYCLES). */
  maxIterations?: number;
  /** `false` for plain marginal maximum likelihood. */
  priors?: CalibrationPriors | false;
  /** SQUAREM acceleration of EM (Varadhan & Roland 2008); default on. */
  accelerate?: boolean;
  /** Called after every EM cycle, e.g. to print progress. */
  onIteration?: (progress: { iteration: number; logLik: number; change: number }) => void;
}

export interface CalibrationResult {
  items: GradedItem[];
  /** Per item, the input codes that became its categories 0 … K−1 (unused codes are collapsed). */
  categoryCodes: number[][];
  /** Items whose unused codes were collapsed, with those codes. */
  collapsed: { item: number; codes: number[] }[];
  /** Marginal log-likelihood at the final estimates (without the priors). */
  logLik: number;
  /** EM cycles (E-step + M-step) run, including those inside the acceleration. */
  iterations: number;
  converged: boolean;
  /** Largest parameter change in the last EM cycle. */
  change: number;
}

interface Layout {
  /** Number of thresholds m_j = K_j − 1 per item. */
  thresholds: number[];
  /** Start of item j in the packed parameter vector [log a, b₁ … b_m]. */
  start: number[];
  size: number;
}

/**
 * Marginal maximum likelihood calibration of the graded response model by the EM algorithm over a fixed
 * quadrature (Bock & Aitkin 1981; Samejima 1969), as in mirt/ltm: the E-step accumulates expected counts
 * r_jkq = Σ_i [x_ij = k] · posterior_i(θ_q); the M-step maximises Σ_q Σ_k r_jkq log P_jk(θ_q) (+ log prior)
 * for each item by Fisher scoring in (log a, b) with step halving that keeps thresholds strictly ordered.
 * Unused categories are collapsed first (reported in `collapsed`); weak priors (DEFAULT_PRIORS) are on by
 * default. Missing answers (−1) are ignored (MAR).
 */
export function calibrateGraded(
  responses: ResponseMatrix,
  options: CalibrationOptions = {},
): CalibrationResult {
  const {
    quadrature = normalQuadrature(),
    tolerance = 1e-4,
    maxIterations = 500,
    priors = DEFAULT_PRIORS,
    accelerate = true,
    onIteration,
  } = options;
  const { nRespondents, nItems } = responses;
  const { categoryCodes, collapsed, codes } = collapseUnusedCategories(responses);
  const data: ResponseMatrix = { nRespondents, nItems, codes };
  const thresholds = categoryCodes.map((c) => c.length - 1);
  const start: number[] = [];
  let size = 0;
  for (const m of thresholds) {
    start.push(size);
    size += m + 1;
  }
  const layout: Layout = { thresholds, start, size };
  const nNodes = quadrature.nodes.length;

  // Index of each answer into the probability table: offset_j + code · Q, or −1 when missing.
  const tableOffsets: number[] = [];
  let tableSize = 0;
  for (const m of thresholds) {
    tableOffsets.push(tableSize);
    tableSize += (m + 1) * nNodes;
  }
  const answerIndex = new Int32Array(nRespondents * nItems);
  for (let r = 0; r < nRespondents; r++)
    for (let j = 0; j < nItems; j++) {
      const c = codes[r * nItems + j]!;
      answerIndex[r * nItems + j] = c < 0 ? -1 : tableOffsets[j]! + c * nNodes;
    }

  const counts = new Float64Array(tableSize);

  /** E-step at `params`: fills `counts`; returns the marginal log-likelihood. */
  const eStep = (params: Float64Array): number =>
    accumulateExpectedCounts(
      logProbabilityTable(unpack(params, layout), quadrature.nodes).values,
      answerIndex,
      nRespondents,
      nItems,
      quadrature.logWeights,
      counts,
    );

  /** M-step from the current `counts`, starting at `params`; returns new parameters. */
  const mStep = (params: Float64Array): Float64Array => {
    const next = new Float64Array(params);
    for (let j = 0; j < nItems; j++)
      maximizeItem(
        next,
        layout.start[j]!,
        thresholds[j]!,
        counts,
        tableOffsets[j]!,
        quadrature.nodes,
        priors,
      );
    return next;
  };

  const logPrior = (params: Float64Array): number => {
    if (!priors) return 0;
    let sum = 0;
    for (let j = 0; j < nItems; j++) {
      const s = layout.start[j]!;
      sum -= (params[s]! - priors.logAMean) ** 2 / (2 * priors.logASd ** 2);
      for (let l = 1; l <= thresholds[j]!; l++) sum -= params[s + l]! ** 2 / (2 * priors.bSd ** 2);
    }
    return sum;
  };

  let params = startingValues(data, layout);
  let iterations = 0;
  let change = Number.POSITIVE_INFINITY;
  let converged = false;
  let logLik = Number.NaN;
  /** One EM cycle: x ↦ M(E(x)); records the objective at x. */
  const emMap = (x: Float64Array): { next: Float64Array; objective: number; logLik: number } => {
    const ll = eStep(x);
    const next = mStep(x);
    iterations++;
    change = maxChange(x, next, layout);
    onIteration?.({ iteration: iterations, logLik: ll, change });
    return { next, objective: ll + logPrior(x), logLik: ll };
  };

  while (iterations < maxIterations) {
    const first = emMap(params);
    logLik = first.logLik;
    if (change < tolerance) {
      params = first.next;
      converged = true;
      break;
    }
    if (!accelerate || iterations + 2 > maxIterations) {
      params = first.next;
      continue;
    }
    const second = emMap(first.next);
    if (change < tolerance) {
      params = second.next;
      converged = true;
      break;
    }
    // SQUAREM (scheme S3): r = F(x) − x, v = F(F(x)) − 2F(x) + x, α = −‖r‖/‖v‖ (≤ −1), then
    // x′ = x − 2αr + α²v, followed by one stabilising EM cycle; back off toward α = −1 (plain EM twice)
    // when x′ breaks threshold order or lowers the objective.
    const r = new Float64Array(layout.size);
    const v = new Float64Array(layout.size);
    let rr = 0;
    let vv = 0;
    for (let i = 0; i < layout.size; i++) {
      r[i] = first.next[i]! - params[i]!;
      v[i] = second.next[i]! - 2 * first.next[i]! + params[i]!;
      rr += r[i]! * r[i]!;
      vv += v[i]! * v[i]!;
    }
    let alpha = vv > 0 ? -Math.sqrt(rr / vv) : -1;
    alpha = Math.max(Math.min(alpha, -1), -50);
    let accepted: Float64Array = second.next;
    while (alpha < -1) {
      const candidate = new Float64Array(layout.size);
      for (let i = 0; i < layout.size; i++)
        candidate[i] = params[i]! - 2 * alpha * r[i]! + alpha * alpha * v[i]!;
      if (isOrdered(candidate, layout) && iterations < maxIterations) {
        const stabilised = emMap(candidate);
        if (stabilised.objective >= first.objective - 1e-8 && isOrdered(stabilised.next, layout)) {
          accepted = stabilised.next;
          logLik = stabilised.logLik;
          break;
        }
      }
      alpha = (alpha - 1) / 2;
      if (alpha > -1.01) alpha = -1;
    }
    params = accepted;
  }
  logLik = eStep(params);
  return {
    items: unpack(params, layout),
    categoryCodes,
    collapsed,
    logLik,
    iterations,
    converged,
    change,
  };
}

/**
 * The E-step: for each respondent, the log posterior over the nodes is the log prior plus the table entries
 * of their answers; normalised (log-sum-exp), it is added to the expected counts of those answers.
 * Returns Σ_i log Σ_q L_i(θ_q) π_q. A plain function of typed arrays so V8 keeps everything in registers.
 */
export function accumulateExpectedCounts(
  table: Float64Array,
  answerIndex: Int32Array,
  nRespondents: number,
  nItems: number,
  logWeights: Float64Array,
  counts: Float64Array,
): number {
  const nNodes = logWeights.length;
  const logPost = new Float64Array(nNodes);
  const post = new Float64Array(nNodes);
  counts.fill(0);
  let logLik = 0;
  for (let r = 0; r < nRespondents; r++) {
    logPost.set(logWeights);
    const row = r * nItems;
    for (let j = 0; j < nItems; j++) {
      const base = answerIndex[row + j]!;
      if (base < 0) continue;
      for (let q = 0; q < nNodes; q++) logPost[q]! += table[base + q]!;
    }
    let peak = logPost[0]!;
    for (let q = 1; q < nNodes; q++) if (logPost[q]! > peak) peak = logPost[q]!;
    let total = 0;
    // Nodes whose posterior is below e^−40 ≈ 4e-18 of the mode change neither the likelihood nor the
    // counts at double precision; they are set to 0 (which also skips slow exp() calls deep in the
    // underflow range) and the counts are accumulated only over the contiguous range around the mode.
    let low = nNodes;
    let high = -1;
    for (let q = 0; q < nNodes; q++) {
      const d = logPost[q]! - peak;
      if (d > -40) {
        const w = Math.exp(d);
        post[q] = w;
        total += w;
        if (q < low) low = q;
        high = q;
      } else post[q] = 0;
    }
    logLik += peak + Math.log(total);
    const scale = 1 / total;
    for (let q = low; q <= high; q++) post[q]! *= scale;
    for (let j = 0; j < nItems; j++) {
      const base = answerIndex[row + j]!;
      if (base < 0) continue;
      for (let q = low; q <= high; q++) counts[base + q]! += post[q]!;
    }
  }
  return logLik;
}

function unpack(params: Float64Array, layout: Layout): GradedItem[] {
  return layout.thresholds.map((m, j) => {
    const s = layout.start[j]!;
    return { a: Math.exp(params[s]!), b: Array.from(params.subarray(s + 1, s + 1 + m)) };
  });
}

function isOrdered(params: Float64Array, layout: Layout): boolean {
  for (let j = 0; j < layout.thresholds.length; j++) {
    const s = layout.start[j]!;
    if (!Number.isFinite(params[s]!) || Math.abs(params[s]!) > 5) return false;
    for (let l = 1; l <= layout.thresholds[j]!; l++) {
      if (!Number.isFinite(params[s + l]!)) return false;
      if (l > 1 && !(params[s + l]! > params[s + l - 1]!)) return false;
    }
  }
  return true;
}

/** Largest change of any a or b between two packed parameter vectors. */
function maxChange(before: Float64Array, after: Float64Array, layout: Layout): number {
  let change = 0;
  for (let j = 0; j < layout.thresholds.length; j++) {
    const s = layout.start[j]!;
    change = Math.max(change, Math.abs(Math.exp(after[s]!) - Math.exp(before[s]!)));
    for (let l = 1; l <= layout.thresholds[j]!; l++)
      change = Math.max(change, Math.abs(after[s + l]! - before[s + l]!));
  }
  return change;
}

/**
 * Recodes each item's answers to consecutive codes 0 … K_j − 1 over the codes actually used, so an
 * unused category never drives a threshold to infinity.
 */
function collapseUnusedCategories(responses: ResponseMatrix): {
  codes: Int16Array;
  categoryCodes: number[][];
  collapsed: { item: number; codes: number[] }[];
} {
  const { nRespondents, nItems } = responses;
  const codes = new Int16Array(responses.codes);
  const categoryCodes: number[][] = [];
  const collapsed: { item: number; codes: number[] }[] = [];
  for (let j = 0; j < nItems; j++) {
    let top = -1;
    for (let r = 0; r < nRespondents; r++) top = Math.max(top, codes[r * nItems + j]!);
    const used = new Array<boolean>(top + 1).fill(false);
    for (let r = 0; r < nRespondents; r++) {
      const c = codes[r * nItems + j]!;
      if (c >= 0) used[c] = true;
    }
    const kept = used.flatMap((u, c) => (u ? [c] : []));
    if (kept.length < 2)
      throw new InvalidInputError(
        `item ${j + 1} has ${kept.length === 0 ? 'no answers' : 'only one answer category'}; it cannot be calibrated`,
        'item_without_variance',
      );
    const unused = used.flatMap((u, c) => (u ? [] : [c]));
    if (unused.length > 0) {
      collapsed.push({ item: j, codes: unused });
      const recode = new Int16Array(top + 1);
      kept.forEach((c, i) => {
        recode[c] = i;
      });
      for (let r = 0; r < nRespondents; r++) {
        const c = codes[r * nItems + j]!;
        if (c >= 0) codes[r * nItems + j] = recode[c]!;
      }
    }
    categoryCodes.push(kept);
  }
  return { codes, categoryCodes, collapsed };
}

/**
 * Starting values: a = 1 and b_k from the marginal proportion p_k answering ≥ k, inverting
 * P(X ≥ k) ≈ σ(−b / √(1 + π/8)) (logistic–normal approximation for a = 1).
 */
function startingValues(responses: ResponseMatrix, layout: Layout): Float64Array {
  const { nRespondents, nItems, codes } = responses;
  const params = new Float64Array(layout.size);
  for (let j = 0; j < nItems; j++) {
    const m = layout.thresholds[j]!;
    const atLeast = new Float64Array(m + 1);
    let answered = 0;
    for (let r = 0; r < nRespondents; r++) {
      const c = codes[r * nItems + j]!;
      if (c < 0) continue;
      answered++;
      for (let k = 1; k <= c; k++) atLeast[k]!++;
    }
    const s = layout.start[j]!;
    params[s] = 0;
    let previous = Number.NEGATIVE_INFINITY;
    for (let k = 1; k <= m; k++) {
      const p = Math.min(Math.max((atLeast[k]! + 0.5) / (answered + 1), 1e-4), 1 - 1e-4);
      let b = -Math.log(p / (1 - p)) * Math.sqrt(1 + Math.PI / 8);
      if (b <= previous + 0.05) b = previous + 0.05;
      params[s + k] = b;
      previous = b;
    }
  }
  return params;
}

/** Expected complete-data log-likelihood of one item (+ log prior) at packed parameters `p[s …]`. */
function itemObjective(
  p: Float64Array,
  s: number,
  m: number,
  counts: Float64Array,
  offset: number,
  nodes: Float64Array,
  priors: CalibrationPriors | false,
): number {
  const item: GradedItem = { a: Math.exp(p[s]!), b: Array.from(p.subarray(s + 1, s + 1 + m)) };
  const nNodes = nodes.length;
  let sum = 0;
  for (let k = 0; k <= m; k++)
    for (let q = 0; q < nNodes; q++) {
      const r = counts[offset + k * nNodes + q]!;
      if (r > 0) sum += r * logCategoryProbability(item, nodes[q]!, k);
    }
  if (priors) {
    sum -= (p[s]! - priors.logAMean) ** 2 / (2 * priors.logASd ** 2);
    for (let l = 1; l <= m; l++) sum -= p[s + l]! ** 2 / (2 * priors.bSd ** 2);
  }
  return sum;
}

/**
 * Fisher scoring for one item in (α = log a, b₁ … b_m), in place. With P*_l = σ(a(θ − b_l)),
 * W_l = P*_l(1 − P*_l): ∂P*_l/∂α = a W_l (θ − b_l), ∂P*_l/∂b_l = −a W_l, and P_k = P*_k − P*_{k+1}.
 * Gradient Σ_q Σ_k r_kq ∇P_k / P_k; expected information Σ_q N_q Σ_k ∇P_k ∇P_kᵀ / P_k (N_q = Σ_k r_kq).
 */
function maximizeItem(
  p: Float64Array,
  s: number,
  m: number,
  counts: Float64Array,
  offset: number,
  nodes: Float64Array,
  priors: CalibrationPriors | false,
  maxSteps = 2,
): void {
  const d = m + 1;
  const nNodes = nodes.length;
  const grad = new Float64Array(d);
  const info = new Float64Array(d * d);
  const pStar = new Float64Array(m + 2);
  const w = new Float64Array(m + 2);
  const dAlpha = new Float64Array(m + 2);
  const dp = new Float64Array(d);
  let objective = itemObjective(p, s, m, counts, offset, nodes, priors);
  for (let step = 0; step < maxSteps; step++) {
    grad.fill(0);
    info.fill(0);
    const a = Math.exp(p[s]!);
    const item: GradedItem = { a, b: Array.from(p.subarray(s + 1, s + 1 + m)) };
    for (let q = 0; q < nNodes; q++) {
      const theta = nodes[q]!;
      pStar[0] = 1;
      w[0] = 0;
      dAlpha[0] = 0;
      for (let l = 1; l <= m; l++) {
        const bl = p[s + l]!;
        pStar[l] = sigmoid(a * (theta - bl));
        w[l] = pStar[l]! * (1 - pStar[l]!);
        dAlpha[l] = a * w[l]! * (theta - bl);
      }
      pStar[m + 1] = 0;
      w[m + 1] = 0;
      dAlpha[m + 1] = 0;
      let nq = 0;
      for (let k = 0; k <= m; k++) nq += counts[offset + k * nNodes + q]!;
      if (nq <= 0) continue;
      for (let k = 0; k <= m; k++) {
        const prob = Math.max(Math.exp(logCategoryProbability(item, theta, k)), 1e-300);
        // ∇P_k: index 0 is α, index l is b_l; only α, b_k and b_{k+1} are non-zero.
        dp.fill(0);
        dp[0] = dAlpha[k]! - dAlpha[k + 1]!;
        if (k >= 1) dp[k] = -a * w[k]!;
        if (k + 1 <= m) dp[k + 1] = a * w[k + 1]!;
        const r = counts[offset + k * nNodes + q]!;
        const factor = r / prob;
        const weight = nq / prob;
        for (let x = 0; x < d; x++) {
          const dx = dp[x]!;
          if (dx === 0) continue;
          grad[x]! += factor * dx;
          for (let y = 0; y < d; y++) info[x * d + y]! += weight * dx * dp[y]!;
        }
      }
    }
    if (priors) {
      grad[0]! -= (p[s]! - priors.logAMean) / priors.logASd ** 2;
      info[0]! += 1 / priors.logASd ** 2;
      for (let l = 1; l <= m; l++) {
        grad[l]! -= p[s + l]! / priors.bSd ** 2;
        info[l * d + l]! += 1 / priors.bSd ** 2;
      }
    }
    const delta = solveSymmetric(info, grad, d);
    let largest = 0;
    for (let x = 0; x < d; x++) largest = Math.max(largest, Math.abs(delta[x]!));
    if (largest > 1) for (let x = 0; x < d; x++) delta[x]! /= largest; // at most one logit per step
    // Step halving: accept the first step that raises the objective and keeps b strictly ordered.
    const trial = new Float64Array(p);
    let scale = 1;
    let improved = false;
    for (let halving = 0; halving < 20; halving++) {
      for (let x = 0; x < d; x++) trial[s + x] = p[s + x]! + scale * delta[x]!;
      let ordered = true;
      for (let l = 2; l <= m; l++) if (!(trial[s + l]! > trial[s + l - 1]! + 1e-8)) ordered = false;
      if (ordered) {
        const value = itemObjective(trial, s, m, counts, offset, nodes, priors);
        if (value >= objective) {
          objective = value;
          improved = true;
          break;
        }
      }
      scale /= 2;
    }
    if (!improved) return;
    for (let x = 0; x < d; x++) p[s + x] = trial[s + x]!;
    if (largest * scale < 1e-9) return;
  }
}

/** Solves A x = g for a small symmetric positive-definite A (Cholesky, with a ridge if needed). */
function solveSymmetric(matrix: Float64Array, g: Float64Array, d: number): Float64Array {
  for (let ridge = 0; ridge < 8; ridge++) {
    const l = new Float64Array(d * d);
    let ok = true;
    const boost = ridge === 0 ? 0 : 10 ** (ridge - 8);
    for (let i = 0; i < d && ok; i++)
      for (let j = 0; j <= i; j++) {
        let sum = matrix[i * d + j]! + (i === j ? boost * Math.max(1, matrix[i * d + i]!) : 0);
        for (let k = 0; k < j; k++) sum -= l[i * d + k]! * l[j * d + k]!;
        if (i === j) {
          if (!(sum > 0)) {
            ok = false;
            break;
          }
          l[i * d + i] = Math.sqrt(sum);
        } else l[i * d + j] = sum / l[j * d + j]!;
      }
    if (!ok) continue;
    const y = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let sum = g[i]!;
      for (let k = 0; k < i; k++) sum -= l[i * d + k]! * y[k]!;
      y[i] = sum / l[i * d + i]!;
    }
    const x = new Float64Array(d);
    for (let i = d - 1; i >= 0; i--) {
      let sum = y[i]!;
      for (let k = i + 1; k < d; k++) sum -= l[k * d + i]! * x[k]!;
      x[i] = sum / l[i * d + i]!;
    }
    return x;
  }
  // Not positive definite even with a ridge: fall back to a small gradient step.
  return g.map((v) => v * 1e-3);
}
