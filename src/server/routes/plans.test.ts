import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionHeaders, testAccountService } from '../../../test/support/accounts.ts';
import { dialectLabel, dialects, openTestStore, type TestStore } from '../../../test/support/stores.ts';
import type { AccountService } from '../../services/auth/accounts.ts';
import { buildApp } from '../app.ts';

/** Plans over HTTP: field paths in errors, nothing stored on bad input, the calendar feed, the growth view. */
describe.each(dialects)('plans over HTTP on %s', (dialect) => {
  let store: TestStore;
  let app: FastifyInstance;
  let accounts: AccountService;
  let headers: (method?: string) => Promise<Record<string, string>>;

  beforeAll(async () => {
    store = await openTestStore(dialect);
    accounts = testAccountService(store);
    app = await buildApp({ store, webRoot: false, auth: { accounts } });
    const { user, organization } = await accounts.createOwner({
      email: 'owner@a.test',
      name: 'Owner',
      password: 'violet kettle harbour 42',
      organizationName: 'A',
    });
    headers = (method = 'GET') => sessionHeaders(accounts, user.id, organization.id, method);
  });
  afterAll(async () => {
    await app?.close();
    await store?.dispose();
  });

  it(`runs on ${dialectLabel(dialect)}`, () => expect(store.dialect).toBe(dialect));

  it('bad input is a 400 naming each field, and no plan is stored', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/plans',
      headers: await headers('POST'),
      payload: { focusAreas: ['tasks'], actions: [{ scale: 'tasks', title: 'x', dueDate: 'tomorrow' }] },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(['actions[0].dueDate']);
    const schema = await app.inject({
      method: 'POST',
      url: '/api/plans',
      headers: await headers('POST'),
      payload: { focusAreas: 'tasks' },
    });
    expect(schema.statusCode).toBe(400);
    expect(schema.body).toContain('focusAreas');
    expect((await app.inject({ url: '/api/plans', headers: await headers() })).json().plans).toEqual([]);
  });

  it('the calendar feed is text/calendar behind its token; a wrong token is a 404', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/plans',
      headers: await headers('POST'),
      payload: { focusAreas: ['vision'], checkInCadence: 'fortnightly', reassessAfterDays: 42 },
    });
    expect(created.statusCode).toBe(201);
    const plan = created.json();
    expect(plan.schedule.upcoming).toHaveLength(3); // 42 days, every 14
    const enabled = await app.inject({
      method: 'POST',
      url: `/api/plans/${plan.id}/calendar`,
      headers: await headers('POST'),
    });
    const url = new URL(enabled.json().url);
    expect(url.pathname).toMatch(/^\/api\/calendar\/[\w-]{43}\.ics$/);
    const feed = await app.inject({ url: url.pathname });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.body.match(/BEGIN:VEVENT/g)).toHaveLength(4); // 3 check-ins and the re-assessment
    expect((await app.inject({ url: `/api/calendar/${'x'.repeat(43)}.ics` })).statusCode).toBe(404);
  });

  it('the growth view is empty before any assessment', async () => {
    const res = await app.inject({ url: '/api/me/growth', headers: await headers() });
    expect(res.json()).toEqual({ assessments: [], scales: [] });
    expect((await app.inject({ url: '/api/me/growth' })).statusCode).toBe(401);
  });
});
