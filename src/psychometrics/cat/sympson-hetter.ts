import { Rng } from '../random.ts';
import type { CatBank } from './bank.ts';
import { answerCat, type CatOptions, nextCatItem, startCat } from './session.ts';

/**
 * Sympson–Hetter exposure parameters by the classic iterative simulation (Sympson & Hetter 1985):
 * simulate examinees θ ~ N(0, 1) with the current parameters K_j, count how often each item is
 * *selected* (P(S_j)), set K_j = min(1, r_max / P(S_j)), and repeat. The result caps every item's
 * administration rate P(A_j) = P(S_j) · K_j near `maxRate`; pass it as `sympsonHetter` in CatOptions.
 */
export function sympsonHetterParameters(
  bank: CatBank,
  options: CatOptions,
  study: { maxRate: number; examinees?: number; rounds?: number; seed?: number },
): Record<string, number> {
  const { maxRate, examinees = 500, rounds = 8, seed = 1 } = study;
  if (!(maxRate > 0 && maxRate <= 1))
    throw new RangeError('sympsonHetterParameters: maxRate must be in (0, 1]');
  let parameters: Record<string, number> = Object.fromEntries(bank.items.map((item) => [item.id, 1]));
  for (let round = 0; round < rounds; round++) {
    const rng = new Rng(seed + round * 104729);
    const selected = new Map<string, number>();
    for (let i = 0; i < examinees; i++) {
      const theta = rng.normal();
      let state = startCat(bank, { ...options, sympsonHetter: parameters, seed: rng.int(2 ** 31) });
      let seen = new Set<string>();
      for (;;) {
        const step = nextCatItem(bank, state);
        // Items withheld on the way to this one were selected too.
        for (const id of step.state.withheld)
          if (!seen.has(id)) selected.set(id, (selected.get(id) ?? 0) + 1);
        seen = new Set(step.state.withheld);
        state = step.state;
        if (!step.item) break;
        selected.set(step.item.id, (selected.get(step.item.id) ?? 0) + 1);
        const u = rng.next();
        const code = step.item.b.filter((bk) => u < 1 / (1 + Math.exp(-step.item!.a * (theta - bk)))).length;
        const value = step.item.categories ? step.item.categories[code]! : code;
        state = answerCat(bank, state, step.item.id, value);
      }
    }
    parameters = Object.fromEntries(
      bank.items.map((item) => {
        const rate = (selected.get(item.id) ?? 0) / examinees;
        return [item.id, rate > maxRate ? maxRate / rate : 1];
      }),
    );
  }
  return parameters;
}
