import { FulcrumError } from '../model/errors/index.ts';

/** Exit codes of every `fulcrum` subcommand (DESIGN.md §5). */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;

/** The input was fine but the work could not be done (exit 1). */
export class WorkFailedError extends FulcrumError {
  constructor(message: string) {
    super('work_failed', message);
  }
}
