import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionHeaders, testAccountService } from '../../../test/support/accounts.ts';
import { dialectLabel, dialects, openTestStore, type TestStore } from '../../../test/support/stores.ts';
import { loadInstrument } from '../../catalog/instruments.ts';
import { type Actor, ANONYMOUS, can, type Resource } from '../../model/access/policy.ts';
import { itemsInForm } from '../../model/scoring/form.ts';
import { AssessmentService } from '../../services/assessments.ts';
import type { AccountService } from '../../services/auth/accounts.ts';
import { StoreMailer } from '../../services/auth/mailer.ts';
import { FeedbackService } from '../../services/feedback.ts';
import { PlanService } from '../../services/plans.ts';
import { buildApp } from '../app.ts';
import { ROUTE_POLICIES, type RouteGate } from './route-policies.ts';

const PASSWORD = 'violet kettle harbour 42';
const ROLES = ['anonymous', 'member', 'coach', 'admin', 'owner', 'other-admin'] as const;
type Who = (typeof ROLES)[number];

interface Fixture {
  url: string;
  payload?: Record<string, unknown>;
  /** The real target, when it is not simply the caller's own organisation or account. */
  resource?: Resource;
}

describe.each(dialects)('access control over HTTP on %s', (dialect) => {
  let store: TestStore;
  let app: FastifyInstance;
  let accounts: AccountService;
  let assessmentsService: AssessmentService;
  const ids: Record<string, string> = {};
  const actors = {} as Record<Who, Actor>;
  let m1Token: string;
  let m1AssessmentId: string;
  let firstItem: string;
  let n = 0;

  /** A fresh signed-in session for each request, so sign-outs in one request do not leak into the next. */
  async function headersFor(who: Who, method: string) {
    const actor = actors[who];
    if (actor.kind === 'anonymous') return {};
    return sessionHeaders(accounts, actor.userId, actor.organizationId, method);
  }

  async function freshMember(): Promise<string> {
    const user = await accounts.users.create({
      email: `fresh${n++}@a.test`,
      name: 'Fresh',
      passwordHash: null,
    });
    await accounts.memberships.add(ids.orgA!, user.id, 'member');
    return user.id;
  }

  // 360° feedback: cycles about the member, opened by the admin
  let feedback: FeedbackService;
  const cycleInput = () => ({
    title: `Cycle ${n++}`,
    subjectUserIds: [ids.member!],
    deadline: '2099-01-01T00:00:00.000Z',
    groups: { peers: { min: 0, max: 20 }, manager: { min: 0, max: 1 } },
  });
  async function freshCycle(): Promise<{ cycleId: string; subjectId: string }> {
    const view = await feedback.openCycle(actors.admin, cycleInput());
    return { cycleId: view.id, subjectId: view.subjects[0]!.id };
  }
  /** A private rater link (token) on a fresh open cycle. */
  async function freshRaterToken(): Promise<string> {
    const { cycleId, subjectId } = await freshCycle();
    await feedback.nominate(actors.admin, cycleId, subjectId, {
      raters: [{ email: `rater${n++}@x.test`, group: 'peers' }],
    });
    const cycle = (await feedback.repo.cycle(ids.orgA!, cycleId))!;
    const rater = (await feedback.repo.raters(ids.orgA!, subjectId)).find((r) => r.group === 'peers')!;
    return (await feedback.newLink(cycle, rater)).split('/rate/')[1]!;
  }
  const cycleResource = (): Resource => ({
    type: 'feedback-cycle',
    organizationId: ids.orgA!,
    ownerId: ids.admin!,
    subjectUserIds: [ids.member!],
  });
  let closed: { cycleId: string; subjectId: string };

  // development plans: the member's, shared (read only) with their coach
  let plans: PlanService;
  async function freshPlan(): Promise<{ planId: string; actionId: string }> {
    const plan = await plans.create(actors.member, {
      focusAreas: ['tasks'],
      actions: [{ scale: 'tasks', title: 'Plan the week', cadence: 'weekly' }],
    });
    await plans.share(actors.member, plan.id, { email: 'coach@a.test' });
    return { planId: plan.id, actionId: plan.actions[0]!.id };
  }
  const planResource = (): Resource => ({
    type: 'plan',
    organizationId: ids.orgA!,
    ownerId: ids.member!,
    sharedWith: [ids.coach!],
  });

  async function freshAnonymousToken(): Promise<string> {
    return (await assessmentsService.start({ form: 'short', source: 'web' })).resumeToken;
  }

  beforeAll(async () => {
    store = await openTestStore(dialect);
    accounts = testAccountService(store);
    app = await buildApp({ store, webRoot: false, auth: { accounts } });
    assessmentsService = new AssessmentService(store);

    const { user: owner, organization } = await accounts.createOwner({
      email: 'owner@a.test',
      name: 'Owner',
      password: PASSWORD,
      organizationName: 'A',
    });
    ids.orgA = organization.id;
    ids.owner = owner.id;
    for (const [key, role] of [
      ['admin', 'admin'],
      ['coach', 'coach'],
      ['member', 'member'],
      ['coach2', 'coach'],
      ['member2', 'member'],
    ] as const) {
      const u = await accounts.users.create({ email: `${key}@a.test`, name: key, passwordHash: null });
      await accounts.memberships.add(organization.id, u.id, role);
      ids[key] = u.id;
    }
    await accounts.coaches.assign(organization.id, ids.coach!, ids.member!);
    const orgB = await accounts.organizations.create('B');
    ids.orgB = orgB.id;
    const otherAdmin = await accounts.users.create({
      email: 'admin@b.test',
      name: 'B admin',
      passwordHash: null,
    });
    await accounts.memberships.add(orgB.id, otherAdmin.id, 'admin');
    ids.otherAdmin = otherAdmin.id;

    const user = (
      userId: string,
      organizationId: string,
      role: 'member' | 'coach' | 'admin' | 'owner',
    ): Actor => ({ kind: 'user', userId, organizationId, role });
    actors.anonymous = ANONYMOUS;
    actors.member = user(ids.member!, organization.id, 'member');
    actors.coach = user(ids.coach!, organization.id, 'coach');
    actors.admin = user(ids.admin!, organization.id, 'admin');
    actors.owner = user(ids.owner!, organization.id, 'owner');
    actors['other-admin'] = user(ids.otherAdmin!, orgB.id, 'admin');

    // the member's completed assessment, owned by them
    const started = await assessmentsService.start({ form: 'short', source: 'web' });
    m1Token = started.resumeToken;
    m1AssessmentId = started.assessment.id;
    const instrument = await loadInstrument('lead-manage');
    const items = itemsInForm(instrument, 'short');
    firstItem = items[0]!.id;
    for (const item of items) await assessmentsService.answer(m1AssessmentId, item.id, 4);
    await assessmentsService.finish(m1AssessmentId);
    await accounts.owners.assign(m1AssessmentId, organization.id, ids.member!);

    feedback = new FeedbackService({ store, mailer: new StoreMailer(store), baseUrl: 'http://localhost' });
    plans = new PlanService({ store, baseUrl: 'http://localhost' });
    closed = await freshCycle();
    await feedback.close(actors.admin, closed.cycleId);
  });
  afterAll(async () => {
    await app?.close();
    await store?.dispose();
  });

  it(`runs on ${dialectLabel(dialect)}`, () => expect(store.dialect).toBe(dialect));

  const m1Assessment = (): Resource => ({
    type: 'assessment',
    organizationId: ids.orgA!,
    userId: ids.member!,
    coachIds: [ids.coach!],
    tokenPresented: true,
  });

  /** One request per route; `null` marks routes this app does not register. */
  const fixtures: Record<string, () => Promise<Fixture> | Fixture> = {
    'GET /api/health': () => ({ url: '/api/health' }),
    'GET /api/openapi.json': () => ({ url: '/api/openapi.json' }),
    'GET /api/instruments/:id': () => ({ url: '/api/instruments/lead-manage' }),
    'GET /api/advisor': () => ({ url: '/api/advisor' }),
    'POST /api/advice': () => ({ url: '/api/advice', payload: { example: 'product-launch' } }),
    'GET /api/practices': () => ({ url: '/api/practices?scale=people' }),
    'POST /api/assessments': () => ({ url: '/api/assessments', payload: { form: 'short' } }),
    'GET /api/assessments/resume/:token': () => ({
      url: `/api/assessments/resume/${m1Token}`,
      resource: m1Assessment(),
    }),
    'PUT /api/assessments/:token/answers/:itemId': () => ({
      url: `/api/assessments/${m1Token}/answers/${firstItem}`,
      payload: { value: 3 },
      resource: m1Assessment(),
    }),
    'DELETE /api/assessments/:token/answers/:itemId': () => ({
      url: `/api/assessments/${m1Token}/answers/${firstItem}`,
      resource: m1Assessment(),
    }),
    'POST /api/assessments/:token/finish': () => ({
      url: `/api/assessments/${m1Token}/finish`,
      resource: m1Assessment(),
    }),
    'GET /api/assessments/:token/profile': () => ({
      url: `/api/assessments/${m1Token}/profile`,
      resource: m1Assessment(),
    }),
    'GET /api/auth/session': () => ({ url: '/api/auth/session' }),
    'POST /api/auth/setup': () => ({
      url: '/api/auth/setup',
      payload: { name: 'X', email: 'x@x.test', password: PASSWORD },
    }),
    'POST /api/auth/login': () => ({ url: '/api/auth/login', payload: { email: 'nobody@x.test' } }),
    'POST /api/auth/login/totp': () => ({ url: '/api/auth/login/totp', payload: { code: '123456' } }),
    'POST /api/auth/logout': () => ({ url: '/api/auth/logout' }),
    'POST /api/auth/password-reset': () => ({
      url: '/api/auth/password-reset',
      payload: { email: 'nobody@x.test' },
    }),
    'POST /api/auth/password-reset/complete': () => ({
      url: '/api/auth/password-reset/complete',
      payload: { token: 'bogus-token-value', password: PASSWORD },
    }),
    'POST /api/auth/email-change/confirm': () => ({
      url: '/api/auth/email-change/confirm',
      payload: { token: 'bogus-token-value' },
    }),
    'POST /api/auth/invitations/describe': () => ({
      url: '/api/auth/invitations/describe',
      payload: { token: 'bogus-token-value' },
    }),
    'POST /api/auth/invitations/accept': () => ({
      url: '/api/auth/invitations/accept',
      payload: { token: 'bogus-token-value', password: PASSWORD },
    }),
    'POST /api/auth/totp/setup': () => ({ url: '/api/auth/totp/setup' }),
    'POST /api/auth/totp/confirm': () => ({ url: '/api/auth/totp/confirm', payload: { code: '000000' } }),
    'POST /api/auth/totp/disable': () => ({
      url: '/api/auth/totp/disable',
      payload: { password: 'not my password' },
    }),
    'GET /api/me': () => ({ url: '/api/me' }),
    'PATCH /api/me': () => ({ url: '/api/me', payload: {} }),
    'POST /api/me/password': () => ({
      url: '/api/me/password',
      payload: { currentPassword: 'wrong!', newPassword: 'another long passphrase' },
    }),
    'GET /api/me/sessions': () => ({ url: '/api/me/sessions' }),
    'POST /api/me/sessions/end-others': () => ({ url: '/api/me/sessions/end-others' }),
    'DELETE /api/me/sessions/:handle': () => ({ url: '/api/me/sessions/0000000000000000' }),
    'GET /api/me/export': () => ({ url: '/api/me/export' }),
    'POST /api/me/delete': () => ({ url: '/api/me/delete', payload: { password: 'not my password' } }),
    'GET /api/me/assessments': () => ({ url: '/api/me/assessments' }),
    'POST /api/me/assessments/claim': async () => ({
      url: '/api/me/assessments/claim',
      payload: { resumeToken: await freshAnonymousToken() },
    }),
    'GET /api/me/clients': () => ({ url: '/api/me/clients' }),
    'GET /api/people/:userId/profiles': () => ({
      url: `/api/people/${ids.member}/profiles`,
      resource: { type: 'person', organizationId: ids.orgA!, userId: ids.member!, coachIds: [ids.coach!] },
    }),
    'GET /api/organization': () => ({ url: '/api/organization' }),
    'PATCH /api/organization': () => ({ url: '/api/organization', payload: { name: 'Renamed' } }),
    'PUT /api/organization/settings': () => ({ url: '/api/organization/settings', payload: {} }),
    'GET /api/organization/members': () => ({ url: '/api/organization/members' }),
    'PATCH /api/organization/members/:userId': async () => {
      const target = await freshMember();
      return {
        url: `/api/organization/members/${target}`,
        payload: { role: 'coach' },
        resource: {
          type: 'membership',
          organizationId: ids.orgA!,
          userId: target,
          role: 'member',
          newRole: 'coach',
        },
      };
    },
    'DELETE /api/organization/members/:userId': async () => {
      const target = await freshMember();
      return {
        url: `/api/organization/members/${target}`,
        resource: { type: 'membership', organizationId: ids.orgA!, userId: target, role: 'member' },
      };
    },
    'GET /api/organization/invitations': () => ({ url: '/api/organization/invitations' }),
    'POST /api/organization/invitations': () => ({
      url: '/api/organization/invitations',
      payload: { email: `invitee${n++}@x.test`, role: 'member' },
    }),
    'GET /api/organization/coach-assignments': () => ({ url: '/api/organization/coach-assignments' }),
    'POST /api/organization/coach-assignments': async () => ({
      url: '/api/organization/coach-assignments',
      payload: { coachUserId: ids.coach, memberUserId: await freshMember() },
      resource: { type: 'organization', organizationId: ids.orgA! },
    }),
    'POST /api/organization/coach-assignments/remove': async () => ({
      url: '/api/organization/coach-assignments/remove',
      payload: { coachUserId: ids.coach, memberUserId: await freshMember() },
      resource: { type: 'organization', organizationId: ids.orgA! },
    }),
    'GET /api/organization/audit': () => ({ url: '/api/organization/audit' }),
    'GET /api/organization/outbox': () => ({ url: '/api/organization/outbox' }),
    'GET /api/cycles': () => ({ url: '/api/cycles' }),
    'POST /api/cycles': () => ({
      url: '/api/cycles',
      payload: cycleInput(),
      resource: {
        type: 'feedback-subject',
        organizationId: ids.orgA!,
        userId: ids.member!,
        coachIds: [ids.coach!],
        selfService: false,
      },
    }),
    'GET /api/cycles/rater-load': () => ({ url: '/api/cycles/rater-load?emails=a@x.test,b@x.test' }),
    'GET /api/cycles/:cycleId': async () => ({
      url: `/api/cycles/${(await freshCycle()).cycleId}`,
      resource: cycleResource(),
    }),
    'POST /api/cycles/:cycleId/subjects/:subjectId/raters': async () => {
      const { cycleId, subjectId } = await freshCycle();
      return {
        url: `/api/cycles/${cycleId}/subjects/${subjectId}/raters`,
        payload: { raters: [{ email: `peer${n++}@x.test`, name: 'Peer', group: 'peers' }] },
        // the subject (the member) may nominate peers for approval
        resource: cycleResource(),
      };
    },
    'POST /api/cycles/:cycleId/subjects/:subjectId/raters/:raterId/approve': async () => {
      const { cycleId, subjectId } = await freshCycle();
      await feedback.nominate(actors.member, cycleId, subjectId, {
        raters: [{ email: `peer${n++}@x.test`, group: 'peers' }],
      });
      const rater = (await feedback.repo.raters(ids.orgA!, subjectId)).find((r) => r.status === 'pending')!;
      return {
        url: `/api/cycles/${cycleId}/subjects/${subjectId}/raters/${rater.id}/approve`,
        resource: { ...cycleResource(), subjectUserIds: [] },
      };
    },
    'POST /api/cycles/:cycleId/close': async () => ({
      url: `/api/cycles/${(await freshCycle()).cycleId}/close`,
      resource: { ...cycleResource(), subjectUserIds: [] },
    }),
    'POST /api/cycles/:cycleId/release': async () => ({
      url: `/api/cycles/${(await freshCycle()).cycleId}/release`,
      resource: { ...cycleResource(), subjectUserIds: [] },
    }),
    'GET /api/cycles/:cycleId/subjects/:subjectId/report': () => ({
      url: `/api/cycles/${closed.cycleId}/subjects/${closed.subjectId}/report`,
      resource: {
        type: 'feedback-report',
        organizationId: ids.orgA!,
        userId: ids.member!,
        coachIds: [ids.coach!],
      },
    }),
    'GET /api/cycles/:cycleId/subjects/:subjectId/report.pdf': () => ({
      url: `/api/cycles/${closed.cycleId}/subjects/${closed.subjectId}/report.pdf`,
      resource: {
        type: 'feedback-report',
        organizationId: ids.orgA!,
        userId: ids.member!,
        coachIds: [ids.coach!],
      },
    }),
    'GET /api/cycles/:cycleId/subjects/:subjectId/report.csv': () => ({
      url: `/api/cycles/${closed.cycleId}/subjects/${closed.subjectId}/report.csv`,
      resource: {
        type: 'feedback-report',
        organizationId: ids.orgA!,
        userId: ids.member!,
        coachIds: [ids.coach!],
      },
    }),
    'POST /api/plans/suggestions': () => ({ url: '/api/plans/suggestions', payload: {} }),
    'GET /api/plans': () => ({ url: '/api/plans' }),
    'GET /api/plans/share-suggestions': () => ({ url: '/api/plans/share-suggestions' }),
    'POST /api/plans': () => ({ url: '/api/plans', payload: { focusAreas: ['vision'] } }),
    'GET /api/plans/:planId': async () => ({
      url: `/api/plans/${(await freshPlan()).planId}`,
      resource: planResource(),
    }),
    'PATCH /api/plans/:planId': async () => ({
      url: `/api/plans/${(await freshPlan()).planId}`,
      payload: { title: 'Renamed' },
      resource: planResource(),
    }),
    'DELETE /api/plans/:planId': async () => ({
      url: `/api/plans/${(await freshPlan()).planId}`,
      resource: planResource(),
    }),
    'POST /api/plans/:planId/actions': async () => ({
      url: `/api/plans/${(await freshPlan()).planId}/actions`,
      payload: { scale: 'tasks', title: 'One more', dueDate: '2099-01-01' },
      resource: planResource(),
    }),
    'PATCH /api/plans/:planId/actions/:actionId': async () => {
      const { planId, actionId } = await freshPlan();
      return {
        url: `/api/plans/${planId}/actions/${actionId}`,
        payload: { status: 'doing' },
        resource: planResource(),
      };
    },
    'DELETE /api/plans/:planId/actions/:actionId': async () => {
      const { planId, actionId } = await freshPlan();
      return { url: `/api/plans/${planId}/actions/${actionId}`, resource: planResource() };
    },
    'POST /api/plans/:planId/check-ins': async () => ({
      url: `/api/plans/${(await freshPlan()).planId}/check-ins`,
      payload: { progress: [], reflection: 'A good week.' },
      resource: planResource(),
    }),
    'POST /api/plans/:planId/shares': async () => ({
      url: `/api/plans/${(await freshPlan()).planId}/shares`,
      payload: { email: 'admin@a.test' },
      resource: planResource(),
    }),
    'DELETE /api/plans/:planId/shares/:userId': async () => ({
      url: `/api/plans/${(await freshPlan()).planId}/shares/${ids.coach}`,
      resource: planResource(),
    }),
    'POST /api/plans/:planId/calendar': async () => ({
      url: `/api/plans/${(await freshPlan()).planId}/calendar`,
      resource: planResource(),
    }),
    'DELETE /api/plans/:planId/calendar': async () => ({
      url: `/api/plans/${(await freshPlan()).planId}/calendar`,
      resource: planResource(),
    }),
    'GET /api/calendar/:token': async () => {
      const { url } = await plans.enableCalendar(actors.member, (await freshPlan()).planId);
      return { url: `/api/calendar/${url.split('/').at(-1)}` };
    },
    'GET /api/me/growth': () => ({ url: '/api/me/growth' }),
    'GET /api/rate/:token': async () => ({ url: `/api/rate/${await freshRaterToken()}` }),
    'PUT /api/rate/:token/answers/:itemId': async () => ({
      url: `/api/rate/${await freshRaterToken()}/answers/${firstItem}`,
      payload: { value: 'not-observed' },
    }),
    'PUT /api/rate/:token/comments/:questionId': async () => ({
      url: `/api/rate/${await freshRaterToken()}/comments/q1`,
      payload: { text: 'x' },
    }),
    'POST /api/rate/:token/decline': async () => ({
      url: `/api/rate/${await freshRaterToken()}/decline`,
      payload: {},
    }),
    'POST /api/rate/:token/submit': async () => ({ url: `/api/rate/${await freshRaterToken()}/submit` }),
  };

  /** What the route table and the policy say should happen (independent of the server's code path). */
  function expected(gate: RouteGate, who: Who, fixture: Fixture): boolean {
    const actor = actors[who];
    if (gate.kind === 'public') return true;
    if (gate.kind === 'pending') return false; // every session here is fully signed in
    if (gate.kind === 'enrolling') return actor.kind === 'user';
    if (fixture.resource) return can(actor, gate.action, fixture.resource).allowed;
    if (gate.on === 'public') return can(actor, gate.action, { type: 'public' }).allowed;
    if (gate.on === 'claim')
      return can(actor, gate.action, {
        type: 'assessment',
        organizationId: null,
        userId: null,
        tokenPresented: true,
      }).allowed;
    if (actor.kind !== 'user') return false;
    const own = actor.organizationId;
    const resource: Resource =
      gate.on === 'self'
        ? { type: 'person', organizationId: own, userId: actor.userId }
        : gate.on === 'membership'
          ? { type: 'membership', organizationId: own, userId: null, role: 'member' }
          : gate.on === 'mail'
            ? { type: 'mail', organizationId: own, restricted: false }
            : { type: 'organization', organizationId: own };
    return can(actor, gate.action, resource).allowed;
  }

  it('every API route has an access policy and a fixture here (a new route without one fails)', () => {
    const routes = app.apiRoutes;
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => !ROUTE_POLICIES[r])).toEqual([]);
    expect(routes.filter((r) => !fixtures[r])).toEqual([]);
  });

  it('allows and denies every route × role as the route table and the policy say', async () => {
    const table: string[] = [];
    const mismatches: string[] = [];
    for (const route of app.apiRoutes) {
      const gate = ROUTE_POLICIES[route]!;
      const [method] = route.split(' ') as [string];
      const row: string[] = [];
      for (const who of ROLES) {
        const fixture = await fixtures[route]!();
        const res = await app.inject({
          method: method as 'GET',
          url: fixture.url,
          headers: await headersFor(who, method),
          ...(fixture.payload !== undefined ? { payload: fixture.payload } : {}),
        });
        const denied =
          res.statusCode === 401 ||
          res.statusCode === 403 ||
          (gate.kind !== 'public' && res.statusCode === 404);
        const want = expected(gate, who, fixture);
        row.push(`${who}:${denied ? 'deny' : 'allow'}`);
        if (want === denied || res.statusCode >= 500) {
          mismatches.push(
            `${route} as ${who}: expected ${want ? 'allow' : 'deny'}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
          );
        }
      }
      table.push(`${route.padEnd(52)} ${row.join(' ')}`);
    }
    if (process.env.PRINT_MATRIX) process.stderr.write(`${table.join('\n')}\n`);
    expect(mismatches, table.join('\n')).toEqual([]);
    const cells = table.join(' ');
    expect(cells.split(':deny').length).toBeGreaterThan(60);
    expect(cells.split(':allow').length).toBeGreaterThan(60);
  });

  it('IDOR: another organisation’s ids and other people’s data are refused', async () => {
    const as = async (who: Who, method: string, url: string, payload?: Record<string, unknown>) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: await headersFor(who, method),
        ...(payload ? { payload } : {}),
      });
    const target = await freshMember();
    expect(
      (await as('other-admin', 'PATCH', `/api/organization/members/${target}`, { role: 'coach' })).statusCode,
    ).toBe(404);
    expect((await as('other-admin', 'DELETE', `/api/organization/members/${target}`)).statusCode).toBe(404);
    expect(
      (
        await as('other-admin', 'POST', '/api/organization/coach-assignments', {
          coachUserId: ids.coach,
          memberUserId: target,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await as('admin', 'PATCH', `/api/organization/members/${ids.otherAdmin}`, { role: 'member' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await as('admin', 'PATCH', `/api/organization/members/${ids.owner}`, { role: 'member' })).statusCode,
    ).toBe(403);
    expect(
      (await as('admin', 'PATCH', `/api/organization/members/${ids.member}`, { role: 'admin' })).statusCode,
    ).toBe(403);

    // a person's assessment by its token: only its owner; others as if it did not exist
    for (const who of ['owner', 'admin', 'coach', 'other-admin'] as const) {
      for (const url of [`/api/assessments/resume/${m1Token}`, `/api/assessments/${m1Token}/profile`]) {
        const res = await as(who, 'GET', url);
        expect(res.statusCode, `${who} ${url}`).toBe(404);
        expect(res.body).not.toContain(m1AssessmentId);
      }
      expect(
        (await as(who, 'PUT', `/api/assessments/${m1Token}/answers/${firstItem}`, { value: 1 })).statusCode,
      ).toBe(404);
    }
    expect((await as('anonymous', 'GET', `/api/assessments/resume/${m1Token}`)).statusCode).toBe(401);
    expect((await as('member', 'GET', `/api/assessments/resume/${m1Token}`)).statusCode).toBe(200);

    // profiles: the person and their assigned coach, never the answers
    const coachView = await as('coach', 'GET', `/api/people/${ids.member}/profiles`);
    expect(coachView.statusCode).toBe(200);
    expect(coachView.json().profiles).toHaveLength(1);
    expect(coachView.body).not.toMatch(/"answers"/);
    const c2 = { kind: 'user', userId: ids.coach2!, organizationId: ids.orgA!, role: 'coach' } as Actor;
    const { token } = await accounts.sessions.start(ids.coach2!, ids.orgA!, 'active', {
      ip: null,
      userAgent: null,
    });
    expect(c2.kind).toBe('user');
    const unassigned = await app.inject({
      url: `/api/people/${ids.member}/profiles`,
      headers: { cookie: `fulcrum_session=${token}` },
    });
    expect(unassigned.statusCode).toBe(403);
    for (const who of ['owner', 'admin', 'other-admin'] as const) {
      expect((await as(who, 'GET', `/api/people/${ids.member}/profiles`)).statusCode, who).toBe(403);
    }
  });
});
