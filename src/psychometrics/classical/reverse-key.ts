/** Reverse keying on a response scale from `min` to `max`: x ↦ min + max − x (an involution). */
export function reverseKey(value: number, min: number, max: number): number {
  return min + max - value;
}
