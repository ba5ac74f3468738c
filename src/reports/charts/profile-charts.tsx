import type { Profile } from '../../model/profile/build-profile.ts';
import { QUADRANTS, STRONG_CUT } from '../../model/profile/quadrant.ts';
import { LeadManageGrid } from './LeadManageGrid.tsx';
import { type BarGroup, ScoreBars } from './ScoreBars.tsx';

/** First word of a quadrant's name ("Visionary — leads more than manages" → "Visionary"). */
const short = (name: string) => name.split(' — ')[0] ?? name;

/** The grid for a profile, or nothing when Lead or Manage could not be scored. */
export function ProfileGrid({ profile, size }: { profile: Profile; size?: number }) {
  if (profile.lead === null || profile.manage === null) return null;
  return (
    <LeadManageGrid
      lead={profile.lead}
      manage={profile.manage}
      leadSem={profile.leadSem}
      manageSem={profile.manageSem}
      cut={STRONG_CUT}
      labels={{
        bothStrong: short(QUADRANTS['both-strong'].name),
        leadStrong: short(QUADRANTS['lead-strong'].name),
        manageStrong: short(QUADRANTS['manage-strong'].name),
        bothDeveloping: short(QUADRANTS['both-developing'].name),
      }}
      {...(profile.quadrant ? { quadrantName: profile.quadrant.name } : {})}
      {...(size ? { size } : {})}
    />
  );
}

/** The three contrasts as paired bars: the lead side and the manage side of each, with bands. */
export function ContrastBars({ profile }: { profile: Profile }) {
  const byId = new Map(profile.scales.map((s) => [s.id, s]));
  const groups: BarGroup[] = profile.contrasts.map((contrast) => {
    const lead = byId.get(contrast.lead.scale);
    const manage = byId.get(contrast.manage.scale);
    return {
      label: contrast.name,
      bars: [
        {
          label: lead?.name ?? contrast.lead.scale,
          score: lead?.score ?? null,
          band: lead?.band ?? null,
          tone: 'lead',
        },
        {
          label: manage?.name ?? contrast.manage.scale,
          score: manage?.score ?? null,
          band: manage?.band ?? null,
          tone: 'manage',
        },
      ],
    };
  });
  return (
    <ScoreBars title="Three contrasts: the lead side and the manage side" groups={groups} cut={STRONG_CUT} />
  );
}

/** The four foundations shared by both modes. */
export function FoundationBars({ profile }: { profile: Profile }) {
  const bars = profile.scales
    .filter((s) => s.pole === 'foundation')
    .map((s) => ({ label: s.name, score: s.score, band: s.band, tone: 'foundation' as const }));
  return (
    <ScoreBars title="Foundations shared by leading and managing" groups={[{ bars }]} cut={STRONG_CUT} />
  );
}
