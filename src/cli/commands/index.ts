import type { Command } from 'commander';

/** Every subcommand of `fulcrum`; each module adds itself to the program. Keep one line per command. */
export const commands: Array<(program: Command) => void> = [];
