import { fileURLToPath } from 'node:url';
import { NotFoundError } from '../errors/index.ts';
import { loadInstrumentSync } from '../instrument/load.ts';
import type { Scale } from '../instrument/types.ts';
import { readDataFile } from '../practice/load.ts';
import { parseAdvisorRules, parseExamples } from './parse.ts';
import type { AdvisorRules, ExampleSet, ExampleSituation } from './types.ts';

const dir = (name: string) =>
  fileURLToPath(new URL(`../../../instruments/situations/${name}`, import.meta.url));

/** The built-in advisor rules and example situations (data, not code). */
export const BUILTIN_RULES_FILE = dir('advisor-rules.v1.yaml');
export const BUILTIN_EXAMPLES_FILE = dir('examples.v1.yaml');

/** Loads and validates advisor rules against an instrument's scales (default: lead-manage). */
export function loadAdvisorRules(
  file: string = BUILTIN_RULES_FILE,
  scales: readonly Pick<Scale, 'id' | 'pole' | 'contrast'>[] = loadInstrumentSync('lead-manage').scales,
): AdvisorRules {
  return parseAdvisorRules(readDataFile(file, 'advisor rules'), file, scales);
}

/** Loads and validates example situations against the rules. */
export function loadExamples(rules: AdvisorRules, file: string = BUILTIN_EXAMPLES_FILE): ExampleSet {
  return parseExamples(readDataFile(file, 'example situations'), file, rules);
}

/** The example with this id, or a `NotFoundError` listing the known ids (exit 2 on the command line). */
export function findExample(examples: readonly ExampleSituation[], id: string): ExampleSituation {
  const found = examples.find((e) => e.id === id);
  if (!found)
    throw new NotFoundError('example situation', id, `known: ${examples.map((e) => e.id).join(', ')}`);
  return found;
}
