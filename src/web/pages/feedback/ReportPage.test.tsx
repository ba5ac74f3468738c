import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../../../test/e2e/server.ts';
import { feedbackReportFixture } from '../../../reports/feedback/fixtures.ts';
import { ApiError } from '../../lib/api.ts';
import { ReportError, ReportView } from './ReportPage.tsx';

/**
 * The report page as the browser lays it out, without a server: the rendered markup with the app's
 * stylesheets, in Debian Chromium at phone and desktop width, scanned with axe-core. (The cycle e2e
 * covers fetching it through the real API.)
 */
const SHOTS = fileURLToPath(new URL('../../../../test-artifacts/screenshots/', import.meta.url));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// In the order the app bundle has them: page styles first, then the app's styles.css (main.tsx).
const CSS = ['./ReportPage.css', '../../styles.css']
  .map((f) => readFileSync(fileURLToPath(new URL(f, import.meta.url)), 'utf8'))
  .join('\n');
const BASE = '/api/cycles/cyc_2026_spring/subjects/usr_zoe/report';

function html(body: React.ReactNode): string {
  const markup = renderToStaticMarkup(<MemoryRouter>{body}</MemoryRouter>);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>360° report</title><style>${CSS}</style></head><body><main id="main">${markup}</main></body></html>`;
}

async function axeSerious(page: Page) {
  await page.evaluate(AXE);
  const violations = (await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v: { id: string; impact: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  })) as { id: string; impact: string }[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('ReportPage in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the report at 375 px without sideways scrolling, with the compact charts', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.setContent(html(<ReportView report={feedbackReportFixture} base={BASE} />));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await page.locator('svg.fb-compact').first().isVisible()).toBe(true);
    expect(await page.locator('svg.fb-wide').first().isVisible()).toBe(false);
    await page.screenshot({ path: `${SHOTS}feedback-report-375.png`, fullPage: true });
    expect(await axeSerious(page)).toEqual([]);
    await page.close();
  });

  it('shows headings, captioned tables, chart text alternatives and the export and plan links at desktop width', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.setContent(html(<ReportView report={feedbackReportFixture} base={BASE} />));
    expect(await page.locator('h1').textContent()).toBe('Zoë Müller');
    // One chart per scale: the wide drawing, the compact one hidden.
    expect(await page.locator('svg.fb-wide').first().isVisible()).toBe(true);
    expect(await page.locator('svg.fb-compact').first().isVisible()).toBe(false);
    const h2 = await page.locator('h2').allTextContents();
    expect(h2).toEqual([
      'Who answered',
      'Lead × Manage: your view and others’ view',
      'Blind spots and hidden strengths',
      'Scale by scale',
      'Highest and lowest rated items',
      'Comments',
      'Next steps',
    ]);
    expect(await page.locator('table caption').allTextContents()).toContain('Highest rated items');
    expect(
      await page
        .getByRole('img', { name: /People: your view/ })
        .first()
        .getAttribute('aria-labelledby'),
    ).toBeTruthy();
    expect(await page.locator('svg.fb-wide desc').first().textContent()).toContain(
      'Manager 72 (95% band 60.2 to 83.8, 1 rater)',
    );
    expect(await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href')).toBe(`${BASE}.pdf`);
    expect(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(`${BASE}.csv`);
    expect(
      await page.getByRole('link', { name: 'Turn these into a development plan' }).getAttribute('href'),
    ).toBe('/plans/new?focus=vision,learning');
    expect(await page.locator('.fb-comments blockquote').allTextContents()).toContain(
      'Calm under pressure; Łukasz and I both noticed it during the São Paulo migration.',
    );
    await page.screenshot({ path: `${SHOTS}feedback-report-1280.png`, fullPage: true });
    expect(await axeSerious(page)).toEqual([]);
    // Printed, the page drops its buttons and shows the wide charts.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('link', { name: 'Download PDF' }).isVisible()).toBe(false);
    expect(await page.locator('svg.fb-wide').first().isVisible()).toBe(true);
    await page.close();
  });

  it('explains plainly that a 403 report is not released yet', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 700 } });
    await page.setContent(
      html(<ReportError error={new ApiError(403, 'forbidden', 'Forbidden')} retry={() => {}} />),
    );
    expect(await page.locator('h1').textContent()).toBe('This report is not available yet');
    expect(await page.getByRole('alert').textContent()).toContain('only after the feedback cycle closes');
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    expect(await axeSerious(page)).toEqual([]);
    await page.close();
  });
});
