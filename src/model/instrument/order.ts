import { type Form, itemsInForm } from '../scoring/form.ts';
import type { Instrument, Item } from './types.ts';

/**
 * The order questions are asked in: round-robin over the scales (first item of each scale, then the
 * second, …), so consecutive questions come from different scales and a page is never one scale.
 */
export function questionOrder(instrument: Instrument, form: Form): Item[] {
  const items = itemsInForm(instrument, form);
  const byScale = instrument.scales.map((s) => items.filter((item) => item.scale === s.id));
  const longest = Math.max(0, ...byScale.map((list) => list.length));
  const order: Item[] = [];
  for (let i = 0; i < longest; i++) {
    for (const list of byScale) if (list[i]) order.push(list[i]!);
  }
  return order;
}
