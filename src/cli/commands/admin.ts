import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { InvalidInputError } from '../../model/errors/index.ts';
import { serverJobs } from '../../server/jobs/index.ts';
import { accountServiceFromEnv } from '../../services/auth/index.ts';
import { anonymousRetentionDaysFromEnv, purgeExpiredData } from '../../services/retention.ts';
import { openStore, storeConfigFromEnv } from '../../store/database.ts';
import { printJson } from '../output.ts';

/** Reads the password: hidden prompt on a terminal, else the first line of stdin. */
async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    let data = '';
    for await (const chunk of process.stdin) data += chunk;
    return data.split(/\r?\n/)[0] ?? '';
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void };
  let muted = false;
  out._writeToOutput = (s: string) => {
    if (!muted) process.stderr.write(s);
  };
  return new Promise((resolve) => {
    rl.question(prompt, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

/** `fulcrum admin create-owner --email <e> --name <n> [--organization <name>] [--json]`. */
export function registerAdmin(program: Command): void {
  const admin = program.command('admin').description('server administration: accounts');
  admin
    .command('create-owner')
    .requiredOption('--email <email>', 'the owner’s e-mail address')
    .requiredOption('--name <name>', 'the owner’s name')
    .option('--organization <name>', 'the organisation’s name')
    .option('--json', 'print the result as one JSON document')
    .description(
      'create the organisation and its owner (reads the password from stdin, or asks for it); refuses when an owner exists',
    )
    .action(async (options: { email: string; name: string; organization?: string; json?: boolean }) => {
      const password = await readPassword('Password (at least 12 characters): ');
      if (!password) throw new InvalidInputError('no password given (type it, or pipe it on stdin)');
      const store = await openStore(storeConfigFromEnv());
      try {
        const { accounts } = accountServiceFromEnv(store, { ...process.env, SETUP_TOKEN: '' });
        const { user, organization } = await accounts.createOwner({
          email: options.email,
          name: options.name,
          password,
          organizationName: options.organization,
        });
        const result = {
          user: { id: user.id, email: user.email, name: user.name },
          organization: { id: organization.id, name: organization.name },
          role: 'owner',
        };
        if (options.json) printJson(result);
        else process.stdout.write(`Owner ${user.email} of “${organization.name}” created.\n`);
      } finally {
        await store.close();
      }
    });

  admin
    .command('run-jobs')
    .option('--json', 'print each job’s result as one JSON document')
    .description(
      'run every scheduled job once now (retention purge, closing 360° cycles past their deadline, 360° and plan reminders); for cron when FULCRUM_JOBS=off. Safe to repeat: nothing is sent twice',
    )
    .action(async (options: { json?: boolean }) => {
      const store = await openStore(storeConfigFromEnv());
      try {
        const now = new Date();
        const runs: { name: string; ok: boolean; result?: unknown; error?: string }[] = [];
        for (const job of serverJobs(store)) {
          try {
            runs.push({ name: job.name, ok: true, result: await job.run(now) });
          } catch (error) {
            runs.push({ name: job.name, ok: false, error: (error as Error).message });
          }
        }
        if (options.json) printJson({ runs });
        else
          for (const run of runs)
            process.stdout.write(
              `${run.name}: ${run.ok ? JSON.stringify(run.result) : `failed — ${run.error}`}\n`,
            );
        if (runs.some((r) => !r.ok)) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });

  admin
    .command('purge')
    .option('--json', 'print what was deleted as one JSON document')
    .description(
      'retention: delete assessment data older than each organisation allows (and unclaimed anonymous ones after ANONYMOUS_RETENTION_DAYS), expired sessions and links; run it from cron',
    )
    .action(async (options: { json?: boolean }) => {
      const days = anonymousRetentionDaysFromEnv();
      const store = await openStore(storeConfigFromEnv());
      try {
        const report = await purgeExpiredData(store, { anonymousRetentionDays: days });
        if (options.json) return printJson(report);
        const assessments = Object.values(report.assessments).reduce((a, b) => a + b, 0);
        process.stdout.write(
          `Deleted ${assessments} assessment(s) past their organisation's retention, ${report.unclaimedAssessments} unclaimed anonymous one(s), ${report.sessions} expired session(s), ${report.tokens} expired link(s).\n`,
        );
      } finally {
        await store.close();
      }
    });
}
