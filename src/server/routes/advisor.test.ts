import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sessionHeaders, testAccountService } from '../../../test/support/accounts.ts';
import { dialectLabel, dialects, openTestStore, type TestStore } from '../../../test/support/stores.ts';
import { loadInstrumentSync } from '../../catalog/instruments.ts';
import { itemsInForm } from '../../model/scoring/form.ts';
import { AssessmentService } from '../../services/assessments.ts';
import type { AccountService } from '../../services/auth/accounts.ts';
import { buildApp } from '../app.ts';

/**
 * Expected values come from the data files read here as plain YAML and the formula documented at
 * the top of instruments/situations/advisor-rules.v1.yaml, not from src/model/situation.
 */
const file = (name: string) =>
  parse(readFileSync(new URL(`../../../instruments/situations/${name}`, import.meta.url), 'utf8'));
const RULES = file('advisor-rules.v1.yaml') as {
  scale: { min: number; max: number };
  intensity: number[];
  saturation: number;
  thresholds: { strong: number; lean: number; both: number; steady: number };
  factors: { id: string; name: string; labels: string[]; weights: Record<string, number> }[];
  behaviours: { id: string; scale: string; use: string }[];
};
const EXAMPLES = (file('examples.v1.yaml') as { examples: { id: string; factors: Record<string, number> }[] })
  .examples;
const LIBRARY = file('practices.v1.yaml') as {
  version: string;
  practices: { id: string; scale: string; size: string; title: string; what: string }[];
};
const CONTRASTS = ['focus', 'direction', 'horizon'] as const;
/** From the design brief: People ↔ Tasks, Change ↔ Stability, Vision ↔ Operations. */
const SIDES = {
  focus: { lead: 'people', manage: 'tasks' },
  direction: { lead: 'change', manage: 'stability' },
  horizon: { lead: 'vision', manage: 'operations' },
} as const;

/** The documented formula: pulls per contrast, score = lead − manage, overall = mean of the pulls. */
function expectedAdvice(ratings: Record<string, number>) {
  const contrasts = CONTRASTS.map((c) => {
    let lead = 0;
    let manage = 0;
    for (const f of RULES.factors) {
      const v =
        ((f.weights[c] ?? 0) * RULES.intensity[(ratings[f.id] ?? 0) - RULES.scale.min]!) / RULES.saturation;
      if (v > 0) lead += v;
      else manage -= v;
    }
    lead = Math.min(1, lead);
    manage = Math.min(1, manage);
    return { id: c, lead, manage, score: lead - manage };
  });
  const lead = contrasts.reduce((s, c) => s + c.lead, 0) / 3;
  const manage = contrasts.reduce((s, c) => s + c.manage, 0) / 3;
  return { contrasts, overall: { lead, manage, score: lead - manage } };
}

/** The label order documented in the rules file (step 5). */
function expectedLabel(score: number, lead: number, manage: number): string {
  const t = RULES.thresholds;
  if (score >= t.strong) return 'strongly-lead';
  if (score <= -t.strong) return 'strongly-manage';
  if (Math.min(lead, manage) >= t.both) return 'both';
  if (score >= t.lean) return 'lean-lead';
  if (score <= -t.lean) return 'lean-manage';
  if (Math.max(lead, manage) < t.steady) return 'steady';
  return 'balanced';
}

const example = (id: string) => EXAMPLES.find((e) => e.id === id)!.factors;
const instrument = loadInstrumentSync('lead-manage');
/** Keyed value 5 on one pole's items and 1 on the other's (foundations 3), reverse items mirrored. */
const answerFor = (strong: 'lead' | 'manage') => (itemId: string) => {
  const item = instrument.items.find((i) => i.id === itemId)!;
  const pole = instrument.scales.find((s) => s.id === item.scale)!.pole;
  const wanted = pole === strong ? 5 : pole === 'foundation' ? 3 : 1;
  return item.reverse ? 6 - wanted : wanted;
};

describe.each(dialects)('advisor and practices over HTTP on %s', (dialect) => {
  let store: TestStore;
  let app: FastifyInstance;
  let accounts: AccountService;
  let assessments: AssessmentService;
  const ids: Record<string, string> = {};

  async function headers(who: 'member' | 'newcomer', method = 'POST') {
    return sessionHeaders(accounts, ids[who]!, ids.org!, method);
  }

  async function completedProfile(userId: string, strong: 'lead' | 'manage'): Promise<string> {
    const { assessment } = await assessments.start({ form: 'short', source: 'web' });
    for (const item of itemsInForm(instrument, 'short'))
      await assessments.answer(assessment.id, item.id, answerFor(strong)(item.id));
    await assessments.finish(assessment.id);
    await accounts.owners.assign(assessment.id, ids.org!, userId);
    return assessment.id;
  }

  beforeAll(async () => {
    store = await openTestStore(dialect);
    accounts = testAccountService(store);
    app = await buildApp({ store, webRoot: false, auth: { accounts } });
    assessments = new AssessmentService(store);
    const { organization } = await accounts.createOwner({
      email: 'owner@a.test',
      name: 'Owner',
      password: 'violet kettle harbour 42',
      organizationName: 'A',
    });
    ids.org = organization.id;
    for (const who of ['member', 'newcomer']) {
      const u = await accounts.users.create({ email: `${who}@a.test`, name: who, passwordHash: null });
      await accounts.memberships.add(organization.id, u.id, 'member');
      ids[who] = u.id;
    }
    // an older manage-high profile, then the latest, lead-high one
    ids.older = await completedProfile(ids.member!, 'manage');
    await new Promise((r) => setTimeout(r, 10));
    ids.latest = await completedProfile(ids.member!, 'lead');
  });
  afterAll(async () => {
    await app?.close();
    await store?.dispose();
  });

  it(`runs on ${dialectLabel(dialect)}`, () => expect(store.dialect).toBe(dialect));

  it('GET /api/advisor lists every factor with its labels and every example', async () => {
    const res = await app.inject({ url: '/api/advisor' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.rules.scale).toEqual(RULES.scale);
    expect(body.rules.factors.map((f: { id: string }) => f.id)).toEqual(RULES.factors.map((f) => f.id));
    expect(body.rules.factors[0].labels).toEqual(RULES.factors[0]!.labels);
    expect(body.rules.factors[0]).not.toHaveProperty('weights');
    expect(body.examples.map((e: { id: string }) => e.id)).toEqual(EXAMPLES.map((e) => e.id));
    expect(body.examples.find((e: { id: string }) => e.id === 'crisis').factors).toEqual(example('crisis'));
  });

  it('a reorganisation calls for leading, by the documented formula (hand-worked: overall +0.867)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/advice',
      payload: { example: 'reorganization' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { advice, profile } = res.json();
    expect(profile).toBeNull();
    expect(advice.fit).toBeNull();
    const want = expectedAdvice(example('reorganization'));
    // by hand: focus lead (0.5+0.5+0.4)/1.5, direction (1.25−0.2)/1.5, horizon min(1, 1.6/1.5) − 0.05/1.5
    expect(want.overall.score).toBeCloseTo((1.4 / 1.5 + 1.05 / 1.5 + (1 - 0.05 / 1.5)) / 3, 10);
    expect(advice.overall.score).toBeCloseTo(0.867, 3);
    expect(advice.overall.label).toBe(
      expectedLabel(want.overall.score, want.overall.lead, want.overall.manage),
    );
    expect(advice.overall.label).toBe('strongly-lead');
    expect(advice.overall.call).toBe('lead');
    for (const c of want.contrasts) {
      const got = advice.contrasts.find((x: { id: string }) => x.id === c.id);
      expect(got.score).toBeCloseTo(c.score, 3);
      expect(got.label).toBe(expectedLabel(c.score, c.lead, c.manage));
    }
    expect(advice.behaviours.length).toBeGreaterThanOrEqual(3);
    expect(advice.behaviours.length).toBeLessThanOrEqual(5);
    expect(advice.drivers[0].factor).toMatch(/^(uncertainty|change)$/);
  });

  it('a deadline with complex execution calls for managing; factors override the example', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/advice',
      payload: { factors: { deadline: 4, complexity: 3 } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { advice } = res.json();
    const want = expectedAdvice({ deadline: 4, complexity: 3 });
    expect(want.overall.score).toBeLessThan(0);
    expect(advice.overall.score).toBeCloseTo(want.overall.score, 3);
    expect(advice.overall.label).toBe(
      expectedLabel(want.overall.score, want.overall.lead, want.overall.manage),
    );
    expect(advice.overall.call).toBe('manage');

    const launch = await app.inject({
      method: 'POST',
      url: '/api/advice',
      payload: { example: 'product-launch', factors: { deadline: 0 } },
    });
    const ratings = { ...example('product-launch'), deadline: 0 };
    const w = expectedAdvice(ratings);
    expect(launch.json().advice.overall.score).toBeCloseTo(w.overall.score, 3);
    expect(launch.json().advice.situation.example).toBe('product-launch');
    expect(
      launch.json().advice.situation.ratings.find((r: { factor: string }) => r.factor === 'deadline').rating,
    ).toBe(0);
  });

  it('a signed-in member with a lead-high latest profile is stretched into managing by a launch', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/advice',
      headers: await headers('member'),
      payload: { example: 'product-launch' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { advice, profile } = res.json();
    expect(profile.assessmentId).toBe(ids.latest);
    expect(Number.isNaN(Date.parse(profile.completedAt))).toBe(false);
    expect(advice.overall.call).toBe('manage');
    expect(advice.fit).not.toBeNull();
    expect(advice.fit.overall.tilt).toBe('lead');
    const stretchIds = new Set(RULES.behaviours.filter((b) => b.use === 'stretch').map((b) => b.id));
    for (const c of CONTRASTS) {
      const fit = advice.fit.contrasts.find((x: { id: string }) => x.id === c);
      expect(fit.tilt, c).toBe('lead');
      expect(fit.fit, c).toBe('stretch');
      expect(fit.stretch.length, c).toBeGreaterThan(0);
      for (const s of fit.stretch) {
        expect(stretchIds.has(s.id)).toBe(true);
        expect(s.scale).toBe(SIDES[c].manage);
      }
    }

    // the same situation for a reorganisation plays to the strength: overuse warnings, no stretch
    const reorg = await app.inject({
      method: 'POST',
      url: '/api/advice',
      headers: await headers('member'),
      payload: { example: 'reorganization' },
    });
    for (const fit of reorg.json().advice.fit.contrasts) {
      expect(fit.fit).toBe('strength');
      expect(typeof fit.overuse).toBe('string');
      expect(fit.stretch).toEqual([]);
    }

    // opting out, and a member without a completed profile, get advice without a fit
    const optOut = await app.inject({
      method: 'POST',
      url: '/api/advice',
      headers: await headers('member'),
      payload: { example: 'product-launch', useMyProfile: false },
    });
    expect(optOut.json()).toMatchObject({ profile: null, advice: { fit: null } });
    const newcomer = await app.inject({
      method: 'POST',
      url: '/api/advice',
      headers: await headers('newcomer'),
      payload: { example: 'product-launch' },
    });
    expect(newcomer.json()).toMatchObject({ profile: null, advice: { fit: null } });
  });

  it('bad situations are a 400 naming the body field, with every problem', async () => {
    const bad = async (payload: unknown) => {
      const res = await app.inject({ method: 'POST', url: '/api/advice', payload: payload as object });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).not.toMatch(/at .*\.ts:\d+/); // no stack trace
      return res.json().error as { code: string; message: string; problems: { path: string }[] };
    };
    const range = await bad({ factors: { deadline: 9 } });
    expect(range.problems.map((p) => p.path)).toEqual(['factors.deadline']);
    expect(range.message).toContain('factors.deadline');
    expect(range.message).toMatch(/from 0 to 4/);
    const two = await bad({ example: 'no-such', factors: { nonsense: 1, deadline: -1 } });
    expect(two.problems.map((p) => p.path).sort()).toEqual([
      'example',
      'factors.deadline',
      'factors.nonsense',
    ]);
    const notInt = await bad({ factors: { deadline: 'high' } });
    expect(notInt.problems.map((p) => p.path)).toEqual(['factors.deadline']);
    const fractional = await bad({ factors: { deadline: 2.5 } });
    expect(fractional.problems.map((p) => p.path)).toEqual(['factors.deadline']);
    expect((await bad({})).problems.map((p) => p.path)).toEqual(['body']);
    expect((await bad({ example: 'crisis', extra: 1 })).problems.map((p) => p.path)).toEqual(['extra']);
  });

  it('GET /api/practices filters like the library says, and names a bad filter', async () => {
    const all = (await app.inject({ url: '/api/practices' })).json();
    expect(all.version).toBe(LIBRARY.version);
    expect(all.practices.map((p: { id: string }) => p.id)).toEqual(LIBRARY.practices.map((p) => p.id));
    expect(all.scales.map((s: { id: string }) => s.id)).toEqual(instrument.scales.map((s) => s.id));

    const people = (await app.inject({ url: '/api/practices?scale=people&size=habit&q=&pole=' })).json();
    const wantPeople = LIBRARY.practices.filter((p) => p.scale === 'people' && p.size === 'habit');
    expect(wantPeople.length).toBeGreaterThan(0);
    expect(people.practices.map((p: { id: string }) => p.id)).toEqual(wantPeople.map((p) => p.id));

    const word = (await app.inject({ url: '/api/practices?q=MEETING%20agenda' })).json();
    const wantWord = LIBRARY.practices.filter((p) => {
      const text = `${p.title}\n${p.what}`.toLowerCase();
      return text.includes('meeting') && text.includes('agenda');
    });
    expect(wantWord.length).toBeGreaterThan(0);
    expect(word.practices.map((p: { id: string }) => p.id)).toEqual(wantWord.map((p) => p.id));

    const manage = (await app.inject({ url: '/api/practices?pole=manage' })).json();
    const manageScales = new Set(['tasks', 'stability', 'operations']);
    expect(manage.practices.map((p: { id: string }) => p.id)).toEqual(
      LIBRARY.practices.filter((p) => manageScales.has(p.scale)).map((p) => p.id),
    );

    for (const [query, path] of [
      ['scale=leadership', 'query.scale'],
      ['size=huge', 'query.size'],
      ['pole=both', 'query.pole'],
    ] as const) {
      const res = await app.inject({ url: `/api/practices?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.problems.map((p: { path: string }) => p.path)).toEqual([path]);
    }
  });
});
