/**
 * Psychometrics engine: graded-model calibration (10,000 respondents × 60 items, 5 categories), EAP
 * scoring of 100,000 respondents, and CAT next-item latency on a 200-item bank. Each figure is printed
 * with a reference measured in the same run (a naive implementation of the same step) and the ratio.
 * Targets on the 2-core machine: calibration < 10 s, next-item p99 < 5 ms.
 */
import { CatBank } from '../src/psychometrics/cat/bank.ts';
import { answerCat, type CatState, nextCatItem, startCat } from '../src/psychometrics/cat/session.ts';
import { calibrateGraded } from '../src/psychometrics/irt/calibrate.ts';
import { scoreEap } from '../src/psychometrics/irt/eap.ts';
import { normalQuadrature } from '../src/psychometrics/irt/quadrature.ts';
import { simulateGradedResponses } from '../src/psychometrics/irt/simulate.ts';
import type { GradedItem, ResponseMatrix } from '../src/psychometrics/irt/types.ts';
import { Rng } from '../src/psychometrics/random.ts';

function bankOf(n: number, rng: Rng): GradedItem[] {
  return Array.from({ length: n }, () => {
    const a = 0.7 + 1.6 * rng.next();
    const c = -1 + 2 * rng.next();
    return { a, b: [c - 1.6, c - 0.6, c + 0.5, c + 1.6] };
  });
}

/** The textbook E-step: P(x | θ_q) from the logistic formula for every respondent, item and node. */
function naiveEStep(
  items: GradedItem[],
  data: ResponseMatrix,
  respondents: number,
  withCounts = true,
): number {
  const quad = normalQuadrature();
  const nodes = Array.from(quad.nodes);
  const counts = items.map((item) => Array.from({ length: item.b.length + 1 }, () => new Array(61).fill(0)));
  let logLik = 0;
  for (let r = 0; r < respondents; r++) {
    const like = nodes.map((theta, q) => {
      let l = quad.weights[q]!;
      items.forEach((item, j) => {
        const k = data.codes[r * data.nItems + j]!;
        const upper = k === 0 ? 1 : 1 / (1 + Math.exp(-item.a * (theta - item.b[k - 1]!)));
        const lower = k === item.b.length ? 0 : 1 / (1 + Math.exp(-item.a * (theta - item.b[k]!)));
        l *= upper - lower;
      });
      return l;
    });
    const total = like.reduce((s, x) => s + x, 0);
    logLik += Math.log(total);
    if (!withCounts) continue;
    items.forEach((_, j) => {
      const k = data.codes[r * data.nItems + j]!;
      like.forEach((l, q) => {
        counts[j]![k]![q] += l / total;
      });
    });
  }
  return logLik;
}

function seconds(start: number): number {
  return (performance.now() - start) / 1000;
}

function line(label: string, value: string) {
  console.log(`${label.padEnd(48)} ${value}`);
}

export async function run(): Promise<void> {
  const rng = new Rng(2024);
  const items = bankOf(60, rng);
  const data = simulateGradedResponses(
    items,
    Float64Array.from({ length: 10_000 }, () => rng.normal()),
    rng,
  );

  // 1. Calibration, against one naive E-step over the same data (measured on 2,000 rows, scaled).
  let start = performance.now();
  const result = calibrateGraded(data);
  const calibration = seconds(start);
  start = performance.now();
  naiveEStep(items, data, 2000);
  const naiveE = seconds(start) * 5;
  line('calibrate 10,000 × 60 (graded, 5 categories)', `${calibration.toFixed(2)} s (target < 10 s)`);
  line('  EM cycles / converged', `${result.iterations} / ${result.converged}`);
  line('  reference: one naive E-step (same data)', `${naiveE.toFixed(2)} s`);
  line('  ratio: whole calibration / one naive E-step', `${(calibration / naiveE).toFixed(2)}`);
  line(
    '  ratio: time per EM cycle / naive E-step',
    `${(calibration / result.iterations / naiveE).toFixed(3)}`,
  );

  // 2. EAP scoring of 100,000 respondents on the 60 items, against naive direct summation.
  const many = simulateGradedResponses(
    items,
    Float64Array.from({ length: 100_000 }, () => rng.normal()),
    rng,
  );
  start = performance.now();
  scoreEap(items, many);
  const eap = seconds(start);
  start = performance.now();
  naiveEStep(items, many, 2000, false); // the likelihood half of the naive E-step: naive EAP's work
  const naiveEap = seconds(start) * 50;
  line('EAP score 100,000 × 60', `${eap.toFixed(2)} s`);
  line('  reference: naive summation (2,000 rows, scaled)', `${naiveEap.toFixed(2)} s`);
  line('  ratio: fast / naive', `${(eap / naiveEap).toFixed(3)}`);

  // 3. CAT next-item latency on a 200-item bank (2 scales), per selection rule.
  const bank = new CatBank(
    bankOf(200, rng).map((item, j) => ({ ...item, id: `i${j}`, scale: j % 2 ? 'lead' : 'manage' })),
  );
  const p99: Record<string, number> = {};
  for (const select of ['mfi', 'mepv', 'reach', 'kl', 'kl-posterior'] as const) {
    const times: number[] = [];
    const sim = new Rng(5);
    for (let person = 0; person < 150; person++) {
      const theta = sim.normal();
      let state: CatState = startCat(bank, {
        select,
        targetSe: 0.25,
        maxItems: 30,
        randomesque: 2,
        seed: person,
      });
      for (;;) {
        const t = performance.now();
        const step = nextCatItem(bank, state);
        times.push(performance.now() - t);
        state = step.state;
        if (!step.item) break;
        const u = sim.next();
        const code = step.item.b.filter((bk) => u < 1 / (1 + Math.exp(-step.item!.a * (theta - bk)))).length;
        state = answerCat(bank, state, step.item.id, code);
      }
    }
    times.sort((x, y) => x - y);
    p99[select] = times[Math.floor(0.99 * (times.length - 1))]!;
    line(
      `CAT next item, 200-item bank, ${select}`,
      `p50 ${times[Math.floor(0.5 * (times.length - 1))]!.toFixed(3)} ms, p99 ${p99[select]!.toFixed(3)} ms over ${times.length} calls (target p99 < 5 ms)`,
    );
  }
  line('  ratio: p99 reach / p99 mfi (reference)', `${(p99.reach! / p99.mfi!).toFixed(2)}`);
  line('  ratio: p99 mepv / p99 mfi (reference)', `${(p99.mepv! / p99.mfi!).toFixed(2)}`);
  line('  ratio: p99 kl / p99 mfi (reference)', `${(p99.kl! / p99.mfi!).toFixed(2)}`);
}
