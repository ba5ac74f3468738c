import { sigmoid } from '../irt/graded.ts';
import { Rng } from '../random.ts';
import type { CatBank } from './bank.ts';
import { answerCat, type CatOptions, catEstimate, nextCatItem, startCat } from './session.ts';

export interface CatSimulationSummary {
  n: number;
  /** Mean number of items answered per examinee. */
  meanItems: number;
  /** Root mean square error, mean error and correlation of the final EAP estimate against true θ. */
  rmse: number;
  bias: number;
  corr: number;
}

export interface CatSimulation extends CatSimulationSummary {
  examinees: { theta: number; estimate: number; se: number; items: number }[];
}

/**
 * Monte Carlo study of an adaptive test on a single-scale bank: N examinees with θ ~ N(0, 1) answer by
 * the graded model. Each examinee's answer to every bank item is fixed up front from one uniform draw per
 * item (X = #{k : u < P*_k(θ)}), so two selection rules run with the same seed face the same examinees
 * answering the same way (common random numbers) and their difference is not sampling noise.
 */
export function simulateCat(
  bank: CatBank,
  options: CatOptions & { n: number; seed: number },
  onProgress?: (done: number) => void,
): CatSimulation {
  const { n, seed, ...catOptions } = options;
  const rng = new Rng(seed);
  const examinees: CatSimulation['examinees'] = [];
  const nItems = bank.items.length;
  for (let i = 0; i < n; i++) {
    const theta = rng.normal();
    const uniforms = Float64Array.from({ length: nItems }, () => rng.next());
    let state = startCat(bank, { ...catOptions, seed: (seed + i * 7919) >>> 0 });
    for (;;) {
      const step = nextCatItem(bank, state);
      state = step.state;
      if (!step.item) break;
      const j = bank.indexOf(step.item.id);
      let code = 0;
      for (const bk of step.item.b) {
        if (uniforms[j]! < sigmoid(step.item.a * (theta - bk))) code++;
        else break;
      }
      const value = step.item.categories ? step.item.categories[code]! : code;
      state = answerCat(bank, state, step.item.id, value);
    }
    const estimate = catEstimate(bank, state)[0]!;
    examinees.push({ theta, estimate: estimate.theta, se: estimate.se, items: state.answers.length });
    if (onProgress && (i + 1) % 100 === 0) onProgress(i + 1);
  }
  return { ...summarize(examinees), examinees };
}

function summarize(examinees: CatSimulation['examinees']): CatSimulationSummary {
  const n = examinees.length;
  let items = 0;
  let squared = 0;
  let error = 0;
  let mt = 0;
  let me = 0;
  for (const e of examinees) {
    items += e.items;
    squared += (e.estimate - e.theta) ** 2;
    error += e.estimate - e.theta;
    mt += e.theta;
    me += e.estimate;
  }
  mt /= n;
  me /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const e of examinees) {
    sxy += (e.theta - mt) * (e.estimate - me);
    sxx += (e.theta - mt) ** 2;
    syy += (e.estimate - me) ** 2;
  }
  return {
    n,
    meanItems: items / n,
    rmse: Math.sqrt(squared / n),
    bias: error / n,
    corr: sxy / Math.sqrt(sxx * syy),
  };
}

/** Mean of paired per-examinee differences (rule − baseline) and its Monte Carlo standard error. */
export interface PairedDifference {
  mean: number;
  se: number;
}

export interface PairedComparison {
  n: number;
  /** Items answered, rule − baseline. */
  items: PairedDifference;
  /** Squared error (θ̂ − θ)², rule − baseline: its mean is the MSE difference. */
  squaredError: PairedDifference;
  /**
   * Final posterior variance SE², rule − baseline. With EAP and θ drawn from the prior, E[(θ̂ − θ)²] =
   * E[Var(θ | answers at the stop)] whatever the (data-dependent) selection and stopping, so this is a
   * lower-noise estimate of the same MSE difference.
   */
  posteriorVariance: PairedDifference;
}

/**
 * Paired comparison of two simulations run with the same `n` and `seed` (same examinees, same answer to
 * every item): the mean per-examinee difference and its standard error sd(d) / √n. Because each examinee
 * answers both tests, the person-to-person spread cancels and the SE is that of the rule effect alone.
 */
export function comparePaired(baseline: CatSimulation, rule: CatSimulation): PairedComparison {
  const n = baseline.examinees.length;
  if (rule.examinees.length !== n || baseline.examinees.some((e, i) => e.theta !== rule.examinees[i]!.theta))
    throw new RangeError('comparePaired: the simulations must share the examinees (same n and seed)');
  const difference = (of: (e: CatSimulation['examinees'][number]) => number): PairedDifference => {
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i++) {
      const d = of(rule.examinees[i]!) - of(baseline.examinees[i]!);
      sum += d;
      sumSquares += d * d;
    }
    const mean = sum / n;
    const variance = n > 1 ? (sumSquares - n * mean * mean) / (n - 1) : 0;
    return { mean, se: Math.sqrt(Math.max(0, variance) / n) };
  };
  return {
    n,
    items: difference((e) => e.items),
    squaredError: difference((e) => (e.estimate - e.theta) ** 2),
    posteriorVariance: difference((e) => e.se * e.se),
  };
}
