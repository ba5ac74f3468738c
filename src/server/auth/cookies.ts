import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The session cookie: `HttpOnly`, `SameSite=Lax`, `Path=/`, no `Max-Age` (it ends with the browser;
 * the server also expires sessions after idle time and at an absolute limit). Over HTTPS it is also
 * `Secure` and carries the `__Host-` prefix (no Domain, so no subdomain can set or read it).
 * A second, script-readable cookie carries the session's CSRF token, which the browser app echoes in
 * the `X-CSRF-Token` header of every state-changing request.
 */
export const CSRF_HEADER = 'x-csrf-token';

export function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

export function cookieNames(request: FastifyRequest) {
  return isHttps(request)
    ? { session: '__Host-fulcrum_session', csrf: '__Host-fulcrum_csrf' }
    : { session: 'fulcrum_session', csrf: 'fulcrum_csrf' };
}

/** The session id the request presents; over HTTPS only the `__Host-` cookie counts. */
export function sessionCookie(request: FastifyRequest): string | undefined {
  return request.cookies[cookieNames(request).session] || undefined;
}

export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, token: string, csrf: string) {
  const names = cookieNames(request);
  const secure = isHttps(request);
  reply.setCookie(names.session, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  reply.setCookie(names.csrf, csrf, { path: '/', httpOnly: false, sameSite: 'lax', secure });
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply) {
  const names = cookieNames(request);
  const secure = isHttps(request);
  reply.clearCookie(names.session, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  reply.clearCookie(names.csrf, { path: '/', httpOnly: false, sameSite: 'lax', secure });
}
