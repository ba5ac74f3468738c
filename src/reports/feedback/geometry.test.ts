import { describe, expect, it } from 'vitest';
import type { ScaleReport } from '../../model/feedback/report.ts';
import { feedbackReportFixture as report } from './fixtures.ts';
import { diamond, feedbackGridDrawing, fitSize, type Shape, scaleDrawing } from './geometry.ts';

const of = <K extends Shape['kind']>(shapes: Shape[], kind: K) =>
  shapes.filter((s): s is Extract<Shape, { kind: K }> => s.kind === kind);

describe('feedbackGridDrawing', () => {
  // Frame 360 square: plot x 52 → 344 (2.92 per point), y 312 (score 0) → 16 (score 100), 2.96 per point.
  const drawing = feedbackGridDrawing(report.grid);

  it('puts the others point at (52 + 2.92·67.5, 312 − 2.96·66.3) = (249.1, 115.752)', () => {
    const [others] = of(drawing.shapes, 'circle');
    expect(others!.cx).toBeCloseTo(249.1, 9);
    expect(others!.cy).toBeCloseTo(115.752, 9);
  });

  it('marks self with a diamond at (52 + 2.92·79, 312 − 2.96·57.7) = (282.68, 141.208)', () => {
    const [self] = of(drawing.shapes, 'path');
    const [top, right, bottom, left] = [...self!.d.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(top![0]).toBeCloseTo(282.68, 9);
    expect(top![1]).toBeCloseTo(141.208 - 9, 9);
    expect(right![0]).toBeCloseTo(288.68, 9);
    expect(bottom![1]).toBeCloseTo(150.208, 9);
    expect(left![0]).toBeCloseTo(276.68, 9);
  });

  it('joins the two points with a dashed line and labels them beside the points', () => {
    const join = of(drawing.shapes, 'line').find((l) => l.dash === '3 3')!;
    expect([join.x1, join.y1, join.x2, join.y2].map((v) => Math.round(v * 1000) / 1000)).toEqual([
      282.68, 141.208, 249.1, 115.752,
    ]);
    const you = of(drawing.shapes, 'text').find((t) => t.text === 'You')!;
    // 282.68 is left of 344 − 60, so the label sits 12 to the right, 4 below the centre line.
    expect(you.x).toBeCloseTo(294.68, 9);
    expect(you.y).toBeCloseTo(145.208, 9);
    expect(you.anchor).toBe('start');
  });

  it('draws the strong cut at 52 + 2.92·62.5 = 234.5 and 312 − 2.96·62.5 = 127', () => {
    const cuts = of(drawing.shapes, 'line').filter((l) => l.dash === '4 4');
    expect(cuts.map((l) => [l.x1, l.y1])).toEqual([
      [234.5, 16],
      [52, 127],
    ]);
  });

  it('leaves out a region name that a point would cover, and keeps the others', () => {
    const names = (d: ReturnType<typeof feedbackGridDrawing>) =>
      of(d.shapes, 'text')
        .filter((t) => t.size === 11 && /^[A-Z][a-z]+$/.test(t.text))
        .map((t) => t.text)
        .sort();
    expect(names(drawing)).toEqual(['Emerging', 'Integrator', 'Organizer', 'Visionary']);
    // Self at (100, 100) → (344, 16): "Integrator" ends at 336, baseline 34 — covered.
    const corner = feedbackGridDrawing({
      self: { lead: 100, manage: 100 },
      others: { lead: 75, manage: 75 },
    });
    expect(names(corner)).toEqual(['Emerging', 'Organizer', 'Visionary']);
  });

  it('describes both points in words and draws only what exists', () => {
    expect(drawing.description).toContain('Your own view: Lead 79, Manage 57.7');
    expect(drawing.description).toContain('All other raters: Lead 67.5, Manage 66.3');
    const alone = feedbackGridDrawing({ self: null, others: report.grid.others });
    expect(of(alone.shapes, 'path')).toHaveLength(0);
    expect(of(alone.shapes, 'line').filter((l) => l.dash === '3 3')).toHaveLength(0);
    expect(alone.description).toContain('Your own view: not enough ratings to place');
  });
});

describe('scaleDrawing', () => {
  const people = report.scales[0]!;
  const drawing = scaleDrawing(people, report.groups);

  it('stacks self and four groups: 4 + 5·20 + 18 = 122 units high', () => {
    expect(drawing.height).toBe(122);
    expect(drawing.width).toBe(520);
    expect(
      of(drawing.shapes, 'text')
        .filter((t) => t.anchor === 'end')
        .map((t) => t.text),
    ).toEqual(['You', 'Manager', 'Peers', 'Others (with direct reports)', 'All raters except you']);
  });

  it('places the peers row (third, centre 4 + 2·20 + 10 = 54): dot at 176 + 3·61.5, band 56–67, spread ± 3.4', () => {
    const dot = of(drawing.shapes, 'circle').find((c) => c.cy === 54)!;
    expect(dot.cx).toBeCloseTo(360.5, 9);
    const band = of(drawing.shapes, 'line').find((l) => l.y1 === 54 && l.y2 === 54)!;
    expect(band.x1).toBeCloseTo(344, 9);
    expect(band.x2).toBeCloseTo(377, 9);
    const spread = of(drawing.shapes, 'rect').find((r) => r.y === 48)!;
    expect(spread.x).toBeCloseTo(350.3, 9);
    expect(spread.width).toBeCloseTo(20.4, 9);
    expect(spread.height).toBe(12);
  });

  it('gives self a diamond (centre 176 + 3·80 = 416, row 14) and no spread; the single manager no spread either', () => {
    const [self] = of(drawing.shapes, 'path');
    expect(self!.d).toBe(diamond(416, 14, 7, 5));
    expect(self!.d).toBe('M416,7L421,14L416,21L411,14Z');
    // Spread bars only for peers, others and all-others (manager n = 1 has sd null).
    expect(of(drawing.shapes, 'rect')).toHaveLength(3);
  });

  it('separates the all-raters row with a rule at 4 + 4·20 = 84', () => {
    const rule = of(drawing.shapes, 'line').find((l) => l.x1 === 0 && l.x2 === 520)!;
    expect(rule.y1).toBe(84);
  });

  it('clamps a spread that runs past 100 to the plot edge (476)', () => {
    const high: ScaleReport = {
      ...people,
      self: null,
      groups: [{ group: 'all-others', n: 5, score: 98, sd: 5, band: { low: 95, high: 100 } }],
    };
    const [spread] = of(scaleDrawing(high, report.groups).shapes, 'rect');
    expect(spread!.x).toBeCloseTo(176 + 3 * 93, 9);
    expect(spread!.x + spread!.width).toBeCloseTo(476, 9);
  });

  it('says every row in words, with band, spread and raters', () => {
    expect(drawing.description).toContain('You 80 (95% band 70.2 to 89.8)');
    expect(drawing.description).toContain('Manager 72 (95% band 60.2 to 83.8, 1 rater)');
    expect(drawing.description).toContain('Peers 61.5 (95% band 56 to 67, spread ± 3.4, 4 raters)');
  });

  it('compact (phones): labels above rows; peers row top 2 + 2·34 = 70, centre 94, dot at 10 + 2.8·61.5 = 182.2', () => {
    const compact = scaleDrawing(people, report.groups, { compact: true });
    expect(compact.width).toBe(330);
    expect(compact.height).toBe(2 + 5 * 34 + 18);
    const label = of(compact.shapes, 'text').find((t) => t.text === 'Peers')!;
    expect([label.x, label.y, label.anchor, label.size]).toEqual([10, 83, 'start', 13]);
    const dot = of(compact.shapes, 'circle').find((c) => c.cy === 94)!;
    expect(dot.cx).toBeCloseTo(182.2, 9);
    expect(compact.description).toBe(drawing.description);
  });
});

describe('fitSize', () => {
  it('keeps short labels at full size and shrinks long ones to their room', () => {
    expect(fitSize('Peers', 162, 11)).toBe(11);
    // 28 characters × 0.55 = 15.4 em; 162 / 15.4 = 10.52 → 10.5.
    expect(fitSize('Others (with direct reports)', 162, 11)).toBe(10.5);
    // 38 characters: 162 / 20.9 = 7.75 → 7.5; bold (0.62 em): 162 / 23.56 = 6.88 → 6.5.
    expect(fitSize('Others (with direct reports and peers)', 162, 11)).toBe(7.5);
    expect(fitSize('Others (with direct reports and peers)', 162, 11, true)).toBe(6.5);
  });
});
