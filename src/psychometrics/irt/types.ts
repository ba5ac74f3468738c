/**
 * One item of Samejima's graded response model, logistic metric with no scaling constant:
 * P(X ≥ k | θ) = 1 / (1 + exp(−a (θ − b_k))), k = 1 … K−1, with b₁ < b₂ < … < b_{K−1}.
 * Categories are coded 0 … K−1 here; `categories` (optional) names the observed value of each code.
 */
export interface GradedItem {
  a: number;
  b: number[];
}

/**
 * Answers coded 0 … K−1 (−1 = missing), row-major: `codes[r * nItems + j]` is respondent r on item j.
 * Int16Array keeps 100 000 × 60 answers in 12 MB.
 */
export interface ResponseMatrix {
  nRespondents: number;
  nItems: number;
  codes: Int16Array;
}

export const MISSING = -1;
