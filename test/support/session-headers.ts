import type { AccountService } from '../../src/services/auth/accounts.ts';

/**
 * Headers of a fresh, fully signed-in session for `app.inject`: the session cookie, and on anything
 * but GET the CSRF token as the browser app sends it.
 *
 * @example
 * await app.inject({ method: 'POST', url: '/api/plans', headers: await sessionHeaders(accounts, userId, orgId, 'POST'), payload });
 */
export async function sessionHeaders(
  accounts: AccountService,
  userId: string,
  organizationId: string,
  method = 'GET',
): Promise<Record<string, string>> {
  const { token, session } = await accounts.sessions.start(userId, organizationId, 'active', {
    ip: '127.0.0.1',
    userAgent: 'test',
  });
  return {
    cookie: `fulcrum_session=${token}; fulcrum_csrf=${session.csrfSecret}`,
    ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrfSecret }),
  };
}
