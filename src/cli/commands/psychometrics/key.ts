import { InvalidInputError, type Problem } from '../../../model/errors/index.ts';
import type { Instrument } from '../../../model/instrument/types.ts';
import { isRecord, jsonProblem, readJsonFile } from './json-file.ts';

/** A scoring key: the response range and, per scale, its item columns (reverse-keyed items flagged). */
export interface ScoringKey {
  min: number;
  max: number;
  scales: { scale: string; items: { item: string; reversed: boolean }[] }[];
}

/** Reads `{ "min": 1, "max": 6, "scales": { "<name>": ["-A1", "A2", …] } }`; a leading `-` reverse-keys. */
export function readKeyFile(file: string): ScoringKey {
  const json = readJsonFile(file, 'the key');
  const problems: Problem[] = [];
  if (!isRecord(json)) throw new InvalidInputError([jsonProblem(file, '$', 'the key must be a JSON object')]);
  for (const field of ['min', 'max'] as const)
    if (typeof json[field] !== 'number' || !Number.isFinite(json[field]))
      problems.push(jsonProblem(file, `$.${field}`, `"${field}" must be a number`));
  if (problems.length === 0 && !((json.max as number) > (json.min as number)))
    problems.push(jsonProblem(file, '$.max', '"max" must be greater than "min"'));
  const scales: ScoringKey['scales'] = [];
  if (!isRecord(json.scales) || Object.keys(json.scales).length === 0)
    problems.push(
      jsonProblem(file, '$.scales', '"scales" must be an object of scale name → list of columns'),
    );
  else
    for (const [scale, list] of Object.entries(json.scales)) {
      const path = `$.scales[${JSON.stringify(scale)}]`;
      if (!Array.isArray(list) || list.length === 0) {
        problems.push(jsonProblem(file, path, 'must be a non-empty list of column names'));
        continue;
      }
      const items: ScoringKey['scales'][number]['items'] = [];
      list.forEach((entry, i) => {
        if (typeof entry !== 'string' || entry.replace(/^-/, '').trim() === '')
          problems.push(
            jsonProblem(file, `${path}[${i}]`, 'must be a column name, "-" first to reverse-key'),
          );
        else items.push({ item: entry.replace(/^-/, '').trim(), reversed: entry.startsWith('-') });
      });
      const names = items.map((i) => i.item);
      names.forEach((name, i) => {
        if (names.indexOf(name) !== i)
          problems.push(jsonProblem(file, `${path}[${i}]`, `column "${name}" appears twice in the scale`));
      });
      scales.push({ scale, items });
    }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return { min: json.min as number, max: json.max as number, scales };
}

/** The key of an instrument: its response scale, and its items grouped by scale in instrument order. */
export function keyFromInstrument(instrument: Instrument): ScoringKey {
  return {
    min: instrument.responseScale.min,
    max: instrument.responseScale.max,
    scales: instrument.scales
      .map((scale) => ({
        scale: scale.id,
        items: instrument.items
          .filter((item) => item.scale === scale.id)
          .map((item) => ({ item: item.id, reversed: item.reverse })),
      }))
      .filter((s) => s.items.length > 0),
  };
}
