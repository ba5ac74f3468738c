import { DataFileReader, type Path, SLUG, SLUG_HINT } from '../data-file/reader.ts';
import type { Scale } from '../instrument/types.ts';
import { PRACTICE_CADENCES, PRACTICE_SIZES, type Practice, type PracticeLibrary } from './types.ts';

const TOP_FIELDS = ['version', 'practices'];
const PRACTICE_FIELDS = ['id', 'scale', 'size', 'title', 'what', 'cadence', 'time', 'signs'];
const SEMVER = /^\d+\.\d+\.\d+$/;

/**
 * Parses and validates a practice library (YAML). Scales are checked against the instrument's
 * scales, whose pole and contrast are copied onto each practice. Every problem is reported with
 * `file:line:column`; one `InvalidInputError` (code `invalid_practices`) carries them all.
 *
 * @example
 * const library = parsePractices(readFileSync(file, 'utf8'), file, instrument.scales);
 */
export function parsePractices(
  text: string,
  file: string,
  scales: readonly Pick<Scale, 'id' | 'pole' | 'contrast'>[],
): PracticeLibrary {
  const r = new DataFileReader(text, file, 'invalid_practices');
  const root = r.record(r.root, [], 'a practice library');
  if (!root) {
    r.throwIfProblems();
    throw new Error('unreachable');
  }
  r.unknownFields(root, [], TOP_FIELDS);
  const version = r.string(root, ['version'], { pattern: SEMVER, hint: 'a version such as 1.0.0' });
  const scaleById = new Map(scales.map((s) => [s.id, s]));
  const practices: Practice[] = [];
  const seen = new Map<string, Path>();

  for (const [i, raw] of r.list(root, ['practices']).entries()) {
    const path: Path = ['practices', i];
    const obj = r.record(raw, path, 'a practice');
    if (!obj) continue;
    r.unknownFields(obj, path, PRACTICE_FIELDS);
    const id = r.string(obj, [...path, 'id'], { pattern: SLUG, hint: SLUG_HINT });
    const scaleId = r.string(obj, [...path, 'scale']);
    const scale = scaleId === undefined ? undefined : scaleById.get(scaleId);
    if (scaleId !== undefined && !scale) {
      r.report(
        'unknown_scale',
        [...path, 'scale'],
        `unknown scale "${scaleId}"; allowed: ${[...scaleById.keys()].join(', ')}`,
      );
    }
    const size = r.oneOf(obj, [...path, 'size'], PRACTICE_SIZES);
    const title = r.string(obj, [...path, 'title']);
    const what = r.string(obj, [...path, 'what'], { what: 'what to do, concretely' });
    const cadence = r.oneOf(obj, [...path, 'cadence'], PRACTICE_CADENCES);
    const time = r.string(obj, [...path, 'time'], { what: 'how long it takes, e.g. "10 minutes"' });
    const signs = r.string(obj, [...path, 'signs'], { what: 'how to tell it is working' });
    if (id !== undefined) {
      const first = seen.get(id);
      if (first) {
        const { line, column } = r.position(first);
        r.report(
          'duplicate_practice',
          [...path, 'id'],
          `duplicate practice id "${id}" (first defined at line ${line}, column ${column})`,
        );
        continue;
      }
      seen.set(id, [...path, 'id']);
    }
    if (
      id === undefined ||
      !scale ||
      size === undefined ||
      title === undefined ||
      what === undefined ||
      cadence === undefined ||
      time === undefined ||
      signs === undefined
    )
      continue;
    practices.push({
      id,
      scale: scale.id,
      pole: scale.pole,
      ...(scale.contrast ? { contrast: scale.contrast } : {}),
      title,
      what,
      cadence,
      time,
      signs,
      size,
    });
  }
  r.throwIfProblems();
  return { version: version!, practices };
}
