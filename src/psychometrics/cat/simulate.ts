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
