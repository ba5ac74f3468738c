import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectLabel, dialects, openTestStore, type TestStore } from '../../../test/support/stores.ts';
import { OrganizationRepository, UserRepository } from './accounts.ts';
import { type CycleConfig, FeedbackRepository, type Rater } from './feedback.ts';

const CONFIG: CycleConfig = {
  groups: { peers: { min: 3, max: 8 } },
  includeSelf: true,
  threshold: 3,
  commentThreshold: 3,
  managerShownSeparately: false,
  reminderDays: [3, 1],
  questions: [{ id: 'q1', text: 'Keep doing?' }],
};

describe.each(dialects)('feedback repository on %s', (dialect) => {
  let store: TestStore;
  let repo: FeedbackRepository;
  let orgA: string;
  let orgB: string;
  let subjectUser: string;

  beforeAll(async () => {
    store = await openTestStore(dialect);
    repo = new FeedbackRepository(store);
    const orgs = new OrganizationRepository(store);
    orgA = (await orgs.create('A')).id;
    orgB = (await orgs.create('B')).id;
    subjectUser = (
      await new UserRepository(store).create({ email: 's@a.test', name: 'Sam', passwordHash: null })
    ).id;
  });
  afterAll(async () => store?.dispose());

  it(`runs on ${dialectLabel(dialect)}`, () => expect(store.dialect).toBe(dialect));

  async function cycleWithRaters(n: number) {
    const { cycle, subjects } = await repo.createCycle(
      {
        organizationId: orgA,
        title: 'Spring',
        instrumentId: 'lead-manage',
        instrumentVersion: '1.0.0',
        form: 'short',
        config: CONFIG,
        deadline: '2030-01-10T00:00:00.000Z',
        createdBy: subjectUser,
      },
      [subjectUser],
    );
    const raters: Rater[] = [];
    for (let i = 0; i < n; i++) {
      raters.push(
        await repo.addRater({
          organizationId: orgA,
          cycleId: cycle.id,
          subjectId: subjects[0]!.id,
          group: 'peers',
          email: `Peer${i}@A.test`,
          name: `Peer ${i}`,
          status: 'invited',
          identifiable: false,
          nominatedBy: subjectUser,
        }),
      );
    }
    return { cycle, subject: subjects[0]!, raters };
  }

  it('stores a cycle with its config, scoped by organisation', async () => {
    const { cycle, subject } = await cycleWithRaters(0);
    expect((await repo.cycle(orgA, cycle.id))?.config).toEqual(CONFIG);
    expect(await repo.cycle(orgB, cycle.id)).toBeUndefined();
    expect(await repo.subjects(orgB, cycle.id)).toEqual([]);
    expect((await repo.subjectsOfUser(orgA, subjectUser)).some((s) => s.subject.id === subject.id)).toBe(
      true,
    );
    expect(await repo.subjectsOfUser(orgB, subjectUser)).toEqual([]);
  });

  it('links: found by hash until they expire', async () => {
    const { raters } = await cycleWithRaters(1);
    await repo.addLink(orgA, raters[0]!.id, 'hash-1', '2030-01-10T00:00:00.000Z');
    expect((await repo.raterByToken('hash-1', new Date('2030-01-09T23:59:59Z')))?.rater.id).toBe(
      raters[0]!.id,
    );
    expect(await repo.raterByToken('hash-1', new Date('2030-01-10T00:00:00Z'))).toBeUndefined();
    expect(await repo.raterByToken('nope', new Date('2029-01-01'))).toBeUndefined();
  });

  it('answers, not observed, submit once with idempotency, decline; only submitted forms reach the report', async () => {
    const { raters, subject, cycle } = await cycleWithRaters(3);
    const [a, b, c] = raters as [Rater, Rater, Rater];
    expect(await repo.saveAnswer(orgA, a.id, 'PE1', 4)).toBe(true);
    expect(await repo.saveAnswer(orgA, a.id, 'PE1', 5)).toBe(true); // upsert
    expect(await repo.saveAnswer(orgA, a.id, 'PE2', null)).toBe(true);
    expect(await repo.saveComment(orgA, a.id, 'q1', '  Keep the stand-ups  ')).toBe(true);
    expect(await repo.ownAnswers(orgA, a.id)).toEqual({
      answers: { PE1: 5, PE2: 'not-observed' },
      comments: { q1: '  Keep the stand-ups  ' },
    });
    expect(await repo.ownAnswers(orgB, a.id)).toEqual({ answers: {}, comments: {} });

    const first = await repo.submit(orgA, a.id, 'key-1');
    const second = await repo.submit(orgA, a.id, 'key-1');
    const third = await repo.submit(orgA, a.id, 'key-2');
    expect(first.status).toBe('submitted');
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(await repo.saveAnswer(orgA, a.id, 'PE1', 1)).toBe(false);
    expect(await repo.decline(orgA, a.id, null)).toBe(false);

    await repo.saveAnswer(orgA, b.id, 'PE1', 2);
    expect(await repo.decline(orgA, b.id, 'I do not work with Sam')).toBe(true);
    expect(await repo.ownAnswers(orgA, b.id)).toEqual({ answers: {}, comments: {} });
    await repo.saveAnswer(orgA, c.id, 'PE1', 3); // unfinished

    const forReport = await repo.submissionsForReport(orgA, subject.id);
    expect(forReport).toEqual([
      {
        group: 'peers',
        identifiable: false,
        answers: { PE1: 5, PE2: 'not-observed' },
        comments: { q1: '  Keep the stand-ups  ' },
      },
    ]);
    expect(await repo.submissionsForReport(orgB, subject.id)).toEqual([]);

    const progress = await repo.progress(orgA, cycle.id);
    const count = (status: string) => progress.find((p) => p.status === status)?.count;
    expect([count('submitted'), count('declined'), count('in_progress')]).toEqual([1, 1, 1]);
    expect(await repo.progress(orgB, cycle.id)).toEqual([]);
  });

  it('open requests per e-mail (case-insensitive), reminders once, close once', async () => {
    const before = (await repo.openRequests(orgA, ['PEER0@a.test'])).get('peer0@a.test')!;
    const { cycle, raters } = await cycleWithRaters(2);
    expect((await repo.openRequests(orgA, ['peer0@a.test'])).get('peer0@a.test')).toBe(before + 1);
    expect((await repo.openRequests(orgB, ['peer0@a.test'])).get('peer0@a.test')).toBe(0);
    const at = new Date('2030-01-07T00:00:00Z');
    expect(await repo.recordReminder(orgA, raters[0]!.id, '3', at)).toBe(true);
    expect(await repo.recordReminder(orgA, raters[0]!.id, '3', at)).toBe(false);
    expect(await repo.recordReminder(orgA, raters[0]!.id, '1', at)).toBe(true);
    expect(await repo.close(orgB, cycle.id, 'hand', at)).toBe(false);
    expect(await repo.close(orgA, cycle.id, 'hand', at)).toBe(true);
    expect(await repo.close(orgA, cycle.id, 'deadline', at)).toBe(false);
    expect((await repo.cycle(orgA, cycle.id))?.closeReason).toBe('hand');
    expect((await repo.openRequests(orgA, ['peer0@a.test'])).get('peer0@a.test')).toBe(before);
  });
});
