import type { Instrument, Item } from '../model/instrument/types.ts';
import { type Form, itemsInForm } from '../model/scoring/form.ts';

/**
 * Presentation order of a form's items: scales taken in turn (lead, manage, foundation, lead, …) and
 * one item of each scale per round, so a page of consecutive questions mixes scales and poles instead
 * of asking five questions about the same thing. Deterministic: everyone sees the same order.
 */
export function presentationOrder(instrument: Instrument, form: Form): Item[] {
  const items = itemsInForm(instrument, form);
  const byPole = (pole: string) => instrument.scales.filter((s) => s.pole === pole);
  const poles = [byPole('lead'), byPole('manage'), byPole('foundation')];
  const scaleOrder: string[] = [];
  const longest = Math.max(...poles.map((p) => p.length));
  for (let i = 0; i < longest; i++) for (const pole of poles) if (pole[i]) scaleOrder.push(pole[i]!.id);
  for (const scale of instrument.scales) if (!scaleOrder.includes(scale.id)) scaleOrder.push(scale.id);

  const queues = scaleOrder.map((id) => items.filter((item) => item.scale === id));
  const ordered: Item[] = [];
  for (let round = 0; ordered.length < items.length; round++) {
    for (const queue of queues) if (queue[round]) ordered.push(queue[round]!);
  }
  return ordered;
}

/** What a respondent's browser needs: the form's items in self wording and presentation order. */
export function formInstrument(instrument: Instrument, form: Form) {
  return {
    id: instrument.id,
    version: instrument.version,
    title: instrument.title,
    description: instrument.description,
    responseScale: instrument.responseScale,
    scales: instrument.scales.map((s) => ({
      id: s.id,
      name: s.name,
      pole: s.pole,
      ...(s.contrast ? { contrast: s.contrast } : {}),
      description: s.description,
    })),
    items: presentationOrder(instrument, form).map((item) => ({
      id: item.id,
      scale: item.scale,
      text: item.self,
    })),
  };
}
