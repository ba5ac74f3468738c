import { useId } from 'react';
import type { Drawing, Shape } from './geometry.ts';

/**
 * A report drawing as browser SVG: an image with a title and a description for screen readers.
 * The PDF renders the same `Drawing` with react-pdf primitives (`pdf.tsx`).
 *
 * @example
 * <DrawingSvg drawing={scaleDrawing(scale, report.groups)} />
 */
export function DrawingSvg({ drawing, className }: { drawing: Drawing; className?: string }) {
  const id = useId().replace(/:/g, '');
  return (
    <svg
      viewBox={`0 0 ${drawing.width} ${drawing.height}`}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      className={`chart fb-chart${className ? ` ${className}` : ''}`}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-t`}>{drawing.title}</title>
      <desc id={`${id}-d`}>{drawing.description}</desc>
      {drawing.shapes.map((shape, i) => (
        // Shapes have no identity beyond their place in the drawing.
        // biome-ignore lint/suspicious/noArrayIndexKey: a drawing is static; order is identity
        <DomShape key={i} shape={shape} />
      ))}
    </svg>
  );
}

function DomShape({ shape: s }: { shape: Shape }) {
  switch (s.kind) {
    case 'rect':
      return (
        <rect
          x={s.x}
          y={s.y}
          width={s.width}
          height={s.height}
          fill={s.fill}
          {...(s.fillOpacity === undefined ? {} : { fillOpacity: s.fillOpacity })}
          {...(s.stroke ? { stroke: s.stroke } : {})}
          {...(s.rx ? { rx: s.rx } : {})}
        />
      );
    case 'line':
      return (
        <line
          x1={s.x1}
          y1={s.y1}
          x2={s.x2}
          y2={s.y2}
          stroke={s.stroke}
          strokeWidth={s.strokeWidth}
          {...(s.dash ? { strokeDasharray: s.dash } : {})}
        />
      );
    case 'circle':
      return (
        <circle
          cx={s.cx}
          cy={s.cy}
          r={s.r}
          fill={s.fill}
          {...(s.stroke ? { stroke: s.stroke, strokeWidth: s.strokeWidth ?? 1 } : {})}
        />
      );
    case 'path':
      return (
        <path
          d={s.d}
          fill={s.fill}
          {...(s.stroke ? { stroke: s.stroke, strokeWidth: s.strokeWidth ?? 1 } : {})}
        />
      );
    case 'text':
      return (
        <text
          x={s.rotate ? 0 : s.x}
          y={s.rotate ? 0 : s.y}
          {...(s.rotate ? { transform: `translate(${s.x},${s.y}) rotate(${s.rotate})` } : {})}
          fontSize={s.size}
          fill={s.fill}
          textAnchor={s.anchor ?? 'start'}
          {...(s.bold ? { fontWeight: 700 } : {})}
        >
          {s.text}
        </text>
      );
  }
}
