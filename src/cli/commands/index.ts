import type { Command } from 'commander';
import { registerAssess } from './assess.ts';
import { registerInstrument } from './instrument.ts';
import { registerScore } from './score.ts';

/** Every subcommand of `fulcrum`; each module adds itself to the program. Keep one line per command. */
export const commands: Array<(program: Command) => void> = [
  registerInstrument,
  registerAssess,
  registerScore,
];
