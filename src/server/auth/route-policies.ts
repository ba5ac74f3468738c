import type { Action } from '../../model/access/policy.ts';

/**
 * What protects an API route. Every route under /api must be listed in ROUTE_POLICIES; a route that
 * is not is refused at run time (fail closed) and fails the access-control matrix test.
 *
 * - `public`: anyone (login, set-up, health, anonymous assessments' start).
 * - `pending`: a half-finished sign-in that owes its second factor.
 * - `enrolling`: a signed-in session, or one that must set up a second factor first.
 * - `policy`: the actor must be allowed `action` on the resource named by `on`:
 *   `organization` their organisation; `self` their own account; `membership` a plain membership of
 *   their organisation (the service then checks the real one); `mail` their organisation's outbox;
 *   `person` the person in `:userId` (with that person's coaches); `assessment` the assessment behind
 *   `:token`; `claim` an unclaimed assessment whose token is presented; `public` nothing in particular.
 */
export type RouteGate =
  | { kind: 'public' }
  | { kind: 'pending' }
  | { kind: 'enrolling' }
  | {
      kind: 'policy';
      action: Action;
      on: 'organization' | 'self' | 'membership' | 'mail' | 'person' | 'assessment' | 'claim' | 'public';
    };

const pub: RouteGate = { kind: 'public' };
const policy = (action: Action, on: Extract<RouteGate, { kind: 'policy' }>['on']): RouteGate => ({
  kind: 'policy',
  action,
  on,
});

/** `METHOD /url` (the route's pattern) → its gate. One line per route. */
export const ROUTE_POLICIES: Record<string, RouteGate> = {
  // platform
  'GET /api/health': pub,
  'GET /api/openapi.json': pub,
  'GET /api/instruments/:id': pub,
  // registered only by the autosave benchmark, never in production
  'PUT /api/_bench/:assessmentId/answers/:itemId': pub,
  // the situational advisor and the practice library: anyone; signed in, advice uses your own profile
  'GET /api/advisor': pub,
  'POST /api/advice': pub,
  'GET /api/practices': pub,
  // anonymous or owned self-assessments, addressed by their private resume token
  'POST /api/assessments': policy('assessment.start', 'public'),
  'GET /api/assessments/resume/:token': policy('assessment.read-answers', 'assessment'),
  'PUT /api/assessments/:token/answers/:itemId': policy('assessment.answer', 'assessment'),
  'DELETE /api/assessments/:token/answers/:itemId': policy('assessment.answer', 'assessment'),
  'POST /api/assessments/:token/finish': policy('assessment.answer', 'assessment'),
  'GET /api/assessments/:token/profile': policy('assessment.read-answers', 'assessment'),
  // signing in
  'GET /api/auth/session': pub,
  'POST /api/auth/setup': pub,
  'POST /api/auth/login': pub,
  'POST /api/auth/login/totp': { kind: 'pending' },
  'POST /api/auth/logout': pub,
  'POST /api/auth/password-reset': pub,
  'POST /api/auth/password-reset/complete': pub,
  'POST /api/auth/email-change/confirm': pub,
  'POST /api/auth/invitations/describe': pub,
  'POST /api/auth/invitations/accept': pub,
  'POST /api/auth/totp/setup': { kind: 'enrolling' },
  'POST /api/auth/totp/confirm': { kind: 'enrolling' },
  'POST /api/auth/totp/disable': policy('account.manage', 'self'),
  // my account
  'GET /api/me': policy('account.manage', 'self'),
  'PATCH /api/me': policy('account.manage', 'self'),
  'POST /api/me/password': policy('account.manage', 'self'),
  'GET /api/me/sessions': policy('account.manage', 'self'),
  'POST /api/me/sessions/end-others': policy('account.manage', 'self'),
  'DELETE /api/me/sessions/:handle': policy('account.manage', 'self'),
  'GET /api/me/export': policy('account.manage', 'self'),
  'POST /api/me/delete': policy('account.manage', 'self'),
  'GET /api/me/assessments': policy('account.manage', 'self'),
  'POST /api/me/assessments/claim': policy('assessment.claim', 'claim'),
  'GET /api/me/clients': policy('coaching.list', 'organization'),
  'GET /api/people/:userId/profiles': policy('person.read-profile', 'person'),
  // the organisation
  'GET /api/organization': policy('organization.read', 'organization'),
  'PATCH /api/organization': policy('organization.manage', 'organization'),
  'PUT /api/organization/settings': policy('settings.manage', 'organization'),
  'GET /api/organization/members': policy('member.list', 'organization'),
  'PATCH /api/organization/members/:userId': policy('member.manage', 'membership'),
  'DELETE /api/organization/members/:userId': policy('member.manage', 'membership'),
  'GET /api/organization/invitations': policy('member.list', 'organization'),
  'POST /api/organization/invitations': policy('member.invite', 'membership'),
  'GET /api/organization/coach-assignments': policy('member.list', 'organization'),
  'POST /api/organization/coach-assignments': policy('coach.assign', 'organization'),
  'POST /api/organization/coach-assignments/remove': policy('coach.assign', 'organization'),
  'GET /api/organization/audit': policy('audit.read', 'organization'),
  'GET /api/organization/outbox': policy('mail.read-outbox', 'mail'),
  // 360° feedback: the gate admits members of the organisation; FeedbackService then decides on
  // the cycle, subject or report itself (policy.ts, feedbackRule). Raters answer by private link.
  'GET /api/cycles': policy('feedback.manage', 'organization'),
  'POST /api/cycles': policy('feedback.open', 'organization'),
  'GET /api/cycles/rater-load': policy('feedback.nominate', 'organization'),
  'GET /api/cycles/:cycleId': policy('feedback.manage', 'organization'),
  'POST /api/cycles/:cycleId/subjects/:subjectId/raters': policy('feedback.nominate', 'organization'),
  'POST /api/cycles/:cycleId/subjects/:subjectId/raters/:raterId/approve': policy(
    'feedback.manage',
    'organization',
  ),
  'POST /api/cycles/:cycleId/close': policy('feedback.manage', 'organization'),
  'POST /api/cycles/:cycleId/release': policy('feedback.manage', 'organization'),
  'GET /api/cycles/:cycleId/subjects/:subjectId/report': policy('feedback.read-report', 'organization'),
  'GET /api/cycles/:cycleId/subjects/:subjectId/report.pdf': policy('feedback.read-report', 'organization'),
  'GET /api/cycles/:cycleId/subjects/:subjectId/report.csv': policy('feedback.read-report', 'organization'),
  // development plans: the gate admits members of the organisation; PlanService then decides on the
  // plan itself (policy.ts, planRule). The calendar feed is reached by its private token alone.
  'POST /api/plans/suggestions': policy('plan.create', 'organization'),
  'GET /api/plans': policy('plan.create', 'organization'),
  'GET /api/plans/share-suggestions': policy('plan.create', 'organization'),
  'POST /api/plans': policy('plan.create', 'organization'),
  'GET /api/plans/:planId': policy('plan.read', 'organization'),
  'PATCH /api/plans/:planId': policy('plan.manage', 'organization'),
  'DELETE /api/plans/:planId': policy('plan.manage', 'organization'),
  'POST /api/plans/:planId/actions': policy('plan.manage', 'organization'),
  'PATCH /api/plans/:planId/actions/:actionId': policy('plan.manage', 'organization'),
  'DELETE /api/plans/:planId/actions/:actionId': policy('plan.manage', 'organization'),
  'POST /api/plans/:planId/check-ins': policy('plan.manage', 'organization'),
  'POST /api/plans/:planId/shares': policy('plan.manage', 'organization'),
  'DELETE /api/plans/:planId/shares/:userId': policy('plan.manage', 'organization'),
  'POST /api/plans/:planId/calendar': policy('plan.manage', 'organization'),
  'DELETE /api/plans/:planId/calendar': policy('plan.manage', 'organization'),
  'GET /api/calendar/:token': pub,
  'GET /api/me/growth': policy('account.manage', 'self'),
  'GET /api/rate/:token': pub,
  'PUT /api/rate/:token/answers/:itemId': pub,
  'PUT /api/rate/:token/comments/:questionId': pub,
  'POST /api/rate/:token/decline': pub,
  'POST /api/rate/:token/submit': pub,
};

export function routeKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url}`;
}
