/**
 * Autosave throughput (issue 3): answer-autosave requests per second over loopback
 * (`PUT /api/assessments/:token/answers/:itemId`: token lookup, validation against the instrument,
 * conditional single-row upsert) against a bare reference route in the same server that only performs
 * the same single-row upsert. Goal: ≥ 60% of the reference. Embedded SQLite, as `npm start` runs by
 * default (WAL, synchronous=FULL: every answer is an fsync'd commit, which dominates both sides).
 * The disk of a shared machine is noisy, so the two sides alternate in one-second rounds, BENCH_SECONDS
 * (default 5) rounds each after a warm-up, and each side's rate is its total requests over its total time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../src/server/app.ts';
import { openStore } from '../src/store/database.ts';

const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const CONNECTIONS = 10;

async function measure(
  url: string,
  paths: string[],
  seconds: number,
): Promise<{ requests: number; seconds: number }> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: paths.map((path, i) => ({
      method: 'PUT',
      path,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: (i % 5) + 1 }),
    })),
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors from ${paths[0]}`);
  }
  return { requests: result.requests.total, seconds: result.duration };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fulcrum-bench-'));
  const store = await openStore({ dataDir: dir });
  const app = await buildApp({ store, webRoot: false, benchReference: true });
  try {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const started = await app.inject({ method: 'POST', url: '/api/assessments', payload: { form: 'short' } });
    const { id, resumeToken, instrument } = started.json() as {
      id: string;
      resumeToken: string;
      instrument: { items: { id: string }[] };
    };
    const items = instrument.items.map((i) => i.id);
    const real = items.map((item) => `/api/assessments/${resumeToken}/answers/${item}`);
    const bare = items.map((item) => `/api/_bench/${id}/answers/${item}`);

    await measure(url, real, 1);
    await measure(url, bare, 1);
    const totals = { real: { requests: 0, seconds: 0 }, bare: { requests: 0, seconds: 0 } };
    for (let round = 0; round < SECONDS; round++) {
      for (const [side, paths] of round % 2 === 0
        ? ([
            ['real', real],
            ['bare', bare],
          ] as const)
        : ([
            ['bare', bare],
            ['real', real],
          ] as const)) {
        const m = await measure(url, paths, 1);
        totals[side].requests += m.requests;
        totals[side].seconds += m.seconds;
      }
    }
    const autosave = totals.real.requests / totals.real.seconds;
    const reference = totals.bare.requests / totals.bare.seconds;
    const ratio = autosave / reference;
    console.log(
      `autosave route   ${autosave.toFixed(0).padStart(7)} req/s  (token, validation, conditional upsert)`,
    );
    console.log(`bare upsert      ${reference.toFixed(0).padStart(7)} req/s  (reference, same server)`);
    console.log(
      `ratio            ${(ratio * 100).toFixed(1).padStart(6)} %   goal ≥ 60%  ${ratio >= 0.6 ? 'ok' : 'BELOW GOAL'}`,
    );
  } finally {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('autosave.bench.ts')) await run();
