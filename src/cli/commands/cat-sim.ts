import type { Command } from 'commander';
import { InvalidInputError } from '../../model/errors/index.ts';
import { CatBank } from '../../psychometrics/cat/bank.ts';
import { SELECTION_METHODS, type SelectionMethod } from '../../psychometrics/cat/select.ts';
import { simulateCat } from '../../psychometrics/cat/simulate.ts';
import { log, printJson } from '../output.ts';
import { numberOption } from './psychometrics/options.ts';
import { readParamsFile } from './psychometrics/params.ts';

interface CatSimOptions {
  params: string;
  n?: string;
  se?: string;
  maxItems?: string;
  minItems?: string;
  seed?: string;
  select: string;
  randomesque?: string;
  json?: boolean;
}

/** `fulcrum cat-sim --params <params.json> --n <N> --se <target> --max-items <M> --seed <S> [--select …] [--json]`. */
export function registerCatSim(program: Command): void {
  program
    .command('cat-sim')
    .description('Simulate adaptive testing: N examinees with θ ~ N(0, 1) answering by the graded model')
    .requiredOption('--params <file>', 'params file printed by `fulcrum calibrate --json`')
    .option('--n <N>', 'number of simulated examinees', '1000')
    .option('--se <target>', 'stop when the posterior SD reaches this', '0.3')
    .option('--max-items <M>', 'never ask more items than this (default: the whole bank)')
    .option('--min-items <m>', 'ask at least this many items', '1')
    .option('--seed <S>', 'seed of the simulation (abilities, answers, exposure draws)', '1')
    .option(
      '--select <rule>',
      'mfi (maximum information at EAP), pwi (posterior-weighted information), mepv (minimum expected posterior variance), reach (stopping-aware lookahead), kl (Chang–Ying interval Kullback–Leibler), kl-posterior (posterior-weighted Kullback–Leibler)',
      'mfi',
    )
    .option('--randomesque <k>', 'exposure control: pick at random among the best k items', '1')
    .option('--json', 'print one JSON document')
    .action((options: CatSimOptions) => {
      if (!SELECTION_METHODS.includes(options.select as SelectionMethod))
        throw new InvalidInputError(
          `--select must be one of ${SELECTION_METHODS.join(', ')} (got "${options.select}")`,
          'usage',
        );
      const n = numberOption('--n', options.n, { integer: true, min: 1 });
      const targetSe = numberOption('--se', options.se, { exclusiveMin: 0 });
      const seed = numberOption('--seed', options.seed, { integer: true, min: 0 });
      const minItems = numberOption('--min-items', options.minItems, { integer: true, min: 0 });
      const randomesque = numberOption('--randomesque', options.randomesque, { integer: true, min: 1 });
      const params = readParamsFile(options.params);
      const maxItems = numberOption('--max-items', options.maxItems, {
        integer: true,
        min: 1,
        fallback: params.items.length,
      });
      if (minItems > maxItems)
        throw new InvalidInputError(`--min-items ${minItems} exceeds --max-items ${maxItems}`, 'usage');
      const bank = new CatBank(params.items.map((item) => ({ id: item.item, a: item.a, b: item.b })));
      log(
        `cat-sim: ${n} examinees, bank of ${params.items.length} items, ${options.select}, SE ≤ ${targetSe}`,
      );
      const { examinees: _, ...summary } = simulateCat(
        bank,
        {
          n,
          seed,
          targetSe,
          minItems,
          maxItems,
          randomesque,
          select: options.select as SelectionMethod,
        },
        (done) => {
          if (done % 1000 === 0) log(`cat-sim: ${done}/${n}`);
        },
      );
      if (options.json) {
        printJson(summary);
        return;
      }
      process.stdout.write(
        `n ${summary.n}, mean items ${summary.meanItems.toFixed(2)}, RMSE ${summary.rmse.toFixed(4)}, ` +
          `bias ${summary.bias.toFixed(4)}, r ${summary.corr.toFixed(4)}\n`,
      );
    });
}
