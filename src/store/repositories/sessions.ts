import { fromTimestamp, toTimestamp } from '../codec.ts';
import type { Store } from '../database.ts';

export type SessionStage = 'active' | 'totp' | 'enrol';

export interface SessionRecord {
  idHash: string;
  userId: string;
  organizationId: string | null;
  /** `totp` until the second factor is given, `enrol` until one is set up when the organisation requires it; both grant nothing else. */
  stage: SessionStage;
  csrfSecret: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

type Row = {
  id_hash: string;
  user_id: string;
  organization_id: string | null;
  stage: string;
  csrf_secret: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Date | string;
  last_seen_at: Date | string;
  expires_at: Date | string;
};

function toSession(row: Row): SessionRecord {
  return {
    idHash: row.id_hash,
    userId: row.user_id,
    organizationId: row.organization_id,
    stage: row.stage as SessionStage,
    csrfSecret: row.csrf_secret,
    ip: row.ip,
    userAgent: row.user_agent,
    createdAt: fromTimestamp(row.created_at),
    lastSeenAt: fromTimestamp(row.last_seen_at),
    expiresAt: fromTimestamp(row.expires_at),
  };
}

/** Sessions live in the database (keyed by the hash of their id) so several app servers share them. */
export class SessionRepository {
  constructor(private readonly store: Store) {}

  async create(session: SessionRecord): Promise<void> {
    await this.store.db
      .insertInto('sessions')
      .values({
        id_hash: session.idHash,
        user_id: session.userId,
        organization_id: session.organizationId,
        stage: session.stage,
        csrf_secret: session.csrfSecret,
        ip: session.ip,
        user_agent: session.userAgent,
        created_at: session.createdAt,
        last_seen_at: session.lastSeenAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  async find(idHash: string): Promise<SessionRecord | undefined> {
    const row = await this.store.db
      .selectFrom('sessions')
      .selectAll()
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
    return row ? toSession(row) : undefined;
  }

  async touch(idHash: string, at: Date): Promise<void> {
    await this.store.db
      .updateTable('sessions')
      .set({ last_seen_at: toTimestamp(at) })
      .where('id_hash', '=', idHash)
      .execute();
  }

  async listForUser(userId: string): Promise<SessionRecord[]> {
    const rows = await this.store.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('stage', '=', 'active')
      .orderBy('last_seen_at', 'desc')
      .execute();
    return rows.map(toSession);
  }

  async delete(idHash: string): Promise<void> {
    await this.store.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  /** Deletes one of a person's sessions, only if it is theirs. */
  async deleteForUser(userId: string, idHash: string): Promise<boolean> {
    const result = await this.store.db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Signs a person out everywhere, except (optionally) the session they are using. */
  async deleteAllForUser(userId: string, exceptIdHash?: string): Promise<number> {
    let query = this.store.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptIdHash) query = query.where('id_hash', '!=', exceptIdHash);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteExpired(now: Date, idleBefore: Date): Promise<number> {
    const result = await this.store.db
      .deleteFrom('sessions')
      .where((eb) =>
        eb.or([eb('expires_at', '<=', toTimestamp(now)), eb('last_seen_at', '<', toTimestamp(idleBefore))]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
