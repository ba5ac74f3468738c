import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { AccountService } from '../../services/auth/index.ts';
import { clientInfo } from '../auth/client.ts';

const TAGS = ['organization'];
const Str = (max = 1024) => Type.String({ maxLength: max });
const Body = <T extends Parameters<typeof Type.Object>[0]>(props: T) =>
  Type.Object(props, { additionalProperties: false });
const RoleName = Type.Union([Type.Literal('member'), Type.Literal('coach'), Type.Literal('admin')]);
const UserParams = Type.Object({ userId: Str(64) });

/**
 * Running the organisation: people and roles, invitations, coach assignments, settings, the audit
 * log and the mail outbox. Every route acts within the caller's own organisation only.
 */
export const organizationRoutes: FastifyPluginAsyncTypebox<{ accounts: AccountService }> = async (
  app,
  { accounts },
) => {
  app.get(
    '/api/organization',
    { schema: { tags: TAGS, summary: 'My organisation (settings for admins)' } },
    async (request) => accounts.organization(request.principal.actor),
  );

  app.patch(
    '/api/organization',
    { schema: { tags: TAGS, summary: 'Rename the organisation', body: Body({ name: Str(200) }) } },
    async (request) =>
      accounts.renameOrganization(request.principal.actor, request.body.name, clientInfo(request)),
  );

  app.put(
    '/api/organization/settings',
    {
      schema: {
        tags: TAGS,
        summary: 'Retention and second-factor settings (owner only)',
        body: Body({
          retentionDays: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
          requireTwoFactorForAdmins: Type.Optional(Type.Boolean()),
          feedbackSelfService: Type.Optional(Type.Boolean()),
          raterLoadWarning: Type.Optional(Type.Integer()),
        }),
      },
    },
    async (request) => accounts.updateSettings(request.principal.actor, request.body, clientInfo(request)),
  );

  app.get(
    '/api/organization/members',
    { schema: { tags: TAGS, summary: 'People and their roles' } },
    async (request) => ({
      members: (await accounts.listMembers(request.principal.actor)).map((m) => ({
        userId: m.userId,
        name: m.name,
        email: m.email,
        role: m.role,
        totpEnabled: m.totpEnabled,
        joinedAt: m.createdAt,
      })),
    }),
  );

  app.patch(
    '/api/organization/members/:userId',
    {
      schema: {
        tags: TAGS,
        summary: 'Change a person’s role',
        params: UserParams,
        body: Body({ role: RoleName }),
      },
    },
    async (request) => {
      await accounts.changeRole(
        request.principal.actor,
        request.params.userId,
        request.body.role,
        clientInfo(request),
      );
      return { userId: request.params.userId, role: request.body.role };
    },
  );

  app.delete(
    '/api/organization/members/:userId',
    { schema: { tags: TAGS, summary: 'Remove a person from the organisation', params: UserParams } },
    async (request, reply) => {
      await accounts.removeMember(request.principal.actor, request.params.userId, clientInfo(request));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/organization/invitations',
    { schema: { tags: TAGS, summary: 'Invitations not yet accepted' } },
    async (request) => ({
      invitations: await accounts.pendingInvitations(request.principal.actor),
    }),
  );

  app.post(
    '/api/organization/invitations',
    {
      schema: {
        tags: TAGS,
        summary: 'Invite someone by e-mail',
        body: Body({ email: Str(320), role: Type.Optional(RoleName) }),
      },
    },
    async (request, reply) => {
      const result = await accounts.invite(request.principal.actor, request.body, clientInfo(request));
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/organization/coach-assignments',
    { schema: { tags: TAGS, summary: 'Who coaches whom' } },
    async (request) => ({
      assignments: await accounts.coachAssignments(request.principal.actor),
    }),
  );

  const Pair = Body({ coachUserId: Str(64), memberUserId: Str(64) });
  app.post(
    '/api/organization/coach-assignments',
    { schema: { tags: TAGS, summary: 'Assign a coach to a person', body: Pair } },
    async (request, reply) => {
      await accounts.assignCoach(request.principal.actor, request.body, clientInfo(request));
      return reply.status(201).send(request.body);
    },
  );

  app.post(
    '/api/organization/coach-assignments/remove',
    { schema: { tags: TAGS, summary: 'End a coach assignment', body: Pair } },
    async (request, reply) => {
      await accounts.assignCoach(request.principal.actor, request.body, clientInfo(request), false);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/organization/audit',
    { schema: { tags: TAGS, summary: 'The audit log, newest first' } },
    async (request) => ({
      entries: await accounts.auditLog(request.principal.actor),
    }),
  );

  app.get(
    '/api/organization/outbox',
    { schema: { tags: TAGS, summary: 'Mail kept for this organisation' } },
    async (request) => ({
      mails: await accounts.mailOutbox(request.principal.actor),
    }),
  );
};
