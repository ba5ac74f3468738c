import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInstrumentSync } from '../../src/catalog/instruments.ts';
import type { FeedbackReport } from '../../src/model/feedback/report.ts';
import { ensureWebBuild } from '../../src/server/web-build.ts';
import { axeScan, setUpOrganisation } from './browser.ts';
import { CHROMIUM_ARGS, type RunningServer, startServer } from './server.ts';

const SHOTS = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));
const instrument = loadInstrumentSync('lead-manage');
const OWNER = { name: 'Olive Owner', email: 'olive@acme.test', password: 'violet kettle harbour 42' };
const SUBJECT = { name: 'Sam Subject', email: 'sam@acme.test', password: 'copper lantern meadow 7' };
/** Raters and the keyed value each gives on every statement (reverse-worded items mirrored). */
const RATERS = [
  { email: 'mia@acme.test', name: 'Mia Manager', group: 'manager', value: 4 },
  { email: 'pat@acme.test', name: 'Pat Peer', group: 'peers', value: 5 },
  { email: 'pia@acme.test', name: 'Pia Peer', group: 'peers', value: 4 },
  { email: 'pol@acme.test', name: 'Pol Peer', group: 'peers', value: 3 },
  { email: 'dan@acme.test', name: 'Dan Report', group: 'direct-reports', value: 2 },
  { email: 'dee@acme.test', name: 'Dee Report', group: 'direct-reports', value: 0 }, // declines
] as const;

interface Received {
  to: string[];
  data: string;
}

function startSmtp(): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => {
        data += chunk.toString('utf8');
      });
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.server.address() as AddressInfo).port, received }),
    ),
  );
}

async function mailTo(received: Received[], address: string, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    for (const m of received.filter((r) => r.to.includes(address))) {
      const unfolded = m.data.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      const match = pattern.exec(unfolded);
      if (match) return match[1]!;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${address} matching ${pattern}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The raw answer that gives keyed value `v` on an item. */
const raw = (itemId: string, v: number) =>
  instrument.items.find((i) => i.id === itemId)!.reverse ? 6 - v : v;

/** Answers every statement on the pages from the current one; stops at the last page (open questions). */
async function answerPages(page: Page, value: number, stopAfterPages = Number.POSITIVE_INFINITY) {
  for (let done = 0; done < stopAfterPages; done++) {
    const heading = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
    if (heading.startsWith('Last page')) return;
    const names = await page.$$eval('fieldset.question input[type=radio][value="1"]', (inputs) =>
      inputs.map((i) => (i as HTMLInputElement).name),
    );
    for (const name of names) await page.check(`input[name="${name}"][value="${raw(name.slice(2), value)}"]`);
    await page.waitForFunction(
      (n) =>
        [...document.querySelectorAll('.q-status')].filter((s) => s.textContent === 'Saved').length === n,
      names.length,
    );
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForFunction((h) => document.querySelector('h1')?.textContent !== h, heading);
  }
}

describe('360° feedback in Chromium: a cycle from invitation to the subject’s PDF', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let server: RunningServer;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await ensureWebBuild({ quiet: true });
    smtp = await startSmtp();
    server = await startServer({
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Fulcrum <noreply@acme.test>',
    });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await server.stop();
    await new Promise<void>((resolve) => (smtp ? smtp.server.close(() => resolve()) : resolve()));
  });

  const newPage = async (width = 1280) => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return page;
  };

  it('admin opens a cycle; raters answer by link (one reloads, one declines); the small groups are suppressed; the subject reads the report and downloads the PDF', async () => {
    // the owner (an admin) sets up the organisation and invites the subject, who joins
    const owner = await newPage();
    await setUpOrganisation(owner, server.url, OWNER);
    await owner.goto(`${server.url}/organization`);
    await owner.getByLabel('E-mail address').fill(SUBJECT.email);
    await owner.getByRole('button', { name: 'Send invitation' }).click();
    const invite = await mailTo(smtp.received, SUBJECT.email, /\/account\/accept#token=([\w-]+)/);
    const subject = await newPage();
    await subject.goto(`${server.url}/account/accept#token=${invite}`);
    await subject.getByLabel('Your name').fill(SUBJECT.name);
    await subject.getByLabel('Choose a password').fill(SUBJECT.password);
    await subject.getByRole('button', { name: 'Join' }).click();
    await subject.waitForURL(/\/account$/);

    // the admin opens a cycle for the subject
    await owner.goto(`${server.url}/cycles`);
    await owner.getByRole('link', { name: 'Open a cycle' }).click();
    await owner.getByRole('heading', { name: 'Open a 360° cycle' }).waitFor();
    await owner.getByLabel('Title').fill('Spring 360');
    await owner.getByLabel(SUBJECT.name).check();
    await axeScan(owner, 'open a cycle');
    await owner.getByRole('button', { name: 'Open the cycle' }).click();
    await owner.waitForURL(/\/cycles\/[0-9a-f-]{36}$/);
    const cycleId = owner.url().split('/cycles/')[1]!;
    await owner.getByRole('heading', { name: 'Spring 360' }).waitFor();

    // nominations: manager, three peers, two direct reports
    for (let i = 1; i < RATERS.length; i++)
      await owner.getByRole('button', { name: 'Add another rater' }).click();
    for (const [i, r] of RATERS.entries()) {
      await owner.getByLabel(`E-mail ${i + 1}`, { exact: true }).fill(r.email);
      await owner.getByLabel(`Name ${i + 1}`, { exact: true }).fill(r.name);
      await owner.getByLabel(`Group ${i + 1}`, { exact: true }).selectOption(r.group);
    }
    await owner.getByLabel('E-mail 1', { exact: true }).focus();
    await owner.getByLabel('Name 1', { exact: true }).focus(); // leaving the e-mail field shows the rater load
    await owner.getByText('0 open requests').first().waitFor();
    await owner.getByRole('button', { name: 'Send invitations' }).click();
    await owner.getByRole('status').filter({ hasText: 'Invitations sent' }).waitFor();
    await axeScan(owner, 'cycle');
    await owner.screenshot({ path: `${SHOTS}feedback-cycle.png`, fullPage: true });

    // each rater's private link arrives over SMTP (the subject's self-rating too)
    const links: Record<string, string> = {};
    for (const r of [...RATERS, { email: SUBJECT.email }])
      links[r.email] = await mailTo(smtp.received, r.email, /\/rate\/([\w-]+)/);
    expect(new Set(Object.values(links)).size).toBe(RATERS.length + 1);

    // raters answer (one on a phone); Pat reloads half-way and resumes; Dee declines
    for (const r of RATERS) {
      const page = await newPage(r.email === 'pia@acme.test' ? 375 : 1280);
      await page.goto(`${server.url}/rate/${links[r.email]}`);
      await page.getByRole('heading', { name: `Feedback for ${SUBJECT.name}` }).waitFor();
      await page.getByText('Your answers are confidential').waitFor();
      if (r.value === 0) {
        await page.getByText('I would rather not give feedback').click();
        await page.getByLabel(/Reason/).fill('I joined last week.');
        await page.getByRole('button', { name: 'Decline' }).click();
        await page.getByRole('heading', { name: 'You declined' }).waitFor();
        await page.context().close();
        continue;
      }
      if (r.email === 'mia@acme.test') await axeScan(page, 'rater intro');
      await page.getByRole('button', { name: 'Start' }).click();
      if (r.email === 'pat@acme.test') {
        await answerPages(page, r.value, 3);
        await page.reload();
        await page.getByText('15 of 30 answered.').waitFor();
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('heading', { name: 'Page 4 of 7' }).waitFor();
      }
      if (r.email === 'mia@acme.test') await axeScan(page, 'rater page');
      if (r.email === 'pia@acme.test') {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        expect(overflow, 'no sideways scrolling at 375 px').toBe(false);
        await page.screenshot({ path: `${SHOTS}feedback-rater-phone.png`, fullPage: true });
      }
      await answerPages(page, r.value);
      const keep = page.getByLabel(/keep doing/);
      await keep.fill(`Keep it up — from a ${r.group} rater.`);
      await page.getByRole('button', { name: 'Submit feedback' }).click();
      await page.getByRole('heading', { name: 'Thank you' }).waitFor();
      await page.context().close();
    }
    // the subject rates themselves (keyed 5)
    await subject.goto(`${server.url}/rate/${links[SUBJECT.email]}`);
    await subject.getByRole('heading', { name: 'Rate yourself' }).waitFor();
    await subject.getByRole('button', { name: 'Start' }).click();
    await answerPages(subject, 5);
    await subject.getByRole('button', { name: 'Submit feedback' }).click();
    await subject.getByRole('heading', { name: 'Thank you' }).waitFor();

    // the report is closed to the subject until the cycle closes
    await subject.goto(`${server.url}/cycles`);
    await subject.getByText('your report appears when it closes').waitFor();

    // progress: counts per group only; then the admin closes the cycle
    await owner.reload();
    const row = owner.getByRole('row', { name: /Direct reports/ });
    await row.waitFor();
    // minimum 3, asked 2, submitted 1, declined 1, awaiting approval 0 — counts, never who
    expect(await row.locator('td').allTextContents()).toEqual(['3', '2', '1', '1', '0']);
    await owner.setViewportSize({ width: 375, height: 800 });
    const sideways = await owner.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(sideways, 'the cycle page fits a phone').toBe(false);
    await owner.screenshot({ path: `${SHOTS}feedback-cycle-phone.png`, fullPage: true });
    await owner.setViewportSize({ width: 1280, height: 900 });
    await owner.getByRole('button', { name: 'Close the cycle' }).click();
    await owner.getByRole('status').filter({ hasText: 'The cycle is closed' }).waitFor();

    // the subject reads the report
    await subject.goto(`${server.url}/cycles`);
    await axeScan(subject, 'cycles list');
    await subject.getByRole('link', { name: 'Read your report' }).click();
    await subject.waitForURL(/\/report$/);
    await subject.getByRole('heading', { name: SUBJECT.name, level: 1 }).waitFor();
    await axeScan(subject, 'report');
    await subject.screenshot({ path: `${SHOTS}feedback-report.png`, fullPage: true });
    const subjectId = subject.url().split('/subjects/')[1]!.split('/')[0]!;
    const reportUrl = `/api/cycles/${cycleId}/subjects/${subjectId}/report`;
    const fetched = await subject.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, text: await res.text() };
    }, reportUrl);
    expect(fetched.status, `${reportUrl}: ${fetched.text}`).toBe(200);
    const report = JSON.parse(fetched.text) as FeedbackReport;
    // manager 1 + direct reports 1 (Dee declined) = 2 < 3: both suppressed, not merged
    expect(report.groups.map((g) => [g.id, g.respondents])).toEqual([
      ['self', 1],
      ['peers', 3],
      ['all-others', 3],
    ]);
    expect(report.suppressed.map((s) => s.group)).toEqual(['manager', 'direct-reports']);
    // peers keyed 5, 4, 3 → 100, 75, 50 → 75 on every scale; self 100
    for (const s of report.scales) {
      expect(s.groups.map((g) => [g.group, g.n, g.score])).toEqual([
        ['peers', 3, 75],
        ['all-others', 3, 75],
      ]);
      expect(s.self?.score).toBe(100);
    }
    expect(report.comments.map((c) => c.text).sort()).toEqual([
      'Keep it up — from a peers rater.',
      'Keep it up — from a peers rater.',
      'Keep it up — from a peers rater.',
    ]);
    const pageText = (await subject.locator('main').textContent()) ?? '';
    expect(pageText).not.toContain('from a direct-reports rater');
    expect(pageText).not.toContain('from a manager rater');

    // the PDF downloads
    const [download] = await Promise.all([
      subject.waitForEvent('download'),
      subject.getByRole('link', { name: 'Download PDF' }).click(),
    ]);
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');

    // the admin cannot read it
    const denied = await owner.evaluate(
      async (url) => (await fetch(url)).status,
      `/api/cycles/${cycleId}/subjects/${subjectId}/report`,
    );
    expect(denied).toBe(403);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
