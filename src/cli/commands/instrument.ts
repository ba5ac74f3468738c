import type { Command } from 'commander';
import { loadInstrument, loadInstrumentFile } from '../../catalog/instruments.ts';
import { InvalidInputError } from '../../model/errors/index.ts';
import type { Instrument } from '../../model/instrument/types.ts';
import { printJson } from '../output.ts';

/** The public shape of `fulcrum instrument show --json` (a stable contract). */
export function instrumentDocument(instrument: Instrument) {
  return {
    id: instrument.id,
    version: instrument.version,
    title: instrument.title,
    responseScale: {
      min: instrument.responseScale.min,
      max: instrument.responseScale.max,
      labels: instrument.responseScale.labels,
    },
    scales: instrument.scales.map((s) => ({
      id: s.id,
      name: s.name,
      pole: s.pole,
      ...(s.contrast ? { contrast: s.contrast } : {}),
    })),
    items: instrument.items.map((i) => ({
      id: i.id,
      scale: i.scale,
      reverse: i.reverse,
      self: i.self,
      observer: i.observer,
      short: i.short,
    })),
  };
}

/** `fulcrum instrument validate <file>` and `fulcrum instrument show <id|file>`. */
export function registerInstrument(program: Command): void {
  const instrument = program.command('instrument').description('check and inspect instrument definitions');

  instrument
    .command('validate')
    .argument('<file>', 'instrument definition (YAML or JSON)')
    .option('--json', 'print the result as one JSON document')
    .description('validate an instrument file; exit 0 when valid, 2 with located errors when not')
    .action((file: string, options: { json?: boolean }) => {
      try {
        const parsed = loadInstrumentFile(file);
        const summary = {
          valid: true,
          id: parsed.id,
          version: parsed.version,
          scales: parsed.scales.length,
          items: parsed.items.length,
        };
        if (options.json) printJson({ ...summary, problems: [] });
        else
          process.stdout.write(
            `${file}: valid — ${parsed.id}@${parsed.version}, ${parsed.scales.length} scales, ${parsed.items.length} items\n`,
          );
      } catch (error) {
        if (options.json && error instanceof InvalidInputError) {
          printJson({ valid: false, problems: error.problems });
          process.stderr.write(`${error.describe()}\n`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
    });

  instrument
    .command('show')
    .argument('<instrument>', 'built-in id (e.g. lead-manage) or a file')
    .option('--json', 'print the instrument as one JSON document')
    .description('print an instrument: scales and items with self and observer wording')
    .action(async (idOrFile: string, options: { json?: boolean }) => {
      const loaded = await loadInstrument(idOrFile);
      if (options.json) return printJson(instrumentDocument(loaded));
      const lines = [`${loaded.title} (${loaded.id}@${loaded.version})`, loaded.description, ''];
      lines.push(
        `Answers: ${loaded.responseScale.labels.map((l, i) => `${loaded.responseScale.min + i} ${l}`).join(' · ')}`,
        '',
      );
      for (const scale of loaded.scales) {
        lines.push(`${scale.name} [${scale.pole}${scale.contrast ? ` · ${scale.contrast}` : ''}]`);
        for (const item of loaded.items.filter((i) => i.scale === scale.id)) {
          lines.push(
            `  ${item.id.padEnd(5)}${item.reverse ? '(R) ' : '    '}${item.short ? '* ' : '  '}${item.self}`,
          );
        }
        lines.push('');
      }
      lines.push('(R) reverse keyed · * short form');
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
