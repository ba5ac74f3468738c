import { createHash, timingSafeEqual } from 'node:crypto';
import { commonPasswords } from '../../catalog/common-passwords.ts';
import { checkPassword } from '../../model/access/password-rules.ts';
import {
  type Action,
  type Actor,
  ANONYMOUS,
  can,
  isRole,
  type Resource,
  type Role,
} from '../../model/access/policy.ts';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  type Problem,
  UnauthenticatedError,
} from '../../model/errors/index.ts';
import type { Store } from '../../store/database.ts';
import {
  CoachAssignmentRepository,
  emailKey,
  MembershipRepository,
  type MemberView,
  type Organization,
  OrganizationRepository,
  type OrganizationSettings,
  type User,
  UserRepository,
} from '../../store/repositories/accounts.ts';
import { AssessmentOwnerRepository } from '../../store/repositories/assessment-owners.ts';
import { AssessmentRepository } from '../../store/repositories/assessments.ts';
import { type AuditEntry, AuditLogRepository, type AuditRecord } from '../../store/repositories/audit-log.ts';
import { AuthTokenRepository } from '../../store/repositories/auth-tokens.ts';
import { FeedbackRepository } from '../../store/repositories/feedback.ts';
import { MailOutboxRepository, type OutboxMail } from '../../store/repositories/mail-outbox.ts';
import { PlanRepository } from '../../store/repositories/plans.ts';
import type { SessionRecord } from '../../store/repositories/sessions.ts';
import { authorize } from '../authorize.ts';
import { hashToken, newToken } from '../tokens.ts';

export { authorize };

import {
  emailChangeMail,
  emailChangeNoticeMail,
  invitationMail,
  passwordResetMail,
} from './mail-templates.ts';
import type { Mailer } from './mailer.ts';
import {
  DEFAULT_PARAMS,
  hashPassword,
  needsRehash,
  type ScryptParams,
  verifyAgainstDummy,
  verifyPassword,
} from './password.ts';
import type { SecretBox } from './secret-box.ts';
import { type ClientInfo, SessionService } from './sessions.ts';
import { LOGIN_RULES, Throttle } from './throttle.ts';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp.ts';

export interface AccountServiceOptions {
  mailer: Mailer;
  secretBox: SecretBox;
  /** The public address of the app (`PUBLIC_URL`), for links in mail. */
  baseUrl: string;
  sessions?: SessionService;
  now?: () => Date;
  passwordParams?: ScryptParams;
  invitationDays?: number;
  resetMinutes?: number;
  /** When set, first-run set-up needs this value (`SETUP_TOKEN`), so a public server cannot be claimed by a stranger. */
  setupToken?: string | undefined;
}

export type SignInResult =
  | { status: 'signed-in'; token: string; session: SessionRecord }
  /** The password was right; the second factor is owed (the token is a short pending session). */
  | { status: 'totp-required'; token: string; session: SessionRecord }
  /** The organisation requires a second factor for this role and none is set up yet. */
  | { status: 'totp-enrolment-required'; token: string; session: SessionRecord };

/** The signed-in person behind a request: who they are, and the session they use. */
export interface Principal {
  actor: Actor;
  session: SessionRecord | null;
}

const WRONG_CREDENTIALS = 'wrong e-mail address or password';

/** Compares a presented secret with the expected one in constant time (over their SHA-256 digests). */
function sameSecret(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

function requireText(value: unknown, path: string, max = 200): string {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) {
    throw new InvalidInputError([
      {
        code: 'invalid_field',
        message: `${path} must be between 1 and ${max} characters`,
        location: { kind: 'json', path },
      },
    ]);
  }
  return value.trim();
}

function requireEmail(value: unknown, path = 'email'): string {
  const email = requireText(value, path, 320);
  if (!EMAIL.test(email)) {
    throw new InvalidInputError([
      { code: 'invalid_email', message: 'this is not an e-mail address', location: { kind: 'json', path } },
    ]);
  }
  return email;
}

function requirePassword(value: unknown, context: { email?: string; name?: string }): string {
  if (typeof value !== 'string') return requirePassword('', context);
  const problems: Problem[] = checkPassword(value, { ...context, common: commonPasswords() });
  if (problems.length > 0) throw new InvalidInputError(problems);
  return value;
}

/**
 * Accounts: first-run set-up, sign-in (password, then TOTP when enabled), invitations, password
 * reset, the profile, and organisation administration. Every operation that acts for someone takes
 * their `Actor` and asks the policy (`model/access/policy.ts`) before touching data, and looks
 * records up within the actor's organisation, so an id from elsewhere is simply not found.
 */
export class AccountService {
  readonly organizations: OrganizationRepository;
  readonly users: UserRepository;
  readonly memberships: MembershipRepository;
  readonly coaches: CoachAssignmentRepository;
  readonly tokens: AuthTokenRepository;
  readonly audit: AuditLogRepository;
  readonly outbox: MailOutboxRepository;
  readonly owners: AssessmentOwnerRepository;
  readonly sessions: SessionService;
  readonly throttle: Throttle;
  private readonly assessments: AssessmentRepository;
  private readonly feedback: FeedbackRepository;
  private readonly plans: PlanRepository;
  private readonly now: () => Date;
  private readonly params: ScryptParams;
  private readonly background = new Set<Promise<unknown>>();

  /** The mailer and the public address of links, for other services that send mail (360° invitations). */
  get mail(): { mailer: AccountServiceOptions['mailer']; baseUrl: string } {
    return { mailer: this.options.mailer, baseUrl: this.options.baseUrl };
  }

  constructor(
    private readonly store: Store,
    private readonly options: AccountServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.params = options.passwordParams ?? DEFAULT_PARAMS;
    this.organizations = new OrganizationRepository(store);
    this.users = new UserRepository(store);
    this.memberships = new MembershipRepository(store);
    this.coaches = new CoachAssignmentRepository(store);
    this.tokens = new AuthTokenRepository(store);
    this.audit = new AuditLogRepository(store);
    this.outbox = new MailOutboxRepository(store);
    this.owners = new AssessmentOwnerRepository(store);
    this.assessments = new AssessmentRepository(store);
    this.feedback = new FeedbackRepository(store);
    this.plans = new PlanRepository(store);
    this.sessions = options.sessions ?? new SessionService(store, undefined, this.now);
    this.throttle = new Throttle(store, this.now);
  }

  /** Waits for work done after answering (mail sent in the background). For tests and shutdown. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  private later(work: () => Promise<unknown>): void {
    const task = work()
      .catch((error) =>
        process.stderr.write(`fulcrum: background mail failed: ${(error as Error).message}\n`),
      )
      .finally(() => this.background.delete(task));
    this.background.add(task);
  }

  private log(entry: AuditEntry): Promise<void> {
    return this.audit.add(entry, this.now());
  }

  // ── who is asking ────────────────────────────────────────────────────────────────────────

  /** The actor of a session: a user with their role, or anonymous if the session is not fully signed in. */
  async principal(token: string | undefined): Promise<Principal> {
    const session = await this.sessions.resolve(token);
    if (!session) return { actor: ANONYMOUS, session: null };
    if (session.stage !== 'active' || !session.organizationId) return { actor: ANONYMOUS, session };
    const membership = await this.memberships.get(session.organizationId, session.userId);
    if (!membership) return { actor: ANONYMOUS, session };
    // the organisation requires a second factor for this role and none is set up: nothing but enrolment,
    // even for a session that began before the rule (or the role) did
    if (await this.mustHaveTotp(session.organizationId, membership.role)) {
      const user = await this.users.findById(session.userId);
      if (!user?.totpEnabled) return { actor: ANONYMOUS, session: { ...session, stage: 'enrol' } };
    }
    return {
      actor: {
        kind: 'user',
        userId: session.userId,
        organizationId: session.organizationId,
        role: membership.role,
      },
      session,
    };
  }

  // ── first run ────────────────────────────────────────────────────────────────────────────

  /** Whether first-run set-up asks for `SETUP_TOKEN`. */
  get setupTokenRequired(): boolean {
    return this.options.setupToken !== undefined;
  }

  async needsSetup(): Promise<boolean> {
    return !(await this.memberships.anyOwner());
  }

  /**
   * Creates the organisation and its owner. Only while no owner exists anywhere; the claim is made
   * with a unique row, so two first visitors racing cannot both become owner.
   */
  async createOwner(input: {
    email: unknown;
    name: unknown;
    password: unknown;
    organizationName?: unknown;
    setupToken?: unknown;
  }): Promise<{ user: User; organization: Organization }> {
    if (this.options.setupToken !== undefined && !sameSecret(input.setupToken, this.options.setupToken)) {
      throw new ForbiddenError('setup-token', 'the set-up token is missing or wrong (see SETUP_TOKEN)');
    }
    const email = requireEmail(input.email);
    const name = requireText(input.name, 'name');
    const organizationName =
      input.organizationName === undefined || input.organizationName === ''
        ? `${name}'s organisation`
        : requireText(input.organizationName, 'organizationName');
    const password = requirePassword(input.password, { email, name });
    if (!(await this.needsSetup())) throw new ConflictError('an owner already exists', 'owner_exists');
    const passwordHash = await hashPassword(password, this.params);
    const claimed = await this.claimSetup();
    if (!claimed) throw new ConflictError('an owner already exists', 'owner_exists');
    const organization = await this.organizations.create(organizationName);
    const user = await this.users.create({ email, name, passwordHash });
    await this.memberships.add(organization.id, user.id, 'owner');
    await this.log({
      organizationId: organization.id,
      actorUserId: user.id,
      action: 'owner.created',
      target: user.id,
    });
    return { user, organization };
  }

  private async claimSetup(): Promise<boolean> {
    try {
      await this.store.db
        .insertInto('rate_limit_buckets')
        .values({
          key: 'setup:first-owner',
          window_start: 'once',
          count: 1,
          last_at: this.now().toISOString(),
        })
        .execute();
      return true;
    } catch {
      return false;
    }
  }

  // ── signing in ───────────────────────────────────────────────────────────────────────────

  /**
   * Checks e-mail and password. The same answer and similar time for an unknown address, an
   * account without a password and a wrong password; throttled per IP+account, per IP and per account.
   */
  async signIn(input: { email: unknown; password: unknown }, client: ClientInfo): Promise<SignInResult> {
    const email = typeof input.email === 'string' ? input.email.slice(0, 320) : '';
    const password = typeof input.password === 'string' ? input.password.slice(0, 1024) : '';
    const key = emailKey(email);
    const ip = client.ip ?? 'unknown';
    const keys = Throttle.loginKeys(ip, key);
    await this.throttle.check([
      [keys.pair, LOGIN_RULES.pair],
      [keys.ip, LOGIN_RULES.ip],
      [keys.account, LOGIN_RULES.account],
    ]);

    const user = await this.users.findByEmail(email);
    const secrets = user ? await this.users.secrets(user.id) : undefined;
    const ok = secrets?.passwordHash
      ? await verifyPassword(password, secrets.passwordHash)
      : await verifyAgainstDummy(password);
    const membership = user ? (await this.memberships.forUser(user.id))[0] : undefined;
    if (!ok || !user || !membership) {
      await this.throttle.fail([keys.pair, keys.ip, keys.account]);
      await this.log({
        organizationId: membership?.organizationId ?? null,
        actorUserId: null,
        action: 'login.failed',
        target: user?.id ?? null,
        ip: client.ip,
      });
      throw new UnauthenticatedError(WRONG_CREDENTIALS);
    }
    await this.throttle.clear(keys.pair);
    if (needsRehash(secrets!.passwordHash!, this.params)) {
      await this.users.setPasswordHash(user.id, await hashPassword(password, this.params));
    }

    if (user.totpEnabled) {
      const { token, session } = await this.sessions.start(
        user.id,
        membership.organizationId,
        'totp',
        client,
      );
      return { status: 'totp-required', token, session };
    }
    if (await this.mustHaveTotp(membership.organizationId, membership.role)) {
      const { token, session } = await this.sessions.start(
        user.id,
        membership.organizationId,
        'enrol',
        client,
      );
      await this.log({
        organizationId: membership.organizationId,
        actorUserId: user.id,
        action: 'login.needs-totp-enrolment',
        ip: client.ip,
      });
      return { status: 'totp-enrolment-required', token, session };
    }
    const { token, session } = await this.sessions.start(
      user.id,
      membership.organizationId,
      'active',
      client,
    );
    await this.log({
      organizationId: membership.organizationId,
      actorUserId: user.id,
      action: 'login.succeeded',
      ip: client.ip,
    });
    return { status: 'signed-in', token, session };
  }

  private async mustHaveTotp(organizationId: string, role: Role): Promise<boolean> {
    if (role !== 'admin' && role !== 'owner') return false;
    const organization = await this.organizations.get(organizationId);
    return organization?.settings.requireTwoFactorForAdmins ?? false;
  }

  /** The second step: a TOTP code for a pending session. Success ends the pending session and starts a new one. */
  async completeTotp(
    pendingToken: string | undefined,
    code: unknown,
    client: ClientInfo,
  ): Promise<SignInResult> {
    const pending = await this.sessions.resolve(pendingToken);
    if (pending?.stage !== 'totp') throw new UnauthenticatedError('sign in again');
    const throttleKey = `totp:${pending.userId}`;
    await this.throttle.check([[throttleKey, LOGIN_RULES.pair]]);
    const step = await this.checkTotpCode(pending.userId, code);
    if (step === null) {
      await this.throttle.fail([throttleKey]);
      await this.log({
        organizationId: pending.organizationId,
        actorUserId: pending.userId,
        action: 'login.totp-failed',
        ip: client.ip,
      });
      throw new UnauthenticatedError('wrong or already used code');
    }
    await this.throttle.clear(throttleKey);
    await this.sessions.endByHash(pending.idHash);
    const { token, session } = await this.sessions.start(
      pending.userId,
      pending.organizationId,
      'active',
      client,
    );
    await this.log({
      organizationId: pending.organizationId,
      actorUserId: pending.userId,
      action: 'login.succeeded',
      ip: client.ip,
    });
    return { status: 'signed-in', token, session };
  }

  /** Verifies a code against the person's enabled or pending secret and marks its step used; null if refused. */
  private async checkTotpCode(userId: string, code: unknown): Promise<number | null> {
    const secrets = await this.users.secrets(userId);
    if (!secrets?.totpSecret || typeof code !== 'string') return null;
    const secret = this.options.secretBox.open(secrets.totpSecret);
    const step = verifyTotp(secret, code, Math.floor(this.now().getTime() / 1000), secrets.totpLastStep);
    if (step === null) return null;
    return (await this.users.markTotpStepUsed(userId, step)) ? step : null;
  }

  async signOut(token: string | undefined, principal: Principal, client: ClientInfo): Promise<void> {
    if (!token) return;
    await this.sessions.end(token);
    if (principal.actor.kind === 'user') {
      await this.log({
        organizationId: principal.actor.organizationId,
        actorUserId: principal.actor.userId,
        action: 'logout',
        ip: client.ip,
      });
    }
  }

  // ── second factor ────────────────────────────────────────────────────────────────────────

  /**
   * Starts setting up TOTP: a new secret, stored sealed and not yet enabled. Allowed for a signed-in
   * person and for a session that must enrol before it may do anything else.
   */
  async beginTotp(session: SessionRecord | null): Promise<{ secret: string; uri: string }> {
    const userId = this.enrollingUser(session);
    const user = (await this.users.findById(userId))!;
    if (user.totpEnabled) {
      throw new ConflictError(
        'a second factor is already set up; turn it off first (with your password)',
        'totp_enabled',
      );
    }
    const secret = newTotpSecret();
    await this.users.setTotp(userId, this.options.secretBox.seal(secret), false);
    return { secret, uri: otpauthUri(secret, user.email) };
  }

  /** Confirms TOTP with a first code. An enrolling session is then replaced by a fully signed-in one. */
  async confirmTotp(
    session: SessionRecord | null,
    code: unknown,
    client: ClientInfo,
  ): Promise<SignInResult | null> {
    const userId = this.enrollingUser(session);
    const throttleKey = `totp:${userId}`;
    await this.throttle.check([[throttleKey, LOGIN_RULES.pair]]);
    const step = await this.checkTotpCode(userId, code);
    if (step === null) {
      await this.throttle.fail([throttleKey]);
      throw new InvalidInputError([
        {
          code: 'wrong_code',
          message: 'wrong code; check the time on your device',
          location: { kind: 'json', path: 'code' },
        },
      ]);
    }
    const secrets = (await this.users.secrets(userId))!;
    await this.users.setTotp(userId, secrets.totpSecret, true);
    await this.users.markTotpStepUsed(userId, step);
    await this.log({
      organizationId: session!.organizationId,
      actorUserId: userId,
      action: 'totp.enabled',
      ip: client.ip,
    });
    if (session!.stage !== 'enrol') return null;
    await this.sessions.endByHash(session!.idHash);
    const started = await this.sessions.start(userId, session!.organizationId, 'active', client);
    return { status: 'signed-in', ...started };
  }

  private enrollingUser(session: SessionRecord | null): string {
    if (!session || (session.stage !== 'active' && session.stage !== 'enrol'))
      throw new UnauthenticatedError();
    return session.userId;
  }

  /** Turns TOTP off (password needed); refused where the organisation requires it for this role. */
  async disableTotp(actor: Actor, password: unknown, client: ClientInfo): Promise<void> {
    const me = await this.self(actor);
    await this.reauthenticate(me.id, password);
    if (await this.mustHaveTotp(me.organizationId, me.role)) {
      throw new ForbiddenError('totp-required', 'your organisation requires a second factor for your role');
    }
    await this.users.setTotp(me.id, null, false);
    await this.log({
      organizationId: me.organizationId,
      actorUserId: me.id,
      action: 'totp.disabled',
      ip: client.ip,
    });
  }

  private async reauthenticate(userId: string, password: unknown): Promise<void> {
    const secrets = await this.users.secrets(userId);
    const ok =
      typeof password === 'string' && secrets?.passwordHash
        ? await verifyPassword(password, secrets.passwordHash)
        : false;
    if (!ok) {
      throw new InvalidInputError([
        {
          code: 'wrong_password',
          message: 'your current password is wrong',
          location: { kind: 'json', path: 'currentPassword' },
        },
      ]);
    }
  }

  // ── invitations ──────────────────────────────────────────────────────────────────────────

  /** Invites someone to the actor's organisation by e-mail; the link is valid for 7 days, once. */
  async invite(
    actor: Actor,
    input: { email: unknown; role?: unknown },
    client: ClientInfo,
  ): Promise<{ expiresAt: string }> {
    if (actor.kind !== 'user') throw new UnauthenticatedError();
    const email = requireEmail(input.email);
    const role = input.role ?? 'member';
    if (!isRole(role)) {
      throw new InvalidInputError([
        {
          code: 'invalid_role',
          message: 'role must be member, coach or admin',
          location: { kind: 'json', path: 'role' },
        },
      ]);
    }
    authorize(actor, 'member.invite', {
      type: 'membership',
      organizationId: actor.organizationId,
      userId: null,
      role,
    });
    await this.throttle.consume(`invite:${actor.userId}`, 200);
    const existing = await this.users.findByEmail(email);
    if (existing && (await this.memberships.get(actor.organizationId, existing.id))) {
      throw new ConflictError('this person is already a member', 'already_member');
    }
    const token = newToken();
    const now = this.now();
    const expiresAt = new Date(now.getTime() + (this.options.invitationDays ?? 7) * 86_400_000).toISOString();
    await this.tokens.create({
      hash: hashToken(token),
      kind: 'invitation',
      organizationId: actor.organizationId,
      emailKey: emailKey(email),
      role,
      createdBy: actor.userId,
      expiresAt,
    });
    const organization = (await this.organizations.get(actor.organizationId))!;
    const inviter = (await this.users.findById(actor.userId))!;
    const mail = invitationMail({
      link: `${this.options.baseUrl}/account/accept#token=${token}`,
      organizationName: organization.name,
      inviterName: inviter.name,
      role,
      expiresAt,
    });
    await this.options.mailer.send({
      organizationId: actor.organizationId,
      to: email,
      ...mail,
      restricted: role === 'admin',
    });
    await this.log({
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: 'member.invited',
      target: `${emailKey(email)} as ${role}`,
      ip: client.ip,
    });
    return { expiresAt };
  }

  /** What an invitation link is for (the accept page shows it), without using it. */
  async describeInvitation(
    token: unknown,
  ): Promise<{ organizationName: string; email: string; role: Role; existingAccount: boolean }> {
    const record =
      typeof token === 'string'
        ? await this.tokens.findUsable(hashToken(token), 'invitation', this.now())
        : undefined;
    if (!record?.organizationId || !record.role)
      throw new NotFoundError('invitation', 'for this link', 'it may have been used or have expired');
    const organization = (await this.organizations.get(record.organizationId))!;
    const existingAccount = (await this.users.findByEmail(record.emailKey))?.hasPassword ?? false;
    return {
      organizationName: organization.name,
      email: record.emailKey,
      role: record.role,
      existingAccount,
    };
  }

  /**
   * Accepts an invitation: a new person sets their name and password; someone who already has an
   * account proves it with their password (the link alone never sets or replaces a password).
   * Signs them in to the organisation.
   */
  async acceptInvitation(
    input: { token: unknown; name?: unknown; password: unknown },
    client: ClientInfo,
  ): Promise<SignInResult> {
    const hash = typeof input.token === 'string' ? hashToken(input.token) : '';
    const peek = await this.tokens.findUsable(hash, 'invitation', this.now());
    if (!peek?.organizationId || !peek.role)
      throw new NotFoundError('invitation', 'for this link', 'it may have been used or have expired');
    const existing = await this.users.findByEmail(peek.emailKey);
    let name: string | undefined;
    let passwordHash: string | undefined;
    if (existing?.hasPassword) {
      await this.reauthenticate(existing.id, input.password);
    } else {
      name = requireText(input.name, 'name');
      passwordHash = await hashPassword(
        requirePassword(input.password, { email: peek.emailKey, name }),
        this.params,
      );
    }
    const record = await this.tokens.consume(hash, 'invitation', this.now());
    if (!record?.organizationId || !record.role)
      throw new NotFoundError('invitation', 'for this link', 'it may have been used or have expired');
    let user = existing;
    if (!user)
      user = await this.users.create({ email: record.emailKey, name: name!, passwordHash: passwordHash! });
    else if (passwordHash) await this.users.setPasswordHash(user.id, passwordHash);
    if (!(await this.memberships.get(record.organizationId, user.id))) {
      await this.memberships.add(record.organizationId, user.id, record.role);
    }
    await this.log({
      organizationId: record.organizationId,
      actorUserId: user.id,
      action: 'member.joined',
      target: record.role,
      ip: client.ip,
    });
    const stage = user.totpEnabled
      ? 'totp'
      : (await this.mustHaveTotp(record.organizationId, record.role))
        ? 'enrol'
        : 'active';
    const started = await this.sessions.start(user.id, record.organizationId, stage, client);
    return {
      status:
        stage === 'active' ? 'signed-in' : stage === 'totp' ? 'totp-required' : 'totp-enrolment-required',
      ...started,
    };
  }

  async pendingInvitations(actor: Actor) {
    this.authorizeOrg(actor, 'member.list');
    const list = await this.tokens.pendingInvitations(
      (actor as { organizationId: string }).organizationId,
      this.now(),
    );
    return list.map((t) => ({
      email: t.emailKey,
      role: t.role,
      expiresAt: t.expiresAt,
      createdAt: t.createdAt,
    }));
  }

  // ── password reset ───────────────────────────────────────────────────────────────────────

  /**
   * Sends a reset link if the address has an account. Answers the same, at once, either way: the
   * lookup and the mail happen after answering. At most 3 requests per address and 30 per IP per window.
   */
  async requestPasswordReset(input: { email: unknown }, client: ClientInfo): Promise<void> {
    const email = requireEmail(input.email);
    await this.throttle.consume(`reset:ip:${client.ip ?? 'unknown'}`, 30);
    await this.throttle.consume(`reset:account:${emailKey(email)}`, 3);
    this.later(async () => {
      const user = await this.users.findByEmail(email);
      if (!user) return;
      const now = this.now();
      await this.tokens.revokeFor('password_reset', emailKey(email), now);
      const token = newToken();
      const expiresAt = new Date(now.getTime() + (this.options.resetMinutes ?? 60) * 60_000).toISOString();
      await this.tokens.create({
        hash: hashToken(token),
        kind: 'password_reset',
        organizationId: null,
        emailKey: emailKey(email),
        role: null,
        createdBy: null,
        expiresAt,
      });
      await this.options.mailer.send({
        organizationId: null,
        to: user.email,
        ...passwordResetMail({ link: `${this.options.baseUrl}/account/reset#token=${token}`, expiresAt }),
        restricted: true,
      });
      const membership = (await this.memberships.forUser(user.id))[0];
      await this.log({
        organizationId: membership?.organizationId ?? null,
        actorUserId: null,
        action: 'password.reset-requested',
        target: user.id,
        ip: client.ip,
      });
    });
  }

  /** Sets a new password with a reset link (once), and signs the person out everywhere. */
  async resetPassword(input: { token: unknown; password: unknown }, client: ClientInfo): Promise<void> {
    const hash = typeof input.token === 'string' ? hashToken(input.token) : '';
    const peek = await this.tokens.findUsable(hash, 'password_reset', this.now());
    const user = peek ? await this.users.findByEmail(peek.emailKey) : undefined;
    if (!peek || !user)
      throw new NotFoundError('reset link', 'this one', 'it may have been used or have expired');
    const password = requirePassword(input.password, { email: user.email, name: user.name });
    const passwordHash = await hashPassword(password, this.params);
    if (!(await this.tokens.consume(hash, 'password_reset', this.now()))) {
      throw new NotFoundError('reset link', 'this one', 'it may have been used or have expired');
    }
    await this.users.setPasswordHash(user.id, passwordHash);
    await this.sessions.endAll(user.id);
    const membership = (await this.memberships.forUser(user.id))[0];
    await this.log({
      organizationId: membership?.organizationId ?? null,
      actorUserId: user.id,
      action: 'password.reset',
      ip: client.ip,
    });
  }

  // ── my account ───────────────────────────────────────────────────────────────────────────

  private async self(actor: Actor) {
    if (actor.kind !== 'user') throw new UnauthenticatedError();
    authorize(actor, 'account.manage', {
      type: 'person',
      organizationId: actor.organizationId,
      userId: actor.userId,
    });
    const user = await this.users.findById(actor.userId);
    if (!user) throw new UnauthenticatedError();
    return { ...user, organizationId: actor.organizationId, role: actor.role };
  }

  async me(actor: Actor) {
    const me = await this.self(actor);
    const organization = (await this.organizations.get(me.organizationId))!;
    return {
      user: {
        id: me.id,
        email: me.email,
        name: me.name,
        totpEnabled: me.totpEnabled,
        createdAt: me.createdAt,
      },
      organization: { id: organization.id, name: organization.name },
      role: me.role,
    };
  }

  /**
   * Changes the name at once. A new e-mail address needs the current password and takes effect only
   * when the new address confirms it (a single-use link, 24 h): a mistyped address can never lock the
   * person out, and the old address is told, so a stolen session cannot quietly take the account.
   */
  async updateProfile(
    actor: Actor,
    input: { name?: unknown; email?: unknown; currentPassword?: unknown },
    client: ClientInfo,
  ) {
    const me = await this.self(actor);
    const name = input.name !== undefined ? requireText(input.name, 'name') : undefined;
    let newEmail: string | undefined;
    if (input.email !== undefined && emailKey(String(input.email)) !== emailKey(me.email)) {
      newEmail = requireEmail(input.email);
      await this.reauthenticate(me.id, input.currentPassword);
      if (await this.users.findByEmail(newEmail))
        throw new ConflictError('this e-mail address is used by another account', 'email_taken');
    }
    if (name !== undefined) {
      await this.users.update(me.id, { name });
      await this.log({
        organizationId: me.organizationId,
        actorUserId: me.id,
        action: 'profile.updated',
        ip: client.ip,
      });
    }
    if (newEmail !== undefined) {
      const now = this.now();
      await this.tokens.revokeCreatedBy('email_change', me.id, now);
      const token = newToken();
      const expiresAt = new Date(now.getTime() + 24 * 3_600_000).toISOString();
      await this.tokens.create({
        hash: hashToken(token),
        kind: 'email_change',
        organizationId: me.organizationId,
        emailKey: emailKey(newEmail),
        role: null,
        createdBy: me.id,
        expiresAt,
      });
      await this.options.mailer.send({
        organizationId: me.organizationId,
        to: newEmail,
        ...emailChangeMail({
          link: `${this.options.baseUrl}/account/confirm-email#token=${token}`,
          newEmail,
          expiresAt,
        }),
        restricted: true,
      });
      await this.options.mailer.send({
        organizationId: me.organizationId,
        to: me.email,
        ...emailChangeNoticeMail({ newEmail, accountLink: `${this.options.baseUrl}/account` }),
      });
      await this.log({
        organizationId: me.organizationId,
        actorUserId: me.id,
        action: 'profile.email-change-requested',
        ip: client.ip,
      });
    }
    return { ...(await this.me(actor)), ...(newEmail ? { pendingEmail: newEmail } : {}) };
  }

  /** Makes a confirmed new address the account's e-mail (the link works once, for 24 hours). */
  async confirmEmailChange(input: { token: unknown }, client: ClientInfo): Promise<{ email: string }> {
    const hash = typeof input.token === 'string' ? hashToken(input.token) : '';
    const gone = () =>
      new NotFoundError('confirmation link', 'this one', 'it may have been used or have expired');
    const peek = await this.tokens.findUsable(hash, 'email_change', this.now());
    const user = peek?.createdBy ? await this.users.findById(peek.createdBy) : undefined;
    if (!peek || !user) throw gone();
    const taken = await this.users.findByEmail(peek.emailKey);
    if (taken && taken.id !== user.id)
      throw new ConflictError('this e-mail address is used by another account', 'email_taken');
    if (!(await this.tokens.consume(hash, 'email_change', this.now()))) throw gone();
    await this.users.update(user.id, { email: peek.emailKey });
    await this.log({
      organizationId: peek.organizationId,
      actorUserId: user.id,
      action: 'profile.email-changed',
      ip: client.ip,
    });
    return { email: peek.emailKey };
  }

  /** Changes the password (the current one is needed) and signs out every other session. */
  async changePassword(
    actor: Actor,
    session: SessionRecord | null,
    input: { currentPassword: unknown; newPassword: unknown },
    client: ClientInfo,
  ) {
    const me = await this.self(actor);
    await this.reauthenticate(me.id, input.currentPassword);
    const password = requirePassword(input.newPassword, { email: me.email, name: me.name });
    await this.users.setPasswordHash(me.id, await hashPassword(password, this.params));
    const ended = await this.sessions.endOthers(me.id, session?.idHash ?? null);
    await this.log({
      organizationId: me.organizationId,
      actorUserId: me.id,
      action: 'password.changed',
      ip: client.ip,
    });
    return { otherSessionsEnded: ended };
  }

  async listSessions(actor: Actor, session: SessionRecord | null) {
    const me = await this.self(actor);
    return this.sessions.list(me.id, session?.idHash ?? null);
  }

  async endOtherSessions(actor: Actor, session: SessionRecord | null, client: ClientInfo) {
    const me = await this.self(actor);
    const ended = await this.sessions.endOthers(me.id, session?.idHash ?? null);
    await this.log({
      organizationId: me.organizationId,
      actorUserId: me.id,
      action: 'sessions.ended-others',
      ip: client.ip,
    });
    return { ended };
  }

  /** Everything stored about me, as one JSON document (never secrets: no hashes, no TOTP seed, no session ids). */
  async exportMyData(actor: Actor) {
    const me = await this.self(actor);
    const memberships = await this.memberships.forUser(me.id);
    const perOrganization = [];
    for (const m of memberships) {
      const organization = await this.organizations.get(m.organizationId);
      const ids = await this.owners.idsOf(m.organizationId, me.id);
      const assessments = [];
      for (const id of ids) {
        const assessment = await this.assessments.findById(id);
        if (assessment) assessments.push({ ...assessment, answers: await this.assessments.answers(id) });
      }
      perOrganization.push({
        organization: { id: m.organizationId, name: organization?.name ?? null },
        role: m.role,
        joinedAt: m.createdAt,
        coaches: await this.coaches.coachesOf(m.organizationId, me.id),
        clients: await this.coaches.clientsOf(m.organizationId, me.id),
        assessments,
        plans: await this.exportPlans(m.organizationId, me.id),
        feedback: {
          // cycles about me: when and what, never who said what (the report is read in the app)
          aboutMe: (await this.feedback.subjectsOfUser(m.organizationId, me.id)).map(({ cycle }) => ({
            cycle: cycle.title,
            deadline: cycle.deadline,
            closedAt: cycle.closedAt,
          })),
          // requests sent to me as a rater: which and what became of them (answers stay behind the private link)
          asRater: await this.feedback.requestsTo(m.organizationId, me.email),
        },
      });
    }
    return {
      exportedAt: this.now().toISOString(),
      user: {
        id: me.id,
        email: me.email,
        name: me.name,
        totpEnabled: me.totpEnabled,
        createdAt: me.createdAt,
      },
      memberships: perOrganization,
      sessions: (await this.sessions.list(me.id, null)).map(({ handle: _h, current: _c, ...s }) => s),
    };
  }

  private async exportPlans(organizationId: string, userId: string) {
    const out = [];
    for (const plan of await this.plans.listOf(organizationId, userId)) {
      const { hasCalendar: _calendar, organizationId: _o, userId: _u, ...fields } = plan;
      out.push({
        ...fields,
        actions: await this.plans.actions(organizationId, plan.id),
        checkIns: await this.plans.checkIns(organizationId, plan.id),
        sharedWith: (await this.plans.shares(organizationId, plan.id)).map(({ name, email, since }) => ({
          name,
          email,
          since,
        })),
      });
    }
    return out;
  }

  /**
   * Deletes my account: my assessments and answers, my plans, the 360° feedback about me,
   * memberships, coach assignments and sessions. Where I rated others, my name and e-mail address
   * are erased and unfinished requests declined, while answers I submitted stay, unattributed, in
   * the reports they belong to; the audit log keeps only an opaque id. The owner must hand the
   * organisation over first.
   */
  async deleteAccount(actor: Actor, input: { password: unknown }, client: ClientInfo): Promise<void> {
    const me = await this.self(actor);
    await this.reauthenticate(me.id, input.password);
    const memberships = await this.memberships.forUser(me.id);
    if (memberships.some((m) => m.role === 'owner')) {
      throw new ConflictError(
        'the owner cannot delete their account; hand the organisation over first',
        'owner_cannot_leave',
      );
    }
    for (const m of memberships) {
      await this.owners.deleteOf(m.organizationId, me.id);
      for (const plan of await this.plans.listOf(m.organizationId, me.id))
        await this.plans.delete(m.organizationId, plan.id);
      await this.plans.unshareAllOf(m.organizationId, me.id);
      await this.feedback.deleteSubjectsOf(m.organizationId, me.id);
      await this.feedback.forgetRater(m.organizationId, me.email);
      await this.memberships.remove(m.organizationId, me.id);
      await this.log({
        organizationId: m.organizationId,
        actorUserId: null,
        action: 'account.deleted',
        target: me.id,
        ip: client.ip,
      });
    }
    await this.sessions.endAll(me.id);
    await this.users.delete(me.id);
  }

  /** Makes an anonymous assessment (reached by its resume token) mine. */
  async claimAssessment(
    actor: Actor,
    resumeToken: unknown,
    client: ClientInfo,
  ): Promise<{ assessmentId: string }> {
    if (actor.kind !== 'user') throw new UnauthenticatedError();
    const assessment =
      typeof resumeToken === 'string'
        ? await this.assessments.findByResumeTokenHash(hashToken(resumeToken))
        : undefined;
    if (!assessment) throw new NotFoundError('assessment', 'for this link', 'the link may be mistyped');
    const owner = (await this.owners.ownerOf(assessment.id))!;
    if (owner.userId !== null)
      throw new ConflictError('this assessment has already been claimed', 'already_claimed');
    authorize(actor, 'assessment.claim', { type: 'assessment', ...owner, tokenPresented: true });
    if (!(await this.owners.claim(assessment.id, actor.organizationId, actor.userId))) {
      throw new ConflictError('this assessment has already been claimed', 'already_claimed');
    }
    await this.log({
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: 'assessment.claimed',
      target: assessment.id,
      ip: client.ip,
    });
    return { assessmentId: assessment.id };
  }

  /** The policy resource of an assessment, with its coaches, for a route to authorise against. */
  async assessmentResource(assessmentId: string, tokenPresented = false): Promise<Resource | undefined> {
    const owner = await this.owners.ownerOf(assessmentId);
    if (!owner) return undefined;
    const coachIds =
      owner.organizationId && owner.userId
        ? await this.coaches.coachesOf(owner.organizationId, owner.userId)
        : [];
    return { type: 'assessment', ...owner, coachIds, tokenPresented };
  }

  // ── organisation administration ──────────────────────────────────────────────────────────

  private authorizeOrg(actor: Actor, action: Action): asserts actor is Extract<Actor, { kind: 'user' }> {
    if (actor.kind !== 'user') throw new UnauthenticatedError();
    authorize(actor, action, { type: 'organization', organizationId: actor.organizationId });
  }

  async organization(actor: Actor) {
    this.authorizeOrg(actor, 'organization.read');
    const organization = (await this.organizations.get(actor.organizationId))!;
    const canSeeSettings = can(actor, 'organization.manage', {
      type: 'organization',
      organizationId: actor.organizationId,
    }).allowed;
    return canSeeSettings ? organization : { id: organization.id, name: organization.name };
  }

  async renameOrganization(actor: Actor, name: unknown, client: ClientInfo) {
    this.authorizeOrg(actor, 'organization.manage');
    await this.organizations.update(actor.organizationId, { name: requireText(name, 'name') });
    await this.log({
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: 'organization.renamed',
      ip: client.ip,
    });
    return this.organization(actor);
  }

  async updateSettings(
    actor: Actor,
    input: {
      retentionDays?: unknown;
      requireTwoFactorForAdmins?: unknown;
      feedbackSelfService?: unknown;
      raterLoadWarning?: unknown;
    },
    client: ClientInfo,
  ) {
    this.authorizeOrg(actor, 'settings.manage');
    const current = (await this.organizations.get(actor.organizationId))!.settings;
    const next: OrganizationSettings = { ...current };
    if (input.retentionDays !== undefined) {
      const days = input.retentionDays;
      if (days !== null && !(Number.isInteger(days) && (days as number) >= 1 && (days as number) <= 36500)) {
        throw new InvalidInputError([
          {
            code: 'invalid_field',
            message: 'retentionDays must be a whole number of days from 1 to 36500, or null to keep data',
            location: { kind: 'json', path: 'retentionDays' },
          },
        ]);
      }
      next.retentionDays = days as number | null;
    }
    if (input.requireTwoFactorForAdmins !== undefined) {
      if (typeof input.requireTwoFactorForAdmins !== 'boolean') {
        throw new InvalidInputError([
          {
            code: 'invalid_field',
            message: 'requireTwoFactorForAdmins must be true or false',
            location: { kind: 'json', path: 'requireTwoFactorForAdmins' },
          },
        ]);
      }
      next.requireTwoFactorForAdmins = input.requireTwoFactorForAdmins;
      if (next.requireTwoFactorForAdmins && !current.requireTwoFactorForAdmins) {
        const me = await this.users.findById(actor.userId);
        if (!me?.totpEnabled) {
          throw new ConflictError(
            'set up two-factor sign-in for yourself before requiring it of admins',
            'totp_required_first',
          );
        }
      }
    }
    if (input.feedbackSelfService !== undefined) {
      if (typeof input.feedbackSelfService !== 'boolean') {
        throw new InvalidInputError([
          {
            code: 'invalid_field',
            message: 'feedbackSelfService must be true or false',
            location: { kind: 'json', path: 'feedbackSelfService' },
          },
        ]);
      }
      next.feedbackSelfService = input.feedbackSelfService;
    }
    if (input.raterLoadWarning !== undefined) {
      const n = input.raterLoadWarning;
      if (!(Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 100)) {
        throw new InvalidInputError([
          {
            code: 'invalid_field',
            message: 'raterLoadWarning must be a whole number from 1 to 100',
            location: { kind: 'json', path: 'raterLoadWarning' },
          },
        ]);
      }
      next.raterLoadWarning = n as number;
    }
    await this.organizations.update(actor.organizationId, { settings: next });
    await this.log({
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: 'settings.changed',
      target: JSON.stringify(next),
      ip: client.ip,
    });
    return next;
  }

  async listMembers(actor: Actor): Promise<MemberView[]> {
    this.authorizeOrg(actor, 'member.list');
    return this.memberships.list(actor.organizationId);
  }

  /** A membership of the actor's organisation, or NotFound (an id from elsewhere is not found). */
  private async membershipIn(organizationId: string, userId: unknown) {
    const membership =
      typeof userId === 'string' ? await this.memberships.get(organizationId, userId) : undefined;
    if (!membership) throw new NotFoundError('member', String(userId));
    return membership;
  }

  async changeRole(actor: Actor, userId: unknown, role: unknown, client: ClientInfo): Promise<void> {
    if (actor.kind !== 'user') throw new UnauthenticatedError();
    if (!isRole(role))
      throw new InvalidInputError([
        {
          code: 'invalid_role',
          message: 'role must be member, coach or admin',
          location: { kind: 'json', path: 'role' },
        },
      ]);
    this.authorizeOrg(actor, 'member.list');
    const membership = await this.membershipIn(actor.organizationId, userId);
    authorize(actor, 'member.manage', {
      type: 'membership',
      organizationId: actor.organizationId,
      userId: membership.userId,
      role: membership.role,
      newRole: role,
    });
    await this.memberships.setRole(actor.organizationId, membership.userId, role);
    if (membership.role === 'coach' && role !== 'coach') {
      for (const client_ of await this.coaches.clientsOf(actor.organizationId, membership.userId)) {
        await this.coaches.unassign(actor.organizationId, membership.userId, client_);
      }
    }
    await this.log({
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: 'member.role-changed',
      target: `${membership.userId}: ${membership.role} → ${role}`,
      ip: client.ip,
    });
  }

  async removeMember(actor: Actor, userId: unknown, client: ClientInfo): Promise<void> {
    if (actor.kind !== 'user') throw new UnauthenticatedError();
    this.authorizeOrg(actor, 'member.list');
    const membership = await this.membershipIn(actor.organizationId, userId);
    authorize(actor, 'member.manage', {
      type: 'membership',
      organizationId: actor.organizationId,
      userId: membership.userId,
      role: membership.role,
    });
    await this.memberships.remove(actor.organizationId, membership.userId);
    await this.store.db
      .deleteFrom('sessions')
      .where('user_id', '=', membership.userId)
      .where('organization_id', '=', actor.organizationId)
      .execute();
    await this.log({
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: 'member.removed',
      target: membership.userId,
      ip: client.ip,
    });
  }

  async assignCoach(
    actor: Actor,
    input: { coachUserId: unknown; memberUserId: unknown },
    client: ClientInfo,
    assign = true,
  ) {
    this.authorizeOrg(actor, 'coach.assign');
    const coach = await this.membershipIn(actor.organizationId, input.coachUserId);
    const member = await this.membershipIn(actor.organizationId, input.memberUserId);
    if (assign) {
      if (coach.role !== 'coach')
        throw new InvalidInputError([
          {
            code: 'not_a_coach',
            message: 'only a coach can be assigned',
            location: { kind: 'json', path: 'coachUserId' },
          },
        ]);
      if (coach.userId === member.userId)
        throw new InvalidInputError([
          {
            code: 'self_coaching',
            message: 'a coach cannot be assigned to themselves',
            location: { kind: 'json', path: 'memberUserId' },
          },
        ]);
      await this.coaches.assign(actor.organizationId, coach.userId, member.userId);
    } else {
      await this.coaches.unassign(actor.organizationId, coach.userId, member.userId);
    }
    await this.log({
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: assign ? 'coach.assigned' : 'coach.unassigned',
      target: `${coach.userId} → ${member.userId}`,
      ip: client.ip,
    });
  }

  async coachAssignments(actor: Actor) {
    this.authorizeOrg(actor, 'member.list');
    return this.coaches.list(actor.organizationId);
  }

  /** The people a coach is assigned to (the coach's own view). */
  async myClients(actor: Actor) {
    this.authorizeOrg(actor, 'coaching.list');
    const ids = await this.coaches.clientsOf(actor.organizationId, actor.userId);
    const members = await this.memberships.list(actor.organizationId);
    return members
      .filter((m) => ids.includes(m.userId))
      .map((m) => ({ userId: m.userId, name: m.name, email: m.email }));
  }

  async auditLog(actor: Actor): Promise<AuditRecord[]> {
    this.authorizeOrg(actor, 'audit.read');
    return this.audit.list(actor.organizationId);
  }

  /** The organisation's outbox as this actor may see it (restricted mail only for the owner). */
  async mailOutbox(actor: Actor): Promise<OutboxMail[]> {
    if (actor.kind !== 'user') throw new UnauthenticatedError();
    authorize(actor, 'mail.read-outbox', {
      type: 'mail',
      organizationId: actor.organizationId,
      restricted: false,
    });
    const mail = await this.outbox.list(actor.organizationId);
    return mail.filter(
      (m) =>
        can(actor, 'mail.read-outbox', {
          type: 'mail',
          organizationId: m.organizationId,
          restricted: m.restricted,
        }).allowed,
    );
  }
}
