/** A dense symmetric matrix as rows of numbers. */
export type Matrix = number[][];

/**
 * Sample covariance matrix (denominator n − 1, as R's `cov`) of complete rows.
 * `rows[i][j]` is respondent i's answer to item j. Two-pass: means first, then cross-products.
 */
export function covarianceMatrix(rows: readonly (readonly number[])[]): Matrix {
  const n = rows.length;
  const k = rows[0]?.length ?? 0;
  const means = new Array<number>(k).fill(0);
  for (const row of rows) for (let j = 0; j < k; j++) means[j]! += row[j]!;
  for (let j = 0; j < k; j++) means[j]! /= n;
  const cov: Matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const centred = new Float64Array(k);
  for (const row of rows) {
    for (let j = 0; j < k; j++) centred[j] = row[j]! - means[j]!;
    for (let a = 0; a < k; a++) {
      const ca = centred[a]!;
      const out = cov[a]!;
      for (let b = a; b < k; b++) out[b]! += ca * centred[b]!;
    }
  }
  for (let a = 0; a < k; a++)
    for (let b = a; b < k; b++) {
      const value = cov[a]![b]! / (n - 1);
      cov[a]![b] = value;
      cov[b]![a] = value;
    }
  return cov;
}

/** Pearson correlation matrix from a covariance matrix (R's `cov2cor`). */
export function correlationFromCovariance(cov: Matrix): Matrix {
  const sd = cov.map((row, i) => Math.sqrt(row[i]!));
  return cov.map((row, i) => row.map((value, j) => value / (sd[i]! * sd[j]!)));
}

/** The matrix without row and column `drop`. */
export function withoutIndex(matrix: Matrix, drop: number): Matrix {
  return matrix.filter((_, i) => i !== drop).map((row) => row.filter((_, j) => j !== drop));
}
