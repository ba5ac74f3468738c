import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadInstrument } from '../../catalog/instruments.ts';
import { InvalidInputError } from '../../model/errors/index.ts';
import { buildNorms, type NormsFile } from '../../psychometrics/classical/norms.ts';
import { reverseKey } from '../../psychometrics/classical/reverse-key.ts';
import { analyzeScale } from '../../psychometrics/classical/scale-analysis.ts';
import { readCsv } from '../csv.ts';
import { WorkFailedError } from '../exit.ts';
import { log, printJson } from '../output.ts';
import { keyFromInstrument, readKeyFile, type ScoringKey } from './psychometrics/key.ts';
import { finiteOrNull } from './psychometrics/options.ts';
import { readResponses } from './psychometrics/responses.ts';

interface AnalyzeOptions {
  key?: string;
  instrument?: string;
  normsOut?: string;
  json?: boolean;
}

/** `fulcrum analyze <data.csv> --key <key.json> | --instrument <id|file> [--norms-out <file>] [--json]`. */
export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('Reliability and item statistics per scale: alpha, omega, SEM, corrected item–total r')
    .argument('<data>', 'responses CSV: a header, optional "id" column, one column per item; empty = missing')
    .option('--key <file>', 'key JSON: { "min", "max", "scales": { "<name>": ["-A1", "A2", …] } }')
    .option('--instrument <id|file>', 'take the key from an instrument instead of --key')
    .option(
      '--norms-out <file>',
      'also write a norms file (scale-score distributions) built from this sample',
    )
    .option('--json', 'print one JSON document')
    .action(async (data: string, options: AnalyzeOptions) => {
      if (!options.key === !options.instrument)
        throw new InvalidInputError(
          'give exactly one of --key <key.json> or --instrument <id|file>',
          'usage',
        );
      let key: ScoringKey;
      if (options.key) key = readKeyFile(options.key);
      else {
        // An instrument's file may hold any form: analyze the items it has; skip scales it lacks.
        const full = keyFromInstrument(await loadInstrument(options.instrument!));
        const header = await readHeader(data);
        const scales = full.scales
          .map((s) => ({ ...s, items: s.items.filter((i) => header.includes(i.item)) }))
          .filter((s) => s.items.length > 0);
        const skipped = full.scales
          .filter((s) => !scales.some((t) => t.scale === s.scale))
          .map((s) => s.scale);
        if (skipped.length > 0) log(`analyze: no columns for scales ${skipped.join(', ')}; skipped`);
        if (scales.length === 0)
          throw new InvalidInputError(
            `${data}: no column is an item of instrument ${options.instrument}`,
            'no_item_columns',
          );
        key = { ...full, scales };
      }
      const columns = [...new Set(key.scales.flatMap((s) => s.items.map((i) => i.item)))];
      const table = await readResponses(data, {
        columns,
        min: key.min,
        max: key.max,
        columnsFrom: options.key ?? `instrument ${options.instrument}`,
      });
      log(`analyze: ${table.values.length} respondents, ${key.scales.length} scales`);
      const norms: NormsFile = { source: `${data}`, scales: {} };
      const scales = key.scales.map(({ scale, items }) => {
        const positions = items.map((i) => table.columns.indexOf(i.item));
        const responses = table.values.map((row) => positions.map((p) => row[p]!));
        const result = analyzeScale(items, responses, key.min, key.max);
        if (options.normsOut) {
          const scores = responses
            .filter((row) => row.every((v) => v !== null))
            .map(
              (row) =>
                row.reduce<number>(
                  (s, v, i) => s + (items[i]!.reversed ? reverseKey(v!, key.min, key.max) : v!),
                  0,
                ) / items.length,
            );
          if (scores.length >= 2) norms.scales[scale] = buildNorms(scores);
        }
        return {
          scale,
          n: result.n,
          mean: finiteOrNull(result.mean),
          sd: finiteOrNull(result.sd),
          alpha: finiteOrNull(result.alpha),
          omega: finiteOrNull(result.omega),
          sem: finiteOrNull(result.sem),
          items: result.items.map((i) => ({
            item: i.item,
            reversed: i.reversed,
            rDrop: finiteOrNull(i.rDrop),
            alphaIfDeleted: finiteOrNull(i.alphaIfDeleted),
          })),
        };
      });
      if (options.normsOut) {
        try {
          writeFileSync(options.normsOut, `${JSON.stringify(norms, null, 2)}\n`);
        } catch (error) {
          throw new WorkFailedError(`cannot write ${options.normsOut}: ${(error as Error).message}`);
        }
        log(`analyze: norms for ${Object.keys(norms.scales).length} scales written to ${options.normsOut}`);
      }
      if (options.json) {
        printJson({ scales });
        return;
      }
      const f = (x: number | null) => (x === null ? '—' : x.toFixed(3));
      for (const s of scales) {
        process.stdout.write(
          `${s.scale}: n=${s.n} mean=${f(s.mean)} sd=${f(s.sd)} alpha=${f(s.alpha)} omega=${f(s.omega)} sem=${f(s.sem)}\n`,
        );
        for (const i of s.items)
          process.stdout.write(
            `  ${i.reversed ? '-' : ' '}${i.item.padEnd(12)} r.drop=${f(i.rDrop)} alpha-if-deleted=${f(i.alphaIfDeleted)}\n`,
          );
      }
    });
}

async function readHeader(file: string): Promise<string[]> {
  for await (const { header } of readCsv(file)) return header;
  return [];
}
