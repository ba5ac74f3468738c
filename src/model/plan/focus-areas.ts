import type { Contrast } from '../instrument/types.ts';
import type { Profile } from '../profile/build-profile.ts';
import type { FocusArea } from './types.ts';

/**
 * One to three suggested focus areas with a reason each, from: what the person's current situation
 * asks for where they score lower on that side of the contrast; the weaker side of a one-sided
 * profile; and the lowest-scoring (developing) scales. The person chooses among them.
 *
 * `situationCalls` maps a contrast to the mode the situation calls for (from the advisor).
 */
export function suggestFocusAreas(
  profile: Profile,
  situationCalls: Partial<Record<Contrast, 'lead' | 'manage'>> = {},
): FocusArea[] {
  const areas: FocusArea[] = [];
  const add = (area: FocusArea) => {
    if (areas.length < 3 && !areas.some((a) => a.scale === area.scale)) areas.push(area);
  };
  const scale = (id: string) => profile.scales.find((s) => s.id === id);

  for (const contrast of profile.contrasts) {
    const calls = situationCalls[contrast.id];
    if (!calls) continue;
    const wanted = scale(calls === 'lead' ? contrast.lead.scale : contrast.manage.scale);
    const other = scale(calls === 'lead' ? contrast.manage.scale : contrast.lead.scale);
    if (!wanted || wanted.score === null || other?.score === null || other === undefined) continue;
    if (wanted.score < other.score!) {
      add({
        scale: wanted.id,
        name: wanted.name,
        source: 'situation',
        reason: `Your situation calls for ${calls === 'lead' ? 'leading' : 'managing'} on ${contrast.name}, and ${wanted.name} (${Math.round(wanted.score)}) is your lower side there.`,
      });
    }
  }
  const tilt = profile.balance.tilt;
  if (tilt === 'lead' || tilt === 'manage') {
    const weakSide = tilt === 'lead' ? 'manage' : 'lead';
    const weakest = profile.scales
      .filter((s) => s.pole === weakSide && s.score !== null)
      .sort((a, b) => a.score! - b.score!)[0];
    if (weakest) {
      add({
        scale: weakest.id,
        name: weakest.name,
        source: 'one-sided',
        reason: `Your profile leans towards ${tilt === 'lead' ? 'leading' : 'managing'} beyond measurement error; ${weakest.name} is the lowest scale on the ${weakSide} side.`,
      });
    }
  }
  const developing = profile.scales
    .filter((s) => s.level === 'developing' && s.score !== null)
    .sort((a, b) => a.score! - b.score!);
  for (const s of developing) {
    add({
      scale: s.id,
      name: s.name,
      source: 'weak-scale',
      reason: `${s.name} scored ${Math.round(s.score!)} of 100, one of your lowest.`,
    });
  }
  if (areas.length === 0) {
    const lowest = profile.scales.filter((s) => s.score !== null).sort((a, b) => a.score! - b.score!)[0];
    if (lowest) {
      add({
        scale: lowest.id,
        name: lowest.name,
        source: 'weak-scale',
        reason: `${lowest.name} is your lowest scale; even strengths grow with deliberate practice.`,
      });
    }
  }
  return areas;
}
