import { randomUUID } from 'node:crypto';
import { fromTimestamp, toTimestamp } from '../codec.ts';
import type { Store } from '../database.ts';

export interface AuditEntry {
  organizationId: string | null;
  actorUserId: string | null;
  /** A stable verb such as `login.succeeded`, `member.invited`, `settings.changed`. */
  action: string;
  /** What was acted on (an id or an e-mail key); never a password, token or answer. */
  target?: string | null;
  ip?: string | null;
}

export interface AuditRecord extends Required<AuditEntry> {
  id: string;
  createdAt: string;
}

export class AuditLogRepository {
  constructor(private readonly store: Store) {}

  async add(entry: AuditEntry, at: Date = new Date()): Promise<void> {
    await this.store.db
      .insertInto('audit_log')
      .values({
        id: randomUUID(),
        organization_id: entry.organizationId,
        actor_user_id: entry.actorUserId,
        action: entry.action,
        target: entry.target ?? null,
        ip: entry.ip ?? null,
        created_at: toTimestamp(at),
      })
      .execute();
  }

  /** One organisation's log, newest first. */
  async list(organizationId: string, limit = 200): Promise<AuditRecord[]> {
    const rows = await this.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      organizationId: row.organization_id,
      actorUserId: row.actor_user_id,
      action: row.action,
      target: row.target,
      ip: row.ip,
      createdAt: fromTimestamp(row.created_at),
    }));
  }
}
