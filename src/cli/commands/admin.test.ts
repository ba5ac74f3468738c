import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fulcrum } from '../../../test/support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'fulcrum-admin-'));
const env = { DATA_DIR: dir, PUBLIC_URL: 'https://fulcrum.example', SMTP_URL: '' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fulcrum admin create-owner and fulcrum mail outbox', () => {
  it('refuses a weak password with exit 2 and a located message', () => {
    const r = fulcrum(['admin', 'create-owner', '--email', 'o@example.test', '--name', 'Olive'], {
      env,
      input: 'password123456\n',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/password: this password is too common/);
  });

  it('creates the owner from a password on stdin, then refuses a second owner', () => {
    const r = fulcrum(
      [
        'admin',
        'create-owner',
        '--email',
        'Olive@Example.test',
        '--name',
        'Olive',
        '--organization',
        'Acme',
        '--json',
      ],
      { env, input: 'violet kettle harbour 42\n' },
    );
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      user: { email: 'Olive@Example.test', name: 'Olive' },
      organization: { name: 'Acme' },
      role: 'owner',
    });
    expect(r.stdout).not.toContain('violet');

    const again = fulcrum(['admin', 'create-owner', '--email', 'x@example.test', '--name', 'X'], {
      env,
      input: 'another fine passphrase\n',
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/an owner already exists/);
  });

  it('needs --email and --name (exit 2)', () => {
    expect(fulcrum(['admin', 'create-owner', '--name', 'X'], { env }).code).toBe(2);
  });

  it('prints the outbox as one JSON document', () => {
    const empty = fulcrum(['mail', 'outbox', '--json'], { env });
    expect(empty.code).toBe(0);
    expect(JSON.parse(empty.stdout)).toEqual({ mails: [] });
    expect(fulcrum(['mail', 'outbox'], { env }).stdout).toMatch(/outbox is empty/);
    expect(fulcrum(['mail', 'outbox', '--limit', 'x'], { env }).code).toBe(2);
  });

  it('prints kept mail, newest first, including mail of no organisation', async () => {
    const { openStore } = await import('../../store/database.ts');
    const { MailOutboxRepository } = await import('../../store/repositories/mail-outbox.ts');
    const store = await openStore({ dataDir: dir });
    await new MailOutboxRepository(store).add({
      organizationId: null,
      to: 'jo@example.test',
      subject: 'Reset your Fulcrum password',
      text: 'Choose a new password: https://fulcrum.example/account/reset#token=abc',
    });
    await store.close();
    const r = fulcrum(['mail', 'outbox', '--json'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).mails[0]).toMatchObject({
      to: 'jo@example.test',
      subject: 'Reset your Fulcrum password',
      sentAt: null,
    });
    expect(fulcrum(['mail', 'outbox'], { env }).stdout).toMatch(
      /to jo@example\.test {2}\(not sent\)\nSubject: Reset your Fulcrum password/,
    );
  });

  it('purges on demand (for cron) and reports what it deleted', () => {
    const r = fulcrum(['admin', 'purge', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      unclaimedAssessments: 0,
      sessions: expect.any(Number),
      tokens: expect.any(Number),
    });
    expect(fulcrum(['admin', 'purge'], { env: { ...env, ANONYMOUS_RETENTION_DAYS: 'x' } }).code).toBe(2);
  });

  it('runs every scheduled job once (for cron when FULCRUM_JOBS=off)', () => {
    const r = fulcrum(['admin', 'run-jobs', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const { runs } = JSON.parse(r.stdout);
    expect(runs.map((run: { name: string; ok: boolean }) => [run.name, run.ok])).toEqual([
      ['retention-purge', true],
      ['feedback-close-due', true],
      ['feedback-reminders', true],
      ['plan-reminders', true],
    ]);
    expect(runs[1].result).toEqual({ closed: 0 });
    expect(fulcrum(['admin', 'run-jobs'], { env }).stdout).toMatch(/^plan-reminders: \{"sent":0\}$/m);
  });
});
