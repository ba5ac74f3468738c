import { fileURLToPath } from 'node:url';
import type { Scale } from '../model/instrument/types.ts';
import { parseAdvisorRules, parseExamples } from '../model/situation/parse.ts';
import type { AdvisorRules, ExampleSet, ExampleSituation } from '../model/situation/types.ts';
import { loadInstrumentSync } from './instruments.ts';
import { readTextFile } from './read-text-file.ts';

const dir = (name: string) => fileURLToPath(new URL(`../../instruments/situations/${name}`, import.meta.url));

/** The built-in advisor rules and example situations (data, not code). */
export const BUILTIN_RULES_FILE = dir('advisor-rules.v1.yaml');
export const BUILTIN_EXAMPLES_FILE = dir('examples.v1.yaml');

/** Loads and validates advisor rules against an instrument's scales (default: lead-manage). */
export function loadAdvisorRules(
  file: string = BUILTIN_RULES_FILE,
  scales: readonly Pick<Scale, 'id' | 'pole' | 'contrast'>[] = loadInstrumentSync('lead-manage').scales,
): AdvisorRules {
  return parseAdvisorRules(readTextFile(file, 'advisor rules'), file, scales);
}

/** Loads and validates example situations against the rules. */
export function loadExamples(rules: AdvisorRules, file: string = BUILTIN_EXAMPLES_FILE): ExampleSet {
  return parseExamples(readTextFile(file, 'example situations'), file, rules);
}

let cached: { rules: AdvisorRules; examples: ExampleSituation[] } | undefined;

/** The built-in advisor rules and examples, read and validated once per process. */
export function builtinAdvisor(): { rules: AdvisorRules; examples: ExampleSituation[] } {
  if (!cached) {
    const rules = loadAdvisorRules();
    cached = { rules, examples: loadExamples(rules).examples };
  }
  return cached;
}
