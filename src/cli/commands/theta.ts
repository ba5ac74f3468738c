import type { Command } from 'commander';
import { InvalidInputError, type Problem } from '../../model/errors/index.ts';
import { scoreEap } from '../../psychometrics/irt/eap.ts';
import { mapEstimate } from '../../psychometrics/irt/map.ts';
import { log, printJson } from '../output.ts';
import { categoryCode, itemCategories, readParamsFile } from './psychometrics/params.ts';
import { readResponses } from './psychometrics/responses.ts';

interface ThetaOptions {
  params: string;
  method: string;
  json?: boolean;
}

/** `fulcrum theta <data.csv> --params <params.json> [--method eap|map] [--json]`. */
export function registerTheta(program: Command): void {
  program
    .command('theta')
    .description('Score respondents on θ with a calibrated graded model: EAP (default) or MAP, with SE')
    .argument('<data>', 'responses CSV with a column per item of the params file; empty = missing')
    .requiredOption('--params <file>', 'params file printed by `fulcrum calibrate --json`')
    .option('--method <method>', 'eap (61 points on [−6, 6], N(0, 1) prior) or map', 'eap')
    .option('--json', 'print one JSON document')
    .action(async (data: string, options: ThetaOptions) => {
      if (options.method !== 'eap' && options.method !== 'map')
        throw new InvalidInputError(`--method must be eap or map (got "${options.method}")`, 'usage');
      const params = readParamsFile(options.params);
      const columns = params.items.map((i) => i.item);
      const table = await readResponses(data, { columns, columnsFrom: options.params });
      const zeroBased = table.values.some((row) => row.includes(0));
      if (!params.categories && params.items.some((i) => !i.categories))
        log(`theta: ${options.params} lists no categories; answers are read as ${zeroBased ? '0' : '1'} … K`);
      const categories = itemCategories(params, zeroBased);
      const nItems = columns.length;
      const codes = new Int16Array(table.values.length * nItems);
      const problems: Problem[] = [];
      table.values.forEach((row, r) => {
        row.forEach((value, j) => {
          if (value === null) {
            codes[r * nItems + j] = -1;
            return;
          }
          const code = categoryCode(categories[j]!, params.categories, value);
          if (code < 0 && problems.length < 20)
            problems.push({
              code: 'invalid_cell',
              message: `${value} is not one of the categories ${categories[j]!.join(', ')}`,
              location: { kind: 'csv', file: data, row: r + 1, column: columns[j]! },
            });
          codes[r * nItems + j] = code;
        });
      });
      if (problems.length > 0) throw new InvalidInputError(problems);
      log(`theta: ${table.values.length} respondents × ${nItems} items, ${options.method.toUpperCase()}`);
      const respondents: { id: string; theta: number; se: number }[] = [];
      if (options.method === 'eap') {
        const scored = scoreEap(params.items, { nRespondents: table.values.length, nItems, codes });
        table.ids.forEach((id, r) => {
          respondents.push({ id, theta: scored.theta[r]!, se: scored.se[r]! });
        });
      } else {
        table.ids.forEach((id, r) => {
          const estimate = mapEstimate(params.items, codes.subarray(r * nItems, (r + 1) * nItems));
          respondents.push({ id, theta: estimate.theta, se: estimate.se });
        });
      }
      if (options.json) {
        printJson({ respondents });
        return;
      }
      for (const r of respondents)
        process.stdout.write(`${r.id}\t${r.theta.toFixed(3)}\t${r.se.toFixed(3)}\n`);
    });
}
