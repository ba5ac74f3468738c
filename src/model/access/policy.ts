/**
 * The one access policy of Fulcrum: `can(actor, action, resource)`, a pure function.
 *
 * - A member sees and changes their own data (assessments, answers, profiles, account).
 * - A coach reads the profiles (never the raw answers) of the people assigned to them.
 * - An admin manages the organisation — people, roles below admin, coach assignments, the audit log,
 *   the mail outbox — but never reads an individual's answers or profile.
 * - The owner can do what an admin can, and also manages admins and the organisation's settings.
 * - Nothing crosses organisations. An anonymous visitor can only start an assessment and continue
 *   an unclaimed one whose private resume token they present.
 *
 * Every decision carries a stable `reason`, so logs and tests can say why.
 */

export const ROLES = ['member', 'coach', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string; organizationId: string; role: Role };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export type Resource =
  /** Nothing in particular (starting a new anonymous assessment). */
  | { type: 'public' }
  | { type: 'organization'; organizationId: string }
  /** A person's account or the profiles of a person; `coachIds` are the coaches assigned to them. */
  | { type: 'person'; organizationId: string; userId: string; coachIds?: readonly string[] }
  /**
   * One assessment. Unclaimed ones (`userId` null) are reachable only by whoever presents the
   * resume token; claimed ones only by their owner (and, for the profile, assigned coaches).
   */
  | {
      type: 'assessment';
      organizationId: string | null;
      userId: string | null;
      coachIds?: readonly string[];
      tokenPresented?: boolean;
    }
  /** A membership: the role it has now, and for a change the role it would get. */
  | { type: 'membership'; organizationId: string; userId: string | null; role: Role; newRole?: Role }
  /** A mail in the outbox; `restricted` when it carries a credential above membership. */
  | { type: 'mail'; organizationId: string | null; restricted: boolean }
  /** A person for whom a 360° cycle would be opened; `selfService` when the organisation lets people open their own. */
  | {
      type: 'feedback-subject';
      organizationId: string;
      userId: string;
      coachIds?: readonly string[];
      selfService: boolean;
    }
  /** A 360° cycle: who opened it and whom it is about. */
  | { type: 'feedback-cycle'; organizationId: string; ownerId: string; subjectUserIds: readonly string[] }
  /** A subject's 360° report. */
  | { type: 'feedback-report'; organizationId: string; userId: string; coachIds?: readonly string[] }
  /** A development plan: whose it is, and whom its owner shares it with (explicit, revocable). */
  | { type: 'plan'; organizationId: string; ownerId: string; sharedWith: readonly string[] };

export const ACTIONS = [
  'assessment.start',
  'assessment.answer',
  'assessment.read-answers',
  'assessment.read-profile',
  'assessment.claim',
  'assessment.delete',
  'account.manage',
  'person.read-profile',
  'coaching.list',
  'organization.read',
  'organization.manage',
  'organization.read-aggregates',
  'member.list',
  'member.invite',
  'member.manage',
  'coach.assign',
  'admin.manage',
  'settings.manage',
  'audit.read',
  'mail.read-outbox',
  'feedback.open',
  'feedback.manage',
  'feedback.nominate',
  'feedback.read-report',
  'plan.create',
  'plan.read',
  'plan.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

export type Reason =
  | 'public'
  | 'own-data'
  | 'resume-token'
  | 'assigned-coach'
  | 'shared-with-me'
  | 'role'
  | 'unauthenticated'
  | 'other-organization'
  | 'not-own-data'
  | 'answers-are-private'
  | 'not-assigned'
  | 'role-too-low'
  | 'own-membership'
  | 'owner-membership'
  | 'already-claimed'
  | 'operator-only'
  | 'wrong-resource';

export interface Decision {
  allowed: boolean;
  reason: Reason;
}

const allow = (reason: Reason): Decision => ({ allowed: true, reason });
const deny = (reason: Reason): Decision => ({ allowed: false, reason });

const RANK: Record<Role, number> = { member: 0, coach: 0, admin: 1, owner: 2 };
const atLeast = (role: Role, min: 'admin' | 'owner') => RANK[role] >= RANK[min];

type UserActor = Extract<Actor, { kind: 'user' }>;

/** May `actor` do `action` on `resource`? Pure; every path returns a reason. */
export function can(actor: Actor, action: Action, resource: Resource): Decision {
  if (action === 'assessment.start') return allow('public');
  if (resource.type === 'assessment') return assessmentRule(actor, action, resource);
  if (actor.kind === 'anonymous') return deny('unauthenticated');
  if (resource.type === 'public') return deny('wrong-resource');
  if (resource.organizationId !== actor.organizationId) {
    // mail without an organisation (password resets) is for the server's operator only
    return resource.type === 'mail' && resource.organizationId === null
      ? deny('operator-only')
      : deny('other-organization');
  }
  switch (resource.type) {
    case 'organization':
      return organizationRule(actor, action);
    case 'person':
      return personRule(actor, action, resource);
    case 'membership':
      return membershipRule(actor, action, resource);
    case 'feedback-subject':
    case 'feedback-cycle':
    case 'feedback-report':
      return feedbackRule(actor, action, resource);
    case 'plan':
      return planRule(actor, action, resource);
    case 'mail':
      if (action !== 'mail.read-outbox') return deny('wrong-resource');
      if (!atLeast(actor.role, 'admin')) return deny('role-too-low');
      return resource.restricted && actor.role !== 'owner' ? deny('role-too-low') : allow('role');
  }
}

function assessmentRule(
  actor: Actor,
  action: Action,
  resource: Extract<Resource, { type: 'assessment' }>,
): Decision {
  const readsOrWrites =
    action === 'assessment.answer' ||
    action === 'assessment.read-answers' ||
    action === 'assessment.read-profile' ||
    action === 'assessment.delete';
  if (!readsOrWrites && action !== 'assessment.claim') return deny('wrong-resource');

  if (resource.userId === null) {
    // unclaimed: the resume token is the only key, whoever holds it
    if (!resource.tokenPresented)
      return deny(actor.kind === 'anonymous' ? 'unauthenticated' : 'not-own-data');
    if (action === 'assessment.claim')
      return actor.kind === 'user' ? allow('resume-token') : deny('unauthenticated');
    return allow('resume-token');
  }
  if (action === 'assessment.claim')
    return actor.kind === 'user' ? deny('already-claimed') : deny('unauthenticated');
  if (actor.kind === 'anonymous') return deny('unauthenticated');
  if (resource.organizationId !== actor.organizationId) return deny('other-organization');
  if (resource.userId === actor.userId) return allow('own-data');
  if (action === 'assessment.read-profile') {
    return resource.coachIds?.includes(actor.userId) && actor.role === 'coach'
      ? allow('assigned-coach')
      : deny('not-assigned');
  }
  return action === 'assessment.read-answers' ? deny('answers-are-private') : deny('not-own-data');
}

function organizationRule(actor: UserActor, action: Action): Decision {
  switch (action) {
    case 'organization.read':
      return allow('role');
    // the route gate for 360° routes: any member of the organisation; the service then decides on
    // the cycle, subject or report itself (feedbackRule)
    case 'feedback.open':
    case 'feedback.manage':
    case 'feedback.nominate':
    case 'feedback.read-report':
      return allow('role');
    // the route gate for plan routes: any member keeps plans of their own; the service then decides
    // on the plan itself (planRule)
    case 'plan.create':
    case 'plan.read':
    case 'plan.manage':
      return allow('role');
    case 'coaching.list':
      return actor.role === 'coach' ? allow('role') : deny('role-too-low');
    case 'organization.manage':
    case 'organization.read-aggregates':
    case 'member.list':
    case 'coach.assign':
    case 'audit.read':
      return atLeast(actor.role, 'admin') ? allow('role') : deny('role-too-low');
    case 'admin.manage':
    case 'settings.manage':
      return actor.role === 'owner' ? allow('role') : deny('role-too-low');
    default:
      return deny('wrong-resource');
  }
}

/**
 * 360° feedback. An admin, a coach for the people assigned to them, or the person themselves (when
 * the organisation allows it) opens a cycle; whoever opened it, and admins, run it; a subject may
 * nominate raters for their own cycle (peers, subject to approval — the service checks that part);
 * only the subject and their assigned coach read the report, never an admin.
 */
function feedbackRule(
  actor: UserActor,
  action: Action,
  resource: Extract<Resource, { type: 'feedback-subject' | 'feedback-cycle' | 'feedback-report' }>,
): Decision {
  const isAdmin = atLeast(actor.role, 'admin');
  const coaches = (ids?: readonly string[]) => actor.role === 'coach' && (ids ?? []).includes(actor.userId);
  switch (resource.type) {
    case 'feedback-subject':
      if (action !== 'feedback.open') return deny('wrong-resource');
      if (isAdmin) return allow('role');
      if (coaches(resource.coachIds)) return allow('assigned-coach');
      if (resource.userId === actor.userId)
        return resource.selfService ? allow('own-data') : deny('role-too-low');
      return deny('not-assigned');
    case 'feedback-cycle':
      if (action !== 'feedback.manage' && action !== 'feedback.nominate') return deny('wrong-resource');
      if (resource.ownerId === actor.userId) return allow('own-data');
      if (isAdmin) return allow('role');
      if (action === 'feedback.nominate' && resource.subjectUserIds.includes(actor.userId))
        return allow('own-data');
      return deny('not-own-data');
    case 'feedback-report':
      if (action !== 'feedback.read-report') return deny('wrong-resource');
      if (resource.userId === actor.userId) return allow('own-data');
      return coaches(resource.coachIds) ? allow('assigned-coach') : deny('answers-are-private');
  }
}

/**
 * Development plans are the owner's: only they change one. They may share it (read only) with chosen
 * people of their organisation — their manager or coach — and withdraw that at any time. Nobody else
 * reads a plan, whatever their role: an admin runs the organisation, not people's development.
 */
function planRule(actor: UserActor, action: Action, resource: Extract<Resource, { type: 'plan' }>): Decision {
  if (action !== 'plan.read' && action !== 'plan.manage') return deny('wrong-resource');
  if (resource.ownerId === actor.userId) return allow('own-data');
  if (action === 'plan.read' && resource.sharedWith.includes(actor.userId)) return allow('shared-with-me');
  return deny('not-own-data');
}

function personRule(
  actor: UserActor,
  action: Action,
  resource: Extract<Resource, { type: 'person' }>,
): Decision {
  const self = resource.userId === actor.userId;
  if (action === 'account.manage') return self ? allow('own-data') : deny('not-own-data');
  if (action === 'person.read-profile') {
    if (self) return allow('own-data');
    return actor.role === 'coach' && resource.coachIds?.includes(actor.userId)
      ? allow('assigned-coach')
      : deny('not-assigned');
  }
  return deny('wrong-resource');
}

function membershipRule(
  actor: UserActor,
  action: Action,
  resource: Extract<Resource, { type: 'membership' }>,
): Decision {
  if (action !== 'member.invite' && action !== 'member.manage') return deny('wrong-resource');
  if (!atLeast(actor.role, 'admin')) return deny('role-too-low');
  if (action === 'member.manage' && resource.userId === actor.userId) return deny('own-membership');
  // there is exactly one owner; ownership is never granted, changed or removed here
  if (resource.role === 'owner' || resource.newRole === 'owner') return deny('owner-membership');
  const touchesAdmin = resource.role === 'admin' || resource.newRole === 'admin';
  if (touchesAdmin)
    return can(actor, 'admin.manage', { type: 'organization', organizationId: actor.organizationId });
  return allow('role');
}
