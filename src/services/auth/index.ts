import type { Store } from '../../store/database.ts';
import { AccountService } from './accounts.ts';
import { mailConfigFromEnv, StoreMailer } from './mailer.ts';
import { loadSecretKey, SecretBox } from './secret-box.ts';

export { AccountService, authorize, type Principal, type SignInResult } from './accounts.ts';
export { type ClientInfo, csrfMatches, SessionService } from './sessions.ts';

/** The mailer (`SMTP_URL`, `MAIL_FROM`; the outbox without SMTP) and the public address for links (`PUBLIC_URL`). */
export function mailFromEnv(store: Store, env: NodeJS.ProcessEnv = process.env) {
  const mailer = new StoreMailer(store, mailConfigFromEnv(env));
  const baseUrl = (env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, '');
  return { mailer, baseUrl };
}

/**
 * The account service as configured by the environment:
 * `PUBLIC_URL` (links in mail; default `http://localhost:$PORT`), `SMTP_URL` and `MAIL_FROM` (mail;
 * without SMTP it goes to the outbox table), `FULCRUM_SECRET_KEY` (seals TOTP secrets; default a key
 * file in `DATA_DIR`), `SETUP_TOKEN` (needed for first-run set-up when set).
 */
export function accountServiceFromEnv(store: Store, env: NodeJS.ProcessEnv = process.env) {
  const { mailer, baseUrl } = mailFromEnv(store, env);
  const accounts = new AccountService(store, {
    mailer,
    secretBox: new SecretBox(() => loadSecretKey(env)),
    baseUrl,
    setupToken: env.SETUP_TOKEN || undefined,
  });
  return { accounts, mailer };
}
