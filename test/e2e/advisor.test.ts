import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadInstrumentSync } from '../../src/catalog/instruments.ts';
import { builtinPractices } from '../../src/catalog/practices.ts';
import { searchPractices } from '../../src/model/practice/index.ts';
import { ensureWebBuild } from '../../src/server/web-build.ts';
import { axeScan, leadHigh } from './browser.ts';
import { CHROMIUM_ARGS, type RunningServer, startServer } from './server.ts';

const SHOTS = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 740 };
const RULES = parse(
  readFileSync(new URL('../../instruments/situations/advisor-rules.v1.yaml', import.meta.url), 'utf8'),
) as { factors: { id: string; question: string }[] };
const EXAMPLES = (
  parse(readFileSync(new URL('../../instruments/situations/examples.v1.yaml', import.meta.url), 'utf8')) as {
    examples: { id: string; title: string; factors: Record<string, number> }[];
  }
).examples;

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const lastSituation = (page: Page) =>
  page.evaluate(() => JSON.parse(sessionStorage.getItem('fulcrum.lastSituation') ?? 'null'));
/** Every factor at 0 except the given ones (the page sends complete ratings). */
const allFactors = (set: Record<string, number>) =>
  Object.fromEntries(RULES.factors.map((f) => [f.id, set[f.id] ?? 0]));

describe('the advisor and the practice library in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await ensureWebBuild({ quiet: true });
    server = await startServer();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server) expect(await server.stop()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  const newPage = async (viewport: { width: number; height: number }) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    return page;
  };

  it('an anonymous visitor picks an example, then rates a situation by keyboard only', async () => {
    const page = await newPage(DESKTOP);
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Advisor' }).click();
    await page.getByRole('heading', { level: 1, name: 'When to lead, when to manage' }).waitFor();
    await axeScan(page, 'advisor');

    // by hand from the rules: uncertainty 4 and change 4 (intensity 1) with low morale 2 (0.4) and
    // routine disruption 1 (0.1) give an overall score of +0.87 — past "strong" (0.5)
    const reorganization = EXAMPLES.find((e) => e.id === 'reorganization')!;
    await page.getByRole('button', { name: new RegExp(reorganization.title) }).click();
    await page.getByRole('heading', { name: `Advice: ${reorganization.title}` }).waitFor();
    expect(await page.locator('.advice-label').textContent()).toBe('Strongly lead');
    expect(await page.getByRole('img', { name: /manage\) to \+1 \(lead\)/ }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'What drove it' }).count()).toBe(1);
    const behaviours = await page.locator('.behaviours').first().locator('li').count();
    expect(behaviours).toBeGreaterThanOrEqual(3);
    expect(behaviours).toBeLessThanOrEqual(5);
    expect(await page.getByText(/to get this advice tied to your own profile/).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Make a development plan' }).count()).toBe(0);
    expect(
      await page.getByRole('button', { name: new RegExp(reorganization.title) }).getAttribute('aria-pressed'),
    ).toBe('true');
    expect(await lastSituation(page)).toEqual({
      example: 'reorganization',
      factors: allFactors(reorganization.factors),
    });
    await axeScan(page, 'advisor with advice');
    await shot(page, 'advisor-desktop');

    // a fresh tab: every factor starts at "not a concern"; rate by keyboard only
    const keys = await newPage(DESKTOP);
    await keys.goto(`${server.url}/advisor`);
    const [first, second] = RULES.factors;
    await keys.getByRole('group', { name: first!.question }).waitFor();
    await keys.focus(`input[name="factor-${first!.id}"][value="0"]`);
    for (let i = 0; i < 4; i++) await keys.keyboard.press('ArrowRight');
    await keys.keyboard.press('Tab');
    for (let i = 0; i < 4; i++) await keys.keyboard.press('ArrowRight');
    expect(await keys.isChecked(`input[name="factor-${first!.id}"][value="4"]`)).toBe(true);
    expect(await keys.isChecked(`input[name="factor-${second!.id}"][value="4"]`)).toBe(true);
    // one Tab stop per remaining radio group, then the submit button
    for (let i = 2; i < RULES.factors.length; i++) await keys.keyboard.press('Tab');
    await keys.keyboard.press('Tab');
    expect(await keys.evaluate(() => document.activeElement?.textContent)).toBe('Get advice');
    await keys.keyboard.press('Space');
    await keys.getByRole('heading', { name: 'Advice for your situation' }).waitFor();
    // uncertainty 4 + change 4: lead pulls 1.0/1.5, 1.25/1.5 and 1.5/1.5 (capped), nothing pulls to managing
    expect([first!.id, second!.id]).toEqual(['uncertainty', 'change']);
    expect(await keys.locator('.advice-label').textContent()).toBe('Strongly lead');
    const contrastLabels = await keys.locator('.contrast-text strong').allTextContents();
    expect(contrastLabels).toHaveLength(3);
    for (const label of contrastLabels) expect(label).toMatch(/: strongly lead$/);
    expect(await keys.evaluate(() => document.activeElement?.id)).toBe('advice-h');
    expect(await lastSituation(keys)).toEqual({
      example: null,
      factors: allFactors({ uncertainty: 4, change: 4 }),
    });
    await keys.context().close();
    await page.context().close();
  }, 90_000);

  it('the practice library filters by scale and words, as searchPractices does, kept in the URL', async () => {
    const page = await newPage(DESKTOP);
    await page.goto(`${server.url}/practices`);
    await page.getByRole('heading', { level: 1, name: 'Practice library' }).waitFor();
    const library = builtinPractices().practices;
    await page
      .getByRole('status')
      .filter({ hasText: `${library.length} practices match.` })
      .waitFor();
    await axeScan(page, 'practices');

    await page.getByLabel('Scale').selectOption('tasks');
    await page.getByLabel('Search').fill('week');
    const want = searchPractices({ scale: 'tasks', text: 'week' }, library);
    expect(want.length).toBeGreaterThan(1);
    expect(want.length).toBeLessThan(library.filter((p) => p.scale === 'tasks').length);
    await page
      .getByRole('status')
      .filter({ hasText: `${want.length} practices match.` })
      .waitFor();
    await page.waitForURL(
      (url) => url.searchParams.get('q') === 'week' && url.searchParams.get('scale') === 'tasks',
    );
    const titles = async () => page.locator('.practice-card h2').allTextContents();
    expect(await titles()).toEqual(want.map((p) => p.title));
    const first = page.locator('.practice-card').first();
    expect(await first.locator('.tag').first().textContent()).toBe('Tasks');
    expect(await first.getByText(want[0]!.signs).count()).toBe(1);
    await shot(page, 'practices-desktop');

    // the URL carries the filters: a reload shows the same view
    await page.reload();
    await page
      .getByRole('status')
      .filter({ hasText: `${want.length} practices match.` })
      .waitFor();
    expect(await page.getByLabel('Scale').inputValue()).toBe('tasks');
    expect(await page.getByLabel('Search').inputValue()).toBe('week');
    expect(await titles()).toEqual(want.map((p) => p.title));

    await page.getByLabel('Size').selectOption('project');
    const projects = searchPractices({ scale: 'tasks', text: 'week', size: 'project' }, library);
    const text = projects.length === 0 ? 'No practice matches' : `${projects.length} practice`;
    await page.getByRole('status').filter({ hasText: text }).waitFor();
    expect(await titles()).toEqual(projects.map((p) => p.title));
    await page.context().close();
  }, 60_000);

  it('signed in with a lead-high profile, a launch asks for a stretch into managing; a plan is offered', async () => {
    const instrument = loadInstrumentSync('lead-manage');
    const leadHighAnswers = Object.fromEntries(instrument.items.map((item) => [item.id, leadHigh(item.id)]));
    const page = await newPage(DESKTOP);
    await page.goto(`${server.url}/advisor`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // set up the organisation (signs in) and take the short form through the API, as the owner
    const status = await page.evaluate(async (answers) => {
      const csrf = () => decodeURIComponent(/fulcrum_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '');
      const send = (method: string, url: string, body?: unknown) =>
        fetch(url, {
          method,
          headers: {
            'x-csrf-token': csrf(),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? null : JSON.stringify(body),
        });
      const setup = await send('POST', '/api/auth/setup', {
        organizationName: 'Acme',
        name: 'Robin',
        email: 'robin@acme.test',
        password: 'violet kettle harbour 42',
      });
      if (!setup.ok) return `setup ${setup.status}`;
      const started = await (await send('POST', '/api/assessments', { form: 'short' })).json();
      for (const item of started.instrument.items as { id: string }[]) {
        const res = await send('PUT', `/api/assessments/${started.resumeToken}/answers/${item.id}`, {
          value: answers[item.id],
        });
        if (!res.ok) return `answer ${res.status}`;
      }
      return (await send('POST', `/api/assessments/${started.resumeToken}/finish`)).status;
    }, leadHighAnswers);
    expect(status).toBe(200);

    await page.reload();
    const launch = EXAMPLES.find((e) => e.id === 'product-launch')!;
    await page.getByRole('button', { name: new RegExp(launch.title) }).click();
    await page.getByRole('heading', { name: 'Against your profile' }).waitFor();
    expect(await page.locator('.advice-label').textContent()).toBe('Strongly manage');
    const fits = await page.locator('.fit-list > li > p:first-child').allTextContents();
    expect(fits).toHaveLength(3);
    for (const text of fits) expect(text).toMatch(/calls for managing; your habit is leading.*Stretch into/);
    expect(await page.locator('.fit-list .behaviours li').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByRole('link', { name: 'Make a development plan' }).getAttribute('href')).toBe(
      '/plans/new',
    );
    expect(await page.getByText(/to get this advice tied to your own profile/).count()).toBe(0);
    await axeScan(page, 'advisor signed in');
    await page.context().close();
  }, 60_000);

  it('works on a 375 px phone without sideways scrolling', async () => {
    const page = await newPage(PHONE);
    await page.goto(`${server.url}/advisor`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Practices' })
        .isVisible(),
    ).toBe(true);
    const launch = EXAMPLES.find((e) => e.id === 'product-launch')!;
    await page.getByRole('button', { name: new RegExp(launch.title) }).click();
    await page.getByRole('heading', { name: `Advice: ${launch.title}` }).waitFor();
    // deadline 4 + complexity 4 saturate managing on focus and horizon: strongly manage
    expect(await page.locator('.advice-label').textContent()).toBe('Strongly manage');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await axeScan(page, 'advisor (phone)');
    await shot(page, 'advisor-phone');

    await page.goto(`${server.url}/practices?pole=foundation`);
    const foundation = searchPractices({ pole: 'foundation' }, builtinPractices().practices);
    await page
      .getByRole('status')
      .filter({ hasText: `${foundation.length} practices match.` })
      .waitFor();
    expect(await page.getByLabel('Side').inputValue()).toBe('foundation');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await axeScan(page, 'practices (phone)');
    await shot(page, 'practices-phone');
    await page.context().close();
  }, 60_000);
});
