import { cronbachAlpha } from './alpha.ts';
import { correlationFromCovariance, covarianceMatrix, withoutIndex } from './covariance.ts';
import { omegaTotal } from './omega.ts';
import { reverseKey } from './reverse-key.ts';
import { standardErrorOfMeasurement } from './sem.ts';

export interface ScaleItemSpec {
  item: string;
  reversed: boolean;
}

export interface ItemStatistics {
  item: string;
  reversed: boolean;
  /** Corrected item–total correlation: the item against the sum of the other items. */
  rDrop: number;
  /** Cronbach's alpha of the scale without this item. */
  alphaIfDeleted: number;
}

export interface ScaleAnalysis {
  /** Respondents who answered every item of the scale (listwise per scale). */
  n: number;
  /** Mean and SD (n − 1) of the scale mean score, after reverse keying. */
  mean: number;
  sd: number;
  alpha: number;
  omega: number;
  /** SEM = SD · √(1 − alpha), on the scale-mean metric. */
  sem: number;
  items: ItemStatistics[];
}

/**
 * Classical item and scale statistics for one scale. `responses[r][i]` is respondent r's raw answer to
 * `items[i]` (null when missing); reverse-keyed items are keyed as min + max − x first. Only respondents
 * with every item answered are used. Statistics that are undefined (too few respondents or items, no
 * variance) are NaN.
 */
export function analyzeScale(
  items: readonly ScaleItemSpec[],
  responses: readonly (readonly (number | null)[])[],
  min: number,
  max: number,
): ScaleAnalysis {
  const k = items.length;
  const rows: number[][] = [];
  for (const answers of responses) {
    if (answers.length < k) continue;
    let complete = true;
    const row = new Array<number>(k);
    for (let i = 0; i < k; i++) {
      const value = answers[i];
      if (value === null || value === undefined || Number.isNaN(value)) {
        complete = false;
        break;
      }
      row[i] = items[i]!.reversed ? reverseKey(value, min, max) : value;
    }
    if (complete) rows.push(row);
  }
  const n = rows.length;
  const scores = rows.map((row) => row.reduce((s, x) => s + x, 0) / k);
  const mean = n > 0 ? scores.reduce((s, x) => s + x, 0) / n : Number.NaN;
  const sd = n > 1 ? Math.sqrt(scores.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : Number.NaN;
  if (n < 2) {
    const nan = Number.NaN;
    return {
      n,
      mean,
      sd,
      alpha: nan,
      omega: nan,
      sem: nan,
      items: items.map((spec) => ({ ...spec, rDrop: nan, alphaIfDeleted: nan })),
    };
  }
  const cov = covarianceMatrix(rows);
  const alpha = cronbachAlpha(cov);
  const hasVariance = cov.every((row, i) => row[i]! > 0);
  const omega = hasVariance ? omegaTotal(correlationFromCovariance(cov)) : Number.NaN;
  const total = cov.reduce((s, row) => s + row.reduce((t, c) => t + c, 0), 0);
  const itemStats = items.map((spec, i) => {
    // r.drop = cov(x_i, rest) / √(var x_i · var rest), from C: rest variance = ΣC − 2·ΣⱼC_ij + C_ii.
    const column = cov[i]!.reduce((s, c) => s + c, 0);
    const covRest = column - cov[i]![i]!;
    const varRest = total - 2 * column + cov[i]![i]!;
    const rDrop = covRest / Math.sqrt(cov[i]![i]! * varRest);
    const alphaIfDeleted = k > 2 ? cronbachAlpha(withoutIndex(cov, i)) : Number.NaN;
    return { item: spec.item, reversed: spec.reversed, rDrop, alphaIfDeleted };
  });
  return { n, mean, sd, alpha, omega, sem: standardErrorOfMeasurement(sd, alpha), items: itemStats };
}
