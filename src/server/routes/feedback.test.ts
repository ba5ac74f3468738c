import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionHeaders, testAccountService } from '../../../test/support/accounts.ts';
import { dialectLabel, dialects, openTestStore, type TestStore } from '../../../test/support/stores.ts';
import { loadInstrumentSync } from '../../catalog/instruments.ts';
import type { FeedbackReport } from '../../model/feedback/report.ts';
import { itemsInForm } from '../../model/scoring/form.ts';
import type { AccountService } from '../../services/auth/accounts.ts';
import { StoreMailer } from '../../services/auth/mailer.ts';
import { FeedbackService } from '../../services/feedback.ts';
import { closeDueCycles, sendFeedbackReminders } from '../../services/feedback-reminders.ts';
import { MailOutboxRepository } from '../../store/repositories/mail-outbox.ts';
import { buildApp } from '../app.ts';

const instrument = loadInstrumentSync('lead-manage');
const items = itemsInForm(instrument, 'short');
/** The answer that gives keyed value `v` on an item (reverse items mirrored on 1–5). */
const raw = (itemId: string, v: number) => (items.find((i) => i.id === itemId)!.reverse ? 6 - v : v);

type Who = 'anonymous' | 'owner' | 'admin' | 'coach' | 'subject' | 'colleague' | 'other-admin';
const PEOPLE: Who[] = ['anonymous', 'owner', 'admin', 'coach', 'subject', 'colleague', 'other-admin'];

/**
 * "No route returns an individual rater's answers or an under-threshold group to any role." A cycle
 * about one person: self, a manager shown separately (told before answering), three peers and two
 * direct reports (below the threshold of 3, so suppressed). Every rater's comment carries a marker;
 * the direct reports answer 1 everywhere (keyed), so any leak would move the numbers.
 */
describe.each(dialects)('360° anonymity over HTTP on %s', (dialect) => {
  let store: TestStore;
  let app: FastifyInstance;
  let accounts: AccountService;
  let feedback: FeedbackService;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  let cycleId: string;
  let subjectId: string;
  const now = new Date();

  async function headers(who: Who, method = 'GET') {
    if (who === 'anonymous') return {};
    const org = who === 'other-admin' ? ids.orgB! : ids.orgA!;
    return sessionHeaders(accounts, ids[who]!, org, method);
  }
  const get = async (who: Who, url: string) => app.inject({ url, headers: await headers(who) });
  const actor = (who: Who) => ({
    kind: 'user' as const,
    userId: ids[who]!,
    organizationId: who === 'other-admin' ? ids.orgB! : ids.orgA!,
    role: (who === 'subject' || who === 'colleague' ? 'member' : who === 'other-admin' ? 'admin' : who) as
      | 'member'
      | 'coach'
      | 'admin'
      | 'owner',
  });

  const raters = [
    { key: 'manager', group: 'manager', v: 5 },
    { key: 'peer1', group: 'peers', v: 4 },
    { key: 'peer2', group: 'peers', v: 4 },
    { key: 'peer3', group: 'peers', v: 4 },
    { key: 'report1', group: 'direct-reports', v: 1 },
    { key: 'report2', group: 'direct-reports', v: 1 },
  ] as const;

  beforeAll(async () => {
    store = await openTestStore(dialect);
    accounts = testAccountService(store);
    app = await buildApp({ store, webRoot: false, auth: { accounts } });
    feedback = new FeedbackService({ store, mailer: new StoreMailer(store), baseUrl: 'http://localhost' });
    const { user: owner, organization } = await accounts.createOwner({
      email: 'owner@a.test',
      name: 'Owner',
      password: 'violet kettle harbour 42',
      organizationName: 'A',
    });
    ids.orgA = organization.id;
    ids.owner = owner.id;
    for (const [who, role] of [
      ['admin', 'admin'],
      ['coach', 'coach'],
      ['subject', 'member'],
      ['colleague', 'member'],
    ] as const) {
      const u = await accounts.users.create({
        email: `${who}@a.test`,
        name: `Sam ${who}`,
        passwordHash: null,
      });
      await accounts.memberships.add(organization.id, u.id, role);
      ids[who] = u.id;
    }
    await accounts.coaches.assign(organization.id, ids.coach!, ids.subject!);
    const orgB = await accounts.organizations.create('B');
    ids.orgB = orgB.id;
    const otherAdmin = await accounts.users.create({ email: 'admin@b.test', name: 'B', passwordHash: null });
    await accounts.memberships.add(orgB.id, otherAdmin.id, 'admin');
    ids['other-admin'] = otherAdmin.id;

    const opened = await app.inject({
      method: 'POST',
      url: '/api/cycles',
      headers: await headers('admin', 'POST'),
      payload: {
        title: 'Spring 360',
        subjectUserIds: [ids.subject],
        deadline: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
        groups: {
          manager: { min: 1, max: 1 },
          peers: { min: 3, max: 6 },
          'direct-reports': { min: 2, max: 6 },
        },
        managerShownSeparately: true,
        questions: ['What should Sam keep doing?'],
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    cycleId = opened.json().id;
    subjectId = opened.json().subjects[0].id;
    const nominated = await app.inject({
      method: 'POST',
      url: `/api/cycles/${cycleId}/subjects/${subjectId}/raters`,
      headers: await headers('admin', 'POST'),
      payload: { raters: raters.map((r) => ({ email: `${r.key}@x.test`, name: r.key, group: r.group })) },
    });
    expect(nominated.statusCode, nominated.body).toBe(200);

    const cycle = (await feedback.repo.cycle(ids.orgA!, cycleId))!;
    for (const r of await feedback.repo.raters(ids.orgA!, subjectId)) {
      tokens[r.group === 'self' ? 'self' : r.name] = (await feedback.newLink(cycle, r)).split('/rate/')[1]!;
    }
    // everybody answers every item with their keyed value and a marked comment; self rates 3
    for (const r of [...raters, { key: 'self', v: 3 }]) {
      for (const item of items) {
        const res = await app.inject({
          method: 'PUT',
          url: `/api/rate/${tokens[r.key]}/answers/${item.id}`,
          payload: { value: raw(item.id, r.v) },
        });
        expect(res.statusCode, res.body).toBe(200);
      }
      await app.inject({
        method: 'PUT',
        url: `/api/rate/${tokens[r.key]}/comments/q1`,
        payload: { text: `MARK-${r.key}` },
      });
      const submit = await app.inject({
        method: 'POST',
        url: `/api/rate/${tokens[r.key]}/submit`,
        headers: { 'idempotency-key': `submit-${r.key}-0001` },
      });
      expect(submit.statusCode, submit.body).toBe(200);
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await store?.dispose();
  });

  it(`runs on ${dialectLabel(dialect)}`, () => expect(store.dialect).toBe(dialect));

  const reportUrls = () =>
    ['report', 'report.csv', 'report.pdf'].map((r) => `/api/cycles/${cycleId}/subjects/${subjectId}/${r}`);

  it('before the cycle closes, nobody gets a report (403), not even the subject', async () => {
    for (const who of PEOPLE) {
      for (const url of reportUrls()) {
        const res = await get(who, url);
        expect([401, 403, 404], `${who} ${url}`).toContain(res.statusCode);
      }
    }
    expect((await get('subject', reportUrls()[0]!)).json().error.message).toMatch(/closed or released/);
  });

  it('the owner sees progress counts per group, never who answered what', async () => {
    const res = await get('admin', `/api/cycles/${cycleId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.subjects[0].progress).toEqual({
      self: { nominated: 1, submitted: 1, declined: 0, pending: 0 },
      manager: { nominated: 1, submitted: 1, declined: 0, pending: 0 },
      peers: { nominated: 3, submitted: 3, declined: 0, pending: 0 },
      'direct-reports': { nominated: 2, submitted: 2, declined: 0, pending: 0 },
    });
    expect(res.body).not.toMatch(/MARK-|"answers"|"value"|"status"/);
  });

  it('a rater’s link returns that rater’s answers only; the release is refused while direct reports are below the threshold', async () => {
    const mine = (await app.inject({ url: `/api/rate/${tokens.report1}` })).json();
    expect(mine.comments).toEqual({ q1: 'MARK-report1' });
    expect(Object.values(mine.answers).every((v) => v === 1 || v === 5)).toBe(true);
    expect(JSON.stringify(mine)).not.toMatch(/MARK-(?!report1)/);
    const release = await app.inject({
      method: 'POST',
      url: `/api/cycles/${cycleId}/release`,
      headers: await headers('admin', 'POST'),
    });
    expect(release.statusCode).toBe(409);
    expect(release.json().error.message).toMatch(/direct reports/);
  });

  it('after closing: only the subject and their coach read the report; the direct reports are suppressed everywhere', async () => {
    const close = await app.inject({
      method: 'POST',
      url: `/api/cycles/${cycleId}/close`,
      headers: await headers('admin', 'POST'),
    });
    expect(close.statusCode).toBe(200);
    // answers after close are refused
    const late = await app.inject({
      method: 'PUT',
      url: `/api/rate/${tokens.peer1}/answers/${items[0]!.id}`,
      payload: { value: 1 },
    });
    expect(late.statusCode).toBe(409);

    for (const who of PEOPLE) {
      for (const url of reportUrls()) {
        const res = await get(who, url);
        if (who === 'subject' || who === 'coach') expect(res.statusCode, `${who} ${url}`).toBe(200);
        else expect([401, 403, 404], `${who} ${url}`).toContain(res.statusCode);
      }
    }
    const report = (await get('subject', reportUrls()[0]!)).json() as FeedbackReport;
    expect(report.groups.map((g) => [g.id, g.respondents])).toEqual([
      ['self', 1],
      ['manager', 1],
      ['peers', 3],
      ['all-others', 4],
    ]);
    expect(report.suppressed).toEqual([{ group: 'direct-reports', label: 'Direct reports' }]);
    for (const scale of report.scales) {
      // manager keyed 5 → 100; peers 4 → 75; all others (100 + 3·75)/4 = 81.25 → 81.3.
      // Had the direct reports (keyed 1 → 0) leaked in, it would be 325/6 = 54.2.
      expect(scale.groups.map((g) => [g.group, g.n, g.score])).toEqual([
        ['manager', 1, 100],
        ['peers', 3, 75],
        ['all-others', 4, 81.3],
      ]);
      // all-others is exactly the union of the shown groups: nothing to subtract
      expect(scale.groups.at(-1)!.n).toBe(scale.groups.slice(0, -1).reduce((a, g) => a + g.n, 0));
    }
    const csv = (await get('subject', reportUrls()[1]!)).body;
    expect(csv).not.toMatch(/direct.reports.*\d/i);
    expect(csv).not.toContain('54.2');
    const pdf = await get('subject', reportUrls()[2]!);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // named for the subject and the closing day, ASCII only
    expect(pdf.headers['content-disposition']).toMatch(
      /^attachment; filename="360-feedback-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );

    // no GET route, for anyone, carries a direct report's comment or an individual's answers
    const urls = [
      '/api/cycles',
      `/api/cycles/${cycleId}`,
      ...reportUrls().slice(0, 2),
      '/api/me',
      '/api/me/export',
      '/api/organization/outbox',
      '/api/organization/audit',
    ];
    for (const who of PEOPLE) {
      for (const url of urls) {
        const res = await get(who, url);
        expect(res.body, `${who} ${url}`).not.toMatch(/MARK-report|MARK-self|"answers":\{"/);
      }
    }
    // the manager's comment is not labelled (1 < comment threshold 3); peers' are (3 ≥ 3)
    for (const c of report.comments) expect(c.group).toBe(c.text.startsWith('MARK-peer') ? 'Peers' : null);
  });

  it('filters that isolate a small group, directly or by subtraction, are refused on every format', async () => {
    const base = `/api/cycles/${cycleId}/subjects/${subjectId}`;
    for (const who of ['subject', 'coach'] as const) {
      for (const format of ['report', 'report.csv', 'report.pdf']) {
        // direct: the suppressed group; the manager alone (1 < 3)
        for (const groups of ['direct-reports', 'manager', 'peers,direct-reports']) {
          const res = await get(who, `${base}/${format}?groups=${groups}`);
          expect(res.statusCode, `${who} ${format} ${groups}`).toBe(403);
          expect(res.json().error.code).toBe('forbidden');
        }
        // subtraction: peers (3) out of manager + peers (4) leaves the manager (1)
        const res = await get(who, `${base}/${format}?groups=peers`);
        expect(res.statusCode).toBe(403);
        expect(res.body).toMatch(/subtraction/);
      }
    }
    // the whole shown set is fine; an unknown group is a 400 naming the field
    expect((await get('subject', `${base}/report?groups=manager,peers`)).statusCode).toBe(200);
    const bad = await get('subject', `${base}/report?groups=bosses`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('query.groups');
  });

  it('submit is idempotent; decline, bad input and unknown links answer clearly and change nothing', async () => {
    const open = await feedback.openCycle(actor('admin'), {
      title: 'Second',
      subjectUserIds: [ids.colleague],
      deadline: new Date(now.getTime() + 5 * 86_400_000).toISOString(),
      groups: { peers: { min: 0, max: 5 } },
      includeSelf: false,
    });
    await feedback.nominate(actor('admin'), open.id, open.subjects[0]!.id, {
      raters: [
        { email: 'p1@x.test', group: 'peers' },
        { email: 'p2@x.test', group: 'peers' },
      ],
    });
    const cycle = (await feedback.repo.cycle(ids.orgA!, open.id))!;
    const [p1, p2] = await feedback.repo.raters(ids.orgA!, open.subjects[0]!.id);
    const t1 = (await feedback.newLink(cycle, p1!)).split('/rate/')[1]!;
    const t2 = (await feedback.newLink(cycle, p2!)).split('/rate/')[1]!;
    const badValue = await app.inject({
      method: 'PUT',
      url: `/api/rate/${t1}/answers/${items[0]!.id}`,
      payload: { value: 9 },
    });
    expect(badValue.statusCode).toBe(400);
    expect(badValue.body).toContain('value');
    const submits = await Promise.all(
      [1, 2, 3].map(() =>
        app.inject({
          method: 'POST',
          url: `/api/rate/${t1}/submit`,
          headers: { 'idempotency-key': 'same-key-123' },
        }),
      ),
    );
    expect(new Set(submits.map((s) => s.body)).size).toBe(1);
    expect(submits[0]!.json().status).toBe('submitted');
    const noKey = await app.inject({ method: 'POST', url: `/api/rate/${t2}/submit` });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.body).toContain('idempotency-key');
    const declined = await app.inject({
      method: 'POST',
      url: `/api/rate/${t2}/decline`,
      payload: { reason: 'new here' },
    });
    expect(declined.json()).toEqual({ status: 'declined' });
    const view = (await feedback.cycleView(actor('admin'), open.id)).subjects[0]!.progress;
    expect(view).toEqual({ peers: { nominated: 2, submitted: 1, declined: 1, pending: 0 } });
    expect((await app.inject({ url: '/api/rate/not-a-real-token-at-all' })).statusCode).toBe(404);
  });

  it('reminders go once per schedule to those not finished; the deadline closes the cycle', async () => {
    const deadline = new Date(now.getTime() + 10 * 86_400_000);
    const open = await feedback.openCycle(actor('admin'), {
      title: 'Reminders',
      subjectUserIds: [ids.colleague],
      deadline: deadline.toISOString(),
      groups: { peers: { min: 0, max: 5 } },
      reminderDays: [3, 1],
    });
    await feedback.nominate(actor('admin'), open.id, open.subjects[0]!.id, {
      raters: [
        { email: 'slow@x.test', group: 'peers' },
        { email: 'quick@x.test', group: 'peers' },
      ],
    });
    const cycle = (await feedback.repo.cycle(ids.orgA!, open.id))!;
    const quick = (await feedback.repo.raters(ids.orgA!, open.subjects[0]!.id)).find(
      (r) => r.email === 'quick@x.test',
    )!;
    const tq = (await feedback.newLink(cycle, quick)).split('/rate/')[1]!;
    await feedback.submit(tq, 'quick-submit-1');
    const deps = { store, mailer: new StoreMailer(store), baseUrl: 'http://localhost' };
    const day = 86_400_000;
    const outbox = new MailOutboxRepository(store);
    const remindersTo = async () =>
      (await outbox.list(ids.orgA!, 500)).filter((m) => m.subject.startsWith('Reminder')).map((m) => m.to);
    const before = (await remindersTo()).length;
    // 4 days before: nothing due (other cycles' raters may be, but not this one's)
    await sendFeedbackReminders(deps, new Date(deadline.getTime() - 4 * day));
    expect((await remindersTo()).filter((t) => t === 'slow@x.test')).toEqual([]);
    // 3 days before: the slow rater and the subject's self-rating, once each, even when run twice
    await sendFeedbackReminders(deps, new Date(deadline.getTime() - 3 * day + 1000));
    const second = await sendFeedbackReminders(deps, new Date(deadline.getTime() - 3 * day + 2000));
    expect(second.sent).toBe(0);
    const sent = await remindersTo();
    expect(sent.filter((t) => t === 'slow@x.test')).toHaveLength(1);
    expect(sent).not.toContain('quick@x.test');
    expect(sent.length - before).toBeGreaterThanOrEqual(2);
    // the reminder's fresh link works
    const mail = (await outbox.list(ids.orgA!, 500)).find(
      (m) => m.to === 'slow@x.test' && m.subject.startsWith('Reminder'),
    )!;
    const link = /\/rate\/([\w-]+)/.exec(mail.text)![1]!;
    expect((await app.inject({ url: `/api/rate/${link}` })).statusCode).toBe(200);
    // 1 day before: the second reminder
    await sendFeedbackReminders(deps, new Date(deadline.getTime() - day + 1000));
    expect((await remindersTo()).filter((t) => t === 'slow@x.test')).toHaveLength(2);
    // the deadline passes: closed once, links expire
    expect((await closeDueCycles(deps, new Date(deadline.getTime() + 1000))).closed).toBeGreaterThanOrEqual(
      1,
    );
    expect((await feedback.repo.cycle(ids.orgA!, open.id))!.closeReason).toBe('deadline');
    expect((await closeDueCycles(deps, new Date(deadline.getTime() + 2000))).closed).toBe(0);
  });
});
