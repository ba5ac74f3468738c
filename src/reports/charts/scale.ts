import { scaleLinear } from 'd3-scale';

/** Score metric of every chart: 0–100, one decimal. */
export const SCORE_DOMAIN: [number, number] = [0, 100];

export function scoreScale(range: [number, number]) {
  return scaleLinear().domain(SCORE_DOMAIN).range(range).clamp(true);
}

export function fmt(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : (Math.round(x * 10) / 10).toString();
}

/** Half-width of a 95% band from a standard error. */
export const Z95 = 1.96;

/** Colours shared by the charts and the page (each text colour ≥ 4.5:1 on white). */
export const TONES = {
  lead: { fill: '#2b7a8f', band: '#2b7a8f', text: '#0f5566' },
  manage: { fill: '#c47a1c', band: '#c47a1c', text: '#83490a' },
  foundation: { fill: '#6a5a9c', band: '#6a5a9c', text: '#4b3d7a' },
} as const;

export type Tone = keyof typeof TONES;
