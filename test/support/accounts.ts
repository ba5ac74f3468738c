import { randomBytes } from 'node:crypto';
import { AccountService, type AccountServiceOptions } from '../../src/services/auth/accounts.ts';
import { StoreMailer } from '../../src/services/auth/mailer.ts';
import { SecretBox } from '../../src/services/auth/secret-box.ts';
import type { Store } from '../../src/store/database.ts';

/** scrypt cost low enough for tests (the product uses N = 2^15). */
export const FAST_PASSWORDS = { N: 1024, r: 8, p: 1 };

/**
 * The account service as tests use it: mail to the store's outbox, a random sealing key, cheap
 * password hashing; `options` override any of them.
 *
 * @example
 * const accounts = testAccountService(store, { baseUrl: 'https://x' });
 */
export function testAccountService(
  store: Store,
  options: Partial<AccountServiceOptions> = {},
): AccountService {
  return new AccountService(store, {
    mailer: new StoreMailer(store),
    secretBox: new SecretBox(randomBytes(32)),
    baseUrl: 'http://localhost',
    passwordParams: FAST_PASSWORDS,
    ...options,
  });
}

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
