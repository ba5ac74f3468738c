import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectLabel, dialects, openTestStore, type TestStore } from '../../test/support/stores.ts';
import { loadInstrumentSync } from '../catalog/instruments.ts';
import { builtinPractices } from '../catalog/practices.ts';
import type { Actor } from '../model/access/policy.ts';
import { InvalidInputError } from '../model/errors/index.ts';
import { buildProfile } from '../model/profile/build-profile.ts';
import {
  CoachAssignmentRepository,
  DEFAULT_SETTINGS,
  MembershipRepository,
  OrganizationRepository,
  UserRepository,
} from '../store/repositories/accounts.ts';
import { AssessmentOwnerRepository } from '../store/repositories/assessment-owners.ts';
import { AssessmentRepository } from '../store/repositories/assessments.ts';
import { InstrumentRepository } from '../store/repositories/instruments.ts';
import { MailOutboxRepository } from '../store/repositories/mail-outbox.ts';
import { StoreMailer } from './auth/mailer.ts';
import { PlanService } from './plans.ts';

const instrument = loadInstrumentSync('lead-manage');
const { min, max } = instrument.responseScale;

/** Full-form answers: every scale at `level` (1–5 as meant, reverse items mirrored), with overrides per scale. */
function answers(level: number, perScale: Record<string, number> = {}): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of instrument.items) {
    const meant = perScale[item.scale] ?? level;
    out[item.id] = item.reverse ? min + max - meant : meant;
  }
  return out;
}

async function problemPaths(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InvalidInputError)
      return error.problems.map((p) => (p.location?.kind === 'json' ? p.location.path : '?'));
    throw error;
  }
  throw new Error('expected bad input to be refused');
}

describe.each(dialects)('PlanService on %s', (dialect) => {
  let store: TestStore;
  let now = new Date('2026-03-02T09:00:00.000Z');
  let plans: PlanService;
  let outbox: MailOutboxRepository;
  const as: Record<string, Actor> = {};
  const id = (who: string) => (as[who] as { userId: string }).userId;

  async function completeAssessment(who: string, answerSet: Record<string, number>, completedAt: string) {
    const repo = new AssessmentRepository(store);
    await new InstrumentRepository(store).ensure(instrument);
    const a = await repo.create({ instrument, form: 'full', source: 'web' });
    const actor = as[who] as { userId: string; organizationId: string };
    await new AssessmentOwnerRepository(store).assign(a.id, actor.organizationId, actor.userId);
    await repo.complete(a.id, buildProfile(instrument, answerSet, 'full'));
    await store.db
      .updateTable('assessments')
      .set({ completed_at: completedAt })
      .where('id', '=', a.id)
      .execute();
    return a.id;
  }

  beforeAll(async () => {
    store = await openTestStore(dialect);
    plans = new PlanService({
      store,
      mailer: new StoreMailer(store),
      baseUrl: 'https://f.test',
      now: () => now,
    });
    outbox = new MailOutboxRepository(store);
    const organizations = new OrganizationRepository(store);
    const orgA = (await organizations.create('A', DEFAULT_SETTINGS)).id;
    const orgB = (await organizations.create('B', DEFAULT_SETTINGS)).id;
    const users = new UserRepository(store);
    const memberships = new MembershipRepository(store);
    for (const [who, role, org] of [
      ['sam', 'member', orgA],
      ['cora', 'coach', orgA],
      ['ada', 'admin', orgA],
      ['max', 'member', orgA],
      ['bea', 'admin', orgB],
    ] as const) {
      const u = await users.create({ email: `${who}@a.test`, name: `${who} person`, passwordHash: null });
      await memberships.add(org, u.id, role);
      as[who] = { kind: 'user', userId: u.id, organizationId: org, role };
    }
    await new CoachAssignmentRepository(store).assign(orgA, id('cora'), id('sam'));
  });
  afterAll(async () => store?.dispose());

  it(`runs on ${dialectLabel(dialect)}`, () => expect(store.dialect).toBe(dialect));

  it('suggests nothing without a profile, then focus areas with reasons from the profile and the situation', async () => {
    expect((await plans.suggest(as.sam!)).focusAreas).toEqual([]);
    // lead side high, manage side low, foundations middling: a lead-leaning profile
    await completeAssessment(
      'sam',
      answers(3, { people: 5, change: 5, vision: 5, tasks: 2, stability: 2, operations: 2 }),
      '2026-03-01T10:00:00.000Z',
    );
    const plain = await plans.suggest(as.sam!);
    expect(plain.profile).not.toBeNull();
    expect(plain.focusAreas.length).toBeGreaterThanOrEqual(1);
    expect(plain.focusAreas.length).toBeLessThanOrEqual(3);
    // the one-sided risk names a manage scale
    expect(
      plain.focusAreas.some(
        (f) => f.source === 'one-sided' && ['tasks', 'stability', 'operations'].includes(f.scale),
      ),
    ).toBe(true);
    for (const f of plain.focusAreas) expect(f.reason.length).toBeGreaterThan(10);
    // a product launch calls for managing: the situation's reason comes first
    const launch = await plans.suggest(as.sam!, { situation: { example: 'product-launch' } });
    expect(launch.focusAreas[0]?.source).toBe('situation');
    expect(launch.situation?.overall).toMatch(/manage/);
    // every scale is offered with its practices
    expect(launch.scales.map((s) => s.id)).toEqual(instrument.scales.map((s) => s.id));
    expect(launch.scales.every((s) => s.practices.length >= 5)).toBe(true);
  });

  it('refuses bad plans with every field named, and stores nothing', async () => {
    const paths = await problemPaths(
      plans.create(as.sam!, {
        focusAreas: ['tasks', 'nonsense'],
        checkInCadence: 'hourly',
        reassessAfterDays: 3,
        situation: { factors: { deadline: 99 } },
        actions: [
          { practiceId: 'no-such-practice' },
          { scale: 'tasks', title: 'Weekly plan' },
          { scale: 'tasks', title: 'x', dueDate: '2026-02-30' },
        ],
      }),
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        'checkInCadence',
        'reassessAfterDays',
        'situation.factors.deadline',
        'focusAreas[1]',
        'actions[0].practiceId',
        'actions[1].cadence',
        'actions[2].dueDate',
      ]),
    );
    expect((await plans.list(as.sam!)).plans).toEqual([]);
  });

  let planId: string;
  let actionIds: string[];

  it('creates a plan with an action from the library and one of my own; check-ins every week until the re-assessment', async () => {
    const practice = builtinPractices().practices.find((p) => p.scale === 'tasks' && p.cadence === 'weekly')!;
    const plan = await plans.create(as.sam!, {
      title: 'Steadier weeks',
      focusAreas: ['tasks', 'learning'],
      checkInCadence: 'weekly',
      reassessAfterDays: 28,
      actions: [
        { practiceId: practice.id, partner: 'cora@a.test' },
        { scale: 'stability', title: 'Write down the release checklist', dueDate: '2026-03-13' },
      ],
    });
    planId = plan.id;
    actionIds = plan.actions.map((a) => a.id);
    expect(plan.title).toBe('Steadier weeks');
    expect(plan.focusAreas.map((f) => f.scale)).toEqual(['tasks', 'learning']);
    expect(plan.actions).toMatchObject([
      {
        title: practice.title,
        scale: 'tasks',
        practiceId: practice.id,
        cadence: 'weekly',
        status: 'planned',
        partner: 'cora@a.test',
      },
      {
        title: 'Write down the release checklist',
        scale: 'stability',
        practiceId: null,
        dueDate: '2026-03-13',
        cadence: null,
      },
    ]);
    // 2 March + 28 days = 30 March; weekly check-ins on 9, 16, 23 and 30 March
    expect(plan.schedule).toEqual({
      nextCheckIn: '2026-03-09',
      upcoming: ['2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30'],
      reassessOn: '2026-03-30',
      reassessDue: false,
    });
    expect(plan.mine).toBe(true);
  });

  it('records a check-in: progress notes, a reflection, and each action’s new status', async () => {
    now = new Date('2026-03-09T18:00:00.000Z');
    const checkIn = await plans.checkIn(as.sam!, planId, {
      progress: [
        { actionId: actionIds[0], status: 'doing', note: 'Planned Monday and Thursday' },
        { actionId: actionIds[1], status: 'done', note: '' },
      ],
      reflection: 'Calmer week; fewer surprises.',
    });
    expect(checkIn).toMatchObject({
      at: '2026-03-09T18:00:00.000Z',
      reflection: 'Calmer week; fewer surprises.',
    });
    const plan = await plans.get(as.sam!, planId);
    expect(plan.actions.map((a) => a.status)).toEqual(['doing', 'done']);
    expect(plan.checkIns).toHaveLength(1);
    expect(
      await problemPaths(
        plans.checkIn(as.sam!, planId, { progress: [{ actionId: 'nope', status: 'maybe' }] }),
      ),
    ).toEqual(['progress[0].actionId', 'progress[0].status']);
  });

  it('nobody else sees the plan until it is shared; the person it is shared with reads but never changes it; revoking ends it', async () => {
    for (const who of ['cora', 'ada', 'max', 'bea']) {
      await expect(plans.get(as[who]!, planId), who).rejects.toMatchObject({ code: 'not_found' });
      await expect(plans.update(as[who]!, planId, { title: 'x' }), who).rejects.toMatchObject({
        code: 'not_found',
      });
    }
    expect((await plans.list(as.cora!)).sharedWithMe).toEqual([]);
    expect((await plans.shareSuggestions(as.sam!)).people.map((p) => p.email)).toEqual(['cora@a.test']);

    await expect(problemPaths(plans.share(as.sam!, planId, { email: 'bea@a.test' }))).resolves.toEqual([
      'email',
    ]);
    await expect(problemPaths(plans.share(as.sam!, planId, { email: 'sam@a.test' }))).resolves.toEqual([
      'email',
    ]);
    const shared = await plans.share(as.sam!, planId, { email: 'CORA@a.test' });
    expect(shared.sharedWith.map((s) => s.email)).toEqual(['cora@a.test']);

    const seen = await plans.get(as.cora!, planId);
    expect(seen).toMatchObject({ mine: false, title: 'Steadier weeks', owner: { name: 'sam person' } });
    expect(seen).not.toHaveProperty('sharedWith');
    expect((await plans.list(as.cora!)).sharedWithMe.map((p) => p.id)).toEqual([planId]);
    await expect(plans.update(as.cora!, planId, { title: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(plans.checkIn(as.cora!, planId, { progress: [], reflection: 'x' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(plans.get(as.ada!, planId)).rejects.toMatchObject({ code: 'not_found' });

    await plans.unshare(as.sam!, planId, id('cora'));
    await expect(plans.get(as.cora!, planId)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('serves a calendar feed by its private token; renewing the link ends the old one', async () => {
    const { url } = await plans.enableCalendar(as.sam!, planId);
    const token = url
      .split('/')
      .at(-1)!
      .replace(/\.ics$/, '');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    const ics = await plans.calendar(token);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    for (const day of ['20260309', '20260316', '20260323', '20260330'])
      expect(ics).toContain(`DTSTART;VALUE=DATE:${day}`);
    expect(ics).toContain('SUMMARY:Re-take the Lead × Manage assessment');
    // the done action's due date is no longer listed
    expect(ics).not.toContain('Due: Write down the release checklist');
    const renewed = await plans.enableCalendar(as.sam!, planId);
    await expect(plans.calendar(token)).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      plans.calendar(
        renewed.url
          .split('/')
          .at(-1)!
          .replace(/\.ics$/, ''),
      ),
    ).resolves.toContain('VCALENDAR');
    await plans.disableCalendar(as.sam!, planId);
    expect((await plans.get(as.sam!, planId)).calendar).toEqual({ enabled: false });
  });

  it('reminds once per check-in date when no check-in was recorded, and once when the re-assessment is due', async () => {
    const mails = async () =>
      (await outbox.listAll())
        .filter((m) => m.to === 'sam@a.test')
        .map((m) => m.subject)
        .reverse();
    // 9 March: checked in that evening → no reminder
    expect(await plans.sendReminders(new Date('2026-03-10T08:00:00Z'))).toEqual({ sent: 0 });
    // 16 March: no check-in since → one reminder, and not again on a second run
    expect(await plans.sendReminders(new Date('2026-03-16T08:00:00Z'))).toEqual({ sent: 1 });
    expect(await plans.sendReminders(new Date('2026-03-16T09:00:00Z'))).toEqual({ sent: 0 });
    // 30 March: a check-in reminder and the re-assessment reminder
    expect(await plans.sendReminders(new Date('2026-03-30T08:00:00Z'))).toEqual({ sent: 2 });
    expect(await plans.sendReminders(new Date('2026-03-31T08:00:00Z'))).toEqual({ sent: 0 });
    expect(await mails()).toEqual([
      'Check-in: Steadier weeks',
      'Check-in: Steadier weeks',
      'Time to re-take the Lead × Manage assessment',
    ]);
  });

  it('growth: a change is real only when |RCI| > 1.96 (hand-worked)', async () => {
    // second assessment: people 5 → 5 (no change); tasks 2 → 5; 3 of the 7 stability items 2 → 3
    // SEM with every item answered = 15 × √(1 − 0.8) = 6.708; SE of a difference = √2 × 6.708 = 9.487
    // tasks: 25 → 100, RCI = 75 / 9.487 = 7.91 → real
    // stability: mean 2 → 17/7, score 25 → (17/7 − 1) / 4 × 100 = 35.71 (+10.71), RCI = 1.13 → within error
    const stabilityItems = instrument.items.filter((i) => i.scale === 'stability');
    const second = answers(3, { people: 5, change: 5, vision: 5, tasks: 5, stability: 2, operations: 2 });
    expect(stabilityItems).toHaveLength(7);
    for (const item of stabilityItems.slice(0, 3)) second[item.id] = item.reverse ? min + max - 3 : 3;
    await completeAssessment('sam', second, '2026-04-02T10:00:00.000Z');
    const growth = await plans.growth(as.sam!);
    expect(growth.assessments).toHaveLength(2);
    const scale = (id: string) => growth.scales.find((s) => s.scale === id)!;
    expect(scale('tasks').change).toMatchObject({ from: 25, to: 100, verdict: 'improved' });
    expect(scale('tasks').change!.rci).toBeCloseTo(75 / (Math.SQRT2 * 15 * Math.sqrt(0.2)), 2);
    expect(scale('stability').change).toMatchObject({ from: 25, verdict: 'within-error' });
    expect(scale('stability').change!.to).toBeCloseTo(35.714, 2);
    expect(scale('stability').change!.rci).toBeCloseTo(10.714 / 9.4868, 2);
    expect(scale('people').change).toMatchObject({ difference: 0, verdict: 'within-error' });
    expect(scale('tasks').statement).toMatch(/a real increase/);
    expect(scale('stability').statement).toMatch(/within measurement error/);
    // nobody else's growth: the view is always the caller's own
    expect((await plans.growth(as.max!)).assessments).toEqual([]);
  });

  it('archives and deletes; a deleted plan is gone', async () => {
    expect((await plans.update(as.sam!, planId, { status: 'archived' })).status).toBe('archived');
    expect(await problemPaths(plans.update(as.sam!, planId, { reassessOn: '2026-01-01' }))).toEqual([
      'reassessOn',
    ]);
    await plans.remove(as.sam!, planId);
    await expect(plans.get(as.sam!, planId)).rejects.toMatchObject({ code: 'not_found' });
  });
});
