import nodemailer, { type Transporter } from 'nodemailer';
import type { Store } from '../../store/database.ts';
import { MailOutboxRepository, type OutgoingMail } from '../../store/repositories/mail-outbox.ts';

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

export interface MailConfig {
  /** `smtp://user:pass@host:587` or `smtps://…`; absent: mail goes to the outbox table only. */
  smtpUrl?: string | undefined;
  /** Sender address (`MAIL_FROM`). */
  from?: string | undefined;
}

export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig {
  return { smtpUrl: env.SMTP_URL || undefined, from: env.MAIL_FROM || undefined };
}

/**
 * Sends mail over SMTP when `SMTP_URL` is set, and otherwise keeps it in the `mail_outbox` table,
 * where the operator reads it with `fulcrum mail outbox` (and the owner or an admin in the app).
 * Mail sent over SMTP is recorded in the outbox too (with `sent_at`) but without its body, which may
 * hold a live link.
 */
export class StoreMailer implements Mailer {
  private readonly outbox: MailOutboxRepository;
  private readonly transport: Transporter | undefined;
  private readonly from: string;

  constructor(store: Store, config: MailConfig = {}) {
    this.outbox = new MailOutboxRepository(store);
    this.transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : undefined;
    this.from = config.from ?? 'Fulcrum <fulcrum@localhost>';
  }

  get usesSmtp(): boolean {
    return this.transport !== undefined;
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transport) {
      await this.outbox.add(mail);
      return;
    }
    await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
    });
    // the body may hold a live link (an invitation, a reset): once delivered it is not kept
    await this.outbox.add(
      { ...mail, text: '(delivered by SMTP; the body is not kept)', html: null },
      new Date(),
    );
  }

  close(): void {
    this.transport?.close();
  }
}
