import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Growth } from './api.ts';
import { GrowthView } from './GrowthPage.tsx';

const render = (growth: Growth) =>
  renderToStaticMarkup(
    <MemoryRouter>
      <GrowthView growth={growth} />
    </MemoryRouter>,
  );

const at = ['2026-01-10T09:00:00.000Z', '2026-04-12T09:00:00.000Z'];
const assessments = at.map((completedAt, i) => ({
  assessmentId: `a${i}`,
  completedAt,
  form: 'short' as const,
  lead: 60,
  manage: 40,
}));

describe('the growth view', () => {
  it('badges each scale by its verdict and lists every score with its band in a table', () => {
    // SEM 9.1 on both: SE of the difference √(2·9.1²) = 12.87; +25 → RCI 1.94 (noise), +50 → 3.89 (real)
    const html = render({
      assessments,
      scales: [
        {
          scale: 'tasks',
          name: 'Tasks',
          points: [
            { at: at[0]!, score: 25, band: [7.2, 42.8] },
            { at: at[1]!, score: 75, band: [57.2, 92.8] },
          ],
          change: { from: 25, to: 75, difference: 50, seDifference: 12.87, rci: 3.89, verdict: 'improved' },
          statement: 'Tasks: +50 points, a real increase.',
        },
        {
          scale: 'communication',
          name: 'Communication',
          points: [
            { at: at[0]!, score: 50, band: [32.2, 67.8] },
            { at: at[1]!, score: 75, band: [57.2, 92.8] },
          ],
          change: {
            from: 50,
            to: 75,
            difference: 25,
            seDifference: 12.87,
            rci: 1.94,
            verdict: 'within-error',
          },
          statement: 'Communication: +25 points, within measurement error.',
        },
      ],
    });
    expect(html).toMatch(/<h2[^>]*>Tasks<\/h2><p><span class="badge badge-real"[^>]*>Real change: up</);
    expect(html).toMatch(
      /<h2[^>]*>Communication<\/h2><p><span class="badge badge-noise"[^>]*>Within measurement error</,
    );
    expect(html).toContain('<td>75</td><td>57.2–92.8</td>');
    expect(html).toContain('|RCI| &gt; 1.96');
    expect(html).toContain('role="img"');
    expect(html).not.toContain('Take the assessment');
  });

  it('with one assessment, says change needs two and links to the assessment', () => {
    const html = render({ assessments: assessments.slice(0, 1), scales: [] });
    expect(html).toContain('You have one completed assessment');
    expect(html).toMatch(/<a href="\/"[^>]*>Take the assessment again/);
  });
});
