import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Action, type Actor, ANONYMOUS, can, type Resource } from '../../model/access/policy.ts';
import { ForbiddenError, UnauthenticatedError } from '../../model/errors/index.ts';
import { type AccountService, accountServiceFromEnv, type Principal } from '../../services/auth/index.ts';
import { csrfMatches } from '../../services/auth/sessions.ts';
import { hashToken } from '../../services/tokens.ts';
import type { Store } from '../../store/database.ts';
import { accountRoutes } from '../routes/auth.ts';
import { meRoutes } from '../routes/me.ts';
import { organizationRoutes } from '../routes/organization.ts';
import { CSRF_HEADER, sessionCookie } from './cookies.ts';
import { TokenOwnerCache } from './owner-cache.ts';
import { ROUTE_POLICIES, type RouteGate, routeKey } from './route-policies.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking (anonymous when not signed in) and their session. Set for every /api request. */
    principal: Principal;
  }
  interface FastifyInstance {
    /** Every API route as `METHOD /pattern`, in registration order (the access-control matrix test reads it). */
    apiRoutes: string[];
  }
}

export interface AuthOptions {
  /** The account service; default: configured from the environment. */
  accounts?: AccountService;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function deny(reason: string, anonymous: boolean): never {
  if (anonymous || reason === 'unauthenticated') throw new UnauthenticatedError();
  throw new ForbiddenError(reason);
}

/**
 * Accounts in the HTTP app: the cookie parser, the principal of every API request, the cross-site and
 * CSRF checks on state-changing requests, the route gate from ROUTE_POLICIES (fail closed), and the
 * auth, profile and organisation routes. Registered on the root instance before any other route, so
 * its hooks cover every route.
 */
export async function registerAuth(app: FastifyInstance, store: Store, options: AuthOptions = {}) {
  const accounts = options.accounts ?? accountServiceFromEnv(store).accounts;
  const ownerCache = new TokenOwnerCache();
  await app.register(cookie);

  app.decorate('apiRoutes', [] as string[]);
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') app.apiRoutes.push(routeKey(method, route.url));
  });

  app.addHook('onRequest', async (request) => {
    request.principal = { actor: ANONYMOUS, session: null };
    if (!request.url.startsWith('/api/')) return;
    request.principal = await accounts.principal(sessionCookie(request));
  });

  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    if (!SAFE.has(request.method)) checkUnsafeRequest(request);
    const pattern = request.routeOptions.url;
    // no such route (the 404 handler answers) or not an API route (the static files' wildcard)
    if (!pattern?.startsWith('/api/') || request.is404) return;
    // HEAD is answered by the GET route (Fastify's exposeHeadRoutes) and is guarded like it
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const gate = ROUTE_POLICIES[routeKey(method, pattern)];
    if (!gate) {
      request.log.error({ route: routeKey(method, pattern) }, 'API route without an access policy');
      throw new ForbiddenError(
        'no-policy',
        'this route has no access policy (src/server/auth/route-policies.ts)',
      );
    }
    await checkGate(request, gate);
  });

  /** A signed-in person who starts an assessment owns it from the start. */
  app.addHook('onSend', async (request, reply, payload) => {
    if (
      request.method !== 'POST' ||
      request.routeOptions.url !== '/api/assessments' ||
      reply.statusCode !== 201
    )
      return payload;
    const actor = request.principal.actor;
    if (actor.kind === 'user' && typeof payload === 'string') {
      const id = (JSON.parse(payload) as { id?: unknown }).id;
      if (typeof id === 'string') await accounts.owners.assign(id, actor.organizationId, actor.userId);
    }
    return payload;
  });

  /**
   * State-changing requests: refused when the browser says they come from another site
   * (Sec-Fetch-Site, else Origin), and when they ride on a session cookie without that session's
   * CSRF token in the X-CSRF-Token header.
   */
  function checkUnsafeRequest(request: FastifyRequest) {
    const site = request.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site')
      throw new ForbiddenError('cross-site', 'cross-site request refused');
    const origin = request.headers.origin;
    if (!site && origin && origin !== 'null') {
      let host: string | undefined;
      let own: string | undefined;
      try {
        host = new URL(origin).host;
        own = new URL(`${request.protocol}://${request.host}`).host;
      } catch {
        host = undefined;
      }
      if (host === undefined || host !== own)
        throw new ForbiddenError('cross-site', 'cross-site request refused');
    } else if (origin === 'null') {
      throw new ForbiddenError('cross-site', 'cross-site request refused');
    }
    const session = request.principal.session;
    if (session) {
      const presented = request.headers[CSRF_HEADER];
      if (!csrfMatches(session, typeof presented === 'string' ? presented : undefined)) {
        throw new ForbiddenError('csrf', 'missing or wrong CSRF token; reload the page');
      }
    }
  }

  async function checkGate(request: FastifyRequest, gate: RouteGate) {
    const { actor, session } = request.principal;
    if (gate.kind === 'public') return;
    if (gate.kind === 'pending') {
      if (session?.stage !== 'totp') throw new UnauthenticatedError('sign in again');
      return;
    }
    if (gate.kind === 'enrolling') {
      if (session?.stage !== 'active' && session?.stage !== 'enrol') throw new UnauthenticatedError();
      return;
    }
    const resource = await gateResource(request, gate.on, gate.action, actor);
    if (!resource) return; // nothing behind the token: the route answers 404 itself
    const decision = can(actor, gate.action, resource);
    if (decision.allowed) return;
    // another person's assessment: as if it did not exist
    if (gate.on === 'assessment' && actor.kind === 'user') {
      throw Object.assign(new ForbiddenError(decision.reason), { hide: true });
    }
    deny(decision.reason, actor.kind === 'anonymous');
  }

  async function gateResource(
    request: FastifyRequest,
    on: string,
    action: Action,
    actor: Actor,
  ): Promise<Resource | undefined> {
    const params = (request.params ?? {}) as Record<string, string>;
    if (on === 'public') return { type: 'public' };
    if (on === 'assessment') {
      // one indexed read per token request (remembered for saves, see TokenOwnerCache); coaches
      // matter only for profiles, which no token route serves alone
      const hash = params.token ? hashToken(params.token) : undefined;
      const lookup = () => accounts.owners.ownerByTokenHash(hash!);
      const found = !hash
        ? undefined
        : action === 'assessment.answer'
          ? await ownerCache.get(hash, lookup)
          : await lookup();
      if (!found) return undefined;
      const { organizationId, userId } = found;
      const coachIds =
        action === 'assessment.read-profile' && organizationId && userId
          ? await accounts.coaches.coachesOf(organizationId, userId)
          : [];
      return { type: 'assessment', organizationId, userId, coachIds, tokenPresented: true };
    }
    if (on === 'claim')
      return { type: 'assessment', organizationId: null, userId: null, tokenPresented: true };
    if (actor.kind !== 'user') deny('unauthenticated', true);
    const organizationId = actor.organizationId;
    switch (on) {
      case 'organization':
        return { type: 'organization', organizationId };
      case 'self':
        return { type: 'person', organizationId, userId: actor.userId };
      case 'membership':
        return { type: 'membership', organizationId, userId: null, role: 'member' };
      case 'mail':
        return { type: 'mail', organizationId, restricted: false };
      case 'person':
        return {
          type: 'person',
          organizationId,
          userId: params.userId ?? '',
          coachIds: await accounts.coaches.coachesOf(organizationId, params.userId ?? ''),
        };
      default:
        throw new Error(`unknown gate resource ${on}`);
    }
  }

  await app.register(accountRoutes, { accounts });
  await app.register(meRoutes, {
    accounts,
    store,
    onClaimed: (token) => ownerCache.forget(hashToken(token)),
  });
  await app.register(organizationRoutes, { accounts });
  return accounts;
}
