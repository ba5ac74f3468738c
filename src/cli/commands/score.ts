import type { Command } from 'commander';
import { loadInstrument } from '../../catalog/instruments.ts';
import { InvalidInputError, type Problem } from '../../model/errors/index.ts';
import type { Instrument } from '../../model/instrument/types.ts';
import { quadrantOf } from '../../model/profile/quadrant.ts';
import { type Form, itemsInForm } from '../../model/scoring/form.ts';
import { checkAnswer, createScorer } from '../../model/scoring/scorer.ts';
import { readCsv } from '../csv.ts';
import { log, printJson } from '../output.ts';

export interface ScoredRespondent {
  id: string;
  scales: Record<string, { mean: number | null; score: number | null; answered: number }>;
  lead: number | null;
  manage: number | null;
  quadrant: string | null;
}

export interface CellError {
  row: number;
  column: string;
  message: string;
}

/** Which form a file answers: the short form when its item columns are exactly the short items. */
export function detectForm(instrument: Instrument, itemColumns: string[]): Form {
  const short = itemsInForm(instrument, 'short').map((i) => i.id);
  const isShort =
    short.length > 0 && itemColumns.length === short.length && short.every((id) => itemColumns.includes(id));
  return isShort ? 'short' : 'full';
}

/**
 * Scores every row of a responses CSV (header: `id` and one column per item id; an empty cell is a
 * missing answer). A bad cell is reported with its row and column and treated as missing, so the
 * respondent's other answers still count.
 */
export async function scoreCsv(file: string, instrument: Instrument, formOption: Form | 'auto' = 'auto') {
  const respondents: ScoredRespondent[] = [];
  const errors: CellError[] = [];
  const itemIds = new Set(instrument.items.map((i) => i.id));
  let scorer: ReturnType<typeof createScorer> | undefined;
  let idColumn = -1;
  let values = new Float64Array(0);
  let form: Form = 'full';

  for await (const { header, row, cells } of readCsv(file)) {
    if (!scorer) {
      ({ scorer, idColumn, form } = prepare(file, header, instrument, itemIds, formOption));
      values = new Float64Array(header.length);
    }
    if (cells.length !== header.length) {
      const column = header[Math.min(cells.length, header.length - 1)] ?? '';
      errors.push({ row, column, message: `expected ${header.length} fields, got ${cells.length}` });
    }
    for (let c = 0; c < header.length; c++) {
      const text = (cells[c] ?? '').trim();
      if (c === idColumn || !itemIds.has(header[c]!) || text === '') {
        values[c] = Number.NaN;
        continue;
      }
      const value = Number(text);
      const problem = checkAnswer(instrument, value);
      if (problem) {
        errors.push({
          row,
          column: header[c]!,
          message: `"${text}" ${problem.startsWith('must') ? problem : `is invalid: ${problem}`}`,
        });
        values[c] = Number.NaN;
      } else {
        values[c] = value;
      }
    }
    const result = scorer.score(values);
    const scales: ScoredRespondent['scales'] = {};
    for (const [id, s] of Object.entries(result.scales))
      scales[id] = { mean: s.mean, score: s.score, answered: s.answered };
    respondents.push({
      id: idColumn >= 0 ? (cells[idColumn] ?? '').trim() || String(row) : String(row),
      scales,
      lead: result.lead,
      manage: result.manage,
      quadrant: quadrantOf(result.lead, result.manage),
    });
  }
  return { respondents, errors, form };
}

function prepare(
  file: string,
  header: string[],
  instrument: Instrument,
  itemIds: Set<string>,
  formOption: Form | 'auto',
) {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  header.forEach((name, c) => {
    if (seen.has(name)) {
      problems.push({
        code: 'duplicate_column',
        message: `duplicate column "${name}" (also column ${seen.get(name)! + 1})`,
        location: { kind: 'csv', file, row: 0, column: name },
      });
    }
    seen.set(name, c);
  });
  const itemColumns = header.filter((h) => itemIds.has(h));
  if (itemColumns.length === 0) {
    problems.push({
      code: 'no_items',
      message: `${file}: the header names no item of ${instrument.id}; expected "id" and item ids such as ${instrument.items
        .slice(0, 3)
        .map((i) => i.id)
        .join(', ')}`,
    });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  const ignored = header.filter((h) => h !== 'id' && !itemIds.has(h));
  if (ignored.length > 0)
    log(`warning: ignoring columns that are not items of ${instrument.id}: ${ignored.join(', ')}`);
  const idColumn = header.indexOf('id');
  if (idColumn < 0) log('warning: no "id" column; respondents are numbered by row');
  const form = formOption === 'auto' ? detectForm(instrument, itemColumns) : formOption;
  return { scorer: createScorer(instrument, header, form), idColumn, form };
}

const fmt = (x: number | null) => (x === null ? '' : String(Math.round(x * 100) / 100));

/** `fulcrum score <responses.csv> --instrument <id|file> [--json | --csv] [--strict]`. */
export function registerScore(program: Command): void {
  program
    .command('score')
    .argument('<responses>', 'CSV with a header: id and one column per item id; empty cell = missing')
    .requiredOption('--instrument <instrument>', 'built-in id (e.g. lead-manage) or a file')
    .option('--json', 'print one JSON document: { respondents, errors }')
    .option('--csv', 'print one CSV row per respondent')
    .option('--strict', 'exit 2 before any output when a cell is invalid')
    .option(
      '--form <form>',
      'short, full, or auto (short when the columns are exactly the short-form items)',
      'auto',
    )
    .description('score a CSV of responses into scale scores, Lead and Manage indices and the grid quadrant')
    .action(
      async (
        file: string,
        options: { instrument: string; json?: boolean; csv?: boolean; strict?: boolean; form: string },
      ) => {
        if (options.json && options.csv)
          throw new InvalidInputError('choose one of --json and --csv', 'usage');
        if (!['auto', 'short', 'full'].includes(options.form)) {
          throw new InvalidInputError(`--form must be short, full or auto, got "${options.form}"`, 'usage');
        }
        const instrument = await loadInstrument(options.instrument);
        const { respondents, errors } = await scoreCsv(file, instrument, options.form as Form | 'auto');
        if (options.strict && errors.length > 0) {
          throw new InvalidInputError(
            errors.map((e) => ({
              code: 'bad_cell',
              message: e.message,
              location: { kind: 'csv', file, row: e.row, column: e.column },
            })),
          );
        }
        for (const e of errors.slice(0, 20)) log(`${file} row ${e.row}, column "${e.column}": ${e.message}`);
        if (errors.length > 20) log(`… and ${errors.length - 20} more errors`);
        if (options.json) return printJson({ respondents, errors });

        const scaleIds = instrument.scales.map((s) => s.id);
        if (options.csv) {
          const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
          const lines = [['id', ...scaleIds, 'lead', 'manage', 'quadrant'].join(',')];
          for (const r of respondents) {
            lines.push(
              [
                quote(r.id),
                ...scaleIds.map((id) => fmt(r.scales[id]!.score)),
                fmt(r.lead),
                fmt(r.manage),
                r.quadrant ?? '',
              ].join(','),
            );
          }
          process.stdout.write(`${lines.join('\n')}\n`);
          return;
        }
        const lines = [`${'id'.padEnd(12)} ${'lead'.padStart(6)} ${'manage'.padStart(6)}  quadrant`];
        for (const r of respondents) {
          lines.push(
            `${r.id.slice(0, 12).padEnd(12)} ${fmt(r.lead).padStart(6)} ${fmt(r.manage).padStart(6)}  ${r.quadrant ?? '(not scored)'}`,
          );
        }
        lines.push(`${respondents.length} respondents, ${errors.length} errors`);
        process.stdout.write(`${lines.join('\n')}\n`);
      },
    );
}
