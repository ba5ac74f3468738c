import { symbol, symbolDiamond } from 'd3-shape';
import { useId } from 'react';
import { fmt, scoreScale, Z95 } from './scale.ts';

export interface LeadManageGridProps {
  lead: number;
  manage: number;
  /** Standard errors of the two indices; the drawn region is ±1.96 · SEM (95%). */
  leadSem: number | null;
  manageSem: number | null;
  /** Where "strong" begins on both axes (62.5 in the built-in model). */
  cut: number;
  /** Names of the four regions, shown in their corners. */
  labels: { bothStrong: string; leadStrong: string; manageStrong: string; bothDeveloping: string };
  /** The quadrant the point falls in, for the text alternative. */
  quadrantName?: string;
  /** Width and height of the drawing in user units (it scales to its container). */
  size?: number;
}

/**
 * The Lead × Manage grid: Lead across, Manage up, the person as a point with a 95% uncertainty
 * ellipse. Pure SVG (no browser APIs) so the same drawing renders on the server for PDF reports.
 */
export function LeadManageGrid(props: LeadManageGridProps) {
  const { lead, manage, leadSem, manageSem, cut, labels } = props;
  const size = props.size ?? 360;
  const m = { top: 16, right: 16, bottom: 48, left: 52 };
  const x = scoreScale([m.left, size - m.right]);
  const y = scoreScale([size - m.bottom, m.top]);
  const id = useId().replace(/:/g, '');
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const clipId = `${id}-clip`;
  const rx = leadSem === null ? 0 : x(Z95 * leadSem) - x(0);
  const ry = manageSem === null ? 0 : y(0) - y(Z95 * manageSem);
  const ticks = [0, 25, 50, 75, 100];
  const plot = { x0: x(0), x1: x(100), y0: y(100), y1: y(0) };
  const marker = symbol(symbolDiamond, 110)() ?? '';
  const margin = (sem: number | null) => (sem === null ? '' : ` ± ${fmt(Z95 * sem)}`);

  return (
    <svg
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      className="chart chart-grid"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={titleId}>Lead × Manage grid</title>
      <desc id={descId}>
        {`Your position: Lead ${fmt(lead)}${margin(leadSem)}, Manage ${fmt(manage)}${margin(manageSem)} on a 0 to 100 scale (95% uncertainty). `}
        {props.quadrantName ? `This falls in the region "${props.quadrantName}". ` : ''}
        {`Scores of ${cut} or more count as strong on each axis.`}
      </desc>
      <defs>
        <clipPath id={clipId}>
          <rect x={plot.x0} y={plot.y0} width={plot.x1 - plot.x0} height={plot.y1 - plot.y0} />
        </clipPath>
      </defs>
      {/* The four regions */}
      <rect x={x(cut)} y={plot.y0} width={plot.x1 - x(cut)} height={y(cut) - plot.y0} fill="#e4f1ea" />
      <rect x={x(cut)} y={y(cut)} width={plot.x1 - x(cut)} height={plot.y1 - y(cut)} fill="#e3eff3" />
      <rect x={plot.x0} y={plot.y0} width={x(cut) - plot.x0} height={y(cut) - plot.y0} fill="#f8eddc" />
      <rect x={plot.x0} y={y(cut)} width={x(cut) - plot.x0} height={plot.y1 - y(cut)} fill="#f1f1f1" />
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={plot.y0} y2={plot.y1} stroke="#ffffff" strokeWidth={1} />
          <line x1={plot.x0} x2={plot.x1} y1={y(t)} y2={y(t)} stroke="#ffffff" strokeWidth={1} />
          <text x={x(t)} y={plot.y1 + 16} textAnchor="middle" className="chart-tick">
            {t}
          </text>
          <text x={plot.x0 - 8} y={y(t) + 4} textAnchor="end" className="chart-tick">
            {t}
          </text>
        </g>
      ))}
      <line x1={x(cut)} x2={x(cut)} y1={plot.y0} y2={plot.y1} stroke="#5d6b78" strokeDasharray="4 4" />
      <line x1={plot.x0} x2={plot.x1} y1={y(cut)} y2={y(cut)} stroke="#5d6b78" strokeDasharray="4 4" />
      <rect
        x={plot.x0}
        y={plot.y0}
        width={plot.x1 - plot.x0}
        height={plot.y1 - plot.y0}
        fill="none"
        stroke="#9aa5b1"
      />
      <g className="chart-region-label">
        <text x={plot.x1 - 8} y={plot.y0 + 18} textAnchor="end">
          {labels.bothStrong}
        </text>
        <text x={plot.x1 - 8} y={plot.y1 - 10} textAnchor="end">
          {labels.leadStrong}
        </text>
        <text x={plot.x0 + 8} y={plot.y0 + 18}>
          {labels.manageStrong}
        </text>
        <text x={plot.x0 + 8} y={plot.y1 - 10}>
          {labels.bothDeveloping}
        </text>
      </g>
      <g clipPath={`url(#${clipId})`}>
        <ellipse
          cx={x(lead)}
          cy={y(manage)}
          rx={Math.max(rx, 0)}
          ry={Math.max(ry, 0)}
          fill="#1d2630"
          fillOpacity={0.12}
          stroke="#1d2630"
          strokeOpacity={0.55}
          strokeDasharray="3 3"
        />
      </g>
      <path
        d={marker}
        transform={`translate(${x(lead)},${y(manage)})`}
        fill="#1d2630"
        stroke="#ffffff"
        strokeWidth={2}
      />
      <text x={(plot.x0 + plot.x1) / 2} y={size - 10} textAnchor="middle" className="chart-axis">
        Lead →
      </text>
      <text
        transform={`translate(14,${(plot.y0 + plot.y1) / 2}) rotate(-90)`}
        textAnchor="middle"
        className="chart-axis"
      >
        Manage →
      </text>
    </svg>
  );
}
