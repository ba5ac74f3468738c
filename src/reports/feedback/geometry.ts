/**
 * Chart geometry of the 360° report, as plain shapes. One drawing, two renderers: `svg-dom.tsx`
 * turns the shapes into browser SVG for the web page, `pdf.tsx` into react-pdf `Svg` primitives
 * for the PDF — so the page and the PDF show the same chart by construction. Pure: no React, no I/O.
 */
import type { FeedbackReport, ReportGroupId, ScaleReport } from '../../model/feedback/report.ts';
import { QUADRANTS, STRONG_CUT } from '../../model/profile/quadrant.ts';
import { fmt, scoreScale } from '../charts/scale.ts';

export type Shape =
  | {
      kind: 'rect';
      x: number;
      y: number;
      width: number;
      height: number;
      fill: string;
      fillOpacity?: number;
      stroke?: string;
      rx?: number;
    }
  | {
      kind: 'line';
      x1: number;
      y1: number;
      x2: number;
      y2: number;
      stroke: string;
      strokeWidth: number;
      dash?: string;
    }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string; stroke?: string; strokeWidth?: number }
  | { kind: 'path'; d: string; fill: string; stroke?: string; strokeWidth?: number }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      fill: string;
      anchor?: 'start' | 'middle' | 'end';
      bold?: boolean;
      /** Degrees, about (x, y). */
      rotate?: number;
    };

/** A chart: its user-unit size, its shapes, and the words a screen reader gets instead. */
export interface Drawing {
  width: number;
  height: number;
  title: string;
  description: string;
  shapes: Shape[];
}

export const INK = '#1d2630';
const GRID = '#e3e6ea';
const MUTED = '#5d6b78';

/** Marker colour of each group (each ≥ 4.5:1 on white, so it can colour text too). */
export const GROUP_COLOURS: Record<ReportGroupId, string> = {
  self: INK,
  manager: '#83490a',
  peers: '#0f5566',
  'direct-reports': '#4b3d7a',
  others: '#7a2f57',
  'all-others': '#1f6b3a',
};

/** The diamond that marks the subject's own view, centred on (cx, cy): `half` up and down, `halfWidth` across. */
export function diamond(cx: number, cy: number, half = 9, halfWidth = 6): string {
  return `M${cx},${cy - half}L${cx + halfWidth},${cy}L${cx},${cy + half}L${cx - halfWidth},${cy}Z`;
}

const shortName = (name: string) => name.split(' — ')[0] ?? name;

/** The box a text shape roughly covers (0.6 em a character; cap height above the baseline). */
function textBox(t: Shape): { x0: number; x1: number; y0: number; y1: number } {
  if (t.kind !== 'text') throw new Error('textBox needs a text shape');
  const width = 0.6 * t.size * t.text.length;
  const x0 = t.anchor === 'end' ? t.x - width : t.anchor === 'middle' ? t.x - width / 2 : t.x;
  return { x0, x1: x0 + width, y0: t.y - t.size, y1: t.y + 2 };
}

/**
 * The Lead × Manage grid with two points: the subject's own view (diamond) and all other raters
 * (circle), joined by a dashed line. Same frame as the profile grid: 360 units square, plot from
 * x 52 to 344 (2.92 units per point) and y 312 up to 16 (2.96 units per point).
 *
 * @example
 * const drawing = feedbackGridDrawing(report.grid); // drawing.shapes → <svg> or react-pdf <Svg>
 */
export function feedbackGridDrawing(grid: FeedbackReport['grid'], size = 360): Drawing {
  const m = { top: 16, right: 16, bottom: 48, left: 52 };
  const x = scoreScale([m.left, size - m.right]);
  const y = scoreScale([size - m.bottom, m.top]);
  const plot = { x0: x(0), x1: x(100), y0: y(100), y1: y(0) };
  const cut = STRONG_CUT;
  const shapes: Shape[] = [
    {
      kind: 'rect',
      x: x(cut),
      y: plot.y0,
      width: plot.x1 - x(cut),
      height: y(cut) - plot.y0,
      fill: '#e4f1ea',
    },
    {
      kind: 'rect',
      x: x(cut),
      y: y(cut),
      width: plot.x1 - x(cut),
      height: plot.y1 - y(cut),
      fill: '#e3eff3',
    },
    {
      kind: 'rect',
      x: plot.x0,
      y: plot.y0,
      width: x(cut) - plot.x0,
      height: y(cut) - plot.y0,
      fill: '#f8eddc',
    },
    {
      kind: 'rect',
      x: plot.x0,
      y: y(cut),
      width: x(cut) - plot.x0,
      height: plot.y1 - y(cut),
      fill: '#f1f1f1',
    },
  ];
  for (const t of [0, 25, 50, 75, 100]) {
    shapes.push(
      { kind: 'line', x1: x(t), x2: x(t), y1: plot.y0, y2: plot.y1, stroke: '#ffffff', strokeWidth: 1 },
      { kind: 'line', x1: plot.x0, x2: plot.x1, y1: y(t), y2: y(t), stroke: '#ffffff', strokeWidth: 1 },
      { kind: 'text', x: x(t), y: plot.y1 + 16, text: String(t), size: 11, fill: MUTED, anchor: 'middle' },
      { kind: 'text', x: plot.x0 - 8, y: y(t) + 4, text: String(t), size: 11, fill: MUTED, anchor: 'end' },
    );
  }
  shapes.push(
    {
      kind: 'line',
      x1: x(cut),
      x2: x(cut),
      y1: plot.y0,
      y2: plot.y1,
      stroke: MUTED,
      strokeWidth: 1,
      dash: '4 4',
    },
    {
      kind: 'line',
      x1: plot.x0,
      x2: plot.x1,
      y1: y(cut),
      y2: y(cut),
      stroke: MUTED,
      strokeWidth: 1,
      dash: '4 4',
    },
    {
      kind: 'rect',
      x: plot.x0,
      y: plot.y0,
      width: plot.x1 - plot.x0,
      height: plot.y1 - plot.y0,
      fill: 'none',
      stroke: '#9aa5b1',
    },
  );
  const region = (text: string, rx: number, ry: number, anchor: 'start' | 'end'): Shape => ({
    kind: 'text',
    x: rx,
    y: ry,
    text,
    size: 11,
    fill: MUTED,
    anchor,
  });
  const self = grid.self && { x: x(grid.self.lead), y: y(grid.self.manage) };
  const others = grid.others && { x: x(grid.others.lead), y: y(grid.others.manage) };
  // A region name that a point (with its label, about 50 units to one side) would cover is left
  // out; the region is still named in the words beside the chart.
  const clear = (label: Shape) => {
    const box = textBox(label);
    return [self, others].every(
      (p) => !p || p.x + 50 < box.x0 || p.x - 50 > box.x1 || p.y + 10 < box.y0 || p.y - 10 > box.y1,
    );
  };
  shapes.push(
    ...[
      region(shortName(QUADRANTS['both-strong'].name), plot.x1 - 8, plot.y0 + 18, 'end'),
      region(shortName(QUADRANTS['lead-strong'].name), plot.x1 - 8, plot.y1 - 10, 'end'),
      region(shortName(QUADRANTS['manage-strong'].name), plot.x0 + 8, plot.y0 + 18, 'start'),
      region(shortName(QUADRANTS['both-developing'].name), plot.x0 + 8, plot.y1 - 10, 'start'),
    ].filter(clear),
  );
  if (self && others) {
    shapes.push({
      kind: 'line',
      x1: self.x,
      y1: self.y,
      x2: others.x,
      y2: others.y,
      stroke: INK,
      strokeWidth: 1.5,
      dash: '3 3',
    });
  }
  // Labels sit beside their point, on the side away from the plot's right edge, and move apart
  // vertically when the two points are level.
  const label = (p: { x: number; y: number }, text: string, fill: string, dy: number): Shape => {
    const right = p.x < plot.x1 - 60;
    return {
      kind: 'text',
      x: p.x + (right ? 12 : -12),
      y: p.y + 4 + dy,
      text,
      size: 12,
      fill,
      anchor: right ? 'start' : 'end',
      bold: true,
    };
  };
  const level = self && others && Math.abs(self.y - others.y) < 16 ? 9 : 0;
  if (others) {
    shapes.push({
      kind: 'circle',
      cx: others.x,
      cy: others.y,
      r: 7,
      fill: GROUP_COLOURS['all-others'],
      stroke: '#ffffff',
      strokeWidth: 2,
    });
    shapes.push(
      label(others, 'Others', GROUP_COLOURS['all-others'], self && others.y > self.y ? level : -level),
    );
  }
  if (self) {
    shapes.push({ kind: 'path', d: diamond(self.x, self.y), fill: INK, stroke: '#ffffff', strokeWidth: 2 });
    shapes.push(label(self, 'You', INK, others && self.y >= others.y ? level : -level));
  }
  shapes.push(
    {
      kind: 'text',
      x: (plot.x0 + plot.x1) / 2,
      y: size - 10,
      text: 'Lead →',
      size: 12,
      fill: INK,
      anchor: 'middle',
      bold: true,
    },
    {
      kind: 'text',
      x: 16,
      y: (plot.y0 + plot.y1) / 2,
      text: 'Manage →',
      size: 12,
      fill: INK,
      anchor: 'middle',
      bold: true,
      rotate: -90,
    },
  );
  const point = (p: { lead: number; manage: number } | null) =>
    p ? `Lead ${fmt(p.lead)}, Manage ${fmt(p.manage)}` : 'not enough ratings to place';
  return {
    width: size,
    height: size,
    title: 'Lead × Manage grid: your view and others’ view',
    description: `Your own view: ${point(grid.self)}. All other raters: ${point(grid.others)}. Scores run from 0 to 100; ${cut} or more counts as strong on each axis.`,
    shapes,
  };
}

/** One row of a scale chart: a group's score, its 95% band and (when known) its spread. */
export interface ScaleRow {
  group: ReportGroupId;
  label: string;
  score: number;
  band: { low: number; high: number };
  sd: number | null;
  n: number | null;
}

/** The rows of one scale in report order: self first (when rated), then each shown group. */
export function scaleRows(scale: ScaleReport, groups: FeedbackReport['groups']): ScaleRow[] {
  const label = (id: ReportGroupId) => groups.find((g) => g.id === id)?.label ?? id;
  const rows: ScaleRow[] = [];
  if (scale.self)
    rows.push({
      group: 'self',
      label: label('self'),
      score: scale.self.score,
      band: scale.self.band,
      sd: null,
      n: null,
    });
  for (const g of scale.groups)
    rows.push({ group: g.group, label: label(g.group), score: g.score, band: g.band, sd: g.sd, n: g.n });
  return rows;
}

/**
 * The font size at which a label fits its room, at most `size`: DejaVu Sans runs about 0.55 em per
 * character on average (0.62 em bold), so a long merged-group label shrinks instead of running off
 * the drawing. Half-unit steps.
 *
 * @example
 * fitSize('Peers', 162, 11) // 11
 * fitSize('Others (with direct reports and peers)', 162, 11) // 7.5
 */
export function fitSize(text: string, room: number, size: number, bold = false): number {
  const em = bold ? 0.62 : 0.55;
  return Math.min(size, Math.floor((room / (em * text.length)) * 2) / 2);
}

/** Wide layout (PDF, desktop): labels left of the plot. */
export const SCALE_CHART = {
  width: 520,
  labelRight: 162,
  x0: 176,
  x1: 476,
  row: 20,
  top: 4,
  axis: 18,
  compact: false,
};

/** Compact layout (phones): each label above its row, so the plot keeps the width and the text stays legible. */
export const SCALE_CHART_COMPACT = {
  width: 330,
  labelRight: 0,
  x0: 10,
  x1: 290,
  row: 34,
  top: 2,
  axis: 18,
  compact: true,
};

/**
 * A dot plot of one scale: a row per group with the score (dot; a diamond for self), the 95% band
 * (whisker) and the spread among raters (a pale bar from score − SD to score + SD). The plot runs
 * from x 176 (score 0) to 476 (score 100): 3 units per point; row i is centred at 4 + 20·i + 10.
 * `compact` puts each label above its row (plot 10 → 290, 2.8 units per point; row centre 2 + 34·i + 24)
 * for narrow screens.
 *
 * @example
 * const drawing = scaleDrawing(report.scales[0], report.groups);
 */
export function scaleDrawing(
  scale: ScaleReport,
  groups: FeedbackReport['groups'],
  options: { compact?: boolean } = {},
): Drawing {
  const c = options.compact ? SCALE_CHART_COMPACT : SCALE_CHART;
  const x = scoreScale([c.x0, c.x1]);
  const rows = scaleRows(scale, groups);
  // Compact drawings are shown smaller (a phone's width), so their text is set larger.
  const size = c.compact ? 13 : 11;
  const plotBottom = c.top + rows.length * c.row;
  const shapes: Shape[] = [];
  for (const t of [0, 25, 50, 75, 100]) {
    shapes.push(
      { kind: 'line', x1: x(t), x2: x(t), y1: c.top, y2: plotBottom, stroke: GRID, strokeWidth: 1 },
      {
        kind: 'text',
        x: x(t),
        y: plotBottom + 14,
        text: String(t),
        size: size - 1,
        fill: MUTED,
        anchor: 'middle',
      },
    );
  }
  shapes.push({
    kind: 'line',
    x1: x(STRONG_CUT),
    x2: x(STRONG_CUT),
    y1: c.top,
    y2: plotBottom,
    stroke: MUTED,
    strokeWidth: 1,
    dash: '4 4',
  });
  rows.forEach((row, i) => {
    const rowTop = c.top + i * c.row;
    const emphasis = row.group === 'self' || row.group === 'all-others';
    const mid = c.compact ? rowTop + 24 : rowTop + c.row / 2;
    const colour = GROUP_COLOURS[row.group];
    if (row.group === 'all-others' && i > 0) {
      shapes.push({
        kind: 'line',
        x1: 0,
        x2: c.width,
        y1: rowTop,
        y2: rowTop,
        stroke: '#c5ccd3',
        strokeWidth: 1,
      });
    }
    shapes.push({
      kind: 'text',
      x: c.compact ? c.x0 : c.labelRight,
      y: c.compact ? rowTop + 13 : mid + 4,
      text: row.label,
      size: fitSize(row.label, c.compact ? c.x1 - c.x0 : c.labelRight, size, emphasis),
      fill: colour,
      anchor: c.compact ? 'start' : 'end',
      bold: emphasis,
    });
    if (row.sd !== null) {
      const from = x(row.score - row.sd);
      shapes.push({
        kind: 'rect',
        x: from,
        y: mid - 6,
        width: x(row.score + row.sd) - from,
        height: 12,
        fill: colour,
        fillOpacity: 0.18,
        rx: 2,
      });
    }
    const lo = x(row.band.low);
    const hi = x(row.band.high);
    shapes.push(
      { kind: 'line', x1: lo, x2: hi, y1: mid, y2: mid, stroke: colour, strokeWidth: 1.5 },
      { kind: 'line', x1: lo, x2: lo, y1: mid - 4, y2: mid + 4, stroke: colour, strokeWidth: 1.5 },
      { kind: 'line', x1: hi, x2: hi, y1: mid - 4, y2: mid + 4, stroke: colour, strokeWidth: 1.5 },
    );
    shapes.push(
      row.group === 'self'
        ? {
            kind: 'path',
            d: diamond(x(row.score), mid, 7, 5),
            fill: colour,
            stroke: '#ffffff',
            strokeWidth: 1,
          }
        : {
            kind: 'circle',
            cx: x(row.score),
            cy: mid,
            r: 5,
            fill: colour,
            stroke: '#ffffff',
            strokeWidth: 1,
          },
    );
    shapes.push({
      kind: 'text',
      x: c.x1 + 10,
      y: mid + 4,
      text: fmt(row.score),
      size,
      fill: INK,
      anchor: 'start',
      bold: row.group === 'self' || row.group === 'all-others',
    });
  });
  const described = rows
    .map(
      (r) =>
        `${r.label} ${fmt(r.score)} (95% band ${fmt(r.band.low)} to ${fmt(r.band.high)}${r.sd === null ? '' : `, spread ± ${fmt(r.sd)}`}${r.n === null ? '' : `, ${r.n} ${r.n === 1 ? 'rater' : 'raters'}`})`,
    )
    .join('; ');
  return {
    width: c.width,
    height: plotBottom + c.axis,
    title: `${scale.name}: your view and each group’s`,
    description: `${described}. Scores run from 0 to 100.`,
    shapes,
  };
}
