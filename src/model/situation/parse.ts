import { DataFileReader, type Path, SLUG, SLUG_HINT } from '../data-file/reader.ts';
import { CONTRASTS, type Contrast, type Scale } from '../instrument/types.ts';
import {
  type AdvisorRules,
  BEHAVIOUR_USES,
  type Behaviour,
  type ExampleSet,
  type ExampleSituation,
  type Factor,
  type Thresholds,
} from './types.ts';

const SEMVER = /^\d+\.\d+\.\d+$/;
const RULE_FIELDS = [
  'id',
  'version',
  'scale',
  'intensity',
  'saturation',
  'thresholds',
  'factors',
  'behaviours',
  'overuse',
];
const FACTOR_FIELDS = ['id', 'name', 'question', 'labels', 'why', 'weights'];
const BEHAVIOUR_FIELDS = ['id', 'scale', 'use', 'text', 'factors'];
const THRESHOLD_FIELDS: (keyof Thresholds)[] = ['strong', 'lean', 'both', 'steady'];

type ScaleInfo = Pick<Scale, 'id' | 'pole' | 'contrast'>;

/**
 * Parses and validates the advisor rules (YAML). Checks: a rating scale of 2–11 points with one
 * label per point for every factor; a non-decreasing intensity per point from 0 to at most 1; every
 * factor weighted on every contrast within −1…+1; thresholds that make sense together; behaviours
 * on known scales naming known factors; and enough behaviours that advice can always offer three
 * (one per side of every contrast, a stretch per lead/manage scale, three for a steady state).
 * Every problem is reported with `file:line:column` in one `InvalidInputError` (`invalid_rules`).
 */
export function parseAdvisorRules(text: string, file: string, scales: readonly ScaleInfo[]): AdvisorRules {
  const r = new DataFileReader(text, file, 'invalid_rules');
  const root = r.record(r.root, [], 'the advisor rules');
  if (!root) return fail(r);
  r.unknownFields(root, [], RULE_FIELDS);
  const id = r.string(root, ['id'], { pattern: SLUG, hint: SLUG_HINT });
  const version = r.string(root, ['version'], { pattern: SEMVER, hint: 'a version such as 1.0.0' });

  let min: number | undefined;
  let max: number | undefined;
  const scale = r.record(root.scale, ['scale'], '"scale" (min and max rating)');
  if (scale) {
    r.unknownFields(scale, ['scale'], ['min', 'max']);
    min = r.number(scale, ['scale', 'min'], { integer: true, min: 0 });
    max = r.number(scale, ['scale', 'max'], { integer: true, min: 1 });
    if (min !== undefined && max !== undefined && (max <= min || max - min > 10)) {
      r.report('bad_range', ['scale', 'max'], `max must be 1 to 10 points above min (${min}), got ${max}`);
      max = undefined;
    }
  }
  const points = min !== undefined && max !== undefined ? max - min + 1 : undefined;

  const intensity: number[] = [];
  const rawIntensity = r.list(root, ['intensity']);
  if (points !== undefined && rawIntensity.length > 0 && rawIntensity.length !== points) {
    r.report(
      'intensity_count',
      ['intensity'],
      `intensity needs one value per rating point: ${points} (from ${min} to ${max}), got ${rawIntensity.length}`,
    );
  }
  rawIntensity.forEach((_, i) => {
    const value = r.number(rawIntensity as unknown as Record<string, unknown>, ['intensity', i], {
      min: 0,
      max: 1,
    });
    if (value === undefined) return;
    if (i === 0 && value !== 0)
      r.report('intensity_start', ['intensity', 0], 'the lowest rating must have intensity 0 (absent)');
    const previous = intensity.at(-1);
    if (previous !== undefined && value < previous)
      r.report(
        'intensity_order',
        ['intensity', i],
        `intensity must not decrease: ${value} comes after ${previous} (a higher rating never counts less)`,
      );
    intensity.push(value);
  });

  const saturation = r.number(root, ['saturation'], { min: 0.1, max: 10 });
  const thresholds = readThresholds(r, root);

  const factors: Factor[] = [];
  const factorIds = new Map<string, Path>();
  for (const [i, raw] of r.list(root, ['factors']).entries()) {
    const path: Path = ['factors', i];
    const obj = r.record(raw, path, 'a factor');
    if (!obj) continue;
    r.unknownFields(obj, path, FACTOR_FIELDS);
    const factorId = r.string(obj, [...path, 'id'], { pattern: SLUG, hint: SLUG_HINT });
    const name = r.string(obj, [...path, 'name']);
    const question = r.string(obj, [...path, 'question'], { what: 'the plain question asked' });
    const why = r.string(obj, [...path, 'why'], { what: 'why the factor points where it does' });
    const labels = readLabels(r, obj, [...path, 'labels'], points, min, max);
    const weights = readWeights(r, obj, [...path, 'weights']);
    if (factorId !== undefined && duplicate(r, factorIds, factorId, [...path, 'id'], 'factor')) continue;
    if (factorId && name && question && why && labels && weights)
      factors.push({ id: factorId, name, question, labels, why, weights });
  }

  const scaleById = new Map(scales.map((s) => [s.id, s]));
  const behaviours: Behaviour[] = [];
  const behaviourIds = new Map<string, Path>();
  for (const [i, raw] of r.list(root, ['behaviours']).entries()) {
    const path: Path = ['behaviours', i];
    const obj = r.record(raw, path, 'a behaviour');
    if (!obj) continue;
    r.unknownFields(obj, path, BEHAVIOUR_FIELDS);
    const behaviourId = r.string(obj, [...path, 'id'], { pattern: SLUG, hint: SLUG_HINT });
    const use = r.oneOf(obj, [...path, 'use'], BEHAVIOUR_USES);
    const text = r.string(obj, [...path, 'text'], { what: 'a concrete action for the coming week' });
    const scaleId = r.string(obj, [...path, 'scale']);
    const scaleInfo = scaleId === undefined ? undefined : scaleById.get(scaleId);
    if (scaleId !== undefined && !scaleInfo) {
      r.report(
        'unknown_scale',
        [...path, 'scale'],
        `unknown scale "${scaleId}"; allowed: ${[...scaleById.keys()].join(', ')}`,
      );
    } else if (scaleInfo && use !== undefined && use !== 'steady' && scaleInfo.pole === 'foundation') {
      r.report(
        'foundation_behaviour',
        [...path, 'scale'],
        `a ${use} behaviour needs a lead or manage scale (it answers what a contrast calls for); "${scaleId}" is a foundation scale — use "steady" or another scale`,
      );
    }
    const linked: string[] = [];
    for (const [j, f] of r.list(obj, [...path, 'factors'], { optional: true }).entries()) {
      if (typeof f !== 'string' || !factorIds.has(f)) {
        r.report(
          'unknown_factor',
          [...path, 'factors', j],
          `unknown factor ${JSON.stringify(f)}; allowed: ${[...factorIds.keys()].join(', ')}`,
        );
      } else linked.push(f);
    }
    if (behaviourId !== undefined && duplicate(r, behaviourIds, behaviourId, [...path, 'id'], 'behaviour'))
      continue;
    if (behaviourId && use && text && scaleInfo)
      behaviours.push({
        id: behaviourId,
        scale: scaleInfo.id,
        pole: scaleInfo.pole,
        ...(scaleInfo.contrast ? { contrast: scaleInfo.contrast } : {}),
        text,
        factors: linked,
        use,
      });
  }

  const sided = scales.filter((s) => s.pole !== 'foundation');
  const overuse: Record<string, string> = {};
  const rawOveruse = r.record(root.overuse, ['overuse'], '"overuse" (one warning per lead and manage scale)');
  if (rawOveruse) {
    r.unknownFields(
      rawOveruse,
      ['overuse'],
      sided.map((s) => s.id),
    );
    for (const s of sided) {
      const text = r.string(rawOveruse, ['overuse', s.id], { what: `how ${s.id} is overused` });
      if (text) overuse[s.id] = text;
    }
  }

  if (r.problems.length === 0) checkCoverage(r, behaviours, sided);
  r.throwIfProblems();
  return {
    id: id!,
    version: version!,
    scale: { min: min!, max: max! },
    intensity,
    saturation: saturation!,
    thresholds: thresholds!,
    factors,
    behaviours,
    overuse,
  };
}

function fail(r: DataFileReader): never {
  r.throwIfProblems();
  throw new Error('unreachable: a problem was reported');
}

function duplicate(
  r: DataFileReader,
  seen: Map<string, Path>,
  id: string,
  path: Path,
  what: string,
): boolean {
  const first = seen.get(id);
  if (first) {
    const { line, column } = r.position(first);
    r.report(
      `duplicate_${what}`,
      path,
      `duplicate ${what} id "${id}" (first defined at line ${line}, column ${column})`,
    );
    return true;
  }
  seen.set(id, path);
  return false;
}

function readThresholds(r: DataFileReader, root: Record<string, unknown>): Thresholds | undefined {
  const obj = r.record(root.thresholds, ['thresholds'], `"thresholds" (${THRESHOLD_FIELDS.join(', ')})`);
  if (!obj) return undefined;
  r.unknownFields(obj, ['thresholds'], THRESHOLD_FIELDS);
  const [strong, lean, both, steady] = THRESHOLD_FIELDS.map((k) =>
    r.number(obj, ['thresholds', k], { min: 0, max: 1 }),
  );
  if (strong === undefined || lean === undefined || both === undefined || steady === undefined)
    return undefined;
  if (lean >= strong)
    r.report('threshold_order', ['thresholds', 'lean'], `lean (${lean}) must be below strong (${strong})`);
  if (steady > both)
    r.report(
      'threshold_order',
      ['thresholds', 'steady'],
      `steady (${steady}) must not exceed both (${both})`,
    );
  return { strong, lean, both, steady };
}

function readLabels(
  r: DataFileReader,
  obj: Record<string, unknown>,
  path: Path,
  points: number | undefined,
  min: number | undefined,
  max: number | undefined,
): string[] | undefined {
  const raw = r.list(obj, path);
  if (raw.length === 0) return undefined;
  if (points !== undefined && raw.length !== points) {
    r.report(
      'label_count',
      path,
      `labels must have one entry per rating point: ${points} (from ${min} to ${max}), got ${raw.length}`,
    );
    return undefined;
  }
  const labels: string[] = [];
  raw.forEach((label, i) => {
    if (typeof label !== 'string' || label.trim() === '')
      r.report('bad_label', [...path, i], 'a label must be non-empty text');
    else labels.push(label.trim());
  });
  return labels.length === raw.length ? labels : undefined;
}

function readWeights(
  r: DataFileReader,
  obj: Record<string, unknown>,
  path: Path,
): Record<Contrast, number> | undefined {
  const raw = r.record(obj.weights, path, `"weights" (one per contrast: ${CONTRASTS.join(', ')})`);
  if (!raw) return undefined;
  r.unknownFields(raw, path, CONTRASTS);
  const weights = {} as Record<Contrast, number>;
  let ok = true;
  for (const c of CONTRASTS) {
    const w = r.number(raw, [...path, c], { min: -1, max: 1 });
    if (w === undefined) ok = false;
    else weights[c] = w;
  }
  return ok ? weights : undefined;
}

/** Advice must always be able to offer three behaviours, whatever the ratings. */
function checkCoverage(r: DataFileReader, behaviours: Behaviour[], sided: readonly ScaleInfo[]): void {
  for (const s of sided) {
    for (const use of ['situation', 'stretch'] as const) {
      if (!behaviours.some((b) => b.use === use && b.scale === s.id))
        r.report(
          'coverage',
          ['behaviours'],
          `no ${use} behaviour for scale "${s.id}"; every lead and manage scale needs at least one`,
        );
    }
  }
  const steady = behaviours.filter((b) => b.use === 'steady').length;
  if (steady < 3)
    r.report('coverage', ['behaviours'], `${steady} steady behaviour(s); a steady state needs at least 3`);
}

/**
 * Parses and validates the named example situations against the rules (known factors, ratings in
 * range); errors name `file:line:column` (`invalid_examples`).
 */
export function parseExamples(text: string, file: string, rules: AdvisorRules): ExampleSet {
  const r = new DataFileReader(text, file, 'invalid_examples');
  const root = r.record(r.root, [], 'the example situations');
  if (!root) return fail(r);
  r.unknownFields(root, [], ['version', 'examples']);
  const version = r.string(root, ['version'], { pattern: SEMVER, hint: 'a version such as 1.0.0' });
  const known = new Set(rules.factors.map((f) => f.id));
  const examples: ExampleSituation[] = [];
  const ids = new Map<string, Path>();
  for (const [i, raw] of r.list(root, ['examples']).entries()) {
    const path: Path = ['examples', i];
    const obj = r.record(raw, path, 'an example');
    if (!obj) continue;
    r.unknownFields(obj, path, ['id', 'title', 'description', 'factors']);
    const id = r.string(obj, [...path, 'id'], { pattern: SLUG, hint: SLUG_HINT });
    const title = r.string(obj, [...path, 'title']);
    const description = r.string(obj, [...path, 'description']);
    const rawFactors = r.record(obj.factors, [...path, 'factors'], '"factors" (factor id: rating)');
    const factors: Record<string, number> = {};
    if (rawFactors) {
      for (const key of Object.keys(rawFactors)) {
        if (!known.has(key)) {
          r.report(
            'unknown_factor',
            [...path, 'factors', key],
            `unknown factor "${key}"; allowed: ${[...known].join(', ')}`,
            true,
          );
          continue;
        }
        const rating = r.number(rawFactors, [...path, 'factors', key], {
          integer: true,
          min: rules.scale.min,
          max: rules.scale.max,
        });
        if (rating !== undefined) factors[key] = rating;
      }
    }
    if (id !== undefined && duplicate(r, ids, id, [...path, 'id'], 'example')) continue;
    if (id && title && description && rawFactors) examples.push({ id, title, description, factors });
  }
  r.throwIfProblems();
  return { version: version!, examples };
}
