import { emitKeypressEvents } from 'node:readline';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { InvalidInputError } from '../../model/errors/index.ts';
import { questionOrder } from '../../model/instrument/order.ts';
import type { Item } from '../../model/instrument/types.ts';
import { AssessmentService } from '../../services/assessments.ts';
import { openStore, storeConfigFromEnv } from '../../store/database.ts';
import { WorkFailedError } from '../exit.ts';
import { printJson } from '../output.ts';
import { renderProfileText } from '../render/profile-text.ts';

type Command_ = { kind: 'answer'; value: number } | { kind: 'back' } | { kind: 'skip' } | { kind: 'quit' };

/** Prompts go to stderr so stdout carries only the result (the profile). */
const say = (text = '') => process.stderr.write(`${text}\n`);

/**
 * `fulcrum assess [--full] [--new] [--json]`: the self-assessment in the terminal, one question at a
 * time. Every answer is saved at once in the local store, so quitting and running it again resumes.
 * On a terminal: number keys answer, ↑/↓ move, Enter chooses, ←/b back, s skip, q quit.
 * From a pipe: one line per question (a number, b, s or q).
 */
export function registerAssess(program: Command): void {
  program
    .command('assess')
    .option('--full', 'all 70 questions (default: the 30-question short form)')
    .option('--new', 'start a new assessment instead of resuming an unfinished one')
    .option('--json', 'print the profile as one JSON document')
    .description('take the Lead × Manage self-assessment in the terminal; quit any time and resume later')
    .action(async (options: { full?: boolean; new?: boolean; json?: boolean }) => {
      const store = await openStore(storeConfigFromEnv());
      try {
        await runAssessment(new AssessmentService(store), options);
      } finally {
        await store.close();
      }
    });
}

async function runAssessment(
  service: AssessmentService,
  options: { full?: boolean; new?: boolean; json?: boolean },
) {
  const form = options.full ? 'full' : 'short';
  let state = options.new ? undefined : await service.latestInProgress('cli');
  if (state && state.assessment.form !== form && options.full) state = undefined;
  if (state) {
    say(
      `Resuming your ${state.assessment.form} assessment from ${state.assessment.updatedAt.slice(0, 16).replace('T', ' ')} (use --new to start over).`,
    );
  } else {
    const started = await service.start({ form, source: 'cli' });
    state = await service.get(started.assessment.id);
    say(`${state.instrument.title}: ${form === 'short' ? 'short form' : 'full form'}.`);
    say(state.instrument.description);
  }
  const { assessment, instrument } = state;
  const answers = { ...state.answers };
  const questions = questionOrder(instrument, assessment.form);
  const { min, max, labels } = instrument.responseScale;
  say(`Answer with ${min}–${max}; b = back, s = skip, q = quit (your answers are kept).`);

  const input = process.stdin.isTTY ? new KeyInput(min, max) : new LineInput();
  let index = questions.findIndex((q) => answers[q.id] === undefined);
  if (index < 0) index = questions.length;
  try {
    while (index < questions.length) {
      const item = questions[index]!;
      say();
      say(`Question ${index + 1} of ${questions.length}  (${Object.keys(answers).length} answered)`);
      say(`  ${item.self}`);
      for (const [i, label] of labels.entries()) {
        say(`    ${min + i}  ${label}${answers[item.id] === min + i ? '   ← your answer' : ''}`);
      }
      const command = await input.next(item, answers[item.id]);
      if (command.kind === 'quit') {
        say('\nSaved. Run `fulcrum assess` again to continue where you stopped.');
        return;
      }
      if (command.kind === 'back') index = Math.max(0, index - 1);
      else if (command.kind === 'skip') index++;
      else {
        await service.answer(assessment.id, item.id, command.value);
        answers[item.id] = command.value;
        index++;
      }
    }
  } finally {
    input.close();
  }

  try {
    const { profile } = await service.finish(assessment.id);
    if (options.json) printJson(profile);
    else process.stdout.write(`\n${renderProfileText(profile)}\n`);
  } catch (error) {
    if (error instanceof InvalidInputError) {
      throw new WorkFailedError(
        `not enough answers to score yet:\n${error.describe()}\nRun \`fulcrum assess\` again to answer the skipped questions.`,
      );
    }
    throw error;
  }
}

/** Reads one command per line from a pipe. */
class LineInput {
  private readonly lines: AsyncIterator<string>;
  private readonly rl = createInterface({ input: process.stdin, terminal: false });
  constructor() {
    this.lines = this.rl[Symbol.asyncIterator]();
  }
  async next(_item: Item, _current: number | undefined): Promise<Command_> {
    for (;;) {
      const { value, done } = await this.lines.next();
      if (done) return { kind: 'quit' };
      const text = value.trim().toLowerCase();
      if (text === '') continue;
      if (text === 'q') return { kind: 'quit' };
      if (text === 'b') return { kind: 'back' };
      if (text === 's') return { kind: 'skip' };
      const n = Number(text);
      if (Number.isInteger(n)) return { kind: 'answer', value: n };
      say(`  "${text}" is not an answer: type a number, b, s or q.`);
    }
  }
  close() {
    this.rl.close();
  }
}

/** Reads single keys on a terminal: numbers answer, arrows move and choose. */
class KeyInput {
  constructor(
    private readonly min: number,
    private readonly max: number,
  ) {
    emitKeypressEvents(process.stdin);
    process.stdin.setRawMode(true);
    process.stdin.resume();
  }
  next(_item: Item, current: number | undefined): Promise<Command_> {
    let highlighted = current ?? Math.round((this.min + this.max) / 2);
    return new Promise((resolve) => {
      const onKey = (text: string | undefined, key: { name?: string; ctrl?: boolean } = {}) => {
        const done = (command: Command_) => {
          process.stdin.off('keypress', onKey);
          resolve(command);
        };
        if ((key.ctrl && key.name === 'c') || text === 'q') return done({ kind: 'quit' });
        if (key.name === 'left' || key.name === 'backspace' || text === 'b') return done({ kind: 'back' });
        if (text === 's') return done({ kind: 'skip' });
        const n = Number(text);
        if (text && Number.isInteger(n) && n >= this.min && n <= this.max)
          return done({ kind: 'answer', value: n });
        if (key.name === 'up' || key.name === 'down') {
          highlighted = Math.max(this.min, Math.min(this.max, highlighted + (key.name === 'down' ? 1 : -1)));
          process.stderr.write(`\r  → ${highlighted} (Enter to choose)   `);
        }
        if (key.name === 'return' || key.name === 'right')
          return done({ kind: 'answer', value: highlighted });
      };
      process.stdin.on('keypress', onKey);
    });
  }
  close() {
    process.stdin.setRawMode(false);
    process.stdin.pause();
  }
}
