import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInstrumentSync } from '../../src/catalog/instruments.ts';
import { reliableScaleChange } from '../../src/model/growth/reliable-change.ts';
import type { Profile } from '../../src/model/profile/build-profile.ts';
import { ensureWebBuild } from '../../src/server/web-build.ts';
import { axeScan, pageFetch, setUpOrganisation, takeShortForm } from './browser.ts';
import { CHROMIUM_ARGS, type RunningServer, startServer } from './server.ts';

const SHOTS = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));
const instrument = loadInstrumentSync('lead-manage');
const OWNER = { name: 'Olive Owner', email: 'olive@acme.test', password: 'violet kettle harbour 42' };
const MEMBER = { name: 'Milo Member', email: 'milo@acme.test', password: 'copper lantern meadow 7' };

/** The raw answer (reverse-worded items mirrored) that gives keyed value `wanted` on an item. */
function answer(itemId: string, wanted: (scale: string, pole: string) => number): number {
  const item = instrument.items.find((i) => i.id === itemId)!;
  const pole = instrument.scales.find((s) => s.id === item.scale)!.pole;
  const v = wanted(item.scale, pole);
  return item.reverse ? 6 - v : v;
}
/** First time: lead "almost always", manage "rarely", foundations "sometimes". */
const leadHigh = (id: string) => answer(id, (_, pole) => (pole === 'lead' ? 5 : pole === 'manage' ? 1 : 3));
/**
 * Re-assessment: lead "sometimes", manage "almost always", communication "often" (a 25-point rise that
 * the short form's bands still cannot tell from noise), other foundations unchanged.
 */
const manageHigh = (id: string) =>
  answer(id, (scale, pole) =>
    pole === 'lead' ? 3 : pole === 'manage' ? 5 : scale === 'communication' ? 4 : 3,
  );

/** A fetch from inside the page (its cookies, its CSRF token), returning status and parsed body. */

describe('development plans in Chromium: profile → advice → plan → check-in → re-assessment → growth', () => {
  let server: RunningServer;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await ensureWebBuild({ quiet: true });
    server = await startServer(); // no SMTP: mail goes to the organisation's outbox
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await server.stop();
  });

  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return page;
  };

  it('a member builds a plan from their profile and situation, checks in, re-takes the assessment and sees which changes are real', async () => {
    // ── the owner sets up the organisation and invites a member, who joins ─────────────────────
    const owner = await newPage();
    await setUpOrganisation(owner, server.url, OWNER);
    expect(
      (
        await pageFetch(owner, 'POST', '/api/organization/invitations', {
          email: MEMBER.email,
          role: 'member',
        })
      ).status,
    ).toBeLessThan(300);
    const outbox = (await pageFetch(owner, 'GET', '/api/organization/outbox')).json;
    const invite = outbox.mails
      .filter((m: { to: string }) => m.to === MEMBER.email)
      .map((m: { text: string }) => /\/account\/accept#token=([\w-]+)/.exec(m.text)?.[1])
      .find(Boolean) as string;
    expect(invite).toBeTruthy();
    const member = await newPage();
    await member.goto(`${server.url}/account/accept#token=${invite}`);
    await member.getByLabel('Your name').fill(MEMBER.name);
    await member.getByLabel('Choose a password').fill(MEMBER.password);
    await member.getByRole('button', { name: 'Join' }).click();
    await member.waitForURL(/\/account$/);

    // without a profile there is nothing to suggest: take the assessment first, or choose freely
    await member.goto(`${server.url}/plans/new`);
    await member.getByRole('heading', { name: 'What will you work on?' }).waitFor();
    await member.getByRole('link', { name: 'Take the assessment first' }).waitFor();
    expect(await member.getByRole('checkbox').count()).toBe(instrument.scales.length);

    // ── the member takes the short form (leads more than manages); it is theirs from the start ──
    const firstToken = await takeShortForm(member, leadHigh);
    await member.getByRole('heading', { name: /Visionary/ }).waitFor();
    const mine = (await pageFetch(member, 'GET', '/api/me/assessments')).json;
    expect(mine.assessments.map((a: { status: string }) => a.status)).toEqual(['completed']);

    // ── a situation and the advice tied to the profile ─────────────────────────────────────────
    // on the advisor page: a product launch, set against this lead-high profile
    const situation = { example: 'product-launch', factors: {} as Record<string, number> };
    await member.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Advisor' }).click();
    await member.getByRole('heading', { level: 1, name: 'When to lead, when to manage' }).waitFor();
    await member.getByRole('button', { name: /product launch/i }).click();
    await member.getByRole('heading', { name: 'Against your profile' }).waitFor();
    // the same advice the API gives this member (computed server-side from the rules file)
    const advice = await pageFetch(member, 'POST', '/api/advice', { example: situation.example });
    expect(advice.status).toBe(200);
    expect(advice.json.advice.fit).not.toBeNull();
    expect(await member.locator('.advice-label').textContent()).toBe(
      advice.json.advice.overall.labelText.replace(/^./, (c: string) => c.toUpperCase()),
    );
    // a launch calls for managing and this person leads more: stretch steps are offered
    expect(await member.locator('.fit-list').textContent()).toMatch(/Stretch into/);
    expect(
      JSON.parse((await member.evaluate(() => sessionStorage.getItem('fulcrum.lastSituation'))) ?? 'null'),
    ).toMatchObject({ example: 'product-launch' });
    const suggested = (await pageFetch(member, 'POST', '/api/plans/suggestions', { situation })).json;
    expect(suggested.situation.example).toBe('product-launch');
    // a launch calls for managing; this profile manages less: the situation leads the suggestions
    expect(suggested.focusAreas[0].source).toBe('situation');

    // ── /plans, then /plans/new: suggested focus areas with their reasons ──────────────────────
    await member.getByRole('link', { name: 'Plans', exact: true }).click();
    await member.getByRole('heading', { name: 'Development plans' }).waitFor();
    await member.getByText('No active plan yet').waitFor();
    await axeScan(member, '/plans');
    await member.getByRole('link', { name: 'New plan' }).click();
    await member.getByRole('heading', { name: 'What will you work on?' }).waitFor();
    expect(await member.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await member.getByText('based on your profile and the situation you described').waitFor();
    const [first, ...rest] = suggested.focusAreas as { scale: string; name: string; reason: string }[];
    await member.getByText(first!.reason).waitFor();
    await expect.poll(() => member.getByRole('checkbox', { name: first!.name }).isChecked()).toBe(true);
    for (const f of rest) await member.getByRole('checkbox', { name: f.name }).uncheck();
    await axeScan(member, '/plans/new step 1');
    await member.getByRole('button', { name: 'Continue: choose actions' }).click();
    await member.getByRole('heading', { name: 'Choose your actions' }).waitFor();

    // step 2: one practice from the library, one action of my own (first without a title: the
    // server's problem shows next to the field)
    const practice = suggested.scales.find((s: { id: string }) => s.id === first!.scale).practices[0];
    await member.getByRole('checkbox', { name: `Add “${practice.title}” to my plan` }).check();
    await member.getByRole('button', { name: `Write my own action for ${first!.name}` }).click();
    const own = member.getByRole('group', { name: `Your own action 1 for ${first!.name}` });
    await own.getByLabel('How often').selectOption('once');
    await own.getByLabel('Due date').fill('2031-03-14');
    await own.getByLabel('Accountability partner (optional)').fill('Pat from Finance');
    await expect.poll(() => member.getByLabel('Check in', { exact: true }).inputValue()).toBe('weekly');
    expect(await member.getByLabel('Re-take the assessment after (days)').inputValue()).toBe('90');
    await axeScan(member, '/plans/new step 2');
    await member.screenshot({ path: `${SHOTS}plans-new-step-2.png`, fullPage: true });
    await member.getByRole('button', { name: 'Create the plan' }).click();
    const titleField = own.getByLabel('What you will do');
    await expect.poll(() => titleField.getAttribute('aria-invalid')).toBe('true');
    await own.getByText('title must be between 1 and 300 characters').waitFor();
    await titleField.fill('Agree an owner for every launch task');
    await member.getByRole('button', { name: 'Create the plan' }).click();
    await member.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
    const planId = member.url().split('/plans/')[1]!;
    await member.getByRole('heading', { name: 'My development plan', level: 1 }).waitFor();
    await member.getByRole('status').filter({ hasText: 'Plan created.' }).waitFor();
    await member.getByText(first!.reason).first().waitFor();
    await axeScan(member, '/plans/:id');

    // ── a check-in: the practice is under way, my own action is done ───────────────────────────
    const doing = member.getByRole('group', { name: practice.title });
    await doing.getByRole('radio', { name: 'Doing' }).check();
    await doing.getByLabel('Note (optional)').fill('Twice this week');
    const done = member.getByRole('group', { name: 'Agree an owner for every launch task' });
    await done.getByRole('radio', { name: 'Done' }).check();
    await member.getByLabel('Reflection').fill('Naming owners early made the stand-ups shorter.');
    await member.getByRole('button', { name: 'Record the check-in' }).click();
    await member.getByRole('status').filter({ hasText: 'Check-in recorded' }).waitFor();
    await member.locator('.history blockquote', { hasText: 'Naming owners early' }).waitFor();
    const plan = (await pageFetch(member, 'GET', `/api/plans/${planId}`)).json;
    expect(plan.checkIns).toHaveLength(1);
    expect(
      Object.fromEntries(plan.actions.map((a: { title: string; status: string }) => [a.title, a.status])),
    ).toEqual({
      [practice.title]: 'doing',
      'Agree an owner for every launch task': 'done',
    });
    expect(plan.actions.find((a: { practiceId: string | null }) => !a.practiceId)).toMatchObject({
      dueDate: '2031-03-14',
      partner: 'Pat from Finance',
      scale: first!.scale,
    });

    // ── the calendar feed: shown once, renewing stops the old link ─────────────────────────────
    await member.getByRole('button', { name: 'Turn on the calendar feed' }).click();
    const link = member.getByLabel('Your private calendar link');
    await link.waitFor();
    const feedUrl = await link.inputValue();
    expect(feedUrl).toMatch(/\/api\/calendar\/[\w-]+\.ics$/);
    const feedPath = new URL(feedUrl).pathname;
    const ics = await fetch(`${server.url}${feedPath}`);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    await member.getByRole('button', { name: 'Renew the link' }).click();
    await expect.poll(() => link.inputValue()).not.toBe(feedUrl);
    expect((await fetch(`${server.url}${feedPath}`)).status).toBe(404);

    // ── sharing: read only for the colleague, and withdrawn at any time ────────────────────────
    await member.getByLabel('Colleague’s e-mail address').fill(OWNER.email);
    await member.getByRole('button', { name: 'Share (read only)' }).click();
    await member.getByRole('button', { name: `Stop sharing with ${OWNER.name}` }).waitFor();
    await owner.goto(`${server.url}/plans`);
    await owner.getByRole('link', { name: 'My development plan' }).click();
    await owner.getByText(`${MEMBER.name} shared this plan with you`).waitFor();
    await owner.getByRole('heading', { name: 'Check-in history' }).waitFor();
    expect(await owner.locator('main form, main select, main button').count()).toBe(0);
    await member.getByRole('button', { name: `Stop sharing with ${OWNER.name}` }).click();
    await member.getByText('No one. This plan is private to you.').waitFor();
    expect((await pageFetch(owner, 'GET', `/api/plans/${planId}`)).status).toBe(404);

    // ── re-assessment with different answers, then the growth view ─────────────────────────────
    const secondToken = await takeShortForm(member, manageHigh);
    await member.getByRole('heading', { name: /Organizer/ }).waitFor();
    await member.getByRole('link', { name: 'Growth', exact: true }).click();
    await member.getByRole('heading', { name: 'Your growth', level: 1 }).waitFor();

    // the expected verdict from the two profiles' scores and SEMs, by the Jacobson–Truax formula
    const profileOf = async (token: string) =>
      (await pageFetch(member, 'GET', `/api/assessments/${token}/profile`)).json.profile as Profile;
    const [before, after] = [await profileOf(firstToken), await profileOf(secondToken)];
    const expected = before.scales.map((s) => {
      const t = after.scales.find((x) => x.id === s.id)!;
      return { name: s.name, ...reliableScaleChange(s.score!, t.score!, s.sem!, t.sem!) };
    });
    const verdicts = new Set(expected.map((e) => e.verdict));
    expect(verdicts).toEqual(new Set(['improved', 'declined', 'within-error']));
    // a change that moved the number but stays inside the error: communication, +25 points
    const communication = expected.find((e) => e.name === 'Communication')!;
    expect(communication.difference).toBe(25);
    expect(communication.verdict).toBe('within-error');
    const BADGE = {
      improved: 'Real change: up',
      declined: 'Real change: down',
      'within-error': 'Within measurement error',
    } as const;
    for (const e of expected) {
      const card = member
        .locator('.growth-scale')
        .filter({ has: member.getByRole('heading', { name: e.name }) });
      expect((await card.locator('.badge').textContent())?.trim(), e.name).toBe(BADGE[e.verdict]);
      // the text equivalent of the chart carries both scores
      const cells = await card.locator('tbody td:first-of-type').allTextContents();
      expect(cells.map(Number), e.name).toEqual([e.from, e.to]);
    }
    await member.getByText('|RCI| > 1.96').first().waitFor();
    await axeScan(member, '/growth');
    await member.screenshot({ path: `${SHOTS}plans-growth.png`, fullPage: true });

    // ── on a phone: the plan and the growth view fit 375 px ────────────────────────────────────
    await member.setViewportSize({ width: 375, height: 740 });
    for (const path of [`/plans/${planId}`, '/growth']) {
      await member.goto(`${server.url}${path}`);
      await member.getByRole('heading', { level: 1 }).waitFor();
      await member.waitForLoadState('networkidle');
      expect(await member.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(
        375,
      );
      await axeScan(member, `${path} at 375 px`);
    }
    await member.screenshot({ path: `${SHOTS}plans-growth-phone.png`, fullPage: true });
    await member.goto(`${server.url}/plans/${planId}`);
    await member.getByRole('heading', { name: 'My development plan', level: 1 }).waitFor();
    await member.screenshot({ path: `${SHOTS}plans-plan-phone.png`, fullPage: true });

    expect(pageErrors).toEqual([]);
  }, 90_000);
});
