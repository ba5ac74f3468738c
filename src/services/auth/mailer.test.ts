import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../../../test/support/stores.ts';
import { MailOutboxRepository } from '../../store/repositories/mail-outbox.ts';
import { StoreMailer } from './mailer.ts';

interface Received {
  from: string;
  to: string[];
  data: string;
}

/** A real SMTP server in the test process: what arrives is what a mail relay would get. */
function startSmtp(): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => {
        data += chunk.toString('utf8');
      });
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        });
        callback();
      });
    },
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.server.address() as AddressInfo).port, received }),
    ),
  );
}

describe('mail', () => {
  let store: TestStore;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    store = await openTestStore('sqlite');
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    await store.dispose();
  });

  it('goes to the outbox table, whole, when no SMTP server is configured', async () => {
    const mailer = new StoreMailer(store, {});
    expect(mailer.usesSmtp).toBe(false);
    await mailer.send({
      organizationId: null,
      to: 'a@example.test',
      subject: 'Hello',
      text: 'link: https://x/#token=abc',
    });
    const [mail] = await new MailOutboxRepository(store).listAll();
    expect(mail).toMatchObject({
      to: 'a@example.test',
      subject: 'Hello',
      text: 'link: https://x/#token=abc',
      sentAt: null,
    });
  });

  it('is delivered over SMTP_URL, and the outbox keeps only that it was sent, not the body', async () => {
    const mailer = new StoreMailer(store, {
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      from: 'Fulcrum <noreply@fulcrum.test>',
    });
    await mailer.send({
      organizationId: null,
      to: 'bo@example.test',
      subject: 'Join Acme on Fulcrum',
      text: 'Accept: https://fulcrum.test/account/accept#token=SECRET123',
      html: '<p>Accept</p>',
    });
    mailer.close();
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.from).toBe('noreply@fulcrum.test');
    expect(mail?.to).toEqual(['bo@example.test']);
    expect(mail?.data).toContain('Subject: Join Acme on Fulcrum');
    expect(mail?.data).toContain('token=SECRET123');
    const kept = (await new MailOutboxRepository(store).listAll()).find((m) => m.to === 'bo@example.test');
    expect(kept?.sentAt).not.toBeNull();
    expect(kept?.text).not.toContain('SECRET123');
  });
});
