import type { Instrument, Item } from '../instrument/types.ts';

/** The full form asks every item; the short form only those marked `short` (a quick first profile). */
export type Form = 'short' | 'full';

export function itemsInForm(instrument: Instrument, form: Form): Item[] {
  return form === 'short' ? instrument.items.filter((item) => item.short) : instrument.items;
}

/** Items needed to score a scale: at least ⌈2/3⌉ of the scale's items in the form. */
export function minAnswered(itemsInScale: number): number {
  return Math.ceil((2 * itemsInScale) / 3);
}
