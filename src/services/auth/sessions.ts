import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../../store/database.ts';
import {
  type SessionRecord,
  SessionRepository,
  type SessionStage,
} from '../../store/repositories/sessions.ts';
import { hashToken, newToken } from '../tokens.ts';

export interface SessionPolicy {
  /** Signed out after this long without a request. */
  idleMinutes: number;
  /** Signed out this long after signing in, whatever happens. */
  absoluteHours: number;
  /** A half-finished sign-in (password given, second factor owed) lasts this long. */
  pendingMinutes: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMinutes: 120,
  absoluteHours: 24,
  pendingMinutes: 5,
};

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** How a session looks to its owner (the sessions page): never its id or CSRF secret. */
export interface SessionSummary {
  /** A short, non-secret handle (the first 16 hex digits of the id's hash) to sign one session out. */
  handle: string;
  current: boolean;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/**
 * Server-side sessions: a 256-bit id from the CSPRNG that exists only in the visitor's cookie (the
 * database keeps its SHA-256), a fresh id at every sign-in and every step up (second factor), idle
 * and absolute expiry, and a per-session CSRF secret for the synchronizer-token check.
 */
export class SessionService {
  private readonly sessions: SessionRepository;

  constructor(
    store: Store,
    private readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.sessions = new SessionRepository(store);
  }

  /** Starts a session; returns the id for the cookie (shown once, never stored). */
  async start(
    userId: string,
    organizationId: string | null,
    stage: SessionStage,
    client: ClientInfo,
  ): Promise<{ token: string; session: SessionRecord }> {
    const token = newToken();
    const now = this.now();
    const lifetimeMs =
      stage === 'totp' ? this.policy.pendingMinutes * 60_000 : this.policy.absoluteHours * 3_600_000;
    const session: SessionRecord = {
      idHash: hashToken(token),
      userId,
      organizationId,
      stage,
      csrfSecret: randomBytes(32).toString('base64url'),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + lifetimeMs).toISOString(),
    };
    await this.sessions.create(session);
    return { token, session };
  }

  /**
   * The live session behind a cookie value, or undefined (unknown, expired or idle too long; an
   * expired one is deleted). Records activity at most once a minute.
   */
  async resolve(token: string | undefined): Promise<SessionRecord | undefined> {
    if (!token || token.length > 100) return undefined;
    const idHash = hashToken(token);
    const session = await this.sessions.find(idHash);
    if (!session) return undefined;
    const now = this.now().getTime();
    const idleMs =
      session.stage === 'totp' ? this.policy.pendingMinutes * 60_000 : this.policy.idleMinutes * 60_000;
    if (
      new Date(session.expiresAt).getTime() <= now ||
      new Date(session.lastSeenAt).getTime() + idleMs <= now
    ) {
      await this.sessions.delete(idHash);
      return undefined;
    }
    if (now - new Date(session.lastSeenAt).getTime() > 60_000) {
      await this.sessions.touch(idHash, new Date(now));
      session.lastSeenAt = new Date(now).toISOString();
    }
    return session;
  }

  async end(token: string): Promise<void> {
    await this.sessions.delete(hashToken(token));
  }

  async endByHash(idHash: string): Promise<void> {
    await this.sessions.delete(idHash);
  }

  /** A person's signed-in sessions, marking the one in use. */
  async list(userId: string, currentIdHash: string | null): Promise<SessionSummary[]> {
    return (await this.sessions.listForUser(userId)).map((s) => ({
      handle: s.idHash.slice(0, 16),
      current: s.idHash === currentIdHash,
      ip: s.ip,
      userAgent: s.userAgent,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      expiresAt: s.expiresAt,
    }));
  }

  /** Signs out one of the person's own sessions by its handle. */
  async endByHandle(userId: string, handle: string): Promise<boolean> {
    if (!/^[0-9a-f]{16}$/.test(handle)) return false;
    const mine = (await this.sessions.listForUser(userId)).find((s) => s.idHash.startsWith(handle));
    return mine ? this.sessions.deleteForUser(userId, mine.idHash) : false;
  }

  /** Signs the person out everywhere except the current session; returns how many ended. */
  async endOthers(userId: string, currentIdHash: string | null): Promise<number> {
    return this.sessions.deleteAllForUser(userId, currentIdHash ?? undefined);
  }

  async endAll(userId: string): Promise<number> {
    return this.sessions.deleteAllForUser(userId);
  }

  /** Housekeeping for a scheduler. */
  async prune(): Promise<number> {
    const now = this.now();
    return this.sessions.deleteExpired(now, new Date(now.getTime() - this.policy.idleMinutes * 60_000));
  }
}

/** Constant-time check of the CSRF token a request presents against the session's secret. */
export function csrfMatches(
  session: Pick<SessionRecord, 'csrfSecret'>,
  presented: string | undefined,
): boolean {
  if (!presented) return false;
  const a = Buffer.from(session.csrfSecret);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
