import type { Command } from 'commander';
import { loadInstrumentSync } from '../../catalog/instruments.ts';
import { builtinPractices, loadPracticesFile } from '../../catalog/practices.ts';
import { InvalidInputError } from '../../model/errors/index.ts';
import { practicesFor, searchPractices } from '../../model/practice/search.ts';
import { PRACTICE_SIZES, type Practice, type PracticeSize } from '../../model/practice/types.ts';
import { printJson } from '../output.ts';

interface PracticesOptions {
  scale?: string;
  search?: string;
  size?: string;
  pole?: string;
  library?: string;
  json?: boolean;
}

const SIZE_TEXT: Record<PracticeSize, string> = {
  habit: 'daily habit',
  routine: 'weekly routine',
  project: 'project',
};

/** `fulcrum practices [--scale <id>] [--search <text>] [--size <size>] [--pole <pole>] [--json]`. */
export function registerPractices(program: Command): void {
  program
    .command('practices')
    .description('browse the practice library: concrete habits, routines and projects for each scale')
    .option('--scale <id>', 'only practices for this scale (e.g. people, tasks, communication)')
    .option('--search <text>', 'case-insensitive words to find in the title or what to do')
    .option('--size <size>', `only this size: ${PRACTICE_SIZES.join(', ')}`)
    .option('--pole <pole>', 'only practices for lead, manage or foundation scales')
    .option('--library <file>', 'a practice library file to check and search (default: the built-in one)')
    .option('--json', 'print one JSON document: { version, practices }')
    .action((options: PracticesOptions) => {
      const scales = loadInstrumentSync('lead-manage').scales;
      const library = options.library ? loadPracticesFile(options.library, scales) : builtinPractices();
      const problems: string[] = [];
      if (options.scale !== undefined && !scales.some((s) => s.id === options.scale))
        problems.push(
          `--scale: unknown scale "${options.scale}"; known: ${scales.map((s) => s.id).join(', ')}`,
        );
      if (options.size !== undefined && !PRACTICE_SIZES.includes(options.size as PracticeSize))
        problems.push(`--size must be one of ${PRACTICE_SIZES.join(', ')}, got "${options.size}"`);
      if (options.pole !== undefined && !['lead', 'manage', 'foundation'].includes(options.pole))
        problems.push(`--pole must be lead, manage or foundation, got "${options.pole}"`);
      if (problems.length > 0)
        throw new InvalidInputError(problems.map((message) => ({ code: 'usage', message })));

      const filtered = searchPractices(
        {
          ...(options.search !== undefined ? { text: options.search } : {}),
          ...(options.size !== undefined ? { size: options.size as PracticeSize } : {}),
          ...(options.pole !== undefined ? { pole: options.pole as Practice['pole'] } : {}),
        },
        options.scale !== undefined ? practicesFor(options.scale, library.practices) : library.practices,
      );
      if (options.json) return printJson({ version: library.version, practices: filtered });
      const names = new Map(scales.map((s) => [s.id, s.name]));
      const out: string[] = [];
      for (const p of filtered) {
        out.push(`${p.title}  [${p.id}]`);
        out.push(`  ${names.get(p.scale) ?? p.scale} · ${SIZE_TEXT[p.size]} · ${p.cadence} · ${p.time}`);
        out.push(`  What to do: ${p.what}`);
        out.push(`  It is working when: ${p.signs}`);
        out.push('');
      }
      out.push(`${filtered.length} practice${filtered.length === 1 ? '' : 's'}`);
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
