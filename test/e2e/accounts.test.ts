import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_POLICIES } from '../../src/server/auth/route-policies.ts';
import { ensureWebBuild } from '../../src/server/web-build.ts';
import { axeScan, leadHigh, pageFetch, takeShortForm } from './browser.ts';
import { CHROMIUM_ARGS, type RunningServer, startServer } from './server.ts';

const SHOTS = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));
const OWNER = { name: 'Olive Owner', email: 'olive@acme.test', password: 'violet kettle harbour 42' };
const MEMBER = { name: 'Milo Member', email: 'milo@acme.test', password: 'copper lantern meadow 7' };

/** Mail as the SMTP relay receives it, from the server process. */
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

/** A fetch from inside the page (its cookies, its CSRF token), returning status and body text. */

describe('accounts in Chromium: set-up, invitation by e-mail, a member’s private answers', () => {
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

  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return page;
  };

  it('owner sets up, invites a member by e-mail; the member joins and takes the assessment; the owner cannot read the answers', async () => {
    // 1. First run: the first visitor is sent to set-up and becomes the owner.
    const owner = await newPage();
    await owner.goto(`${server.url}/login`);
    await owner.waitForURL(/\/setup$/);
    await axeScan(owner, 'set-up');
    await owner.getByLabel('Organisation').fill('Acme');
    await owner.getByLabel('Your name').fill(OWNER.name);
    await owner.getByLabel('Your e-mail address').fill(OWNER.email);
    await owner.getByLabel('Password').fill(OWNER.password);
    await owner.getByRole('button', { name: 'Create organisation' }).click();
    await owner.waitForURL(/\/account$/);
    await owner.getByRole('heading', { name: 'Your account' }).waitFor();
    await axeScan(owner, 'account');

    // 2. Invite the member from the organisation page; the mail goes out over SMTP.
    await owner.getByRole('link', { name: 'Manage the organisation' }).click();
    await owner.getByRole('heading', { name: 'Acme' }).waitFor();
    await owner.getByLabel('E-mail address').fill(MEMBER.email);
    await owner.getByRole('button', { name: 'Send invitation' }).click();
    await owner
      .getByRole('status')
      .filter({ hasText: `Invitation sent to ${MEMBER.email}` })
      .waitFor();
    await axeScan(owner, 'organisation');
    await owner.screenshot({ path: `${SHOTS}accounts-organisation.png`, fullPage: true });
    const deadline = Date.now() + 10_000;
    while (!smtp.received.some((m) => m.to.includes(MEMBER.email)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const mail = smtp.received.find((m) => m.to.includes(MEMBER.email));
    expect(mail, 'the invitation reached the SMTP server').toBeDefined();
    const unfolded = mail!.data.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const link = /https?:\/\/[^\s"<>]+\/account\/accept#token=([\w-]+)/.exec(unfolded);
    expect(link).not.toBeNull();

    // 3. The member accepts: chooses a name and password, and is signed in.
    const member = await newPage();
    await member.goto(`${server.url}/account/accept#token=${link![1]}`);
    await member.getByText(/Join Acme as a member/).waitFor();
    expect(member.url()).not.toContain('token='); // the token leaves the address bar at once
    await axeScan(member, 'accept invitation');
    await member.getByLabel('Your name').fill(MEMBER.name);
    await member.getByLabel('Choose a password').fill(MEMBER.password);
    await member.getByRole('button', { name: 'Join' }).click();
    await member.waitForURL(/\/account$/);
    // the link works once
    expect(
      (await pageFetch(member, 'POST', '/api/auth/invitations/describe', { token: link![1] })).status,
    ).toBe(404);

    // 4. The member signs out and in again, then takes the short assessment in the browser.
    await member.getByRole('button', { name: 'Sign out', exact: true }).click();
    await member.waitForURL(/\/login$/);
    await axeScan(member, 'sign in');
    await member.getByLabel('E-mail address').fill(MEMBER.email);
    await member.getByLabel('Password').fill(MEMBER.password);
    await member.getByRole('button', { name: 'Sign in', exact: true }).click();
    await member.waitForURL(/\/account$/);
    const token = await takeShortForm(member, leadHigh);
    await member.getByRole('heading', { name: /Visionary/ }).waitFor();
    const mine = JSON.parse((await pageFetch(member, 'GET', '/api/me/assessments')).text);
    expect(mine.assessments).toHaveLength(1);
    const assessmentId = mine.assessments[0].id as string;
    const memberId = JSON.parse((await pageFetch(member, 'GET', '/api/me')).text).user.id as string;
    const memberAnswers = JSON.parse(
      (await pageFetch(member, 'GET', `/api/assessments/resume/${token}`)).text,
    ).answers;
    expect(Object.keys(memberAnswers)).toHaveLength(30);

    // 5. The owner cannot read the member's individual answers through any API route…
    const substitute = (pattern: string) =>
      pattern
        .replace(':token', token)
        .replace(':userId', memberId)
        .replace(':id', 'lead-manage')
        .replace(':handle', '0000000000000000')
        .replace(':itemId', Object.keys(memberAnswers)[0]!)
        .replace(':assessmentId', assessmentId);
    const getRoutes = Object.keys(ROUTE_POLICIES).filter((r) => r.startsWith('GET '));
    for (const route of getRoutes) {
      const url = substitute(route.slice(4));
      const res = await pageFetch(owner, 'GET', url);
      expect(res.text, `GET ${url} as owner`).not.toContain(assessmentId);
      expect(res.text, `GET ${url} as owner`).not.toMatch(/"answers"\s*:\s*\{\s*"[A-Z]/);
    }
    for (const url of [`/api/assessments/resume/${token}`, `/api/assessments/${token}/profile`]) {
      expect((await pageFetch(owner, 'GET', url)).status, url).toBe(404);
    }
    expect((await pageFetch(owner, 'GET', `/api/people/${memberId}/profiles`)).status).toBe(403);
    expect((await pageFetch(owner, 'POST', `/api/assessments/${token}/finish`)).status).toBe(404);
    expect((await pageFetch(owner, 'POST', '/api/me/assessments/claim', { resumeToken: token })).status).toBe(
      409,
    );

    // …nor through any page: the member's own links show the owner nothing.
    await owner.goto(`${server.url}/a/${token}`);
    await owner.waitForLoadState('networkidle');
    expect(await owner.locator('input[type=radio]:checked').count()).toBe(0);
    await owner.goto(`${server.url}/a/${token}/result`);
    await owner.waitForLoadState('networkidle');
    expect(await owner.getByRole('heading', { name: /Visionary/ }).count()).toBe(0);
    expect(await owner.locator('table.scales').count()).toBe(0);
    for (const path of ['/organization', '/account']) {
      await owner.goto(`${server.url}${path}`);
      await owner.waitForLoadState('networkidle');
      const text = (await owner.locator('body').textContent()) ?? '';
      expect(text, path).not.toContain(assessmentId);
      expect(text, path).not.toContain(token);
    }

    // 6. The member changes their e-mail address: the old one is told, and the change holds only
    //    once the new address opens the link mailed to it.
    await member.goto(`${server.url}/account`);
    await member.getByLabel('E-mail address').fill('milo.new@acme.test');
    await member.getByLabel('Current password (to change your e-mail)').fill(MEMBER.password);
    await member.getByRole('button', { name: 'Save', exact: true }).click();
    await member.getByText(/We sent a link to milo\.new@acme\.test/).waitFor();
    const mailTo = async (address: string) => {
      const until = Date.now() + 10_000;
      while (!smtp.received.some((m) => m.to.includes(address)) && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const found = smtp.received.filter((m) => m.to.includes(address)).at(-1);
      expect(found, `mail to ${address}`).toBeDefined();
      return found!.data.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    };
    const confirmLink = /https?:\/\/[^\s"<>]+\/account\/confirm-email#token=([\w-]+)/.exec(
      await mailTo('milo.new@acme.test'),
    );
    expect(confirmLink).not.toBeNull();
    expect(await mailTo(MEMBER.email)).toContain('about to change');
    expect(JSON.parse((await pageFetch(member, 'GET', '/api/me')).text).user.email).toBe(MEMBER.email);
    await member.goto(`${server.url}/account/confirm-email#token=${confirmLink![1]}`);
    await member.getByText('Use this address for your Fulcrum account from now on?').waitFor();
    expect(member.url()).not.toContain('token=');
    await axeScan(member, 'confirm e-mail');
    await member.getByRole('button', { name: 'Confirm the new address' }).click();
    await member.getByText(/your account now uses milo\.new@acme\.test/).waitFor();
    expect(JSON.parse((await pageFetch(member, 'GET', '/api/me')).text).user.email).toBe(
      'milo.new@acme.test',
    );

    expect(pageErrors).toEqual([]);
  }, 180_000);
});
