import type { Profile } from '../profile/build-profile.ts';
import { type ChangeVerdict, reliableScaleChange, type ScaleChange } from './reliable-change.ts';

export interface GrowthPoint {
  at: string;
  score: number | null;
  band: [number, number] | null;
}

export interface ScaleGrowth {
  scale: string;
  name: string;
  points: GrowthPoint[];
  /** First scored assessment against the latest scored one; null with fewer than two. */
  change: ScaleChange | null;
  statement: string;
}

/**
 * The growth view: each scale over time with its measurement band, and whether the change from the
 * first to the latest assessment is real (|RCI| > 1.96) or within measurement error.
 * `assessments` are completed profiles with their completion time, in any order.
 */
export function growthOf(assessments: { at: string; profile: Profile }[]): ScaleGrowth[] {
  const ordered = [...assessments].sort((a, b) => a.at.localeCompare(b.at));
  const latest = ordered.at(-1);
  if (!latest) return [];
  return latest.profile.scales.map((scale) => {
    const points = ordered.map(({ at, profile }) => {
      const s = profile.scales.find((x) => x.id === scale.id);
      return { at, score: s?.score ?? null, band: s?.band ?? null, sem: s?.sem ?? null };
    });
    const scored = points.filter((p) => p.score !== null && p.sem !== null);
    const first = scored[0];
    const last = scored.at(-1);
    const change =
      first && last && first !== last
        ? reliableScaleChange(first.score!, last.score!, first.sem!, last.sem!)
        : null;
    return {
      scale: scale.id,
      name: scale.name,
      points: points.map(({ at, score, band }) => ({ at, score, band })),
      change,
      statement: describeChange(scale.name, change),
    };
  });
}

const WORDS: Record<ChangeVerdict, string> = {
  improved: 'a real increase',
  declined: 'a real decrease',
  'within-error': 'within measurement error',
};

function describeChange(name: string, change: ScaleChange | null): string {
  if (!change) return `${name}: take the assessment again to see change over time.`;
  const sign = change.difference >= 0 ? '+' : '−';
  const amount = Math.abs(Math.round(change.difference * 10) / 10);
  const rci = Math.round(change.rci * 100) / 100;
  return `${name}: ${sign}${amount} points, ${WORDS[change.verdict]} (RCI ${rci}; |RCI| > 1.96 counts as real).`;
}
