import { describe, expect, it } from 'vitest';
import { loadInstrumentSync } from '../catalog/instruments.ts';
import { formInstrument, presentationOrder } from './present.ts';

const instrument = loadInstrumentSync('lead-manage');

describe('presentationOrder', () => {
  it.each(['short', 'full'] as const)('keeps every %s-form item exactly once', (form) => {
    const ordered = presentationOrder(instrument, form).map((i) => i.id);
    const expected = instrument.items.filter((i) => form === 'full' || i.short).map((i) => i.id);
    expect(ordered).toHaveLength(expected.length);
    expect(new Set(ordered)).toEqual(new Set(expected));
  });

  it('never puts two questions of one scale on the same page of five (short form)', () => {
    const ordered = presentationOrder(instrument, 'short');
    for (let page = 0; page < ordered.length; page += 5) {
      const scales = ordered.slice(page, page + 5).map((i) => i.scale);
      expect(new Set(scales).size).toBe(scales.length);
    }
  });

  it('starts with a lead, a manage and a foundation scale in turn', () => {
    const poles = presentationOrder(instrument, 'full')
      .slice(0, 3)
      .map((i) => instrument.scales.find((s) => s.id === i.scale)!.pole);
    expect(poles).toEqual(['lead', 'manage', 'foundation']);
  });
});

describe('formInstrument', () => {
  it('gives self wording only, no scoring keys', () => {
    const shown = formInstrument(instrument, 'short');
    const first = shown.items[0]!;
    expect(Object.keys(first).sort()).toEqual(['id', 'scale', 'text']);
    expect(first.text).toBe(instrument.items.find((i) => i.id === first.id)!.self);
  });
});
