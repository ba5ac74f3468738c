import { useId } from 'react';
import { fmt, scoreScale, TONES, type Tone } from './scale.ts';

export interface Bar {
  label: string;
  score: number | null;
  /** 95% band around the score. */
  band: [number, number] | null;
  tone: Tone;
}

export interface BarGroup {
  /** Heading of the group (e.g. "People ↔ Tasks"); omitted for a flat list. */
  label?: string;
  bars: Bar[];
}

export interface ScoreBarsProps {
  title: string;
  groups: BarGroup[];
  /** A reference line, e.g. the 62.5 "strong" cut. */
  cut?: number;
  width?: number;
}

const ROW = 30;
const GROUP_HEAD = 26;
const GROUP_GAP = 14;

/**
 * Horizontal 0–100 bars with their 95% bands (the whisker), optionally in groups: the paired bars of
 * the three contrasts, or the four foundations. Pure SVG, usable in the browser and in PDF reports.
 */
export function ScoreBars({ title, groups, cut, width = 560 }: ScoreBarsProps) {
  const id = useId().replace(/:/g, '');
  const labelWidth = 168;
  const m = { top: 8, right: 44, bottom: 28, left: labelWidth + 8 };
  const x = scoreScale([m.left, width - m.right]);
  const layout: { y: number; group: BarGroup }[] = [];
  let y = m.top;
  for (const group of groups) {
    layout.push({ y, group });
    y += (group.label ? GROUP_HEAD : 0) + group.bars.length * ROW + GROUP_GAP;
  }
  const plotBottom = y - GROUP_GAP + 4;
  const height = plotBottom + m.bottom;
  const ticks = [0, 25, 50, 75, 100];
  const description = groups
    .map((group) => {
      const bars = group.bars
        .map((bar) =>
          bar.score === null
            ? `${bar.label}: not scored`
            : `${bar.label} ${fmt(bar.score)}${bar.band ? ` (95% band ${fmt(bar.band[0])} to ${fmt(bar.band[1])})` : ''}`,
        )
        .join(', ');
      return group.label ? `${group.label}: ${bars}.` : `${bars}.`;
    })
    .join(' ');

  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      className="chart chart-bars"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{`${description} Scores run from 0 to 100.`}</desc>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={m.top} y2={plotBottom} stroke="#e3e6ea" />
          <text x={x(t)} y={plotBottom + 16} textAnchor="middle" className="chart-tick">
            {t}
          </text>
        </g>
      ))}
      {cut !== undefined && (
        <line x1={x(cut)} x2={x(cut)} y1={m.top} y2={plotBottom} stroke="#5d6b78" strokeDasharray="4 4" />
      )}
      {layout.map(({ y: groupY, group }) => (
        <g key={group.label ?? group.bars.map((b) => b.label).join()}>
          {group.label && (
            <text x={0} y={groupY + 16} className="chart-group">
              {group.label}
            </text>
          )}
          {group.bars.map((bar, i) => {
            const top = groupY + (group.label ? GROUP_HEAD : 0) + i * ROW;
            const mid = top + ROW / 2;
            const tone = TONES[bar.tone];
            return (
              <g key={bar.label}>
                <text x={labelWidth} y={mid + 4} textAnchor="end" className="chart-label" fill={tone.text}>
                  {bar.label}
                </text>
                {bar.score === null ? (
                  <text x={x(0) + 6} y={mid + 4} className="chart-tick">
                    not scored
                  </text>
                ) : (
                  <>
                    <rect
                      x={x(0)}
                      y={mid - 8}
                      width={Math.max(x(bar.score) - x(0), 1)}
                      height={16}
                      rx={3}
                      fill={tone.fill}
                    />
                    {bar.band && (
                      <g stroke="#1d2630" strokeWidth={1.5}>
                        <line x1={x(bar.band[0])} x2={x(bar.band[1])} y1={mid} y2={mid} />
                        <line x1={x(bar.band[0])} x2={x(bar.band[0])} y1={mid - 6} y2={mid + 6} />
                        <line x1={x(bar.band[1])} x2={x(bar.band[1])} y1={mid - 6} y2={mid + 6} />
                      </g>
                    )}
                    <text x={width - m.right + 6} y={mid + 4} className="chart-value">
                      {fmt(bar.score)}
                    </text>
                  </>
                )}
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}
