/**
 * Paired Monte Carlo study of the item-selection rules (run: `npx tsx src/psychometrics/cat/selection-study.ts
 * [n] [bank seeds…]`, default 20,000 examinees and banks 99 3 17 2024 7; `RULES=kl,reach` to run only some).
 * For each bank seed, a 20-item, 5-category graded bank like the test's; every rule
 * faces the same examinees θ ~ N(0, 1) with the same answer to every item (see `simulateCat`), adaptive
 * testing to SE 0.40 with EAP. Prints mean items, RMSE, and the paired differences against `mfi` with
 * their Monte Carlo standard errors, per bank and pooled over banks.
 */
import { Rng } from '../random.ts';
import { CatBank, type CatItem } from './bank.ts';
import { SELECTION_METHODS, type SelectionMethod } from './select.ts';
import { type CatSimulation, comparePaired, simulateCat } from './simulate.ts';

/** The bank generator of the tests: a ∈ [0.8, 2.2], thresholds c + (−1.6, −0.6, 0.4, 1.4), c ∈ [−1, 1]. */
export function studyBank(n: number, seed: number): CatItem[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, (_, j) => {
    const a = 0.8 + 1.4 * rng.next();
    const c = -1 + 2 * rng.next();
    return { id: `i${j}`, a, b: [c - 1.6, c - 0.6, c + 0.4, c + 1.4], categories: [1, 2, 3, 4, 5] };
  });
}

function main(): void {
  const args = process.argv.slice(2).map(Number);
  const n = args[0] ?? 20_000;
  const bankSeeds = args.length > 1 ? args.slice(1) : [99, 3, 17, 2024, 7];
  const rules = (process.env.RULES?.split(',') as SelectionMethod[] | undefined) ?? SELECTION_METHODS;
  const pooled = new Map<SelectionMethod, { items: number[]; sq: number[] }>();
  for (const bankSeed of bankSeeds) {
    const bank = new CatBank(studyBank(20, bankSeed));
    const runs = new Map<SelectionMethod, CatSimulation>();
    for (const select of ['mfi' as const, ...rules.filter((r) => r !== 'mfi')])
      runs.set(select, simulateCat(bank, { n, seed: 5, targetSe: 0.4, select }));
    const mfi = runs.get('mfi')!;
    for (const [select, sim] of runs) {
      const paired = comparePaired(mfi, sim);
      const meanSe = sim.examinees.reduce((s, e) => s + e.se * e.se, 0) / n;
      console.log(
        `bank ${bankSeed}\t${select.padEnd(12)} items ${sim.meanItems.toFixed(3)}  RMSE ${sim.rmse.toFixed(4)}  ` +
          `√E[SE²] ${Math.sqrt(meanSe).toFixed(4)}  Δitems ${paired.items.mean.toFixed(4)} ± ${paired.items.se.toFixed(4)}  ` +
          `ΔMSE ${paired.squaredError.mean.toFixed(5)} ± ${paired.squaredError.se.toFixed(5)}  ` +
          `ΔE[SE²] ${paired.posteriorVariance.mean.toFixed(5)} ± ${paired.posteriorVariance.se.toFixed(5)}`,
      );
      const p = pooled.get(select) ?? { items: [], sq: [] };
      p.items.push(paired.items.mean);
      p.sq.push(paired.squaredError.mean);
      pooled.set(select, p);
    }
  }
  console.log(`\npooled over ${bankSeeds.length} banks × ${n} examinees (equal weights):`);
  for (const [select, p] of pooled) {
    const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    console.log(`${select.padEnd(12)} Δitems ${avg(p.items).toFixed(4)}  ΔMSE ${avg(p.sq).toFixed(5)}`);
  }
}

if (process.argv[1]?.endsWith('selection-study.ts')) main();
