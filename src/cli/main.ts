import { Command, CommanderError } from 'commander';
import { FulcrumError, InvalidInputError, NotFoundError } from '../model/errors/index.ts';
import { commands } from './commands/index.ts';
import { ExitCode, WorkFailedError } from './exit.ts';

/** Builds the `fulcrum` program; each subcommand registers itself from `commands/`. */
export function buildProgram(): Command {
  const program = new Command('fulcrum')
    .description('Fulcrum — lead and manage: assessment, scoring and psychometrics from the command line')
    .version(process.env.npm_package_version ?? '0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

/**
 * Runs the command line and returns the exit code: 0 success, 1 the work failed,
 * 2 bad usage or bad input (with a message naming the problem on stderr).
 */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (unknown option, missing argument, …).
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.ok;
    if (error.code === 'commander.help') return ExitCode.ok;
    return ExitCode.usage;
  }
  if (error instanceof InvalidInputError || error instanceof NotFoundError) {
    process.stderr.write(prefixed(error.describe()));
    return ExitCode.usage;
  }
  if (error instanceof WorkFailedError || error instanceof FulcrumError) {
    process.stderr.write(prefixed(error.describe()));
    return ExitCode.failure;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`fulcrum: unexpected failure: ${message}\n`);
  if (process.env.FULCRUM_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return ExitCode.failure;
}

function prefixed(text: string): string {
  return `${text
    .split('\n')
    .map((line) => `fulcrum: ${line}`)
    .join('\n')}\n`;
}
