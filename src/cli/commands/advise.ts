import type { Command } from 'commander';
import { loadAdvisorRules, loadExamples } from '../../catalog/situations.ts';
import { InvalidInputError } from '../../model/errors/index.ts';
import { advise } from '../../model/situation/advise.ts';
import { findExample } from '../../model/situation/find-example.ts';
import { parseProfileForAdvice, parseSituation } from '../../model/situation/input.ts';
import type { Advice, AdvisorRules, ExampleSituation } from '../../model/situation/types.ts';
import { printJson } from '../output.ts';
import { readJsonFile } from './psychometrics/json-file.ts';

interface AdviseOptions {
  situation?: string;
  example?: string;
  profile?: string;
  listExamples?: boolean;
  rules?: string;
  examples?: string;
  json?: boolean;
}

/** Re-throws located JSON problems with the file they came from. */
function inFile<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof InvalidInputError)
      throw new InvalidInputError(
        error.problems.map((p) => ({ ...p, message: `${p.message} (in ${file})` })),
        error.code,
      );
    throw error;
  }
}

function factorHelp(): string {
  try {
    const rules = loadAdvisorRules();
    const examples = loadExamples(rules).examples;
    const lines = [
      '',
      'Situation file (--situation), JSON:',
      '  { "example": "<example id>",            optional: start from a named example',
      '    "factors": { "<factor id>": <rating> } optional: ratings, overriding the example',
      '  }',
      `Ratings are whole numbers from ${rules.scale.min} (not a concern) to ${rules.scale.max} (very high); factors not given are ${rules.scale.min}.`,
      '',
      'Factors:',
      ...rules.factors.map((f) => `  ${f.id.padEnd(20)} ${f.question}`),
      '',
      `Examples: ${examples.map((e) => e.id).join(', ')} (see --list-examples)`,
      '',
      'Profile file (--profile): a profile as `fulcrum assess --json` prints it, or { "profile": <profile> }.',
      '',
      'Examples:',
      '  fulcrum advise --example product-launch --json',
      '  fulcrum advise --situation situation.json --profile profile.json',
    ];
    return lines.join('\n');
  } catch {
    return '';
  }
}

/**
 * `fulcrum advise --situation <file> | --example <id> [--profile <file>] [--json]` and
 * `fulcrum advise --list-examples [--json]`: which mode a situation calls for, why, and what to do.
 */
export function registerAdvise(program: Command): void {
  program
    .command('advise')
    .description('advise when to lead and when to manage in a situation, set against your profile')
    .option('--situation <file>', 'situation JSON: { "example"?: id, "factors": { factorId: rating } }')
    .option('--example <id>', 'advise on a named example situation')
    .option('--profile <file>', 'your profile JSON (from `fulcrum assess --json`, or { "profile": … })')
    .option('--list-examples', 'list the named example situations')
    .option('--rules <file>', 'advisor rules file (default: the built-in rules)')
    .option('--examples <file>', 'example situations file (default: the built-in examples)')
    .option('--json', 'print one JSON document')
    .addHelpText('after', factorHelp)
    .action((options: AdviseOptions) => {
      const rules = options.rules ? loadAdvisorRules(options.rules) : loadAdvisorRules();
      const examples = (options.examples ? loadExamples(rules, options.examples) : loadExamples(rules))
        .examples;

      if (options.listExamples) {
        if (options.situation || options.example || options.profile)
          throw new InvalidInputError(
            '--list-examples takes no --situation, --example or --profile',
            'usage',
          );
        if (options.json) return printJson({ examples });
        process.stdout.write(listText(examples, rules));
        return;
      }
      if (options.situation && options.example)
        throw new InvalidInputError(
          'choose one of --situation and --example (a situation file can name an example itself)',
          'usage',
        );
      if (!options.situation && !options.example)
        throw new InvalidInputError(
          'give --situation <file> or --example <id> (or --list-examples); see fulcrum advise --help',
          'usage',
        );

      const situation = options.situation
        ? inFile(options.situation, () =>
            parseSituation(readJsonFile(options.situation!, 'situation'), rules, examples),
          )
        : (() => {
            const example = findExample(examples, options.example!);
            return parseSituation({ example: example.id }, rules, examples);
          })();
      const profile = options.profile
        ? inFile(options.profile, () => parseProfileForAdvice(readJsonFile(options.profile!, 'profile')))
        : undefined;

      const advice = advise(situation, rules, { profile });
      if (options.json) return printJson(advice);
      const example = situation.example ? examples.find((e) => e.id === situation.example) : undefined;
      process.stdout.write(adviceText(advice, example));
    });
}

function listText(examples: readonly ExampleSituation[], rules: AdvisorRules): string {
  const lines: string[] = [];
  for (const e of examples) {
    lines.push(`${e.id} — ${e.title}`);
    lines.push(`  ${e.description}`);
    const set = rules.factors.filter((f) => (e.factors[f.id] ?? 0) > rules.scale.min);
    lines.push(`  ${set.map((f) => `${f.id} ${e.factors[f.id]}`).join(', ')}`);
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

const signed = (x: number) => (x > 0 ? `+${x.toFixed(2)}` : x.toFixed(2));

/** The advice as readable text. */
export function adviceText(advice: Advice, example?: ExampleSituation): string {
  const out: string[] = [];
  if (example) out.push(`Situation: ${example.title}`, '');
  out.push(`Overall: ${advice.overall.labelText.toUpperCase()} (score ${signed(advice.overall.score)})`);
  out.push(`  ${advice.overall.summary}`, '');
  out.push('By contrast (score −1 manage … +1 lead):');
  for (const c of advice.contrasts) {
    out.push(`  ${c.name.padEnd(22)} ${c.labelText.padEnd(16)} ${signed(c.score)}`);
    out.push(`    ${c.summary}`);
  }
  if (advice.drivers.length > 0) {
    out.push('', 'What drove it (contribution per contrast = weight × intensity ÷ saturation):');
    for (const d of advice.drivers) out.push(`  ${d.explanation}`);
  }
  out.push('', 'This week:');
  advice.behaviours.forEach((b, i) => {
    out.push(`  ${i + 1}. ${b.text}`);
    out.push(`     (${b.why})`);
  });
  if (advice.fit) {
    out.push('', 'Against your profile:', `  ${advice.fit.overall.message}`);
    for (const f of advice.fit.contrasts) {
      out.push(`  ${f.message}`);
      if (f.overuse) out.push(`    Watch for overuse: ${f.overuse}`);
      for (const s of f.stretch) out.push(`    Stretch: ${s.text}`);
    }
  }
  return `${out.join('\n')}\n`;
}
