import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testAccountService } from '../../../test/support/accounts.ts';
import { openTestStore, type TestStore } from '../../../test/support/stores.ts';
import type { AccountService } from '../../services/auth/accounts.ts';
import { buildApp } from '../app.ts';

const PASSWORD = 'violet kettle harbour 42';

function cookiesOf(res: { headers: Record<string, unknown> }): string[] {
  const set = res.headers['set-cookie'];
  return Array.isArray(set) ? (set as string[]) : typeof set === 'string' ? [set] : [];
}
const jar = (cookies: string[]) => cookies.map((c) => c.split(';')[0]).join('; ');

describe('auth over HTTP', () => {
  let store: TestStore;
  let app: FastifyInstance;
  let accounts: AccountService;

  beforeAll(async () => {
    store = await openTestStore('sqlite');
    accounts = testAccountService(store);
    app = await buildApp({ store, webRoot: false, auth: { accounts } });
  });
  afterAll(async () => {
    await app?.close();
    await store?.dispose();
  });

  it('first run: the first visitor sets up the owner, gets HttpOnly SameSite=Lax cookies; set-up then closes', async () => {
    expect((await app.inject({ url: '/api/auth/session' })).json()).toMatchObject({
      signedIn: false,
      needsSetup: true,
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/setup',
      payload: { organizationName: 'Acme', name: 'Olive', email: 'owner@acme.test', password: PASSWORD },
    });
    expect(res.statusCode).toBe(201);
    const cookies = cookiesOf(res);
    const session = cookies.find((c) => c.startsWith('fulcrum_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).toMatch(/Path=\//);
    expect(session).not.toMatch(/Secure/);
    expect(cookies.find((c) => c.startsWith('fulcrum_csrf='))).not.toMatch(/HttpOnly/);
    const me = await app.inject({ url: '/api/auth/session', headers: { cookie: jar(cookies) } });
    expect(me.json()).toMatchObject({
      signedIn: true,
      needsSetup: false,
      role: 'owner',
      organization: { name: 'Acme' },
    });
    expect(me.json().csrfToken).toBe(res.json().csrfToken);
    const again = await app.inject({
      method: 'POST',
      url: '/api/auth/setup',
      payload: { name: 'Eve', email: 'eve@x.test', password: PASSWORD },
    });
    expect(again.statusCode).toBe(409);
  });

  it('state-changing requests on a session need its CSRF token; cross-site requests are refused', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'owner@acme.test', password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const cookie = jar(cookiesOf(login));
    const csrf = login.json().csrfToken as string;
    const patch = (headers: Record<string, string>) =>
      app.inject({
        method: 'PATCH',
        url: '/api/organization',
        headers: { cookie, ...headers },
        payload: { name: 'Acme 2' },
      });
    expect((await patch({})).statusCode).toBe(403);
    expect((await patch({})).json().error.code).toBe('forbidden');
    expect((await patch({ 'x-csrf-token': 'x'.repeat(43) })).statusCode).toBe(403);
    expect((await patch({ 'x-csrf-token': csrf })).statusCode).toBe(200);
    expect((await patch({ 'x-csrf-token': csrf, 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await patch({ 'x-csrf-token': csrf, origin: 'https://evil.example' })).statusCode).toBe(403);
    expect(
      (await patch({ 'x-csrf-token': csrf, origin: 'http://localhost:80', host: 'localhost:80' })).statusCode,
    ).toBe(200);
    // login CSRF: a cross-site form cannot sign the visitor in to someone else's account
    const forged = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'sec-fetch-site': 'cross-site' },
      payload: { email: 'owner@acme.test', password: PASSWORD },
    });
    expect(forged.statusCode).toBe(403);
    // GETs need no token
    expect((await app.inject({ url: '/api/organization', headers: { cookie } })).statusCode).toBe(200);
  });

  it('HEAD requests are guarded like the GET route they mirror', async () => {
    expect((await app.inject({ method: 'HEAD', url: '/api/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'HEAD', url: '/api/organization/audit' })).statusCode).toBe(401);
  });

  it('logout ends the session on the server and clears the cookies', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'owner@acme.test', password: PASSWORD },
    });
    const cookie = jar(cookiesOf(login));
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'x-csrf-token': login.json().csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect(cookiesOf(out).some((c) => c.startsWith('fulcrum_session=;'))).toBe(true);
    // replaying the old cookie gets nothing
    expect((await app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('wrong passwords and unknown addresses get the same 401; a guesser gets 429 with Retry-After', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'owner@acme.test', password: 'wrong password!' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@acme.test', password: 'wrong password!' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    for (let i = 0; i < 5; i++) {
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '203.0.113.9',
        payload: { email: 'owner@acme.test', password: `guess ${i} xxxxxxxx` },
      });
    }
    const limited = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '203.0.113.9',
      payload: { email: 'owner@acme.test', password: PASSWORD },
    });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a signed-in person who starts an assessment owns it; another signed-in person cannot use its link', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'owner@acme.test', password: PASSWORD },
    });
    const headers = { cookie: jar(cookiesOf(login)), 'x-csrf-token': login.json().csrfToken };
    const started = await app.inject({
      method: 'POST',
      url: '/api/assessments',
      headers,
      payload: { form: 'short' },
    });
    expect(started.statusCode).toBe(201);
    const { id, resumeToken } = started.json();
    const owner = await accounts.owners.ownerOf(id);
    expect(owner?.userId).toBeTruthy();
    expect((await app.inject({ url: `/api/assessments/resume/${resumeToken}`, headers })).statusCode).toBe(
      200,
    );
    expect((await app.inject({ url: `/api/assessments/resume/${resumeToken}` })).statusCode).toBe(401);
    const mine = await app.inject({ url: '/api/me/assessments', headers });
    expect(mine.json().assessments.map((a: { id: string }) => a.id)).toContain(id);
  });

  it('claims an anonymous assessment taken before signing in', async () => {
    const anon = await app.inject({ method: 'POST', url: '/api/assessments', payload: { form: 'short' } });
    const { id, resumeToken } = anon.json();
    const save = (value: number, headers: Record<string, string> = {}) =>
      app.inject({
        method: 'PUT',
        url: `/api/assessments/${resumeToken}/answers/PE2`,
        headers,
        payload: { value },
      });
    expect((await save(2)).statusCode).toBe(200); // the autosave gate now remembers it as anonymous
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'owner@acme.test', password: PASSWORD },
    });
    const headers = { cookie: jar(cookiesOf(login)), 'x-csrf-token': login.json().csrfToken };
    const claim = await app.inject({
      method: 'POST',
      url: '/api/me/assessments/claim',
      headers,
      payload: { resumeToken },
    });
    expect(claim.statusCode).toBe(200);
    expect(claim.json()).toEqual({ assessmentId: id });
    // from now on the link alone no longer writes; the owner's session does
    expect((await save(4)).statusCode).toBe(401);
    expect((await save(4, headers)).statusCode).toBe(200);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/me/assessments/claim',
          headers,
          payload: { resumeToken },
        })
      ).statusCode,
    ).toBe(409);
  });
});

describe('behind an HTTPS proxy (TRUST_PROXY=1)', () => {
  let store: TestStore;
  let app: FastifyInstance;
  const previous = process.env.TRUST_PROXY;

  beforeAll(async () => {
    process.env.TRUST_PROXY = '1';
    store = await openTestStore('sqlite');
    const accounts = testAccountService(store, { baseUrl: 'https://x' });
    app = await buildApp({ store, webRoot: false, auth: { accounts } });
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = previous;
    await app?.close();
    await store?.dispose();
  });

  it('uses __Host- Secure cookies, sends HSTS for a year, and ignores a non-prefixed cookie', async () => {
    const https = { 'x-forwarded-proto': 'https', host: 'fulcrum.example' };
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/setup',
      headers: https,
      payload: { name: 'O', email: 'o@x.test', password: PASSWORD },
    });
    expect(res.statusCode).toBe(201);
    const cookies = cookiesOf(res);
    const session = cookies.find((c) => c.startsWith('__Host-fulcrum_session='))!;
    expect(session).toMatch(/Secure/);
    expect(session).toMatch(/HttpOnly/);
    expect(session).not.toMatch(/Domain=/);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    const token = session.split(';')[0]!.split('=')[1];
    expect(
      (await app.inject({ url: '/api/me', headers: { ...https, cookie: `__Host-fulcrum_session=${token}` } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ url: '/api/me', headers: { ...https, cookie: `fulcrum_session=${token}` } }))
        .statusCode,
    ).toBe(401);
    const plain = await app.inject({ url: '/api/health' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    for (const header of ['content-security-policy', 'x-content-type-options', 'referrer-policy'])
      expect(res.headers[header]).toBeTruthy();
    expect(String(res.headers['content-security-policy'])).not.toContain('unsafe-inline');
  });
});

describe('first-run set-up with SETUP_TOKEN', () => {
  it('says the token is needed and refuses set-up without it', async () => {
    const store = await openTestStore('sqlite');
    const accounts = testAccountService(store, { setupToken: 'only-the-operator-knows' });
    const app = await buildApp({ store, webRoot: false, auth: { accounts } });
    try {
      expect((await app.inject({ url: '/api/auth/session' })).json()).toMatchObject({
        needsSetup: true,
        setupTokenRequired: true,
      });
      const body = { name: 'O', email: 'o@x.test', password: PASSWORD };
      expect((await app.inject({ method: 'POST', url: '/api/auth/setup', payload: body })).statusCode).toBe(
        403,
      );
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/auth/setup',
            payload: { ...body, setupToken: 'guess' },
          })
        ).statusCode,
      ).toBe(403);
      const ok = await app.inject({
        method: 'POST',
        url: '/api/auth/setup',
        payload: { ...body, setupToken: 'only-the-operator-knows' },
      });
      expect(ok.statusCode).toBe(201);
    } finally {
      await app.close();
      await store.dispose();
    }
  });
});
