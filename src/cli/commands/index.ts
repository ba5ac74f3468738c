import type { Command } from 'commander';
import { registerAdmin } from './admin.ts';
import { registerAdvise } from './advise.ts';
import { registerAnalyze } from './analyze.ts';
import { registerAssess } from './assess.ts';
import { registerCalibrate } from './calibrate.ts';
import { registerCatSim } from './cat-sim.ts';
import { registerInstrument } from './instrument.ts';
import { registerMail } from './mail.ts';
import { registerPractices } from './practices.ts';
import { registerScore } from './score.ts';
import { registerTheta } from './theta.ts';

/** Every subcommand of `fulcrum`; each module adds itself to the program. Keep one line per command. */
export const commands: Array<(program: Command) => void> = [
  registerInstrument,
  registerAssess,
  registerScore,
  registerAnalyze,
  registerCalibrate,
  registerTheta,
  registerCatSim,
  registerAdmin,
  registerMail,
  registerAdvise,
  registerPractices,
];
