import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../../test/support/stores.ts';
import { buildApp } from './app.ts';
import { redactUrl } from './logger.ts';

describe('the HTTP app', () => {
  let store: TestStore;
  let app: FastifyInstance;
  let webRoot: string;
  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'fulcrum-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Fulcrum</title><div id="root"></div>');
    writeFileSync(join(webRoot, 'assets', 'app-abc123.js'), 'console.log(1)');
    store = await openTestStore('sqlite');
    app = await buildApp({ store, webRoot });
  });
  afterAll(async () => {
    await app?.close();
    await store?.dispose();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('sends the security headers on pages and API answers', async () => {
    for (const url of ['/', '/api/health']) {
      const res = await app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    expect((await app.inject({ url: '/api/health' })).headers['cache-control']).toBe('no-store');
  });

  it('serves the app, hashed assets with a long cache, and index.html for client routes', async () => {
    const asset = await app.inject({ url: '/assets/app-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const deep = await app.inject({ url: '/a/some-token', headers: { accept: 'text/html' } });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<div id="root">');
  });

  it('answers unknown API routes with a JSON 404, not the page', async () => {
    const res = await app.inject({ url: '/api/nothing-here', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('publishes an OpenAPI document describing every API route', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/assessments',
        '/api/assessments/resume/{token}',
        '/api/assessments/{token}/answers/{itemId}',
        '/api/assessments/{token}/finish',
        '/api/assessments/{token}/profile',
        '/api/instruments/{id}',
      ]),
    );
    const put = doc.paths['/api/assessments/{token}/answers/{itemId}'].put;
    expect(put.requestBody.content['application/json'].schema.properties.value).toBeDefined();
    expect(put.responses['400']).toBeDefined();
  });

  it('serves built-in instruments by id only, never a file path', async () => {
    const ok = await app.inject({ url: '/api/instruments/lead-manage' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items).toHaveLength(70);
    expect((await app.inject({ url: '/api/instruments/nope' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/instruments/..%2Fpackage.json' })).statusCode).toBe(400);
    expect((await app.inject({ url: '/api/instruments/instruments' })).statusCode).toBe(404);
  });

  it('keeps resume tokens out of the logs', () => {
    const token = 'abcdEFGHijklMNOPqrstUVWXyz0123456789_-ABCDE';
    expect(redactUrl(`/api/assessments/${token}/answers/PE2`)).toBe('/api/assessments/abcd…/answers/PE2');
    expect(redactUrl(`/api/assessments/resume/${token}`)).toBe('/api/assessments/resume/abcd…');
  });
});
