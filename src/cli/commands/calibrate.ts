import type { Command } from 'commander';
import { InvalidInputError } from '../../model/errors/index.ts';
import { calibrateGraded } from '../../psychometrics/irt/calibrate.ts';
import type { ResponseMatrix } from '../../psychometrics/irt/types.ts';
import { log, printJson } from '../output.ts';
import { numberOption } from './psychometrics/options.ts';
import { readResponses } from './psychometrics/responses.ts';

interface CalibrateOptions {
  model: string;
  items?: string;
  tolerance?: string;
  maxIterations?: string;
  priors: boolean;
  json?: boolean;
}

/** `fulcrum calibrate <data.csv> --model graded [--items a,b,c] [--json]`. */
export function registerCalibrate(program: Command): void {
  program
    .command('calibrate')
    .description("Calibrate Samejima's graded response model by marginal maximum likelihood (EM)")
    .argument('<data>', 'responses CSV: a header, optional "id" column, one column per item; empty = missing')
    .option('--model <model>', 'IRT model (graded)', 'graded')
    .option('--items <list>', 'comma-separated item columns (default: every column but id)')
    .option('--tolerance <x>', 'stop when no parameter changes more than this in an EM cycle', '1e-4')
    .option('--max-iterations <n>', 'cap on EM cycles', '500')
    .option('--no-priors', 'plain ML: no weak priors on log a ~ N(0, 1) and b ~ N(0, 3²)')
    .option('--json', 'print one JSON document (the params file read by theta and cat-sim)')
    .action(async (data: string, options: CalibrateOptions) => {
      if (options.model !== 'graded')
        throw new InvalidInputError(`--model "${options.model}" is not supported; use graded`, 'usage');
      const tolerance = numberOption('--tolerance', options.tolerance, { exclusiveMin: 0 });
      const maxIterations = numberOption('--max-iterations', options.maxIterations, {
        integer: true,
        min: 1,
      });
      const columns = options.items
        ?.split(',')
        .map((c) => c.trim())
        .filter((c) => c !== '');
      if (columns && columns.length === 0) throw new InvalidInputError('--items names no column', 'usage');
      const table = await readResponses(data, { columns, columnsFrom: '--items' });
      if (table.values.length < 2)
        throw new InvalidInputError(`${data}: need at least 2 respondents`, 'too_few_rows');
      // Categories: every distinct answer value in the chosen columns, ascending; codes index them.
      const categories = [...new Set(table.values.flat().filter((v): v is number => v !== null))].sort(
        (x, y) => x - y,
      );
      if (categories.length > 30)
        throw new InvalidInputError(
          `${data}: ${categories.length} distinct answer values; the graded model needs ordered categories (at most 30)`,
          'too_many_categories',
        );
      const nItems = table.columns.length;
      const codes = new Int16Array(table.values.length * nItems);
      table.values.forEach((row, r) => {
        row.forEach((v, j) => {
          codes[r * nItems + j] = v === null ? -1 : categories.indexOf(v);
        });
      });
      const responses: ResponseMatrix = { nRespondents: table.values.length, nItems, codes };
      log(
        `calibrate: ${responses.nRespondents} respondents × ${nItems} items, categories ${categories.join(', ')}`,
      );
      let result: ReturnType<typeof calibrateGraded>;
      try {
        result = calibrateGraded(responses, {
          tolerance,
          maxIterations,
          ...(options.priors ? {} : { priors: false as const }),
          onIteration: ({ iteration, logLik, change }) => {
            if (iteration % 10 === 0 || iteration === 1)
              log(
                `calibrate: EM cycle ${iteration}: logLik ${logLik.toFixed(3)}, largest change ${change.toExponential(2)}`,
              );
          },
        });
      } catch (error) {
        // The pure code names items by position; name the column instead.
        if (error instanceof InvalidInputError && /^item (\d+) /.test(error.message)) {
          const j = Number(/^item (\d+) /.exec(error.message)![1]) - 1;
          throw new InvalidInputError(
            `${data}: column "${table.columns[j]}"${error.message.replace(/^item \d+/, '')}`,
            error.code,
          );
        }
        throw error;
      }
      for (const c of result.collapsed)
        log(
          `calibrate: column "${table.columns[c.item]}" never uses ${c.codes.map((k) => categories[k]).join(', ')}; ` +
            'collapsed (answers there score with the next lower category)',
        );
      log(
        `calibrate: ${result.converged ? 'converged' : 'did NOT converge'} after ${result.iterations} EM cycles ` +
          `(largest change ${result.change.toExponential(2)}, tolerance ${tolerance})`,
      );
      const doc = {
        model: 'graded',
        items: result.items.map((item, j) => ({
          item: table.columns[j]!,
          a: item.a,
          b: item.b,
          ...(result.categoryCodes[j]!.length !== categories.length
            ? { categories: result.categoryCodes[j]!.map((k) => categories[k]!) }
            : {}),
        })),
        logLik: result.logLik,
        iterations: result.iterations,
        converged: result.converged,
        categories,
      };
      if (options.json) {
        printJson(doc);
        return;
      }
      for (const item of doc.items)
        process.stdout.write(
          `${item.item.padEnd(12)} a=${item.a.toFixed(3)} b=${item.b.map((b) => b.toFixed(3)).join(' ')}\n`,
        );
      process.stdout.write(
        `logLik ${doc.logLik.toFixed(3)}, ${doc.iterations} EM cycles, converged: ${doc.converged}\n`,
      );
    });
}
