import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mini } from '../../../test/support/mini.ts';
import { dialectLabel, dialects, openTestStore, type TestStore } from '../../../test/support/stores.ts';
import { StoreMailer } from '../../services/auth/mailer.ts';
import { FeedbackService } from '../../services/feedback.ts';
import { PlanService } from '../../services/plans.ts';
import {
  DEFAULT_SETTINGS,
  MembershipRepository,
  OrganizationRepository,
  UserRepository,
} from '../../store/repositories/accounts.ts';
import { AssessmentRepository } from '../../store/repositories/assessments.ts';
import { InstrumentRepository } from '../../store/repositories/instruments.ts';
import { ScheduledJobRepository } from '../../store/repositories/scheduled-jobs.ts';
import { serverJobs } from './index.ts';
import { createScheduler, type ScheduledJob } from './scheduler.ts';

const HOUR = 3_600_000;
const t0 = new Date('2026-03-02T09:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe.each(dialects)('scheduler on %s', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await openTestStore(dialect);
  });
  afterEach(async () => {
    await store.dispose();
  });

  function counting(name = 'count', everyMs = HOUR): ScheduledJob & { runs: Date[] } {
    const runs: Date[] = [];
    return { name, everyMs, runs, run: async (now) => runs.push(now) };
  }

  it(`${dialectLabel(dialect)}: two servers ticking together run a due job once, then again only when it is due`, async () => {
    const job = counting();
    const a = createScheduler({ store, jobs: [job] });
    const b = createScheduler({ store, jobs: [job] });
    const [ra, rb] = await Promise.all([a.tick(t0), b.tick(t0)]);
    expect(ra.length + rb.length).toBe(1);
    expect(job.runs).toEqual([t0]);

    await Promise.all([a.tick(at(HOUR / 2)), b.tick(at(HOUR / 2))]);
    expect(job.runs).toHaveLength(1);

    await Promise.all([a.tick(at(HOUR)), b.tick(at(HOUR))]);
    expect(job.runs).toEqual([t0, at(HOUR)]);
    const state = await new ScheduledJobRepository(store).get('count');
    expect(state?.nextRunAt).toBe(at(2 * HOUR).toISOString());
    expect(state?.leasedUntil).toBeNull();
    expect(state?.lastError).toBeNull();
  });

  it('a failing run is recorded, frees its lease and does not stop the other jobs', async () => {
    const ok = counting('ok');
    const failing: ScheduledJob = {
      name: 'failing',
      everyMs: HOUR,
      run: async () => {
        throw new Error('smtp down');
      },
    };
    const runs = await createScheduler({ store, jobs: [failing, ok] }).tick(t0);
    expect(runs).toEqual([
      { name: 'failing', ok: false, error: 'smtp down' },
      { name: 'ok', ok: true, result: 1 },
    ]);
    const state = await new ScheduledJobRepository(store).get('failing');
    expect(state?.lastError).toBe('smtp down');
    expect(state?.leasedUntil).toBeNull();
  });

  it('a run still holding its lease is not started twice; a dead server’s lease lapses', async () => {
    let release!: () => void;
    const slow: ScheduledJob = {
      name: 'slow',
      everyMs: HOUR,
      run: () => new Promise<void>((resolve) => (release = resolve)),
    };
    const other = counting('slow');
    const a = createScheduler({ store, jobs: [slow], leaseMs: 2 * HOUR });
    const running = a.tick(t0);
    await expect.poll(() => typeof release).toBe('function');

    // due again after an hour, but the first run's lease (2 h) still holds
    const b = createScheduler({ store, jobs: [other] });
    expect(await b.tick(at(HOUR))).toEqual([]);
    // the lease lapses: another server takes the job over
    expect(await b.tick(at(3 * HOUR))).toHaveLength(1);
    release();
    await running;
  });

  it('the retention purge runs from the scheduler and deletes only what is past retention', async () => {
    await new InstrumentRepository(store).ensure(mini);
    const repo = new AssessmentRepository(store);
    const old = await repo.create({ instrument: mini, form: 'full', source: 'web' });
    const recent = await repo.create({ instrument: mini, form: 'full', source: 'web' });
    await repo.saveAnswer(old.id, mini.items[0]!.id, 3);
    const daysBefore = (d: number) => new Date(t0.getTime() - d * 86_400_000).toISOString();
    await store.db
      .updateTable('assessments')
      .set({ updated_at: daysBefore(40) })
      .where('id', '=', old.id)
      .execute();
    await store.db
      .updateTable('assessments')
      .set({ updated_at: daysBefore(10) })
      .where('id', '=', recent.id)
      .execute();

    const scheduler = createScheduler({ store, jobs: serverJobs(store, { ANONYMOUS_RETENTION_DAYS: '30' }) });
    const [run] = await scheduler.tick(t0);
    expect(run).toMatchObject({ name: 'retention-purge', ok: true, result: { unclaimedAssessments: 1 } });
    expect(await repo.findById(old.id)).toBeUndefined();
    expect(await repo.answers(old.id)).toEqual({});
    expect(await repo.findById(recent.id)).toBeDefined();
  });

  it(`${dialectLabel(dialect)}: the server's jobs close 360° cycles past their deadline and send due reminders, once`, async () => {
    const organization = await new OrganizationRepository(store).create('A', DEFAULT_SETTINGS);
    const user = await new UserRepository(store).create({
      email: 'sam@a.test',
      name: 'Sam',
      passwordHash: null,
    });
    await new MembershipRepository(store).add(organization.id, user.id, 'owner');
    const owner = {
      kind: 'user' as const,
      userId: user.id,
      organizationId: organization.id,
      role: 'owner' as const,
    };
    const feedback = new FeedbackService({ store, mailer: new StoreMailer(store), baseUrl: 'http://x' });
    const cycle = await feedback.openCycle(owner, {
      title: 'Due',
      subjectUserIds: [user.id],
      deadline: new Date(Date.now() + 86_400_000).toISOString(),
      groups: { peers: { min: 0, max: 5 } },
    });
    await store.db
      .updateTable('feedback_cycles')
      .set({ deadline: new Date(t0.getTime() - 60_000).toISOString() })
      .where('id', '=', cycle.id)
      .execute();
    const plans = new PlanService({
      store,
      baseUrl: 'http://x',
      now: () => new Date(t0.getTime() - 8 * 86_400_000),
    });
    await plans.create(owner, { focusAreas: ['tasks'], checkInCadence: 'weekly' });

    const jobs = serverJobs(store, {});
    expect(jobs.map((j) => [j.name, j.everyMs / 60_000])).toEqual([
      ['retention-purge', 60],
      ['feedback-close-due', 5],
      ['feedback-reminders', 15],
      ['plan-reminders', 60],
    ]);
    const runs = await createScheduler({ store, jobs }).tick(t0);
    const result = (name: string) => runs.find((r) => r.name === name);
    expect(result('feedback-close-due')).toMatchObject({ ok: true, result: { closed: 1 } });
    expect((await feedback.repo.cycle(organization.id, cycle.id))?.closeReason).toBe('deadline');
    // the plan started 8 days ago: its first weekly check-in (a day ago) is due, and reminded once
    expect(result('plan-reminders')).toMatchObject({ ok: true, result: { sent: 1 } });
    const again = await createScheduler({ store, jobs }).tick(new Date(t0.getTime() + 2 * HOUR));
    expect(again.find((r) => r.name === 'plan-reminders')).toMatchObject({ ok: true, result: { sent: 0 } });
  });
});

describe('serverJobs', () => {
  it('refuses a bad ANONYMOUS_RETENTION_DAYS before the server starts', () => {
    expect(() => serverJobs({} as never, { ANONYMOUS_RETENTION_DAYS: 'soon' })).toThrow(
      'ANONYMOUS_RETENTION_DAYS must be a positive whole number of days',
    );
  });
});
