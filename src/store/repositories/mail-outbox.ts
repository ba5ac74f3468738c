import { randomUUID } from 'node:crypto';
import { fromBool, fromNullableTimestamp, fromTimestamp, toBool, toTimestamp } from '../codec.ts';
import type { Store } from '../database.ts';

export interface OutgoingMail {
  organizationId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** Carries a credential above membership (an admin invitation): only the owner may read it. */
  restricted?: boolean;
}

export interface OutboxMail extends Required<OutgoingMail> {
  id: string;
  createdAt: string;
  sentAt: string | null;
}

type Row = {
  id: string;
  organization_id: string | null;
  recipient: string;
  subject: string;
  text: string;
  html: string | null;
  restricted: boolean | number;
  created_at: Date | string;
  sent_at: Date | string | null;
};

function toMail(row: Row): OutboxMail {
  return {
    id: row.id,
    organizationId: row.organization_id,
    to: row.recipient,
    subject: row.subject,
    text: row.text,
    html: row.html,
    restricted: fromBool(row.restricted),
    createdAt: fromTimestamp(row.created_at),
    sentAt: fromNullableTimestamp(row.sent_at),
  };
}

/** Mail kept in the database: every mail when no SMTP server is configured, for an operator to read. */
export class MailOutboxRepository {
  constructor(private readonly store: Store) {}

  async add(mail: OutgoingMail, sentAt: Date | null = null): Promise<OutboxMail> {
    const row: Row = {
      id: randomUUID(),
      organization_id: mail.organizationId,
      recipient: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? null,
      restricted: toBool(this.store.dialect, mail.restricted ?? false),
      created_at: toTimestamp(),
      sent_at: sentAt ? toTimestamp(sentAt) : null,
    };
    await this.store.db
      .insertInto('mail_outbox')
      .values({ ...row, created_at: row.created_at as string, sent_at: row.sent_at as string | null })
      .execute();
    return toMail(row);
  }

  /** One organisation's mail, newest first. */
  async list(organizationId: string, limit = 100): Promise<OutboxMail[]> {
    const rows = await this.store.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toMail);
  }

  /** Every organisation's mail and the mail of none (password resets): for the operator's command line only. */
  async listAll(limit = 100): Promise<OutboxMail[]> {
    const rows = await this.store.db
      .selectFrom('mail_outbox')
      .selectAll()
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toMail);
  }
}
