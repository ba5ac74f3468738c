import { InvalidInputError, type Problem } from '../../../model/errors/index.ts';
import type { GradedItem } from '../../../psychometrics/irt/types.ts';
import { isRecord, jsonProblem, readJsonFile } from './json-file.ts';

/**
 * A graded-model params file, as `fulcrum calibrate --json` prints it:
 * `{ "model": "graded", "items": [{ "item", "a", "b": [...] , "categories"? }], "categories"?, ... }`.
 * `categories` are the observed answer values of the categories, ascending; per item when an item's
 * categories differ from the file-wide list (an unused category was collapsed in calibration).
 */
export interface ParamsFile {
  items: (GradedItem & { item: string; categories?: number[] })[];
  categories?: number[];
}

function isIncreasing(list: unknown): list is number[] {
  return (
    Array.isArray(list) &&
    list.length > 0 &&
    list.every(
      (x, i) => typeof x === 'number' && Number.isFinite(x) && (i === 0 || x > (list[i - 1] as number)),
    )
  );
}

export function readParamsFile(file: string): ParamsFile {
  const json = readJsonFile(file, 'the params file');
  if (!isRecord(json))
    throw new InvalidInputError([jsonProblem(file, '$', 'the params file must be a JSON object')]);
  const problems: Problem[] = [];
  if (json.model !== undefined && json.model !== 'graded')
    problems.push(
      jsonProblem(file, '$.model', `model "${String(json.model)}" is not supported; use "graded"`),
    );
  let categories: number[] | undefined;
  if (json.categories !== undefined) {
    if (isIncreasing(json.categories)) categories = json.categories;
    else problems.push(jsonProblem(file, '$.categories', 'must be an increasing list of numbers'));
  }
  const items: ParamsFile['items'] = [];
  if (!Array.isArray(json.items) || json.items.length === 0)
    problems.push(jsonProblem(file, '$.items', '"items" must be a non-empty list'));
  else
    json.items.forEach((entry: unknown, j: number) => {
      const path = `$.items[${j}]`;
      if (!isRecord(entry)) {
        problems.push(jsonProblem(file, path, 'must be an object { item, a, b }'));
        return;
      }
      const before = problems.length;
      if (typeof entry.item !== 'string' || entry.item === '')
        problems.push(jsonProblem(file, `${path}.item`, '"item" must be the column name'));
      else if (items.some((i) => i.item === entry.item))
        problems.push(jsonProblem(file, `${path}.item`, `item "${entry.item}" appears twice`));
      if (typeof entry.a !== 'number' || !(entry.a > 0) || !Number.isFinite(entry.a))
        problems.push(jsonProblem(file, `${path}.a`, '"a" must be a positive number'));
      if (!isIncreasing(entry.b))
        problems.push(
          jsonProblem(file, `${path}.b`, '"b" must be a non-empty, strictly increasing list of numbers'),
        );
      let own: number[] | undefined;
      if (entry.categories !== undefined) {
        if (!isIncreasing(entry.categories))
          problems.push(jsonProblem(file, `${path}.categories`, 'must be an increasing list of numbers'));
        else own = entry.categories;
      }
      if (problems.length > before) return;
      const b = entry.b as number[];
      const effective = own ?? categories;
      if (effective && effective.length !== b.length + 1)
        problems.push(
          jsonProblem(
            file,
            own ? `${path}.categories` : `${path}.b`,
            `${b.length} thresholds need ${b.length + 1} categories, ${own ? 'the item lists' : 'the file lists'} ${effective.length}`,
          ),
        );
      items.push({
        item: entry.item as string,
        a: entry.a as number,
        b,
        ...(own ? { categories: own } : {}),
      });
    });
  if (problems.length > 0) throw new InvalidInputError(problems);
  return { items, ...(categories ? { categories } : {}) };
}

/**
 * The observed value of each category of each item: the item's own list, else the file's, else 1 … K
 * (or 0 … K−1 when the data contain a 0 — the two usual codings).
 */
export function itemCategories(params: ParamsFile, zeroBased: boolean): number[][] {
  return params.items.map(
    (item) =>
      item.categories ??
      params.categories ??
      Array.from({ length: item.b.length + 1 }, (_, k) => k + (zeroBased ? 0 : 1)),
  );
}

/**
 * Code 0 … K−1 of an observed value: its position among the item's categories. A value that is one of
 * the file-wide categories but was collapsed for this item goes to the nearest lower kept category.
 * Returns −1 for a value that is no category at all.
 */
export function categoryCode(
  categories: readonly number[],
  fileWide: readonly number[] | undefined,
  value: number,
) {
  const exact = categories.indexOf(value);
  if (exact >= 0) return exact;
  if (!fileWide?.includes(value)) return -1;
  let code = 0;
  for (let k = 0; k < categories.length; k++) if (categories[k]! <= value) code = k;
  return code;
}
