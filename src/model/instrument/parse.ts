import { DataFileReader, isRecord, type Path } from '../data-file/reader.ts';
import { InvalidInstrumentError } from '../errors/index.ts';
import {
  CONTRASTS,
  type Contrast,
  type Instrument,
  type Item,
  POLES,
  type ResponseScale,
  type Scale,
} from './types.ts';

/** A scale needs at least this many items to be scored with the ⌈2/3⌉ rule and to estimate reliability. */
export const MIN_ITEMS_PER_SCALE = 3;
/** When a short form is marked, each scale needs at least this many short items. */
export const MIN_SHORT_ITEMS_PER_SCALE = 2;

const TOP_FIELDS = ['id', 'version', 'title', 'description', 'responseScale', 'scales', 'items'];
const SCALE_FIELDS = ['id', 'name', 'pole', 'contrast', 'description', 'high', 'low'];
const ITEM_FIELDS = ['id', 'scale', 'reverse', 'self', 'observer', 'short'];
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/**
 * Parses and validates an instrument definition (YAML, or JSON, which is YAML too).
 * Every problem is collected and reported with `file:line:column`, what is wrong and what is allowed.
 *
 * @example
 * const instrument = parseInstrument(readFileSync(path, 'utf8'), path);
 */
export function parseInstrument(text: string, file: string): Instrument {
  const reader = new DataFileReader(text, file, (problems) => new InvalidInstrumentError(problems));
  const report: Report = (...args) => reader.report(...args);
  const root = reader.root;
  if (!isRecord(root)) {
    report('not_a_mapping', [], `an instrument must be a mapping with fields: ${TOP_FIELDS.join(', ')}`);
    return reader.fail();
  }

  const v = new FieldReader(reader);
  v.unknownFields(root, [], TOP_FIELDS);
  const id = v.string(root, ['id'], { pattern: ID_PATTERN, hint: 'letters, digits, ".", "_" or "-"' });
  const version = v.string(root, ['version'], { pattern: SEMVER, hint: 'a semantic version such as 1.0.0' });
  const title = v.string(root, ['title']);
  const description = v.string(root, ['description'], { optional: true }) ?? '';
  const responseScale = readResponseScale(root.responseScale, v, report);

  const scales: Scale[] = [];
  const scaleIndex = new Map<string, number>();
  const rawScales = v.list(root, ['scales']);
  for (const [i, raw] of rawScales.entries()) {
    const path: Path = ['scales', i];
    if (!isRecord(raw)) {
      report('not_a_mapping', path, `a scale must be a mapping with fields: ${SCALE_FIELDS.join(', ')}`);
      continue;
    }
    v.unknownFields(raw, path, SCALE_FIELDS);
    const scaleId = v.string(raw, [...path, 'id'], {
      pattern: ID_PATTERN,
      hint: 'letters, digits, ".", "_" or "-"',
    });
    const name = v.string(raw, [...path, 'name']);
    const pole = v.oneOf(raw, [...path, 'pole'], POLES);
    let contrast: Contrast | undefined;
    if (pole === 'lead' || pole === 'manage') {
      contrast = v.oneOf(raw, [...path, 'contrast'], CONTRASTS);
    } else if (pole === 'foundation' && raw.contrast !== undefined) {
      report(
        'unexpected_contrast',
        [...path, 'contrast'],
        'a foundation scale has no contrast; only lead and manage scales do',
      );
    }
    if (scaleId === undefined || name === undefined || pole === undefined) continue;
    if (scaleIndex.has(scaleId)) {
      const first = scaleIndex.get(scaleId)!;
      report(
        'duplicate_scale',
        [...path, 'id'],
        `duplicate scale id "${scaleId}" (first used by scales[${first}])`,
      );
      continue;
    }
    scaleIndex.set(scaleId, i);
    scales.push({
      id: scaleId,
      name,
      pole,
      ...(contrast ? { contrast } : {}),
      description: v.string(raw, [...path, 'description'], { optional: true }) ?? '',
      high: v.string(raw, [...path, 'high'], { optional: true }) ?? '',
      low: v.string(raw, [...path, 'low'], { optional: true }) ?? '',
    });
  }
  checkContrasts(scales, scaleIndex, report);

  const items: Item[] = [];
  const itemIndex = new Map<string, number>();
  const rawItems = v.list(root, ['items']);
  for (const [i, raw] of rawItems.entries()) {
    const path: Path = ['items', i];
    if (!isRecord(raw)) {
      report('not_a_mapping', path, `an item must be a mapping with fields: ${ITEM_FIELDS.join(', ')}`);
      continue;
    }
    v.unknownFields(raw, path, ITEM_FIELDS);
    const itemId = v.string(raw, [...path, 'id'], {
      pattern: ID_PATTERN,
      hint: 'letters, digits, ".", "_" or "-"',
    });
    const scale = v.string(raw, [...path, 'scale']);
    if (scale !== undefined && !scaleIndex.has(scale)) {
      const allowed = [...scaleIndex.keys()].join(', ') || '(no scales defined)';
      report('unknown_scale', [...path, 'scale'], `unknown scale "${scale}"; allowed: ${allowed}`);
    }
    const reverse = v.boolean(raw, [...path, 'reverse'], false);
    const short = v.boolean(raw, [...path, 'short'], false);
    const self = v.string(raw, [...path, 'self'], { what: 'self wording (first person, e.g. "I …")' });
    const observer = v.string(raw, [...path, 'observer'], { what: 'observer wording (about {name})' });
    if (observer !== undefined && !observer.includes('{name}')) {
      report(
        'observer_without_name',
        [...path, 'observer'],
        'observer wording must name the colleague with the placeholder {name}',
      );
    }
    if (itemId === undefined) continue;
    if (itemIndex.has(itemId)) {
      const first = reader.position(['items', itemIndex.get(itemId)!, 'id']);
      report(
        'duplicate_item',
        [...path, 'id'],
        `duplicate item id "${itemId}" (first defined at line ${first.line}, column ${first.column})`,
      );
      continue;
    }
    itemIndex.set(itemId, i);
    if (scale === undefined || self === undefined || observer === undefined) continue;
    items.push({ id: itemId, scale, reverse, self, observer, short });
  }

  checkItemCounts(scales, items, scaleIndex, rawItems.length > 0, report);

  reader.throwIfProblems();
  // each of these is undefined only when a problem was recorded
  if (id === undefined || version === undefined || title === undefined || !responseScale)
    return reader.fail();
  return { id, version, title, description, responseScale, scales, items };
}

type Report = (code: string, path: Path, message: string, keyNode?: boolean) => void;

function readResponseScale(raw: unknown, v: FieldReader, report: Report): ResponseScale | undefined {
  const path: Path = ['responseScale'];
  if (raw === undefined) {
    report('missing_field', [], 'missing field "responseScale" (min, max and a label per point)');
    return undefined;
  }
  if (!isRecord(raw)) {
    report('not_a_mapping', path, 'responseScale must be a mapping with min, max and labels');
    return undefined;
  }
  v.unknownFields(raw, path, ['min', 'max', 'labels']);
  const min = v.integer(raw, [...path, 'min']);
  const max = v.integer(raw, [...path, 'max']);
  const labels = v.list(raw, [...path, 'labels']);
  if (min === undefined || max === undefined) return undefined;
  if (max <= min) {
    report('bad_range', [...path, 'max'], `max (${max}) must be greater than min (${min})`);
    return undefined;
  }
  if (max - min > 10) {
    report('bad_range', [...path, 'max'], `a response scale has at most 11 points; got ${max - min + 1}`);
    return undefined;
  }
  const points = max - min + 1;
  if (labels.length !== points) {
    report(
      'label_count',
      [...path, 'labels'],
      `labels must have one entry per point: ${points} (from ${min} to ${max}), got ${labels.length}`,
    );
    return undefined;
  }
  const texts: string[] = [];
  labels.forEach((label, i) => {
    if (typeof label !== 'string' || label.trim() === '')
      report('bad_label', [...path, 'labels', i], 'a label must be non-empty text');
    else texts.push(label);
  });
  return texts.length === points ? { min, max, labels: texts } : undefined;
}

/** Lead and Manage are read side by side per contrast, so each contrast needs exactly one scale of each pole. */
function checkContrasts(scales: Scale[], scaleIndex: Map<string, number>, report: Report): void {
  const sided = scales.filter((s) => s.pole !== 'foundation');
  if (sided.length === 0) return;
  for (const contrast of CONTRASTS) {
    for (const pole of ['lead', 'manage'] as const) {
      const matches = sided.filter((s) => s.pole === pole && s.contrast === contrast);
      if (matches.length === 0) {
        report(
          'contrast_incomplete',
          ['scales'],
          `contrast "${contrast}" has no ${pole} scale; each contrast (${CONTRASTS.join(', ')}) needs one lead and one manage scale`,
        );
      } else if (matches.length > 1) {
        const second = matches[1]!;
        report(
          'contrast_duplicate',
          ['scales', scaleIndex.get(second.id)!, 'contrast'],
          `contrast "${contrast}" already has a ${pole} scale ("${matches[0]!.id}"); each contrast has exactly one per pole`,
        );
      }
    }
  }
}

function checkItemCounts(
  scales: Scale[],
  items: Item[],
  scaleIndex: Map<string, number>,
  anyItems: boolean,
  report: Report,
): void {
  if (!anyItems) return;
  const hasShortForm = items.some((item) => item.short);
  for (const scale of scales) {
    const own = items.filter((item) => item.scale === scale.id);
    const path: Path = ['scales', scaleIndex.get(scale.id)!, 'id'];
    if (own.length < MIN_ITEMS_PER_SCALE) {
      report(
        'too_few_items',
        path,
        `scale "${scale.id}" has ${own.length} item(s); a scale needs at least ${MIN_ITEMS_PER_SCALE}`,
      );
    }
    const short = own.filter((item) => item.short).length;
    if (hasShortForm && short < MIN_SHORT_ITEMS_PER_SCALE) {
      report(
        'short_form_incomplete',
        path,
        `scale "${scale.id}" has ${short} short-form item(s); when a short form is marked, every scale needs at least ${MIN_SHORT_ITEMS_PER_SCALE}`,
      );
    }
  }
}

/** The instrument's field rules on top of the shared reader: text fields take numbers as written. */
class FieldReader {
  constructor(private readonly reader: DataFileReader) {}

  unknownFields(obj: Record<string, unknown>, path: Path, allowed: string[]): void {
    this.reader.unknownFields(obj, path, allowed);
  }

  string(
    obj: Record<string, unknown>,
    path: Path,
    opts: { optional?: boolean; pattern?: RegExp; hint?: string; what?: string } = {},
  ): string | undefined {
    return this.reader.string(obj, path, { ...opts, acceptNumbers: true });
  }

  integer(obj: Record<string, unknown>, path: Path): number | undefined {
    return this.reader.number(obj, path, { integer: true });
  }

  boolean(obj: Record<string, unknown>, path: Path, fallback: boolean): boolean {
    return this.reader.boolean(obj, path, fallback);
  }

  oneOf<T extends string>(obj: Record<string, unknown>, path: Path, allowed: readonly T[]): T | undefined {
    return this.reader.oneOf(obj, path, allowed);
  }

  list(obj: Record<string, unknown>, path: Path): unknown[] {
    return this.reader.list(obj, path);
  }
}
