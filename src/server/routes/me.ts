import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { NotFoundError } from '../../model/errors/index.ts';
import type { AccountService } from '../../services/auth/index.ts';
import type { Store } from '../../store/database.ts';
import { AssessmentRepository } from '../../store/repositories/assessments.ts';
import { clientInfo } from '../auth/client.ts';
import { clearSessionCookies } from '../auth/cookies.ts';

const TAGS = ['me'];
const Str = (max = 1024) => Type.String({ maxLength: max });
const Body = <T extends Parameters<typeof Type.Object>[0]>(props: T) =>
  Type.Object(props, { additionalProperties: false });

/** The signed-in person's own account, and what a coach may read about the people assigned to them. */
export const meRoutes: FastifyPluginAsyncTypebox<{
  accounts: AccountService;
  store: Store;
  /** Told when a claim changes an assessment's owner, so this server's autosave gate sees it at once. */
  onClaimed?: (resumeToken: string) => void;
}> = async (app, { accounts, store, onClaimed }) => {
  const assessments = new AssessmentRepository(store);

  app.get('/api/me', { schema: { tags: TAGS, summary: 'My account' } }, async (request) =>
    accounts.me(request.principal.actor),
  );

  app.patch(
    '/api/me',
    {
      schema: {
        tags: TAGS,
        summary:
          'Change my name, or ask to change my e-mail address (needs the current password; the new address confirms by a mailed link)',
        body: Body({
          name: Type.Optional(Str(200)),
          email: Type.Optional(Str(320)),
          currentPassword: Type.Optional(Str()),
        }),
      },
    },
    async (request) => accounts.updateProfile(request.principal.actor, request.body, clientInfo(request)),
  );

  app.post(
    '/api/me/password',
    {
      schema: {
        tags: TAGS,
        summary: 'Change my password; signs out my other sessions',
        body: Body({ currentPassword: Str(), newPassword: Str() }),
      },
    },
    async (request) =>
      accounts.changePassword(
        request.principal.actor,
        request.principal.session,
        request.body,
        clientInfo(request),
      ),
  );

  app.get(
    '/api/me/sessions',
    { schema: { tags: TAGS, summary: 'Where I am signed in' } },
    async (request) => ({
      sessions: await accounts.listSessions(request.principal.actor, request.principal.session),
    }),
  );

  app.post(
    '/api/me/sessions/end-others',
    { schema: { tags: TAGS, summary: 'Sign out everywhere else' } },
    async (request) =>
      accounts.endOtherSessions(request.principal.actor, request.principal.session, clientInfo(request)),
  );

  app.delete(
    '/api/me/sessions/:handle',
    {
      schema: {
        tags: TAGS,
        summary: 'Sign out one of my sessions',
        params: Type.Object({ handle: Str(16) }),
      },
    },
    async (request) => {
      const { actor } = request.principal;
      if (actor.kind !== 'user') return { ended: false };
      return { ended: await accounts.sessions.endByHandle(actor.userId, request.params.handle) };
    },
  );

  app.get(
    '/api/me/export',
    { schema: { tags: TAGS, summary: 'Everything stored about me, as JSON' } },
    async (request, reply) => {
      reply.header('content-disposition', 'attachment; filename="fulcrum-my-data.json"');
      return accounts.exportMyData(request.principal.actor);
    },
  );

  app.post(
    '/api/me/delete',
    {
      schema: {
        tags: TAGS,
        summary: 'Delete my account and my own data (needs the password)',
        body: Body({ password: Str() }),
      },
    },
    async (request, reply) => {
      await accounts.deleteAccount(request.principal.actor, request.body, clientInfo(request));
      clearSessionCookies(request, reply);
      return reply.status(204).send();
    },
  );

  app.get('/api/me/assessments', { schema: { tags: TAGS, summary: 'My assessments' } }, async (request) => {
    const { actor } = request.principal;
    if (actor.kind !== 'user') return { assessments: [] };
    const ids = await accounts.owners.idsOf(actor.organizationId, actor.userId);
    const list = [];
    for (const id of ids) {
      const a = await assessments.findById(id);
      if (a)
        list.push({
          id: a.id,
          form: a.form,
          status: a.status,
          createdAt: a.createdAt,
          completedAt: a.completedAt,
        });
    }
    return { assessments: list };
  });

  app.post(
    '/api/me/assessments/claim',
    {
      schema: {
        tags: TAGS,
        summary: 'Make an assessment I took anonymously mine (by its resume token)',
        body: Body({ resumeToken: Str(200) }),
      },
    },
    async (request) => {
      const claimed = await accounts.claimAssessment(
        request.principal.actor,
        request.body.resumeToken,
        clientInfo(request),
      );
      onClaimed?.(request.body.resumeToken);
      return claimed;
    },
  );

  app.get(
    '/api/me/clients',
    { schema: { tags: TAGS, summary: 'The people assigned to me as their coach' } },
    async (request) => ({
      clients: await accounts.myClients(request.principal.actor),
    }),
  );

  app.get(
    '/api/people/:userId/profiles',
    {
      schema: {
        tags: TAGS,
        summary: 'A person’s completed profiles (for themselves and their assigned coach; never the answers)',
        params: Type.Object({ userId: Str(64) }),
      },
    },
    async (request) => {
      const { actor } = request.principal;
      if (actor.kind !== 'user') throw new NotFoundError('person', request.params.userId);
      if (!(await accounts.memberships.get(actor.organizationId, request.params.userId))) {
        throw new NotFoundError('person', request.params.userId);
      }
      const ids = await accounts.owners.idsOf(actor.organizationId, request.params.userId);
      const profiles = [];
      for (const id of ids) {
        const a = await assessments.findById(id);
        if (a?.status === 'completed' && a.profile)
          profiles.push({ assessmentId: a.id, completedAt: a.completedAt, form: a.form, profile: a.profile });
      }
      return { profiles };
    },
  );
};
