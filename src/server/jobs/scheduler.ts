import type { Logger } from 'pino';
import type { Store } from '../../store/database.ts';
import { ScheduledJobRepository } from '../../store/repositories/scheduled-jobs.ts';

/** Work the server does on its own, on a schedule: idempotent, so a run repeated after a crash is harmless. */
export interface ScheduledJob {
  /** Stable name; the row in `scheduled_jobs` that holds its schedule. */
  name: string;
  /** How often it runs, in milliseconds. */
  everyMs: number;
  /** Does the work as of `now`; the value returned is logged. */
  run(now: Date): Promise<unknown>;
}

export interface JobRun {
  name: string;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export interface Scheduler {
  /** Runs every job that is due at `now` and that no other server is running; resolves when they finish. */
  tick(now?: Date): Promise<JobRun[]>;
  /** Starts ticking every `tickMs` (the first tick soon after start). */
  start(): void;
  /** Stops ticking and waits for a tick in progress. */
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  store: Store;
  jobs: readonly ScheduledJob[];
  logger?: Pick<Logger, 'info' | 'error'>;
  /** How often to look for due jobs (default 30 s). */
  tickMs?: number;
  /** How long a run may hold its job before another server may take it over (default 10 min). */
  leaseMs?: number;
  clock?: () => Date;
}

/**
 * The in-server scheduler. Each job's next due time lives in the database and is claimed with one
 * conditional update, so with several app servers on one PostgreSQL every run happens exactly once;
 * a server that dies mid-run loses its lease after `leaseMs` and another one takes over.
 *
 * @example
 * const scheduler = createScheduler({ store, jobs: [{ name: 'purge', everyMs: 3_600_000, run: (now) => purge(now) }] });
 * scheduler.start();
 * // … on shutdown
 * await scheduler.stop();
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const repository = new ScheduledJobRepository(options.store);
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  const clock = options.clock ?? (() => new Date());
  const registered = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let first: NodeJS.Timeout | undefined;
  let running: Promise<JobRun[]> | undefined;

  async function runJob(job: ScheduledJob, now: Date): Promise<JobRun | undefined> {
    if (!registered.has(job.name)) {
      await repository.ensure(job.name, now);
      registered.add(job.name);
    }
    const won = await repository.claim(
      job.name,
      now,
      new Date(now.getTime() + job.everyMs),
      new Date(now.getTime() + leaseMs),
    );
    if (!won) return undefined;
    try {
      const result = await job.run(now);
      await repository.finish(job.name, clock(), null);
      options.logger?.info({ job: job.name, result }, 'scheduled job done');
      return { name: job.name, ok: true, result };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await repository.finish(job.name, clock(), message).catch(() => undefined);
      options.logger?.error({ job: job.name, err: error }, 'scheduled job failed');
      return { name: job.name, ok: false, error: message };
    }
  }

  async function tick(now: Date = clock()): Promise<JobRun[]> {
    const runs: JobRun[] = [];
    // One after another: the jobs share one database and none is urgent to the second.
    for (const job of options.jobs) {
      try {
        const run = await runJob(job, now);
        if (run) runs.push(run);
      } catch (error) {
        options.logger?.error({ job: job.name, err: error }, 'could not schedule job');
      }
    }
    return runs;
  }

  const guardedTick = () => {
    if (running) return;
    running = tick().finally(() => {
      running = undefined;
    });
  };

  return {
    tick,
    start() {
      if (timer) return;
      first = setTimeout(guardedTick, 1_000);
      first.unref();
      timer = setInterval(guardedTick, options.tickMs ?? 30_000);
      timer.unref();
    },
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
