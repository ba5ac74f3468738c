import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_PASSWORDS, testAccountService } from '../../test/support/accounts.ts';
import { dialectLabel, dialects, openTestStore, type TestStore } from '../../test/support/stores.ts';
import type { Actor } from '../model/access/policy.ts';
import type { AccountService } from './auth/accounts.ts';
import { StoreMailer } from './auth/mailer.ts';
import { hashPassword } from './auth/password.ts';
import { FeedbackService } from './feedback.ts';
import { PlanService } from './plans.ts';
import { purgeExpiredData } from './retention.ts';

const PASSWORD = 'violet kettle harbour 42';
const client = () => ({ ip: '127.0.0.1', userAgent: 'test' });

/**
 * What erasure and retention do to plans and 360° feedback: deleting an account takes the person's
 * plans and the feedback about them; where they rated others, their name and address go but their
 * submitted answers stay, unattributed, in the other person's report. Retention deletes closed cycles.
 */
describe.each(dialects)('erasure and retention of plans and 360° feedback on %s', (dialect) => {
  let store: TestStore;
  let accounts: AccountService;
  let feedback: FeedbackService;
  let plans: PlanService;
  let org: string;
  const as: Record<string, Actor> = {};
  const id = (who: string) => (as[who] as { userId: string }).userId;
  let cycleAboutRita: string;
  let cycleAboutSam: string;

  beforeAll(async () => {
    store = await openTestStore(dialect);
    const mailer = new StoreMailer(store);
    accounts = testAccountService(store, { mailer, baseUrl: 'https://f.test' });
    feedback = new FeedbackService({ store, mailer, baseUrl: 'https://f.test' });
    plans = new PlanService({ store, mailer, baseUrl: 'https://f.test' });
    const { user: owner, organization } = await accounts.createOwner({
      email: 'owner@a.test',
      name: 'Owner',
      password: PASSWORD,
      organizationName: 'A',
    });
    org = organization.id;
    as.owner = { kind: 'user', userId: owner.id, organizationId: org, role: 'owner' };
    for (const who of ['sam', 'rita']) {
      const u = await accounts.users.create({
        email: `${who}@a.test`,
        name: who,
        passwordHash: await hashPassword(PASSWORD, FAST_PASSWORDS),
      });
      await accounts.memberships.add(org, u.id, 'member');
      as[who] = { kind: 'user', userId: u.id, organizationId: org, role: 'member' };
    }
  });
  afterAll(async () => store?.dispose());

  it(`runs on ${dialectLabel(dialect)}`, () => expect(store.dialect).toBe(dialect));

  /** Opens a cycle about `who` with peers; returns the raters' tokens by e-mail. */
  async function cycleAbout(who: string, peers: string[]) {
    const view = await feedback.openCycle(as.owner!, {
      title: `About ${who}`,
      subjectUserIds: [id(who)],
      deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      groups: { peers: { min: 0, max: 10 } },
    });
    const subjectId = view.subjects[0]!.id;
    await feedback.nominate(as.owner!, view.id, subjectId, {
      raters: peers.map((email) => ({ email, group: 'peers' })),
    });
    const cycle = (await feedback.repo.cycle(org, view.id))!;
    const tokens: Record<string, string> = {};
    for (const rater of await feedback.repo.raters(org, subjectId))
      tokens[rater.email] = (await feedback.newLink(cycle, rater)).split('/rate/')[1]!;
    return { cycleId: view.id, subjectId, tokens };
  }

  it('deleting an account: my plans and the feedback about me go; my answers about others stay, unattributed', async () => {
    // rita rates sam (submitted); rita is also asked about a second cycle she never finishes
    const aboutSam = await cycleAbout('sam', ['rita@a.test', 'p2@x.test', 'p3@x.test']);
    cycleAboutSam = aboutSam.cycleId;
    const form = await feedback.raterView(aboutSam.tokens['rita@a.test']!);
    for (const item of form.items) await feedback.saveAnswer(aboutSam.tokens['rita@a.test']!, item.id, 4);
    await feedback.submit(aboutSam.tokens['rita@a.test']!, 'submit-rita-1');
    const aboutRita = await cycleAbout('rita', ['p4@x.test']);
    cycleAboutRita = aboutRita.cycleId;
    const another = await cycleAbout('sam', ['rita@a.test']);

    const plan = await plans.create(as.rita!, {
      focusAreas: ['people'],
      actions: [{ scale: 'people', title: 'Ask one question first', cadence: 'daily' }],
    });
    const samPlan = await plans.create(as.sam!, { focusAreas: ['tasks'] });
    await plans.share(as.sam!, samPlan.id, { email: 'rita@a.test' });

    const exported = await accounts.exportMyData(as.rita!);
    const mine = exported.memberships[0]!;
    expect(mine.plans.map((p) => p.title)).toEqual([plan.title]);
    expect(mine.plans[0]!.actions.map((a) => a.title)).toEqual(['Ask one question first']);
    expect(mine.feedback.aboutMe.map((c) => c.cycle)).toEqual(['About rita']);
    expect(mine.feedback.asRater.map((r) => [r.cycle, r.group, r.status])).toEqual([
      ['About sam', 'peers', 'submitted'],
      ['About rita', 'self', 'invited'],
      ['About sam', 'peers', 'invited'],
    ]);
    // no answers (they stay behind the private link), and nobody else's details
    expect(JSON.stringify(exported)).not.toMatch(/"answers":\{"|p2@x\.test/);

    await accounts.deleteAccount(as.rita!, { password: PASSWORD }, client());

    // the plan and the share with rita are gone; sam's plan is untouched
    expect(await plans.repo.get(org, plan.id)).toBeUndefined();
    expect(await plans.repo.shares(org, samPlan.id)).toEqual([]);
    expect(await plans.repo.get(org, samPlan.id)).toBeDefined();
    // the feedback about rita is gone
    expect(await feedback.repo.subjects(org, cycleAboutRita)).toEqual([]);
    // where rita rated sam: no name, no address; the submitted answers still count; the open request is declined
    const raters = await feedback.repo.raters(org, aboutSam.subjectId);
    expect(raters.map((r) => r.email)).not.toContain('rita@a.test');
    const erased = raters.filter((r) => r.email === 'erased');
    expect(erased).toHaveLength(1);
    expect(erased[0]).toMatchObject({ name: '', status: 'submitted' });
    const submissions = await feedback.repo.submissionsForReport(org, aboutSam.subjectId);
    expect(submissions).toHaveLength(1);
    const open = (await feedback.repo.raters(org, another.subjectId)).filter((r) => r.group === 'peers');
    expect(open).toMatchObject([{ email: 'erased', name: '', status: 'declined' }]);
    await expect(feedback.raterView(another.tokens['rita@a.test']!)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('retention deletes 360° cycles closed longer ago than the setting, never open ones', async () => {
    await accounts.updateSettings(as.owner!, { retentionDays: 30 }, client());
    await feedback.close(as.owner!, cycleAboutSam);
    const later = new Date(Date.now() + 31 * 86_400_000);
    const report = await purgeExpiredData(store, { now: later });
    expect(report.feedbackCycles[org]).toBe(1);
    expect(await feedback.repo.cycle(org, cycleAboutSam)).toBeUndefined();
    expect(await feedback.repo.cycle(org, cycleAboutRita)).toBeDefined(); // still open
    expect((await purgeExpiredData(store, { now: later })).feedbackCycles[org]).toBe(0);
  });
});
