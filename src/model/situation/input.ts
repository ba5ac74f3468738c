import { isRecord, typeName } from '../data-file/reader.ts';
import { InvalidInputError, type Problem } from '../errors/index.ts';
import { CONTRASTS, type Contrast } from '../instrument/types.ts';
import type { Tilt } from '../profile/build-profile.ts';
import { tiltOf } from '../profile/build-profile.ts';
import type { ProfileForAdvice } from './advise.ts';
import type { AdvisorRules, ExampleSituation, Situation } from './types.ts';

const jsonKey = (key: string) => (/^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);

/**
 * Reads a situation document — `{ "example"?: "<id>", "factors"?: { "<factorId>": <rating>, … } }` —
 * into every factor's rating: the example's ratings (if any), overridden by `factors`; factors not
 * given are at the minimum ("not a concern"). At least one of the two must be present. Problems name
 * the JSON path (`$.factors.deadline: must be a whole number from 0 to 4`); all are reported at once.
 */
export function parseSituation(
  value: unknown,
  rules: AdvisorRules,
  examples: readonly ExampleSituation[],
  root = '$',
): Situation {
  const problems: Problem[] = [];
  const report = (path: string, message: string, code = 'invalid_situation'): void => {
    problems.push({ code, message, location: { kind: 'json', path } });
  };
  const { min, max } = rules.scale;
  if (!isRecord(value)) {
    report(
      root,
      `a situation must be an object such as { "factors": { "deadline": 3 } }, got ${typeName(value)}`,
    );
    throw new InvalidInputError(problems);
  }
  for (const key of Object.keys(value)) {
    if (key !== 'example' && key !== 'factors')
      report(`${root}${jsonKey(key)}`, 'unknown field; allowed: example, factors');
  }
  if (value.example === undefined && value.factors === undefined)
    report(root, 'give "factors" (factor id → rating), "example" (a named example), or both');

  let example: ExampleSituation | undefined;
  if (value.example !== undefined) {
    example = typeof value.example === 'string' ? examples.find((e) => e.id === value.example) : undefined;
    if (!example)
      report(
        `${root}.example`,
        `unknown example ${JSON.stringify(value.example)}; known: ${examples.map((e) => e.id).join(', ')}`,
        'unknown_example',
      );
  }
  const ratings: Record<string, number> = { ...(example?.factors ?? {}) };
  if (value.factors !== undefined) {
    if (!isRecord(value.factors)) {
      report(`${root}.factors`, `must be an object of factor id → rating, got ${typeName(value.factors)}`);
    } else {
      const known = new Set(rules.factors.map((f) => f.id));
      for (const [key, rating] of Object.entries(value.factors)) {
        const path = `${root}.factors${jsonKey(key)}`;
        if (!known.has(key)) {
          report(path, `unknown factor; known: ${[...known].join(', ')}`, 'unknown_factor');
        } else if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < min || rating > max) {
          report(path, `must be a whole number from ${min} to ${max}, got ${typeName(rating)}`, 'bad_rating');
        } else {
          ratings[key] = rating;
        }
      }
    }
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  const all: Record<string, number> = {};
  for (const f of rules.factors) all[f.id] = ratings[f.id] ?? min;
  return { example: example?.id ?? null, ratings: all };
}

const TILTS: readonly Tilt[] = ['lead', 'manage', 'even'];

/**
 * Reads the parts of a profile the advisor uses, from a `Profile` (as `fulcrum assess --json`
 * prints) or a wrapper `{ "profile": Profile }` (as the web app's download gives). Checks
 * `contrasts[]` (id, lead/manage scale and score, difference, se, tilt), `balance.tilt` and the
 * scale names when present; problems name the JSON path. A missing tilt with a difference and an
 * SE is computed with the 95% rule.
 */
export function parseProfileForAdvice(value: unknown, root = '$'): ProfileForAdvice {
  const problems: Problem[] = [];
  const report = (path: string, message: string): void => {
    problems.push({ code: 'invalid_profile', message, location: { kind: 'json', path } });
  };
  let base = root;
  let doc = value;
  if (isRecord(value) && value.contrasts === undefined && isRecord(value.profile)) {
    doc = value.profile;
    base = `${root}.profile`;
  }
  if (!isRecord(doc)) {
    report(root, `a profile must be an object (a Profile or { "profile": Profile }), got ${typeName(doc)}`);
    throw new InvalidInputError(problems);
  }
  const numOrNull = (v: unknown, path: string, what: string): number | null | undefined => {
    if (v === null) return null;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    report(path, `${what} must be a number or null, got ${typeName(v)}`);
    return undefined;
  };
  const contrasts: ProfileForAdvice['contrasts'] = [];
  if (!Array.isArray(doc.contrasts)) {
    report(`${base}.contrasts`, `must be a list of the three contrasts, got ${typeName(doc.contrasts)}`);
  } else {
    const seen = new Set<string>();
    for (const [i, raw] of doc.contrasts.entries()) {
      const path = `${base}.contrasts[${i}]`;
      if (!isRecord(raw)) {
        report(path, `must be an object, got ${typeName(raw)}`);
        continue;
      }
      const id = raw.id;
      if (typeof id !== 'string' || !CONTRASTS.includes(id as Contrast)) {
        report(`${path}.id`, `must be one of ${CONTRASTS.join(', ')}, got ${typeName(id)}`);
        continue;
      }
      if (seen.has(id)) {
        report(`${path}.id`, `duplicate contrast "${id}"`);
        continue;
      }
      seen.add(id);
      const side = (key: 'lead' | 'manage') => {
        const s = raw[key];
        if (!isRecord(s)) {
          report(`${path}.${key}`, `must be an object { scale, score }, got ${typeName(s)}`);
          return undefined;
        }
        if (typeof s.scale !== 'string' || s.scale === '') {
          report(`${path}.${key}.scale`, `must be a scale id, got ${typeName(s.scale)}`);
          return undefined;
        }
        const score = numOrNull(s.score, `${path}.${key}.score`, 'score');
        if (score === undefined) return undefined;
        if (score !== null && (score < 0 || score > 100)) {
          report(`${path}.${key}.score`, `must be from 0 to 100, got ${score}`);
          return undefined;
        }
        return { scale: s.scale, score };
      };
      const lead = side('lead');
      const manage = side('manage');
      const difference = numOrNull(raw.difference ?? null, `${path}.difference`, 'difference');
      const se = numOrNull(raw.se ?? null, `${path}.se`, 'se');
      if (typeof se === 'number' && se < 0) report(`${path}.se`, `must not be negative, got ${se}`);
      let tilt: Tilt | null = null;
      if (raw.tilt !== undefined && raw.tilt !== null) {
        if (typeof raw.tilt !== 'string' || !TILTS.includes(raw.tilt as Tilt)) {
          report(`${path}.tilt`, `must be one of lead, manage, even or null, got ${typeName(raw.tilt)}`);
          continue;
        }
        tilt = raw.tilt as Tilt;
      } else if (typeof difference === 'number' && typeof se === 'number') {
        tilt = tiltOf(difference, se);
      }
      if (!lead || !manage || difference === undefined || se === undefined) continue;
      contrasts.push({ id: id as Contrast, lead, manage, difference, se, tilt });
    }
  }
  let balance: ProfileForAdvice['balance'];
  if (doc.balance !== undefined) {
    const t = isRecord(doc.balance) ? doc.balance.tilt : undefined;
    if (!isRecord(doc.balance)) report(`${base}.balance`, `must be an object, got ${typeName(doc.balance)}`);
    else if (t !== null && t !== undefined && !(typeof t === 'string' && TILTS.includes(t as Tilt)))
      report(`${base}.balance.tilt`, `must be one of lead, manage, even or null, got ${typeName(t)}`);
    else balance = { tilt: (t ?? null) as Tilt | null };
  }
  let scales: ProfileForAdvice['scales'];
  if (Array.isArray(doc.scales)) {
    scales = doc.scales.flatMap((s) =>
      isRecord(s) && typeof s.id === 'string' && typeof s.name === 'string'
        ? [{ id: s.id, name: s.name }]
        : [],
    );
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return { contrasts, balance, scales };
}
