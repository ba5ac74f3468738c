import { Z95 } from '../profile/precision.ts';

export type ChangeVerdict = 'improved' | 'declined' | 'within-error';

export interface ScaleChange {
  from: number;
  to: number;
  difference: number;
  /** Standard error of the difference, √(SEM₁² + SEM₂²); equals √2 · SEM when both SEMs are equal. */
  seDifference: number;
  /** Reliable change index, difference / seDifference (Jacobson & Truax, 1991). */
  rci: number;
  /** A change is real only when |RCI| > 1.96; otherwise it is within measurement error. */
  verdict: ChangeVerdict;
}

/**
 * Jacobson–Truax reliable change between two scores of one person: RCI = (x₂ − x₁) / (√2 · SEM).
 * When the two measurements have different SEMs (e.g. the short form, then the full form), the
 * standard error of the difference generalises to √(SEM₁² + SEM₂²).
 *
 * @example
 * reliableScaleChange(50, 70, 6.708, 6.708) // rci = 20 / 9.487 = 2.108 → 'improved'
 */
export function reliableScaleChange(
  from: number,
  to: number,
  semFrom: number,
  semTo: number = semFrom,
): ScaleChange {
  const difference = to - from;
  const seDifference = Math.sqrt(semFrom * semFrom + semTo * semTo);
  const rci = seDifference > 0 ? difference / seDifference : 0;
  const verdict: ChangeVerdict = Math.abs(rci) > Z95 ? (rci > 0 ? 'improved' : 'declined') : 'within-error';
  return { from, to, difference, seDifference, rci, verdict };
}
