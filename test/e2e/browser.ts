import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadInstrumentSync } from '../../src/catalog/instruments.ts';

/** Helpers the browser tests share: the axe-core scan, API calls from the page, answer patterns. */

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page; fails on any serious or critical violation, naming `label` and the targets. */
export async function axeScan(page: Page, label: string) {
  await page.evaluate(AXE);
  const violations = (await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v: { id: string; impact: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  })) as { id: string; impact: string; targets: string[] }[];
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${label}: ${JSON.stringify(serious, null, 2)}`).toEqual([]);
}

/** A JSON API call made by the page itself (its session cookie and CSRF token), as the app makes them. */
export async function pageFetch(page: Page, method: string, url: string, body?: unknown) {
  const res = await page.evaluate(
    async ({ method, url, body }) => {
      const csrf = /(?:^|;\s*)(?:__Host-)?fulcrum_csrf=([^;]+)/.exec(document.cookie)?.[1];
      const res = await fetch(url, {
        method,
        headers: {
          ...(csrf && method !== 'GET' ? { 'x-csrf-token': decodeURIComponent(csrf) } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? null : JSON.stringify(body),
      });
      return { status: res.status, text: await res.text() };
    },
    { method, url, body },
  );
  let json: unknown = null;
  try {
    json = res.text ? JSON.parse(res.text) : null;
  } catch {
    /* not JSON (a calendar feed, a PDF): read `text` */
  }
  // biome-ignore lint/suspicious/noExplicitAny: JSON read by the test
  return { status: res.status, text: res.text, json: json as any };
}

const instrument = loadInstrumentSync('lead-manage');

/** The answer to an item that makes lead scales "almost always", manage "rarely", foundations "sometimes". */
export function leadHigh(itemId: string): number {
  const item = instrument.items.find((i) => i.id === itemId)!;
  const pole = instrument.scales.find((s) => s.id === item.scale)!.pole;
  const wanted = pole === 'lead' ? 5 : pole === 'manage' ? 1 : 3;
  return item.reverse ? 6 - wanted : wanted;
}

export interface Person {
  name: string;
  email: string;
  password: string;
}

/** First run in the browser: the first visitor is sent to set-up and creates the organisation as its owner. */
export async function setUpOrganisation(page: Page, baseUrl: string, owner: Person, organisation = 'Acme') {
  await page.goto(`${baseUrl}/login`);
  await page.waitForURL(/\/setup$/);
  await page.getByLabel('Organisation').fill(organisation);
  await page.getByLabel('Your name').fill(owner.name);
  await page.getByLabel('Your e-mail address').fill(owner.email);
  await page.getByLabel('Password').fill(owner.password);
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await page.waitForURL(/\/account$/);
}

/** Takes the short form in the browser from the home page, page by page; returns the assessment's resume token. */
export async function takeShortForm(page: Page, value: (itemId: string) => number): Promise<string> {
  await page.goto(page.url().replace(/(https?:\/\/[^/]+).*/, '$1/'));
  await page.getByRole('radio', { name: /Short form/ }).check();
  await page.getByRole('button', { name: 'Start the assessment' }).click();
  await page.waitForURL(/\/a\/[\w-]+$/);
  const token = page.url().split('/a/')[1]!;
  for (;;) {
    const ids = await page.$$eval('fieldset.question input[type=radio][value="1"]', (inputs) =>
      inputs.map((i) => (i as HTMLInputElement).name.slice(2)),
    );
    for (const id of ids) await page.check(`input[name="q-${id}"][value="${value(id)}"]`);
    await page.getByRole('status').filter({ hasText: 'All answers saved' }).waitFor({ timeout: 10_000 });
    const next = page.getByRole('button', { name: 'Next →' });
    if ((await next.count()) === 0) break;
    const heading = await page.getByRole('heading', { level: 1 }).textContent();
    await next.click();
    await page.waitForFunction((h) => document.querySelector('h1')?.textContent !== h, heading);
  }
  await page.getByRole('button', { name: 'See my profile' }).click();
  await page.waitForURL(/\/result$/);
  return token;
}
