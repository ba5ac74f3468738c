/**
 * Standard error of measurement: SEM = SD · √(1 − r_xx), with r_xx a reliability such as alpha
 * (classical test theory; Lord & Novick 1968). A negative reliability is treated as 0 (the SEM never
 * exceeds the SD); a non-finite input gives NaN.
 */
export function standardErrorOfMeasurement(sd: number, reliability: number): number {
  if (!Number.isFinite(sd) || !Number.isFinite(reliability)) return Number.NaN;
  const r = Math.min(1, Math.max(0, reliability));
  return sd * Math.sqrt(1 - r);
}
