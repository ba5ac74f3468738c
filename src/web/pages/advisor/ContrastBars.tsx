import { useId } from 'react';
import type { ContrastAdvice } from './api.ts';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const signed = (x: number) =>
  x > 0 ? `+${x.toFixed(2)}` : x === 0 ? '0.00' : `−${Math.abs(x).toFixed(2)}`;

/**
 * The three contrasts as signed horizontal bars: managing to the left of the centre line, leading
 * to the right, length = |score| (−1…+1). The SVG carries a short label; the list beside it is the
 * full text equivalent.
 */
export function ContrastBars({ contrasts }: { contrasts: ContrastAdvice[] }) {
  const id = useId();
  const W = 360;
  const PAD = 8;
  const HALF = (W - 2 * PAD) / 2;
  const CX = W / 2;
  const ROW = 64;
  const TOP = 22;
  const H = TOP + ROW * contrasts.length;
  const summary = contrasts.map((c) => `${c.name}: ${c.labelText} (${signed(c.score)})`).join('; ');
  return (
    <figure className="contrast-bars" aria-labelledby={`${id}-cap`}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="chart contrast-chart"
        role="img"
        aria-label={`Scores from −1 (manage) to +1 (lead). ${summary}.`}
      >
        <text x={PAD} y={12} className="chart-tick">
          ← manage
        </text>
        <text x={W - PAD} y={12} textAnchor="end" className="chart-tick">
          lead →
        </text>
        {contrasts.map((c, i) => {
          const y = TOP + i * ROW;
          const end = CX + Math.max(-1, Math.min(1, c.score)) * HALF;
          return (
            <g key={c.id}>
              <text x={PAD} y={y + 13} className="chart-label">
                {c.name}
              </text>
              <text x={W - PAD} y={y + 13} textAnchor="end" className="chart-value">
                {c.labelText} {signed(c.score)}
              </text>
              <rect x={PAD} y={y + 20} width={W - 2 * PAD} height={16} rx={3} className="bar-track" />
              <rect
                x={Math.min(CX, end)}
                y={y + 20}
                width={Math.abs(end - CX)}
                height={16}
                className={c.score >= 0 ? 'bar-lead' : 'bar-manage'}
              />
              <line x1={CX} x2={CX} y1={y + 16} y2={y + 40} className="bar-centre" />
              <text x={PAD} y={y + 54} className="chart-tick">
                {cap(c.manage.scale)}
              </text>
              <text x={W - PAD} y={y + 54} textAnchor="end" className="chart-tick">
                {cap(c.lead.scale)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption id={`${id}-cap`} className="visually-hidden">
        How much the situation calls for leading or managing on each contrast
      </figcaption>
    </figure>
  );
}
