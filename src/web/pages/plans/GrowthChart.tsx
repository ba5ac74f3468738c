import { useId } from 'react';
import { fmt, scoreScale } from '../../../reports/charts/scale.ts';
import { formatDay, type ScaleGrowth } from './api.ts';

const W = 320;
const H = 150;
const PAD = { left: 34, right: 16, top: 10, bottom: 26 };

export const VERDICT = {
  improved: { label: 'Real change: up', tone: 'real' },
  declined: { label: 'Real change: down', tone: 'real' },
  'within-error': { label: 'Within measurement error', tone: 'noise' },
} as const;

/** The badge for a scale's change: a real change (|RCI| > 1.96) or one within measurement error. */
export function VerdictBadge({ change }: { change: ScaleGrowth['change'] }) {
  if (!change) return <span className="badge badge-muted">Not enough assessments yet</span>;
  const v = VERDICT[change.verdict];
  return (
    <span className={`badge badge-${v.tone}`} data-verdict={change.verdict}>
      {v.label}
    </span>
  );
}

/**
 * One scale over time: each assessment's score as a point with its 95% measurement band as a
 * vertical bar (0–100), joined by a line. The SVG is a picture for sighted readers; the table that
 * follows it carries the same numbers for everyone.
 */
export function GrowthChart({ scale }: { scale: ScaleGrowth }) {
  const id = useId();
  const y = scoreScale([H - PAD.bottom, PAD.top]);
  const n = scale.points.length;
  const x = (i: number) =>
    n <= 1 ? (PAD.left + W - PAD.right) / 2 : PAD.left + ((W - PAD.left - PAD.right) * i) / (n - 1);
  const scored = scale.points.map((p, i) => ({ ...p, i })).filter((p) => p.score !== null);
  const path = scored
    .map((p, k) => `${k === 0 ? 'M' : 'L'}${x(p.i).toFixed(1)},${y(p.score!).toFixed(1)}`)
    .join('');
  const label = `${scale.name} over ${n} assessment${n === 1 ? '' : 's'}: ${scored
    .map((p) => `${fmt(p.score)}${p.band ? ` (band ${fmt(p.band[0])}–${fmt(p.band[1])})` : ''}`)
    .join(', then ')}.`;
  return (
    <figure className="growth-figure">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t`} className="growth-chart">
        <title id={`${id}-t`}>{label}</title>
        {[0, 50, 100].map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="grid-line" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="axis-label">
              {t}
            </text>
          </g>
        ))}
        {scored.map((p) =>
          p.band ? (
            <rect
              key={`b${p.i}`}
              x={x(p.i) - 7}
              width={14}
              y={y(p.band[1])}
              height={Math.max(1, y(p.band[0]) - y(p.band[1]))}
              rx={3}
              className="band"
            />
          ) : null,
        )}
        {scored.length > 1 && <path d={path} className="trend" />}
        {scored.map((p) => (
          <circle key={`p${p.i}`} cx={x(p.i)} cy={y(p.score!)} r={4.5} className="point" />
        ))}
        {scale.points.map((p, i) => (
          <text key={`d${p.at}`} x={x(i)} y={H - 8} textAnchor="middle" className="axis-label">
            #{i + 1}
          </text>
        ))}
      </svg>
      <table className="growth-table">
        <caption className="visually-hidden">{scale.name}: scores and measurement bands</caption>
        <thead>
          <tr>
            <th scope="col">Assessment</th>
            <th scope="col">Score</th>
            <th scope="col">95% band</th>
          </tr>
        </thead>
        <tbody>
          {scale.points.map((p, i) => (
            <tr key={p.at}>
              <th scope="row">
                #{i + 1}, {formatDay(p.at)}
              </th>
              <td>{fmt(p.score)}</td>
              <td>{p.band ? `${fmt(p.band[0])}–${fmt(p.band[1])}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
