import type { Role } from '../../model/access/policy.ts';
import { fromNullableTimestamp, fromTimestamp, toTimestamp } from '../codec.ts';
import type { Store } from '../database.ts';

/** `email_change`: `emailKey` is the new address, `createdBy` the person whose address changes. */
export type AuthTokenKind = 'invitation' | 'password_reset' | 'email_change';

export interface AuthTokenRecord {
  hash: string;
  kind: AuthTokenKind;
  organizationId: string | null;
  emailKey: string;
  role: Role | null;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

type Row = {
  hash: string;
  kind: string;
  organization_id: string | null;
  email_key: string;
  role: string | null;
  created_by: string | null;
  created_at: Date | string;
  expires_at: Date | string;
  used_at: Date | string | null;
};

function toRecord(row: Row): AuthTokenRecord {
  return {
    hash: row.hash,
    kind: row.kind as AuthTokenKind,
    organizationId: row.organization_id,
    emailKey: row.email_key,
    role: row.role as Role | null,
    createdBy: row.created_by,
    createdAt: fromTimestamp(row.created_at),
    expiresAt: fromTimestamp(row.expires_at),
    usedAt: fromNullableTimestamp(row.used_at),
  };
}

/** Invitation, password-reset and e-mail-change tokens, stored only as hashes; each can be used once, before it expires. */
export class AuthTokenRepository {
  constructor(private readonly store: Store) {}

  async create(record: Omit<AuthTokenRecord, 'createdAt' | 'usedAt'>): Promise<void> {
    await this.store.db
      .insertInto('auth_tokens')
      .values({
        hash: record.hash,
        kind: record.kind,
        organization_id: record.organizationId,
        email_key: record.emailKey,
        role: record.role,
        created_by: record.createdBy,
        created_at: toTimestamp(),
        expires_at: record.expiresAt,
        used_at: null,
      })
      .execute();
  }

  /** A token that is still usable (not used, not expired), without using it. */
  async findUsable(hash: string, kind: AuthTokenKind, now: Date): Promise<AuthTokenRecord | undefined> {
    const row = await this.store.db
      .selectFrom('auth_tokens')
      .selectAll()
      .where('hash', '=', hash)
      .where('kind', '=', kind)
      .where('used_at', 'is', null)
      .where('expires_at', '>', toTimestamp(now))
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /**
   * Uses a token: marks it used and returns it, in one conditional update, so two requests racing
   * with the same token cannot both succeed. Undefined when unknown, used, expired or of another kind.
   */
  async consume(hash: string, kind: AuthTokenKind, now: Date): Promise<AuthTokenRecord | undefined> {
    const row = await this.store.db
      .updateTable('auth_tokens')
      .set({ used_at: toTimestamp(now) })
      .where('hash', '=', hash)
      .where('kind', '=', kind)
      .where('used_at', 'is', null)
      .where('expires_at', '>', toTimestamp(now))
      .returningAll()
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** Pending invitations of an organisation (for the admin page). */
  async pendingInvitations(organizationId: string, now: Date): Promise<AuthTokenRecord[]> {
    const rows = await this.store.db
      .selectFrom('auth_tokens')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('kind', '=', 'invitation')
      .where('used_at', 'is', null)
      .where('expires_at', '>', toTimestamp(now))
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toRecord);
  }

  /** Voids every unused token of a kind for an address (a new reset link replaces older ones). */
  async revokeFor(kind: AuthTokenKind, emailKey: string, now: Date): Promise<void> {
    await this.store.db
      .updateTable('auth_tokens')
      .set({ used_at: toTimestamp(now) })
      .where('kind', '=', kind)
      .where('email_key', '=', emailKey)
      .where('used_at', 'is', null)
      .execute();
  }

  /** Ends the unused tokens of a kind that a person asked for (e.g. an earlier e-mail change). */
  async revokeCreatedBy(kind: AuthTokenKind, userId: string, now: Date): Promise<void> {
    await this.store.db
      .updateTable('auth_tokens')
      .set({ used_at: toTimestamp(now) })
      .where('kind', '=', kind)
      .where('created_by', '=', userId)
      .where('used_at', 'is', null)
      .execute();
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.store.db
      .deleteFrom('auth_tokens')
      .where('expires_at', '<=', toTimestamp(now))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
