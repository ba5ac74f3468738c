import { describe, expect, it } from 'vitest';
import { ACTIONS, type Action, type Actor, can, type Reason, type Resource, type Role } from './policy.ts';

const user = (userId: string, role: Role, organizationId = 'A'): Actor => ({
  kind: 'user',
  userId,
  organizationId,
  role,
});

/** Everyone who might ask; `m1` is the person whose data is at stake, `c1` is their coach. */
const actors = {
  anon: { kind: 'anonymous' } as Actor,
  m1: user('m1', 'member'),
  m2: user('m2', 'member'),
  c1: user('c1', 'coach'),
  c2: user('c2', 'coach'),
  a1: user('a1', 'admin'),
  o1: user('o1', 'owner'),
  // another organisation: its admin and owner, and m1 themself acting in that other organisation
  xa: user('xa', 'admin', 'B'),
  xo: user('xo', 'owner', 'B'),
  m1AtB: user('m1', 'owner', 'B'),
} as const;
type Who = keyof typeof actors;
const ALL = Object.keys(actors) as Who[];
const USERS = ALL.filter((w) => w !== 'anon');

const m1Assessment: Resource = { type: 'assessment', organizationId: 'A', userId: 'm1', coachIds: ['c1'] };
const unclaimedWithToken: Resource = {
  type: 'assessment',
  organizationId: null,
  userId: null,
  tokenPresented: true,
};
const unclaimedNoToken: Resource = { type: 'assessment', organizationId: null, userId: null };
const orgA: Resource = { type: 'organization', organizationId: 'A' };
const m1Person: Resource = { type: 'person', organizationId: 'A', userId: 'm1', coachIds: ['c1'] };
const invite = (role: Role): Resource => ({ type: 'membership', organizationId: 'A', userId: null, role });
const change = (userId: string, role: Role, newRole?: Role): Resource => ({
  type: 'membership',
  organizationId: 'A',
  userId,
  role,
  ...(newRole ? { newRole } : {}),
});

/** The expected table, written by hand from the rules in the module's doc comment. */
const table: Array<[string, Action, Resource, Who[]]> = [
  ['anyone starts an assessment', 'assessment.start', { type: 'public' }, ALL],
  ['answers go only to their author', 'assessment.read-answers', m1Assessment, ['m1']],
  ['only the author answers', 'assessment.answer', m1Assessment, ['m1']],
  ['profile: author and assigned coach', 'assessment.read-profile', m1Assessment, ['m1', 'c1']],
  ['only the author deletes', 'assessment.delete', m1Assessment, ['m1']],
  ['a claimed assessment is not claimed again', 'assessment.claim', m1Assessment, []],
  ['token holder answers an unclaimed one', 'assessment.answer', unclaimedWithToken, ALL],
  ['token holder reads its answers', 'assessment.read-answers', unclaimedWithToken, ALL],
  ['token holder reads its profile', 'assessment.read-profile', unclaimedWithToken, ALL],
  ['token holder deletes it', 'assessment.delete', unclaimedWithToken, ALL],
  ['a signed-in token holder claims it', 'assessment.claim', unclaimedWithToken, USERS],
  ['no token, no answers', 'assessment.read-answers', unclaimedNoToken, []],
  ['no token, no profile', 'assessment.read-profile', unclaimedNoToken, []],
  ['no token, no claim', 'assessment.claim', unclaimedNoToken, []],
  ['an assessment is not an organisation', 'audit.read', m1Assessment, []],
  ['own account only', 'account.manage', m1Person, ['m1']],
  ["a person's profiles: self and assigned coach", 'person.read-profile', m1Person, ['m1', 'c1']],
  ['coaches list their clients', 'coaching.list', orgA, ['c1', 'c2']],
  ['members read their organisation', 'organization.read', orgA, ['m1', 'm2', 'c1', 'c2', 'a1', 'o1']],
  ['admins manage the organisation', 'organization.manage', orgA, ['a1', 'o1']],
  ['admins see aggregates', 'organization.read-aggregates', orgA, ['a1', 'o1']],
  ['admins list members', 'member.list', orgA, ['a1', 'o1']],
  ['admins assign coaches', 'coach.assign', orgA, ['a1', 'o1']],
  ['admins read the audit log', 'audit.read', orgA, ['a1', 'o1']],
  ['only the owner manages admins', 'admin.manage', orgA, ['o1']],
  ['only the owner changes settings', 'settings.manage', orgA, ['o1']],
  ['admins invite members', 'member.invite', invite('member'), ['a1', 'o1']],
  ['admins invite coaches', 'member.invite', invite('coach'), ['a1', 'o1']],
  ['only the owner invites admins', 'member.invite', invite('admin'), ['o1']],
  ['nobody invites an owner', 'member.invite', invite('owner'), []],
  ['admins make a member a coach', 'member.manage', change('m2', 'member', 'coach'), ['a1', 'o1']],
  ['admins remove a member', 'member.manage', change('m2', 'member'), ['a1', 'o1']],
  ['only the owner promotes to admin', 'member.manage', change('m2', 'member', 'admin'), ['o1']],
  ['only the owner demotes an admin', 'member.manage', change('a1', 'admin', 'member'), ['o1']],
  ['nobody changes the owner', 'member.manage', change('o1', 'owner', 'admin'), []],
  ['nobody makes someone owner', 'member.manage', change('m2', 'member', 'owner'), []],
  [
    'admins read ordinary outbox mail',
    'mail.read-outbox',
    { type: 'mail', organizationId: 'A', restricted: false },
    ['a1', 'o1'],
  ],
  [
    'only the owner reads restricted mail',
    'mail.read-outbox',
    { type: 'mail', organizationId: 'A', restricted: true },
    ['o1'],
  ],
  [
    'mail without organisation is for the operator',
    'mail.read-outbox',
    { type: 'mail', organizationId: null, restricted: false },
    [],
  ],
  ['a person is not an outbox', 'mail.read-outbox', m1Person, []],
  ['an organisation is not an account', 'account.manage', orgA, []],
  // 360° feedback (details in feedback-policy.test.ts)
  [
    '360°: admins and the assigned coach open a cycle for m1',
    'feedback.open',
    { type: 'feedback-subject', organizationId: 'A', userId: 'm1', coachIds: ['c1'], selfService: false },
    ['a1', 'o1', 'c1'],
  ],
  [
    '360°: the cycle owner (c1) and admins run it',
    'feedback.manage',
    { type: 'feedback-cycle', organizationId: 'A', ownerId: 'c1', subjectUserIds: ['m1'] },
    ['c1', 'a1', 'o1'],
  ],
  [
    '360°: the subject also nominates',
    'feedback.nominate',
    { type: 'feedback-cycle', organizationId: 'A', ownerId: 'c1', subjectUserIds: ['m1'] },
    ['m1', 'c1', 'a1', 'o1'],
  ],
  [
    '360°: the report is for the subject and their coach only',
    'feedback.read-report',
    { type: 'feedback-report', organizationId: 'A', userId: 'm1', coachIds: ['c1'] },
    ['m1', 'c1'],
  ],
  // development plans (details in plan-policy.test.ts)
  ['plans: any member keeps plans of their own', 'plan.create', orgA, ['m1', 'm2', 'c1', 'c2', 'a1', 'o1']],
  [
    'plans: m1 reads their plan, and c1 once m1 shares it',
    'plan.read',
    { type: 'plan', organizationId: 'A', ownerId: 'm1', sharedWith: ['c1'] },
    ['m1', 'c1'],
  ],
  [
    'plans: only m1 changes it',
    'plan.manage',
    { type: 'plan', organizationId: 'A', ownerId: 'm1', sharedWith: ['c1'] },
    ['m1'],
  ],
];

describe('can(actor, action, resource)', () => {
  it('the table names every action', () => {
    const named = new Set(table.map(([, action]) => action));
    expect(ACTIONS.filter((a) => !named.has(a))).toEqual([]);
  });

  describe.each(table)('%s', (_title, action, resource, allowed) => {
    it.each(ALL)(`%s`, (who) => {
      const decision = can(actors[who], action, resource);
      expect(decision.allowed, `${who} ${action} → ${decision.reason}`).toBe(allowed.includes(who));
      expect(decision.reason).toBeTruthy();
    });
  });

  it('never lets an admin or owner read anyone else’s answers or profile, in any organisation', () => {
    for (const who of ['a1', 'o1', 'xa', 'xo'] as const) {
      for (const action of ['assessment.read-answers', 'assessment.read-profile'] as const) {
        expect(can(actors[who], action, m1Assessment).allowed).toBe(false);
      }
      expect(can(actors[who], 'person.read-profile', m1Person).allowed).toBe(false);
    }
  });

  it('denies every action on another organisation’s resources, with the reason', () => {
    const other: Array<[Action, Resource]> = [
      ['organization.manage', { type: 'organization', organizationId: 'B' }],
      ['member.invite', { type: 'membership', organizationId: 'B', userId: null, role: 'member' }],
      ['mail.read-outbox', { type: 'mail', organizationId: 'B', restricted: false }],
      ['assessment.read-profile', { type: 'assessment', organizationId: 'B', userId: 'x', coachIds: ['c1'] }],
      ['person.read-profile', { type: 'person', organizationId: 'B', userId: 'x', coachIds: ['c1'] }],
    ];
    for (const [action, resource] of other) {
      for (const who of ['o1', 'a1', 'c1'] as const) {
        expect(can(actors[who], action, resource)).toEqual({ allowed: false, reason: 'other-organization' });
      }
    }
  });

  it('gives stable reasons', () => {
    const cases: Array<[Who, Action, Resource, Reason]> = [
      ['anon', 'organization.read', orgA, 'unauthenticated'],
      ['a1', 'assessment.read-answers', m1Assessment, 'answers-are-private'],
      ['c2', 'assessment.read-profile', m1Assessment, 'not-assigned'],
      ['c1', 'assessment.read-profile', m1Assessment, 'assigned-coach'],
      ['m1', 'assessment.read-answers', m1Assessment, 'own-data'],
      ['anon', 'assessment.answer', unclaimedWithToken, 'resume-token'],
      ['m2', 'assessment.claim', m1Assessment, 'already-claimed'],
      ['a1', 'member.manage', change('a1', 'admin', 'member'), 'own-membership'],
      ['a1', 'member.invite', invite('admin'), 'role-too-low'],
      ['o1', 'member.manage', change('m2', 'member', 'owner'), 'owner-membership'],
      ['o1', 'mail.read-outbox', { type: 'mail', organizationId: null, restricted: false }, 'operator-only'],
      ['xa', 'member.list', orgA, 'other-organization'],
      ['m1', 'member.list', orgA, 'role-too-low'],
    ];
    for (const [who, action, resource, reason] of cases) {
      expect(can(actors[who], action, resource).reason, `${who} ${action}`).toBe(reason);
    }
  });

  it('a coach assignment counts only for coaches of the same organisation', () => {
    const memberListedAsCoach: Resource = { ...m1Assessment, coachIds: ['m2'] };
    expect(can(actors.m2, 'assessment.read-profile', memberListedAsCoach).allowed).toBe(false);
    const otherOrgCoach = user('c1', 'coach', 'B');
    expect(can(otherOrgCoach, 'assessment.read-profile', m1Assessment).reason).toBe('other-organization');
  });
});
