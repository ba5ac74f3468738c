import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInstrumentSync } from '../../src/catalog/instruments.ts';
import { ensureWebBuild } from '../../src/server/web-build.ts';
import { axeScan, leadHigh } from './browser.ts';
import { CHROMIUM_ARGS, type RunningServer, startServer } from './server.ts';

const SHOTS = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));
const instrument = loadInstrumentSync('lead-manage');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 740 };

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

/** Item ids of the questions on the current page, in order. */
async function questionIds(page: Page): Promise<string[]> {
  return page.$$eval('fieldset.question input[type=radio][value="1"]', (inputs) =>
    inputs.map((i) => (i as HTMLInputElement).name.slice(2)),
  );
}

async function waitSaved(page: Page) {
  await page.getByRole('status').filter({ hasText: 'All answers saved' }).waitFor({ timeout: 10_000 });
}

describe('the web app in Chromium', () => {
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
    if (server) expect(await server.stop()).toBe(0); // graceful shutdown on SIGTERM
  });

  const newPage = async (viewport: { width: number; height: number }) => {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    page.on('console', (m) => {
      // The failed save is provoked on purpose in the first test.
      if (m.type() === 'error' && !m.text().includes('ERR_INTERNET_DISCONNECTED'))
        consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    return page;
  };

  it('takes the short form: keyboard answers, reload mid-way, finish, Visionary profile, download', async () => {
    const page = await newPage(DESKTOP);
    await page.goto(server.url);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/lead/i);
    await axeScan(page, 'home');
    await shot(page, 'home-desktop');

    await page.getByRole('radio', { name: /Short form/ }).check();
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await page.waitForURL(/\/a\/[A-Za-z0-9_-]{43}$/);
    const token = page.url().split('/a/')[1]!;
    expect(await page.evaluate(() => localStorage.getItem('fulcrum.v1'))).toContain(token);
    await page.getByRole('heading', { name: /Questions 1–5/ }).waitFor();
    await axeScan(page, 'question page');

    // Page 1 by keyboard only: focus the first radio, arrow to the value, Tab to the next question.
    const first = await questionIds(page);
    expect(first).toHaveLength(5);
    await page.focus(`input[name="q-${first[0]}"][value="1"]`);
    for (const [i, id] of first.entries()) {
      const value = leadHigh(id);
      if (value === 1) await page.keyboard.press('Space');
      for (let k = 1; k < value; k++) await page.keyboard.press('ArrowRight');
      expect(await page.isChecked(`input[name="q-${id}"][value="${value}"]`)).toBe(true);
      if (i < first.length - 1) {
        // Tab leaves the radio group (and a "Clear answer" button) for the next question.
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
      }
    }
    await waitSaved(page);
    await shot(page, 'question-desktop');
    await page.keyboard.press('Enter'); // submits the page form → next page
    await page.getByRole('heading', { name: /Questions 6–10/ }).waitFor();

    // Page 2 by clicks, with one answer changed.
    const second = await questionIds(page);
    for (const id of second) await page.check(`input[name="q-${id}"][value="${leadHigh(id) === 1 ? 2 : 1}"]`);
    for (const id of second) await page.check(`input[name="q-${id}"][value="${leadHigh(id)}"]`);
    await waitSaved(page);
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.getByRole('heading', { name: /Questions 11–15/ }).waitFor();
    const third = await questionIds(page);
    await page.check(`input[name="q-${third[0]}"][value="${leadHigh(third[0]!)}"]`);
    await waitSaved(page);

    // Reload: the same page, every answer kept.
    await page.reload();
    await page.getByRole('heading', { name: /Questions 11–15/ }).waitFor();
    expect(await page.isChecked(`input[name="q-${third[0]}"][value="${leadHigh(third[0]!)}"]`)).toBe(true);
    await expect(page.locator('.progress-text').textContent()).resolves.toBe('11 of 30 answered');
    await page.getByRole('button', { name: '← Back' }).click();
    await page.getByRole('heading', { name: /Questions 6–10/ }).waitFor();
    for (const id of second)
      expect(await page.isChecked(`input[name="q-${id}"][value="${leadHigh(id)}"]`)).toBe(true);
    await page.getByRole('button', { name: 'Next →' }).click();

    // A failed save is shown, kept and retried.
    await page.getByRole('heading', { name: /Questions 11–15/ }).waitFor();
    await page.route('**/api/assessments/*/answers/*', (route) => route.abort('internetdisconnected'));
    await page.check(`input[name="q-${third[1]}"][value="${leadHigh(third[1]!)}"]`);
    await page.getByRole('status').filter({ hasText: 'Not saved yet' }).waitFor();
    await page.unroute('**/api/assessments/*/answers/*');
    await page.getByRole('button', { name: 'Retry now' }).click();
    await waitSaved(page);

    // The rest.
    for (;;) {
      for (const id of await questionIds(page))
        await page.check(`input[name="q-${id}"][value="${leadHigh(id)}"]`);
      await waitSaved(page);
      const next = page.getByRole('button', { name: 'Next →' });
      if ((await next.count()) === 0) break;
      const heading = await page.getByRole('heading', { level: 1 }).textContent();
      await next.click();
      await page.waitForFunction((h) => document.querySelector('h1')?.textContent !== h, heading);
    }
    await page.getByRole('button', { name: 'See my profile' }).click();
    await page.waitForURL(/\/result$/);
    await page.getByRole('heading', { name: /Visionary/ }).waitFor();
    expect(await page.getByText('You lean towards leading').count()).toBe(1);
    expect(await page.locator('svg[role=img]').count()).toBe(3);
    await axeScan(page, 'result');
    await shot(page, 'result-desktop');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Download answers and profile/ }).click(),
    ]);
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(Object.keys(saved.answers)).toHaveLength(30);
    expect(saved.profile.quadrant.id).toBe('lead-strong');

    // The result survives a reload (served by the profile route).
    await page.reload();
    await page.getByRole('heading', { name: /Visionary/ }).waitFor();
    await page.context().close();
  }, 120_000);

  it('works on a phone-sized screen (375 × 740) without sideways scrolling', async () => {
    const page = await newPage(PHONE);
    await page.goto(server.url);
    await axeScan(page, 'home (phone)');
    await shot(page, 'home-phone');
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);

    await page.getByRole('radio', { name: /Full form/ }).check();
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await page.getByRole('heading', { name: /Questions 1–5 of 70/ }).waitFor();
    const ids = await questionIds(page);
    await page.check(`input[name="q-${ids[0]}"][value="4"]`);
    await waitSaved(page);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await axeScan(page, 'question page (phone)');
    await shot(page, 'question-phone');

    // Answer the rest through the API (the desktop test covers the clicking), then read the result.
    const token = page.url().split('/a/')[1]!;
    for (const item of instrument.items) {
      const value = item.reverse ? 2 : 4; // "often" everywhere → 75 on every scale
      const res = await fetch(`${server.url}/api/assessments/${token}/answers/${item.id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ value }),
      });
      expect(res.status).toBe(200);
    }
    await page.goto(`${server.url}/a/${token}?page=14`);
    await page.getByRole('heading', { name: /Questions 66–70/ }).waitFor();
    await page.getByRole('button', { name: 'See my profile' }).click();
    await page.getByRole('heading', { name: /Integrator/ }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await axeScan(page, 'result (phone)');
    await shot(page, 'result-phone');
    await page.context().close();
  }, 90_000);

  it('logged no errors in the browser console (e.g. CSP violations)', () => {
    expect(consoleErrors).toEqual([]);
  });
});
