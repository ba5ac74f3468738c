import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectLabel, dialects, openTestStore, type TestStore } from '../../test/support/stores.ts';
import type { Actor } from '../model/access/policy.ts';
import { InvalidInputError } from '../model/errors/index.ts';
import {
  CoachAssignmentRepository,
  DEFAULT_SETTINGS,
  MembershipRepository,
  OrganizationRepository,
  UserRepository,
} from '../store/repositories/accounts.ts';
import { MailOutboxRepository } from '../store/repositories/mail-outbox.ts';
import { StoreMailer } from './auth/mailer.ts';
import { FeedbackService } from './feedback.ts';

describe.each(dialects)('FeedbackService on %s', (dialect) => {
  let store: TestStore;
  let feedback: FeedbackService;
  let outbox: MailOutboxRepository;
  let org: string;
  const as: Record<string, Actor> = {};
  const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString();

  beforeAll(async () => {
    store = await openTestStore(dialect);
    feedback = new FeedbackService({ store, mailer: new StoreMailer(store), baseUrl: 'https://f.test' });
    outbox = new MailOutboxRepository(store);
    const organizations = new OrganizationRepository(store);
    org = (await organizations.create('A', { ...DEFAULT_SETTINGS, raterLoadWarning: 2 })).id;
    const users = new UserRepository(store);
    const memberships = new MembershipRepository(store);
    for (const [who, role] of [
      ['admin', 'admin'],
      ['coach', 'coach'],
      ['client', 'member'],
      ['other', 'member'],
    ] as const) {
      const u = await users.create({ email: `${who}@a.test`, name: `${who} person`, passwordHash: null });
      await memberships.add(org, u.id, role);
      as[who] = { kind: 'user', userId: u.id, organizationId: org, role };
    }
    await new CoachAssignmentRepository(store).assign(org, ids('coach'), ids('client'));
  });
  afterAll(async () => store?.dispose());
  const ids = (who: string) => (as[who] as { userId: string }).userId;
  const cycleFor = (who: string, extra: Record<string, unknown> = {}) => ({
    title: 'T',
    subjectUserIds: [ids(who)],
    deadline,
    groups: { peers: { min: 0, max: 4 }, manager: { min: 0, max: 1 } },
    ...extra,
  });

  it(`runs on ${dialectLabel(dialect)}`, () => expect(store.dialect).toBe(dialect));

  it('who may open a cycle: admins; coaches for their clients; people for themselves only when the organisation allows', async () => {
    await expect(feedback.openCycle(as.admin!, cycleFor('other'))).resolves.toMatchObject({ title: 'T' });
    await expect(feedback.openCycle(as.coach!, cycleFor('client'))).resolves.toMatchObject({ title: 'T' });
    await expect(feedback.openCycle(as.coach!, cycleFor('other'))).rejects.toThrow(/not allowed/);
    await expect(feedback.openCycle(as.other!, cycleFor('other'))).rejects.toThrow(/not allowed/);
    const organizations = new OrganizationRepository(store);
    await organizations.update(org, {
      settings: { ...DEFAULT_SETTINGS, raterLoadWarning: 2, feedbackSelfService: true },
    });
    await expect(feedback.openCycle(as.other!, cycleFor('other'))).resolves.toMatchObject({ title: 'T' });
    await expect(feedback.openCycle(as.other!, cycleFor('client'))).rejects.toThrow(/not allowed/);
  });

  it('bad settings are refused with the field named, and nothing is created', async () => {
    const before = (await feedback.listCycles(as.admin!)).running.length;
    const error = await feedback
      .openCycle(
        as.admin!,
        cycleFor('other', {
          threshold: 1,
          commentThreshold: 1,
          questions: ['a', 'b', 'c'],
          groups: { bosses: {} },
        }),
      )
      .catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    const paths = (error as InvalidInputError).problems.map((p) => (p.location as { path: string }).path);
    expect(paths).toEqual(expect.arrayContaining(['threshold', 'questions', 'groups.bosses']));
    await expect(
      feedback.openCycle(as.admin!, cycleFor('other', { deadline: '2000-01-01T00:00:00Z' })),
    ).rejects.toThrow(/deadline/);
    expect((await feedback.listCycles(as.admin!)).running.length).toBe(before);
  });

  it('the subject suggests peers only; they wait for approval, then get their private link', async () => {
    const cycle = await feedback.openCycle(as.admin!, cycleFor('client'));
    const subjectId = cycle.subjects[0]!.id;
    await expect(
      feedback.nominate(as.client!, cycle.id, subjectId, {
        raters: [{ email: 'boss@x.test', group: 'manager' }],
      }),
    ).rejects.toThrow(/peers only/);
    await feedback.nominate(as.client!, cycle.id, subjectId, {
      raters: [{ email: 'friend@x.test', group: 'peers' }],
    });
    const mailsTo = async (to: string) => (await outbox.list(org, 500)).filter((m) => m.to === to);
    expect(await mailsTo('friend@x.test')).toEqual([]);
    const view = await feedback.cycleView(as.admin!, cycle.id);
    const pending = view.subjects[0]!.nominations.find((n) => n.email === 'friend@x.test')!;
    expect(pending.approved).toBe(false);
    // another member cannot nominate for this cycle, nor see it
    await expect(
      feedback.nominate(as.other!, cycle.id, subjectId, { raters: [{ email: 'x@x.test', group: 'peers' }] }),
    ).rejects.toThrow(/not allowed/);
    await expect(feedback.cycleView(as.client!, cycle.id)).rejects.toThrow(/not allowed/);
    await feedback.approve(as.admin!, cycle.id, subjectId, pending.id);
    const [mail] = await mailsTo('friend@x.test');
    expect(mail?.subject).toBe('Feedback for client person');
    expect(mail?.text).toMatch(/https:\/\/f\.test\/rate\/[\w-]{43}/); // 256-bit token, base64url
    expect(mail?.text).toMatch(/at least 2 other people/);
    // the subject's self-rating link went out when the cycle opened
    expect((await mailsTo('client@a.test')).some((m) => m.subject === 'Your 360° self-rating')).toBe(true);
  });

  it('rater load: open requests per person, a warning at the organisation’s level (2 here); the manager is told', async () => {
    const a = await feedback.openCycle(as.admin!, cycleFor('other', { managerShownSeparately: true }));
    const b = await feedback.openCycle(as.admin!, cycleFor('other'));
    const first = await feedback.nominate(as.admin!, a.id, a.subjects[0]!.id, {
      raters: [{ email: 'Busy@x.test', group: 'manager' }],
    });
    expect(first.load).toEqual([{ email: 'Busy@x.test', openRequests: 0, warn: false }]);
    const second = await feedback.nominate(as.admin!, b.id, b.subjects[0]!.id, {
      raters: [{ email: 'busy@x.test', group: 'peers' }],
    });
    expect(second.load[0]).toMatchObject({ openRequests: 1, warn: false });
    expect((await feedback.raterLoad(as.admin!, ['busy@x.test'])).load[0]).toEqual({
      email: 'busy@x.test',
      openRequests: 2,
      warn: true,
    });
    const mail = (await outbox.list(org, 500)).find((m) => m.to === 'Busy@x.test')!;
    expect(mail.text).toMatch(/will know they are yours/);
    // closing a cycle frees its requests
    await feedback.close(as.admin!, a.id);
    expect((await feedback.raterLoad(as.admin!, ['busy@x.test'])).load[0]!.openRequests).toBe(1);
    // a subject of an open cycle may look (to choose peers); a member with no cycle may not
    await expect(feedback.raterLoad(as.other!, ['busy@x.test'])).resolves.toMatchObject({ warnAbove: 2 });
    await feedback.close(as.admin!, b.id);
    for (const c of (await feedback.listCycles(as.admin!)).running) await feedback.close(as.admin!, c.id);
    await expect(feedback.raterLoad(as.other!, ['busy@x.test'])).rejects.toMatchObject({ code: 'forbidden' });
    await expect(feedback.raterLoad(as.coach!, ['busy@x.test'])).resolves.toMatchObject({ warnAbove: 2 });
  });
});
