/** Result of the Jacobson–Truax reliable change test for one person measured twice. */
export interface ReliableChange {
  /** RCI = (x₂ − x₁) / (√2 · SEM). */
  rci: number;
  /** Standard error of the difference, √2 · SEM. */
  seDifference: number;
  /** |RCI| > critical (1.96 by default, two-sided 5 %). */
  reliable: boolean;
  /** `improved` means x₂ reliably above x₁, `declined` reliably below, otherwise `unchanged`. */
  direction: 'improved' | 'declined' | 'unchanged';
}

/**
 * Jacobson & Truax (1991) reliable change index: RCI = (x₂ − x₁) / S_diff with S_diff = √2 · SEM
 * and SEM = SD · √(1 − r_xx) (see `standardErrorOfMeasurement`). A change is reliable when |RCI| > 1.96.
 */
export function reliableChange(before: number, after: number, sem: number, critical = 1.96): ReliableChange {
  if (!(sem > 0)) throw new RangeError(`reliableChange: the SEM must be a positive number (got ${sem})`);
  const seDifference = Math.SQRT2 * sem;
  const rci = (after - before) / seDifference;
  const reliable = Math.abs(rci) > critical;
  return {
    rci,
    seDifference,
    reliable,
    direction: reliable ? (rci > 0 ? 'improved' : 'declined') : 'unchanged',
  };
}
