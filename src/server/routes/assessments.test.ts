import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestStore, type TestStore } from '../../../test/support/stores.ts';
import { loadInstrumentSync } from '../../catalog/instruments.ts';
import { buildApp } from '../app.ts';

const instrument = loadInstrumentSync('lead-manage');
const poleOf = (itemId: string) => {
  const item = instrument.items.find((i) => i.id === itemId)!;
  return { pole: instrument.scales.find((s) => s.id === item.scale)!.pole, reverse: item.reverse };
};

describe.each(dialects)('assessment API on %s', (dialect) => {
  let store: TestStore;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = await openTestStore(dialect);
    app = await buildApp({ store, webRoot: false });
  });
  afterAll(async () => {
    await app?.close();
    await store?.dispose();
  });

  const start = async (form: 'short' | 'full' = 'short') => {
    const res = await app.inject({ method: 'POST', url: '/api/assessments', payload: { form } });
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  const put = (token: string, itemId: string, payload: unknown) =>
    app.inject({
      method: 'PUT',
      url: `/api/assessments/${token}/answers/${itemId}`,
      payload: payload as object,
    });
  const answers = async (token: string) =>
    (await app.inject({ method: 'GET', url: `/api/assessments/resume/${token}` })).json().answers;

  it('starts a short form with 30 interleaved questions in self wording and a 256-bit token', async () => {
    const body = await start('short');
    expect(body.resumeToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.form).toBe('short');
    expect(body.status).toBe('in_progress');
    expect(body.instrument.items).toHaveLength(30);
    expect(body.instrument.responseScale).toEqual(instrument.responseScale);
    const first = body.instrument.items[0];
    expect(first.text).toBe(instrument.items.find((i) => i.id === first.id)!.self);
    expect(first).not.toHaveProperty('reverse');
    const firstFive = body.instrument.items.slice(0, 5).map((i: { scale: string }) => i.scale);
    expect(new Set(firstFive).size).toBe(5);
  });

  it('starts the full form with all 70 questions', async () => {
    expect((await start('full')).instrument.items).toHaveLength(70);
  });

  it('saves, replaces and clears answers, and resumes them by token', async () => {
    const { resumeToken } = await start();
    expect((await put(resumeToken, 'PE2', { value: 2 })).json()).toEqual({ itemId: 'PE2', value: 2 });
    expect((await put(resumeToken, 'PE2', { value: 5 })).statusCode).toBe(200);
    expect((await put(resumeToken, 'CH2', { value: 1 })).statusCode).toBe(200);
    expect((await put(resumeToken, 'CH2', { value: null })).json()).toEqual({ itemId: 'CH2', value: null });
    await put(resumeToken, 'CH3', { value: 4 });
    const del = await app.inject({ method: 'DELETE', url: `/api/assessments/${resumeToken}/answers/CH3` });
    expect(del.statusCode).toBe(200);
    expect(await answers(resumeToken)).toEqual({ PE2: 5 });
  });

  it('rejects bad answers with a 400 naming the field and stores nothing', async () => {
    const { resumeToken } = await start();
    const cases: [string, unknown, string][] = [
      ['NOPE', { value: 3 }, 'itemId'],
      ['PE1', { value: 3 }, 'itemId'], // full-form item, not in the short form
      ['PE2', { value: 6 }, 'value'],
      ['PE2', { value: 0 }, 'value'],
      ['PE2', { value: 2.5 }, 'value'],
      ['PE2', { value: '3' }, 'value'],
      ['PE2', { value: true }, 'value'],
      ['PE2', {}, 'value'],
      ['PE2', { value: 3, extra: 1 }, 'extra'],
      ['PE2', [3], 'body'],
    ];
    for (const [itemId, payload, path] of cases) {
      const res = await put(resumeToken, itemId, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const body = res.json();
      expect(body.error.code).toMatch(/^(invalid_input|unknown_item|bad_value)$/);
      expect(body.error.problems.map((p: { path: string }) => p.path)).toContain(path);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|SELECT|INSERT/i);
    }
    expect(await answers(resumeToken)).toEqual({});
  });

  it('answers 400 for malformed JSON and 413 for an oversized body, storing nothing', async () => {
    const { resumeToken } = await start();
    const malformed = await app.inject({
      method: 'PUT',
      url: `/api/assessments/${resumeToken}/answers/PE2`,
      headers: { 'content-type': 'application/json' },
      payload: '{"value": 3',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('invalid_json');
    const big = await app.inject({
      method: 'PUT',
      url: `/api/assessments/${resumeToken}/answers/PE2`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ value: 3, pad: 'x'.repeat(70 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({ code: 'body_too_large', problems: [{ path: 'body' }] });
    expect(await answers(resumeToken)).toEqual({});
  });

  it('rejects an unknown form and an unknown or malformed token', async () => {
    const badForm = await app.inject({ method: 'POST', url: '/api/assessments', payload: { form: 'long' } });
    expect(badForm.statusCode).toBe(400);
    expect(badForm.json().error.problems[0].path).toBe('form');
    const unknown = await put('A'.repeat(43), 'PE2', { value: 3 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
    const malformed = await app.inject({ method: 'GET', url: '/api/assessments/resume/short!' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.problems[0].path).toBe('token');
  });

  it('refuses to finish too early, then finishes into a lead-strong profile; the profile stays readable', async () => {
    const { resumeToken, instrument: shown } = await start();
    const early = await app.inject({ method: 'POST', url: `/api/assessments/${resumeToken}/finish` });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.problems[0].code).toBe('too_few_answers');
    const notYet = await app.inject({ method: 'GET', url: `/api/assessments/${resumeToken}/profile` });
    expect(notYet.statusCode).toBe(404);

    // Lead items at the top, manage items at the bottom (reverse-keyed items mirrored), foundations 3.
    for (const { id } of shown.instrument ? [] : shown.items) {
      const { pole, reverse } = poleOf(id);
      const wanted = pole === 'lead' ? 5 : pole === 'manage' ? 1 : 3;
      expect((await put(resumeToken, id, { value: reverse ? 6 - wanted : wanted })).statusCode).toBe(200);
    }
    const done = await app.inject({ method: 'POST', url: `/api/assessments/${resumeToken}/finish` });
    expect(done.statusCode).toBe(200);
    const result = done.json();
    expect(result.profile.lead).toBe(100);
    expect(result.profile.manage).toBe(0);
    expect(result.profile.quadrant.id).toBe('lead-strong');
    expect(result.profile.contrasts).toHaveLength(3);
    expect(result.profile.note).toMatch(/mirror/);
    expect(Object.keys(result.answers)).toHaveLength(30);

    const again = await app.inject({ method: 'GET', url: `/api/assessments/${resumeToken}/profile` });
    expect(again.json().profile).toEqual(result.profile);
    const late = await put(resumeToken, 'PE2', { value: 3 });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.code).toBe('invalid_input');
  });

  it('never shows one assessment through another token', async () => {
    const a = await start();
    const b = await start();
    await put(a.resumeToken, 'PE2', { value: 5 });
    expect(await answers(b.resumeToken)).toEqual({});
    const res = await app.inject({ method: 'GET', url: `/api/assessments/resume/${b.resumeToken}` });
    expect(res.json().id).toBe(b.id);
  });
});

describe('starting assessments without an account', () => {
  it('is limited per client address: over the limit gets 429 with Retry-After and stores nothing', async () => {
    const store = await openTestStore('sqlite');
    const app = await buildApp({ store, webRoot: false, anonymousStartsPerWindow: 2 });
    try {
      const start = (ip: string) =>
        app.inject({ method: 'POST', url: '/api/assessments', payload: {}, remoteAddress: ip });
      expect((await start('10.0.0.7')).statusCode).toBe(201);
      expect((await start('10.0.0.7')).statusCode).toBe(201);
      const refused = await start('10.0.0.7');
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
      expect(refused.json().error.code).toBe('rate_limited');
      expect((await start('10.0.0.8')).statusCode).toBe(201);
      const stored = await store.db
        .selectFrom('assessments')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(3);
    } finally {
      await app.close();
      await store.dispose();
    }
  });
});
