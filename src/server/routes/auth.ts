import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountService, SignInResult } from '../../services/auth/index.ts';
import { clientInfo } from '../auth/client.ts';
import { clearSessionCookies, sessionCookie, setSessionCookies } from '../auth/cookies.ts';

const TAGS = ['auth'];
const Str = (max = 1024) => Type.String({ maxLength: max });
const Body = <T extends Parameters<typeof Type.Object>[0]>(props: T) =>
  Type.Object(props, { additionalProperties: false });

/** Sets the cookies of a new session and tells the page where the sign-in stands. */
function started(request: FastifyRequest, reply: FastifyReply, result: SignInResult) {
  setSessionCookies(request, reply, result.token, result.session.csrfSecret);
  return { status: result.status, csrfToken: result.session.csrfSecret };
}

/**
 * Signing in and out, first-run set-up, invitations, password reset and the second factor. The
 * session id travels only in its HttpOnly cookie; answers carry the CSRF token for the page.
 */
export const accountRoutes: FastifyPluginAsyncTypebox<{ accounts: AccountService }> = async (
  app,
  { accounts },
) => {
  app.get(
    '/api/auth/session',
    { schema: { tags: TAGS, summary: 'Who is signed in, and whether set-up is needed' } },
    async (request) => {
      const { actor, session } = request.principal;
      const needsSetup = await accounts.needsSetup();
      if (actor.kind !== 'user') {
        return {
          signedIn: false,
          needsSetup,
          ...(needsSetup ? { setupTokenRequired: accounts.setupTokenRequired } : {}),
          stage: session?.stage ?? null,
          ...(session ? { csrfToken: session.csrfSecret } : {}),
        };
      }
      return {
        signedIn: true,
        needsSetup,
        stage: 'active',
        csrfToken: session!.csrfSecret,
        ...(await accounts.me(actor)),
      };
    },
  );

  app.post(
    '/api/auth/setup',
    {
      schema: {
        tags: TAGS,
        summary: 'First run: create the organisation and its owner, and sign in',
        body: Body({
          organizationName: Type.Optional(Str(200)),
          name: Str(200),
          email: Str(320),
          password: Str(),
          setupToken: Type.Optional(Str(200)),
        }),
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      await accounts.createOwner(request.body);
      const result = await accounts.signIn({ email, password }, clientInfo(request));
      return reply.status(201).send(started(request, reply, result));
    },
  );

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: TAGS,
        summary: 'Sign in with e-mail and password',
        body: Body({ email: Str(320), password: Str() }),
      },
    },
    async (request, reply) => {
      const result = await accounts.signIn(request.body, clientInfo(request));
      return started(request, reply, result);
    },
  );

  app.post(
    '/api/auth/login/totp',
    {
      schema: {
        tags: TAGS,
        summary: 'Second step: the code from the authenticator app',
        body: Body({ code: Str(12) }),
      },
    },
    async (request, reply) => {
      const result = await accounts.completeTotp(
        sessionCookie(request),
        request.body.code,
        clientInfo(request),
      );
      return started(request, reply, result);
    },
  );

  app.post('/api/auth/logout', { schema: { tags: TAGS, summary: 'Sign out' } }, async (request, reply) => {
    await accounts.signOut(sessionCookie(request), request.principal, clientInfo(request));
    clearSessionCookies(request, reply);
    return reply.status(204).send();
  });

  app.post(
    '/api/auth/password-reset',
    {
      schema: {
        tags: TAGS,
        summary: 'Mail a reset link (the answer is the same whether or not the address has an account)',
        body: Body({ email: Str(320) }),
      },
    },
    async (request, reply) => {
      await accounts.requestPasswordReset(request.body, clientInfo(request));
      return reply.status(202).send({ status: 'if this address has an account, a link is on its way' });
    },
  );

  app.post(
    '/api/auth/password-reset/complete',
    {
      schema: {
        tags: TAGS,
        summary: 'Set a new password with a reset link',
        body: Body({ token: Str(200), password: Str() }),
      },
    },
    async (request, reply) => {
      await accounts.resetPassword(request.body, clientInfo(request));
      clearSessionCookies(request, reply);
      return { status: 'password changed; sign in with it' };
    },
  );

  app.post(
    '/api/auth/email-change/confirm',
    {
      schema: {
        tags: TAGS,
        summary: 'Confirm a new e-mail address with the link mailed to it',
        body: Body({ token: Str(200) }),
      },
    },
    async (request) => accounts.confirmEmailChange(request.body, clientInfo(request)),
  );

  app.post(
    '/api/auth/invitations/describe',
    { schema: { tags: TAGS, summary: 'What an invitation link is for', body: Body({ token: Str(200) }) } },
    async (request) => accounts.describeInvitation(request.body.token),
  );

  app.post(
    '/api/auth/invitations/accept',
    {
      schema: {
        tags: TAGS,
        summary:
          'Accept an invitation (new people choose a name and password; existing accounts give theirs)',
        body: Body({ token: Str(200), name: Type.Optional(Str(200)), password: Str() }),
      },
    },
    async (request, reply) => {
      const result = await accounts.acceptInvitation(request.body, clientInfo(request));
      return started(request, reply, result);
    },
  );

  app.post(
    '/api/auth/totp/setup',
    { schema: { tags: TAGS, summary: 'Start setting up an authenticator app' } },
    async (request) => accounts.beginTotp(request.principal.session),
  );

  app.post(
    '/api/auth/totp/confirm',
    {
      schema: {
        tags: TAGS,
        summary: 'Confirm the authenticator app with a first code',
        body: Body({ code: Str(12) }),
      },
    },
    async (request, reply) => {
      const result = await accounts.confirmTotp(
        request.principal.session,
        request.body.code,
        clientInfo(request),
      );
      return result ? started(request, reply, result) : { status: 'signed-in' };
    },
  );

  app.post(
    '/api/auth/totp/disable',
    {
      schema: {
        tags: TAGS,
        summary: 'Turn the second factor off (needs the password)',
        body: Body({ password: Str() }),
      },
    },
    async (request) => {
      await accounts.disableTotp(request.principal.actor, request.body.password, clientInfo(request));
      return { totpEnabled: false };
    },
  );
};
