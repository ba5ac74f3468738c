import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { feedbackReportFixture, suppressedReportFixture } from './fixtures.ts';
import { renderFeedbackReportPdf } from './pdf.tsx';

/** PDFs and their page images land here for people to look at (git-ignored). */
const OUT = join(process.cwd(), 'test-artifacts', 'pdf');

const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

describe('renderFeedbackReportPdf', () => {
  const file = join(OUT, 'feedback-report.pdf');
  let bytes: Uint8Array;
  let ms = 0;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    // Only this file's outputs: other tests may keep PDFs here too.
    for (const f of readdirSync(OUT)) if (f.startsWith('feedback-report')) rmSync(join(OUT, f));
    const start = performance.now();
    bytes = await renderFeedbackReportPdf(feedbackReportFixture, { baseUrl: 'https://fulcrum.example.org' });
    ms = performance.now() - start;
    writeFileSync(file, bytes);
  });

  it('is a PDF of seven pages: cover, grid, three scale pages, items and comments, next steps', () => {
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(Buffer.from(bytes.subarray(-6)).toString('latin1')).toContain('%%EOF');
    expect(pages(file)).toBe(7);
    console.info(`feedback report PDF: ${bytes.length} bytes, rendered in ${Math.round(ms)} ms`);
  });

  it('has extractable text with the subject, every scale, comments verbatim and the plan link', () => {
    const words = text(file);
    expect(words).toContain('Zoë Müller');
    expect(words).toContain('Leadership team 360° — spring 2026');
    expect(words).toContain('A mirror for reflection, not a verdict.');
    expect(words).toContain('30 April 2026');
    for (const scale of feedbackReportFixture.scales) expect(words).toContain(scale.name);
    expect(words).toContain(
      'Calm under pressure; Łukasz and I both noticed it during the São Paulo migration.',
    );
    expect(words).toContain('Clear owners & deadlines: "who does what by when" is never in doubt.');
    expect(words).toContain('https://fulcrum.example.org/plans/new?focus=vision,learning');
    expect(words).toMatch(/Others \(with direct reports\)\s+3\s+includes direct reports/);
  });

  it('puts the blind spots and hidden strengths the report names on the grid page', () => {
    const page2 = execFileSync('pdftotext', ['-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    expect(page2).toContain('You (diamond): Lead 79, Manage 57.7 — Visionary.');
    expect(page2).toContain('All other raters (circle): Lead 67.5, Manage 66.3 — Integrator.');
    for (const name of ['People', 'Vision', 'Continuous learning', 'Tasks', 'Communication'])
      expect(page2).toContain(name);
    const lists = page2.slice(page2.indexOf('others see more'), page2.indexOf('Aligned —'));
    for (const aligned of ['Stability', 'Change', 'Operations', 'Adaptability', 'Emotional'])
      expect(lists).not.toContain(aligned);
    expect(page2).toContain('You 85 (75.2–94.8) · others 67.5 (63.6–71.4)');
    expect(page2).toContain(
      'within measurement error: Change, Stability, Operations, Emotional intelligence, Adaptability.',
    );
  });

  it('renders every page to PNG with pdftoppm for review', () => {
    // execFileSync throws when pdftoppm is missing or fails, which fails this test.
    execFileSync('pdftoppm', ['-r', '80', '-png', file, join(OUT, 'feedback-report')]);
    const pngs = readdirSync(OUT).filter((f) => /^feedback-report-\d+\.png$/.test(f));
    expect(pngs).toHaveLength(7);
  });

  it('names suppressed groups on the cover without a count', async () => {
    const suppressed = join(OUT, 'feedback-report-suppressed.pdf');
    writeFileSync(suppressed, await renderFeedbackReportPdf(suppressedReportFixture));
    const cover = execFileSync('pdftotext', ['-f', '1', '-l', '1', suppressed, '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, ' ');
    expect(cover).toContain('Not shown: Direct reports. Too few people in this group answered');
    expect(cover).not.toMatch(/Direct reports \d/);
    // Without a base URL the plan link is given as a path in the app.
    expect(text(suppressed)).toContain('open /plans/new?focus=vision,learning');
  });

  it('renders a report with no self rating, no comments and no next steps, and paginates many long comments', async () => {
    const noSelf = join(OUT, 'feedback-report-no-self.pdf');
    writeFileSync(
      noSelf,
      await renderFeedbackReportPdf({
        ...feedbackReportFixture,
        groups: feedbackReportFixture.groups.filter((g) => g.id !== 'self'),
        grid: { self: null, others: feedbackReportFixture.grid.others },
        scales: feedbackReportFixture.scales.map((sc) => ({ ...sc, self: null, gap: null })),
        comments: [],
        nextSteps: [],
      }),
    );
    const words = text(noSelf).replace(/\s+/g, ' ');
    expect(words).toContain('You (diamond): no self rating.');
    expect(words).toContain('No self rating to compare.');
    expect(words).toContain('No comments were given.');

    const many = join(OUT, 'feedback-report-many-comments.pdf');
    const long =
      'Zoë listens — really listens — before deciding; that makes the hard calls easier to accept. '.repeat(
        6,
      );
    const comments = Array.from({ length: 40 }, (_, i) => ({
      questionId: i % 2 ? 'keep' : 'start',
      question: i % 2 ? 'What should Zoë keep doing?' : 'What should Zoë start doing?',
      group: null,
      text: `${i + 1}. ${long}`,
    }));
    writeFileSync(many, await renderFeedbackReportPdf({ ...feedbackReportFixture, comments }));
    expect(pages(many)).toBeGreaterThan(8);
    const all = text(many);
    for (const n of [1, 20, 40]) expect(all).toContain(`${n}. Zoë listens`);
  });
});
