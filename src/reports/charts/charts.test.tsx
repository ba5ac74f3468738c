import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { loadInstrumentSync } from '../../catalog/instruments.ts';
import { buildProfile } from '../../model/profile/build-profile.ts';
import { LeadManageGrid } from './LeadManageGrid.tsx';
import { ContrastBars, FoundationBars, ProfileGrid } from './profile-charts.tsx';
import { ScoreBars } from './ScoreBars.tsx';

const labels = { bothStrong: 'Both', leadStrong: 'Lead', manageStrong: 'Manage', bothDeveloping: 'Neither' };

describe('LeadManageGrid', () => {
  it('is an image with a text alternative naming both scores, their margins and the region', () => {
    const html = renderToStaticMarkup(
      <LeadManageGrid
        lead={80}
        manage={40}
        leadSem={5}
        manageSem={10}
        cut={62.5}
        labels={labels}
        quadrantName="Visionary"
      />,
    );
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain('<title');
    expect(html).toContain('Lead 80 ± 9.8, Manage 40 ± 19.6');
    expect(html).toContain('region &quot;Visionary&quot;');
  });

  it('places the point and sizes the ellipse as ±1.96 SEM in plot units', () => {
    // size 360, margins left 52 / right 16 → 2.92 units per point across; top 16 / bottom 48 → 2.96 up.
    const html = renderToStaticMarkup(
      <LeadManageGrid lead={50} manage={25} leadSem={10} manageSem={5} cut={62.5} labels={labels} />,
    );
    const ellipse = html.match(/<ellipse cx="([\d.]+)" cy="([\d.]+)" rx="([\d.]+)" ry="([\d.]+)"/)!;
    const [cx, cy, rx, ry] = ellipse.slice(1).map(Number);
    expect(cx).toBeCloseTo(52 + 0.5 * 292, 6);
    expect(cy).toBeCloseTo(312 - 0.25 * 296, 6);
    expect(rx).toBeCloseTo(19.6 * 2.92, 6);
    expect(ry).toBeCloseTo(9.8 * 2.96, 6);
  });
});

describe('ScoreBars', () => {
  it('draws a bar per score with its band and describes every bar in words', () => {
    const html = renderToStaticMarkup(
      <ScoreBars
        title="Test"
        groups={[
          {
            label: 'People ↔ Tasks',
            bars: [
              { label: 'People', score: 70, band: [60, 80], tone: 'lead' },
              { label: 'Tasks', score: null, band: null, tone: 'manage' },
            ],
          },
        ]}
      />,
    );
    expect(html).toContain('People ↔ Tasks: People 70 (95% band 60 to 80), Tasks: not scored.');
    expect(html.match(/<rect /g)).toHaveLength(1);
    expect(html).toContain('not scored');
  });
});

describe('profile charts', () => {
  const instrument = loadInstrumentSync('lead-manage');
  const answers: Record<string, number> = {};
  // "Often" everywhere, reverse-keyed items mirrored → mean 4 → 75 on every scale.
  for (const item of instrument.items) answers[item.id] = item.reverse ? 2 : 4;
  const profile = buildProfile(instrument, answers, 'full');

  it('draw the grid, three contrast pairs and four foundations of a real profile', () => {
    expect(renderToStaticMarkup(<ProfileGrid profile={profile} />)).toContain('Lead 75');
    expect(profile.quadrant?.id).toBe('both-strong');
    const contrasts = renderToStaticMarkup(<ContrastBars profile={profile} />);
    for (const name of ['People', 'Tasks', 'Change', 'Stability', 'Vision', 'Operations'])
      expect(contrasts).toContain(`>${name}</text>`);
    const foundations = renderToStaticMarkup(<FoundationBars profile={profile} />);
    expect(foundations.match(/<rect /g)).toHaveLength(4);
  });
});
