import type { Command } from 'commander';
import { openStore, storeConfigFromEnv } from '../../store/database.ts';
import { MailOutboxRepository } from '../../store/repositories/mail-outbox.ts';
import { printJson } from '../output.ts';

/**
 * `fulcrum mail outbox [--json] [--limit n]`: the mail kept in the database (every mail when no
 * SMTP_URL is set), newest first — for the server's operator, so it includes every organisation's
 * mail and password-reset links. Treat the output as secret.
 */
export function registerMail(program: Command): void {
  const mail = program.command('mail').description('mail the server sends');
  mail
    .command('outbox')
    .option('--json', 'print the mail as one JSON document')
    .option('--limit <n>', 'how many, newest first', '50')
    .description('show the mail outbox (contains live invitation and reset links: keep it private)')
    .action(async (options: { json?: boolean; limit: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        process.stderr.write('fulcrum: --limit must be a positive whole number\n');
        process.exitCode = 2;
        return;
      }
      const store = await openStore(storeConfigFromEnv());
      try {
        const mails = await new MailOutboxRepository(store).listAll(limit);
        if (options.json) return printJson({ mails });
        if (mails.length === 0) return void process.stdout.write('The outbox is empty.\n');
        for (const m of mails) {
          process.stdout.write(
            `— ${m.createdAt}  to ${m.to}${m.sentAt ? `  (sent ${m.sentAt})` : '  (not sent)'}\nSubject: ${m.subject}\n\n${m.text.trimEnd()}\n\n`,
          );
        }
      } finally {
        await store.close();
      }
    });
}
