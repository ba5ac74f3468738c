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
