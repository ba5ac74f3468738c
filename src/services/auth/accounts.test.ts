import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_PASSWORDS } from '../../../test/support/accounts.ts';
import { mini } from '../../../test/support/mini.ts';
import { dialectLabel, dialects, openTestStore, type TestStore } from '../../../test/support/stores.ts';
import type { Actor } from '../../model/access/policy.ts';
import { can } from '../../model/access/policy.ts';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
} from '../../model/errors/index.ts';
import { AssessmentRepository } from '../../store/repositories/assessments.ts';
import { InstrumentRepository } from '../../store/repositories/instruments.ts';
import { purgeExpiredData } from '../retention.ts';
import { hashToken, newToken } from '../tokens.ts';
import { AccountService } from './accounts.ts';
import { StoreMailer } from './mailer.ts';
import { SecretBox } from './secret-box.ts';
import { SessionService } from './sessions.ts';
import { totp } from './totp.ts';

const PASSWORD = 'violet kettle harbour 42';
const client = (ip = '10.0.0.1') => ({ ip, userAgent: 'vitest' });

/** A clock the test moves by hand. */
function clock(start = Date.now()) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

function tokenFrom(text: string): string {
  const match = /#token=([\w-]+)/.exec(text);
  if (!match) throw new Error(`no token in ${text}`);
  return match[1]!;
}

describe.each(dialects)('accounts on %s', (dialect) => {
  let store: TestStore;
  let time: ReturnType<typeof clock>;
  let accounts: AccountService;
  let box: SecretBox;

  const actorOf = async (token: string) => (await accounts.principal(token)).actor;
  const userActor = async (token: string) => {
    const actor = await actorOf(token);
    if (actor.kind !== 'user') throw new Error('not signed in');
    return actor;
  };

  /** Invites `email` as `role`, accepts with a password and returns the signed-in token. */
  async function join(
    owner: Actor,
    email: string,
    role: 'member' | 'coach' | 'admin',
    name = email.split('@')[0]!,
  ) {
    await accounts.invite(owner, { email, role }, client());
    const mail = (await accounts.outbox.listAll()).find(
      (m) => m.to === email && m.subject.startsWith('Join'),
    )!;
    const result = await accounts.acceptInvitation(
      { token: tokenFrom(mail.text), name, password: PASSWORD },
      client(),
    );
    expect(result.status).toBe('signed-in');
    return result.token;
  }

  let ownerToken: string;
  let owner: Actor;

  beforeAll(async () => {
    store = await openTestStore(dialect);
    time = clock();
    box = new SecretBox(randomBytes(32));
    accounts = new AccountService(store, {
      mailer: new StoreMailer(store),
      secretBox: box,
      baseUrl: 'https://fulcrum.example',
      now: time.now,
      passwordParams: FAST_PASSWORDS,
      sessions: new SessionService(store, undefined, time.now),
    });
  });
  afterAll(() => store?.dispose());

  it(`runs on ${dialectLabel(dialect)}`, () => expect(store.dialect).toBe(dialect));

  it('first run: creates the owner once, refusing weak passwords and a second owner, even racing', async () => {
    expect(await accounts.needsSetup()).toBe(true);
    await expect(
      accounts.createOwner({ email: 'owner@example.test', name: 'Olive Owner', password: 'password123456' }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    const results = await Promise.allSettled([
      accounts.createOwner({
        email: 'owner@example.test',
        name: 'Olive Owner',
        password: PASSWORD,
        organizationName: 'Acme',
      }),
      accounts.createOwner({ email: 'intruder@example.test', name: 'Ivan', password: PASSWORD }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')?.reason).toBeInstanceOf(ConflictError);
    expect(await accounts.needsSetup()).toBe(false);
    await expect(
      accounts.createOwner({ email: 'late@example.test', name: 'L', password: PASSWORD }),
    ).rejects.toBeInstanceOf(ConflictError);
    // whoever won, sign in the owner we mean
    const won = (
      results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ user: { email: string } }>
    ).value.user.email;
    const signed = await accounts.signIn({ email: won, password: PASSWORD }, client());
    expect(signed.status).toBe('signed-in');
    ownerToken = signed.token;
    owner = await actorOf(ownerToken);
    expect(owner).toMatchObject({ kind: 'user', role: 'owner' });
  });

  it('a set-up token, when configured, is required', async () => {
    const guarded = new AccountService(store, {
      mailer: new StoreMailer(store),
      secretBox: box,
      baseUrl: 'x',
      setupToken: 's3cret',
      passwordParams: FAST_PASSWORDS,
    });
    await expect(
      guarded.createOwner({ email: 'x@example.test', name: 'X', password: PASSWORD }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('signs in with a new session id each time and answers alike for unknown addresses and wrong passwords', async () => {
    const me = (await accounts.me(owner)).user.email;
    const a = await accounts.signIn({ email: me.toUpperCase(), password: PASSWORD }, client());
    const b = await accounts.signIn({ email: me, password: PASSWORD }, client());
    expect(a.token).not.toBe(b.token);
    expect(a.token).toMatch(/^[\w-]{43}$/);
    expect(a.session.idHash).toBe(hashToken(a.token));
    const wrong = await accounts
      .signIn({ email: me, password: 'not the password!!' }, client('10.9.9.1'))
      .catch((e) => e);
    const unknown = await accounts
      .signIn({ email: 'nobody@example.test', password: PASSWORD }, client('10.9.9.2'))
      .catch((e) => e);
    expect(wrong).toBeInstanceOf(UnauthenticatedError);
    expect(unknown).toBeInstanceOf(UnauthenticatedError);
    expect(wrong.message).toBe(unknown.message);
    expect(wrong.code).toBe(unknown.code);
  });

  it('throttles a guesser per IP and account without locking the real person out', async () => {
    const victim = 'victim@example.test';
    await join(owner, victim, 'member');
    for (let i = 0; i < 5; i++) {
      await expect(
        accounts.signIn({ email: victim, password: `guess number ${i}!` }, client('203.0.113.7')),
      ).rejects.toBeInstanceOf(UnauthenticatedError);
    }
    const limited = await accounts
      .signIn({ email: victim, password: PASSWORD }, client('203.0.113.7'))
      .catch((e) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    // the real person, elsewhere, is not affected
    expect(
      (await accounts.signIn({ email: victim, password: PASSWORD }, client('198.51.100.1'))).status,
    ).toBe('signed-in');
    // unknown accounts are throttled alike (no enumeration through the throttle)
    for (let i = 0; i < 5; i++)
      await accounts
        .signIn({ email: 'ghost@example.test', password: `g${i}xxxxxxxxxxxx` }, client('203.0.113.8'))
        .catch(() => {});
    await expect(
      accounts.signIn({ email: 'ghost@example.test', password: 'whatever12345' }, client('203.0.113.8')),
    ).rejects.toBeInstanceOf(RateLimitedError);
    // a distributed attack from many addresses slows the account by at most a minute
    for (let i = 0; i < 30; i++)
      await accounts
        .signIn({ email: victim, password: `spray ${i} xxxxxxx` }, client(`192.0.2.${i}`))
        .catch(() => {});
    const wait = await accounts.throttle.wait([
      [`login:account:${victim}`, { free: 20, maxDelaySeconds: 60 }],
    ]);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    time.advance(61_000);
    expect(
      (await accounts.signIn({ email: victim, password: PASSWORD }, client('198.51.100.1'))).status,
    ).toBe('signed-in');
    time.advance(15 * 60_000);
  });

  it('expires sessions after idle time and after the absolute lifetime', async () => {
    const me = (await accounts.me(owner)).user.email;
    const { token } = await accounts.signIn({ email: me, password: PASSWORD }, client());
    time.advance(119 * 60_000);
    expect((await actorOf(token)).kind).toBe('user');
    time.advance(119 * 60_000);
    expect((await actorOf(token)).kind).toBe('user');
    time.advance(121 * 60_000);
    expect((await actorOf(token)).kind).toBe('anonymous');

    const fresh = await accounts.signIn({ email: me, password: PASSWORD }, client());
    for (let h = 0; h < 24; h++) {
      time.advance(60 * 60_000);
      if (h < 23) expect((await actorOf(fresh.token)).kind, `hour ${h}`).toBe('user');
    }
    expect((await actorOf(fresh.token)).kind).toBe('anonymous');
    ownerToken = (await accounts.signIn({ email: me, password: PASSWORD }, client())).token;
  });

  it('TOTP: enrol with a first code, then sign in in two steps; a code works once', async () => {
    const token = await join(owner, 'two@example.test', 'member');
    const { session } = await accounts.principal(token);
    const { secret, uri } = await accounts.beginTotp(session);
    expect(uri).toContain('otpauth://totp/Fulcrum:two%40example.test');
    const stored = (await accounts.users.secrets(session!.userId))!;
    expect(stored.totpSecret).not.toContain(secret);
    expect(box.open(stored.totpSecret!)).toBe(secret);
    await expect(accounts.confirmTotp(session, '000000', client())).rejects.toBeInstanceOf(InvalidInputError);
    const unix = () => Math.floor(time.now().getTime() / 1000);
    await accounts.confirmTotp(session, totp(secret, unix()), client());

    time.advance(30_000);
    const first = await accounts.signIn({ email: 'two@example.test', password: PASSWORD }, client());
    expect(first.status).toBe('totp-required');
    expect((await actorOf(first.token)).kind).toBe('anonymous');
    await expect(accounts.completeTotp(first.token, '123456', client())).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    const code = totp(secret, unix());
    const done = await accounts.completeTotp(first.token, code, client());
    expect(done.status).toBe('signed-in');
    expect(done.token).not.toBe(first.token);
    expect((await actorOf(done.token)).kind).toBe('user');
    expect((await accounts.principal(first.token)).session).toBeNull();

    const again = await accounts.signIn({ email: 'two@example.test', password: PASSWORD }, client());
    await expect(accounts.completeTotp(again.token, code, client())).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
  });

  it('organisations that require a second factor make admins enrol before anything else, even mid-session', async () => {
    const unix = () => Math.floor(time.now().getTime() / 1000);
    // the owner must have a second factor before requiring one
    await expect(
      accounts.updateSettings(owner, { requireTwoFactorForAdmins: true }, client()),
    ).rejects.toBeInstanceOf(ConflictError);
    const ownerSession = (await accounts.principal(ownerToken)).session;
    const ownerSecret = (await accounts.beginTotp(ownerSession)).secret;
    await accounts.confirmTotp(ownerSession, totp(ownerSecret, unix()), client());
    // an admin already signed in before the rule
    const earlyAdmin = await join(owner, 'early-admin@example.test', 'admin');
    expect((await actorOf(earlyAdmin)).kind).toBe('user');
    await accounts.updateSettings(owner, { requireTwoFactorForAdmins: true }, client());
    expect((await actorOf(ownerToken)).kind).toBe('user');
    const early = await accounts.principal(earlyAdmin);
    expect(early.actor.kind).toBe('anonymous');
    expect(early.session?.stage).toBe('enrol');

    await accounts.invite(owner, { email: 'admin2fa@example.test', role: 'admin' }, client());
    const mail = (await accounts.outbox.listAll()).find((m) => m.to === 'admin2fa@example.test')!;
    const joined = await accounts.acceptInvitation(
      { token: tokenFrom(mail.text), name: 'Ada', password: PASSWORD },
      client(),
    );
    expect(joined.status).toBe('totp-enrolment-required');
    expect((await actorOf(joined.token)).kind).toBe('anonymous');
    const { session } = await accounts.principal(joined.token);
    const { secret } = await accounts.beginTotp(session);
    const result = await accounts.confirmTotp(session, totp(secret, unix()), client());
    expect(result?.status).toBe('signed-in');
    expect(result?.token).not.toBe(joined.token);
    const admin = await actorOf(result!.token);
    expect(admin).toMatchObject({ role: 'admin' });
    await expect(accounts.disableTotp(admin, PASSWORD, client())).rejects.toBeInstanceOf(ForbiddenError);
    // a member is not affected
    const memberToken = await join(owner, 'plain@example.test', 'member');
    expect((await actorOf(memberToken)).kind).toBe('user');
    // back to passwords only, for the tests that follow
    await accounts.updateSettings(owner, { requireTwoFactorForAdmins: false }, client());
    await expect(accounts.beginTotp((await accounts.principal(ownerToken)).session)).rejects.toBeInstanceOf(
      ConflictError,
    );
    await accounts.disableTotp(owner, PASSWORD, client());
    expect((await accounts.users.findById((owner as { userId: string }).userId))?.totpEnabled).toBe(false);
  });

  it('invitations: only the owner invites admins; links are single-use, expire, and admin links are owner-only in the outbox', async () => {
    const adminToken = await join(owner, 'admin@example.test', 'admin');
    const admin = await userActor(adminToken);
    await expect(
      accounts.invite(admin, { email: 'x@example.test', role: 'admin' }, client()),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await accounts.invite(admin, { email: 'coach@example.test', role: 'coach' }, client());
    await expect(
      accounts.invite(admin, { email: 'admin@example.test', role: 'member' }, client()),
    ).rejects.toBeInstanceOf(ConflictError);

    const member = await userActor(await join(owner, 'member@example.test', 'member'));
    await expect(
      accounts.invite(member, { email: 'y@example.test', role: 'member' }, client()),
    ).rejects.toBeInstanceOf(ForbiddenError);

    const ownerView = await accounts.mailOutbox(owner);
    const adminView = await accounts.mailOutbox(admin);
    expect(ownerView.some((m) => m.to === 'admin@example.test' && m.restricted)).toBe(true);
    expect(adminView.some((m) => m.restricted)).toBe(false);
    expect(adminView.some((m) => m.to === 'coach@example.test')).toBe(true);
    await expect(accounts.mailOutbox(member)).rejects.toBeInstanceOf(ForbiddenError);

    const coachMail = ownerView.find((m) => m.to === 'coach@example.test')!;
    const link = tokenFrom(coachMail.text);
    expect(coachMail.text).toContain('https://fulcrum.example/account/accept#token=');
    expect(await accounts.describeInvitation(link)).toMatchObject({
      email: 'coach@example.test',
      role: 'coach',
      existingAccount: false,
    });
    await expect(
      accounts.acceptInvitation({ token: link, name: 'Cora', password: 'short' }, client()),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(
      (await accounts.acceptInvitation({ token: link, name: 'Cora', password: PASSWORD }, client())).status,
    ).toBe('signed-in');
    await expect(
      accounts.acceptInvitation({ token: link, name: 'Eve', password: PASSWORD }, client()),
    ).rejects.toBeInstanceOf(NotFoundError);
    // the database holds only the hash
    const rows = await store.db.selectFrom('auth_tokens').select('hash').execute();
    expect(rows.some((r) => r.hash === link)).toBe(false);

    await accounts.invite(owner, { email: 'late@example.test', role: 'member' }, client());
    const lateLink = tokenFrom(
      (await accounts.outbox.listAll()).find((m) => m.to === 'late@example.test')!.text,
    );
    time.advance(8 * 86_400_000);
    await expect(
      accounts.acceptInvitation({ token: lateLink, name: 'Late', password: PASSWORD }, client()),
    ).rejects.toBeInstanceOf(NotFoundError);
    ownerToken = (
      await accounts.signIn({ email: (await accounts.me(owner)).user.email, password: PASSWORD }, client())
    ).token;
  });

  it('an invitation never sets the password of an existing account: its holder must prove it', async () => {
    const other = await store.db
      .insertInto('organizations')
      .values({ id: 'other-org', name: 'Other', settings: '{}', created_at: new Date().toISOString() })
      .execute();
    expect(other).toBeDefined();
    const existing = (await accounts.users.findByEmail('member@example.test'))!;
    await accounts.memberships.add('other-org', existing.id, 'admin');
    const otherAdmin: Actor = {
      kind: 'user',
      userId: existing.id,
      organizationId: 'other-org',
      role: 'admin',
    };
    await accounts.memberships.add(
      'other-org',
      (await accounts.users.findByEmail('coach@example.test'))!.id,
      'member',
    );
    await accounts.invite(otherAdmin, { email: 'victim@example.test', role: 'member' }, client());
    const link = tokenFrom(
      (await accounts.outbox.list('other-org')).find((m) => m.to === 'victim@example.test')!.text,
    );
    expect((await accounts.describeInvitation(link)).existingAccount).toBe(true);
    await expect(
      accounts.acceptInvitation(
        { token: link, name: 'Mallory', password: 'mallory chose this one' },
        client(),
      ),
    ).rejects.toBeInstanceOf(InvalidInputError);
    const ok = await accounts.acceptInvitation({ token: link, password: PASSWORD }, client());
    expect(ok.status).toBe('signed-in');
    expect(await actorOf(ok.token)).toMatchObject({ organizationId: 'other-org', role: 'member' });
  });

  it('password reset: same answer for unknown addresses, single-use link, signs out everywhere, limited per address', async () => {
    const before = (await accounts.outbox.listAll()).length;
    await accounts.requestPasswordReset({ email: 'nobody-here@example.test' }, client());
    await accounts.idle();
    expect((await accounts.outbox.listAll()).length).toBe(before);

    const session = await accounts.signIn({ email: 'plain@example.test', password: PASSWORD }, client());
    await accounts.requestPasswordReset({ email: 'PLAIN@example.test' }, client());
    await accounts.idle();
    const mail = (await accounts.outbox.listAll()).find(
      (m) => m.to === 'plain@example.test' && m.subject.startsWith('Reset'),
    )!;
    expect(mail.organizationId).toBeNull();
    expect(mail.restricted).toBe(true);
    const link = tokenFrom(mail.text);
    await expect(
      accounts.resetPassword({ token: link, password: '123456789012' }, client()),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await accounts.resetPassword({ token: link, password: 'a brand new passphrase' }, client());
    expect((await actorOf(session.token)).kind).toBe('anonymous');
    await expect(
      accounts.resetPassword({ token: link, password: 'another new passphrase' }, client()),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      accounts.signIn({ email: 'plain@example.test', password: PASSWORD }, client('10.1.1.1')),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(
      (await accounts.signIn({ email: 'plain@example.test', password: 'a brand new passphrase' }, client()))
        .status,
    ).toBe('signed-in');

    await accounts.requestPasswordReset({ email: 'plain@example.test' }, client());
    await accounts.requestPasswordReset({ email: 'plain@example.test' }, client());
    await expect(
      accounts.requestPasswordReset({ email: 'plain@example.test' }, client()),
    ).rejects.toBeInstanceOf(RateLimitedError);
    await accounts.idle();
  });

  it('profile: password change signs out other sessions; sessions list; e-mail change needs the password', async () => {
    const a = await accounts.signIn({ email: 'member@example.test', password: PASSWORD }, client());
    const b = await accounts.signIn(
      { email: 'member@example.test', password: PASSWORD },
      { ip: '10.2.2.2', userAgent: 'phone' },
    );
    const actor = await actorOf(a.token);
    const list = await accounts.listSessions(actor, a.session);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(a.session.idHash);
    expect(JSON.stringify(list)).not.toContain(a.session.csrfSecret);
    await expect(
      accounts.changePassword(
        actor,
        a.session,
        { currentPassword: 'wrong password!!', newPassword: 'fresh long passphrase' },
        client(),
      ),
    ).rejects.toBeInstanceOf(InvalidInputError);
    const changed = await accounts.changePassword(
      actor,
      a.session,
      { currentPassword: PASSWORD, newPassword: 'fresh long passphrase' },
      client(),
    );
    expect(changed.otherSessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await actorOf(b.token)).kind).toBe('anonymous');
    expect((await actorOf(a.token)).kind).toBe('user');

    await expect(
      accounts.updateProfile(actor, { email: 'new@example.test' }, client()),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      accounts.updateProfile(
        actor,
        { email: 'ADMIN@example.test', currentPassword: 'fresh long passphrase' },
        client(),
      ),
    ).rejects.toBeInstanceOf(ConflictError);
    const before = (await accounts.me(actor)).user.email;
    const me = await accounts.updateProfile(
      actor,
      { name: 'Mia', email: 'Mia@Example.test', currentPassword: 'fresh long passphrase' },
      client(),
    );
    // the name changes at once; the address only once the new one confirms
    expect(me.user).toMatchObject({ name: 'Mia', email: before });
    expect(me.pendingEmail).toBe('Mia@Example.test');
    const mails = await accounts.outbox.listAll();
    const confirm = mails.find((m) => m.to === 'Mia@Example.test' && /Confirm/.test(m.subject))!;
    const notice = mails.find((m) => m.to === before && /about to change/.test(m.subject))!;
    expect(notice.text).toContain('Mia@Example.test');
    expect(notice.text).not.toMatch(/#token=/);

    // a second request replaces the first link; a link lasts a day
    await accounts.updateProfile(
      actor,
      { email: 'mia.two@example.test', currentPassword: 'fresh long passphrase' },
      client(),
    );
    await expect(
      accounts.confirmEmailChange({ token: tokenFrom(confirm.text) }, client()),
    ).rejects.toBeInstanceOf(NotFoundError);
    const second = tokenFrom(
      (await accounts.outbox.listAll()).find((m) => m.to === 'mia.two@example.test')!.text,
    );
    const link = await store.db
      .selectFrom('auth_tokens')
      .select('expires_at')
      .where('hash', '=', hashToken(second))
      .executeTakeFirstOrThrow();
    expect(new Date(link.expires_at).getTime() - time.now().getTime()).toBe(24 * 3_600_000);
    await store.db
      .updateTable('auth_tokens')
      .set({ expires_at: new Date(time.now().getTime() - 1).toISOString() })
      .where('hash', '=', hashToken(second))
      .execute();
    await expect(accounts.confirmEmailChange({ token: second }, client())).rejects.toBeInstanceOf(
      NotFoundError,
    );

    await accounts.updateProfile(
      actor,
      { email: 'mia@example.test', currentPassword: 'fresh long passphrase' },
      client(),
    );
    const third = tokenFrom((await accounts.outbox.listAll()).find((m) => m.to === 'mia@example.test')!.text);
    expect(await accounts.confirmEmailChange({ token: third }, client())).toEqual({
      email: 'mia@example.test',
    });
    expect((await accounts.me(actor)).user.email).toBe('mia@example.test');
    await expect(accounts.confirmEmailChange({ token: third }, client())).rejects.toBeInstanceOf(
      NotFoundError,
    );
    // the old address no longer signs in; the new one does
    await expect(
      accounts.signIn({ email: before, password: 'fresh long passphrase' }, client('10.9.9.9')),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    const signedIn = await accounts.signIn(
      { email: 'mia@example.test', password: 'fresh long passphrase' },
      client(),
    );
    expect(signedIn.token).toBeTruthy();
  });

  it('admins manage people but never other organisations’ people, nor admins, nor the owner', async () => {
    const admin = await userActor(
      (await accounts.signIn({ email: 'admin@example.test', password: PASSWORD }, client())).token,
    );
    const members = await accounts.listMembers(admin);
    const coach = members.find((m) => m.email === 'coach@example.test')!;
    const mia = members.find((m) => m.email === 'mia@example.test')!;
    const ownerRow = members.find((m) => m.role === 'owner')!;
    await accounts.changeRole(admin, mia.userId, 'coach', client());
    await accounts.changeRole(admin, mia.userId, 'member', client());
    await expect(accounts.changeRole(admin, mia.userId, 'admin', client())).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(accounts.changeRole(admin, ownerRow.userId, 'member', client())).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(accounts.changeRole(admin, admin.userId, 'member', client())).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(accounts.updateSettings(admin, { retentionDays: 30 }, client())).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    // another organisation's admin: the person is simply not found there
    const two = members.find((m) => m.email === 'two@example.test')!;
    const otherAdmin: Actor = { kind: 'user', userId: 'x', organizationId: 'other-org', role: 'admin' };
    await expect(accounts.changeRole(otherAdmin, two.userId, 'coach', client())).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(accounts.removeMember(otherAdmin, two.userId, client())).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      accounts.assignCoach(otherAdmin, { coachUserId: coach.userId, memberUserId: two.userId }, client()),
    ).rejects.toBeInstanceOf(NotFoundError);

    await expect(
      accounts.assignCoach(admin, { coachUserId: mia.userId, memberUserId: coach.userId }, client()),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await accounts.assignCoach(admin, { coachUserId: coach.userId, memberUserId: mia.userId }, client());
    expect(await accounts.coachAssignments(admin)).toContainEqual({
      coachUserId: coach.userId,
      memberUserId: mia.userId,
    });
    const coachToken = (await accounts.signIn({ email: 'coach@example.test', password: PASSWORD }, client()))
      .token;
    const coachActor = await userActor(coachToken);
    expect((await accounts.myClients(coachActor)).map((c) => c.email)).toEqual(['mia@example.test']);

    // the coach reads Mia's profile, not her answers; the admin reads neither
    await new InstrumentRepository(store).ensure(mini);
    const assessment = await new AssessmentRepository(store).create({
      instrument: mini,
      form: 'full',
      source: 'web',
    });
    await accounts.owners.assign(assessment.id, admin.organizationId, mia.userId);
    const resource = (await accounts.assessmentResource(assessment.id))!;
    expect(can(coachActor, 'assessment.read-profile', resource).allowed).toBe(true);
    expect(can(coachActor, 'assessment.read-answers', resource).allowed).toBe(false);
    expect(can(admin, 'assessment.read-profile', resource).allowed).toBe(false);
    expect(can(owner, 'assessment.read-answers', resource).allowed).toBe(false);

    const audit = await accounts.auditLog(owner);
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'member.invited',
        'member.joined',
        'member.role-changed',
        'coach.assigned',
        'login.succeeded',
        'login.failed',
      ]),
    );
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
    await expect(accounts.auditLog(coachActor)).rejects.toBeInstanceOf(ForbiddenError);

    await accounts.removeMember(admin, coach.userId, client());
    expect((await actorOf(coachToken)).kind).toBe('anonymous');
    expect(await accounts.coachAssignments(admin)).toEqual([]);
  });

  it('claims an anonymous assessment by its resume token, once', async () => {
    await new InstrumentRepository(store).ensure(mini);
    const resume = newToken();
    const a = await new AssessmentRepository(store).create({
      instrument: mini,
      form: 'full',
      source: 'web',
      resumeTokenHash: hashToken(resume),
    });
    const mia = await userActor(
      (await accounts.signIn({ email: 'mia@example.test', password: 'fresh long passphrase' }, client()))
        .token,
    );
    await expect(accounts.claimAssessment(mia, 'not-the-token', client())).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await accounts.claimAssessment(mia, resume, client())).toEqual({ assessmentId: a.id });
    expect(await accounts.owners.ownerOf(a.id)).toEqual({
      organizationId: mia.organizationId,
      userId: mia.userId,
    });
    await expect(accounts.claimAssessment(owner, resume, client())).rejects.toBeInstanceOf(ConflictError);
  });

  it('exports my data without secrets, and deleting my account keeps everyone else’s data', async () => {
    const token = (
      await accounts.signIn({ email: 'mia@example.test', password: 'fresh long passphrase' }, client())
    ).token;
    const mia = await userActor(token);
    const mine = await accounts.owners.idsOf(mia.organizationId, mia.userId);
    await new AssessmentRepository(store).saveAnswer(mine[0]!, 'P1', 4);
    const exported = await accounts.exportMyData(mia);
    const text = JSON.stringify(exported);
    expect(exported.user.email).toBe('mia@example.test');
    expect(exported.memberships[0]?.assessments.map((a) => a.id).sort()).toEqual([...mine].sort());
    expect(exported.memberships[0]?.assessments.some((a) => a.answers.P1 === 4)).toBe(true);
    expect(text).not.toMatch(/scrypt\$|csrf|idHash|password/i);

    await expect(accounts.deleteAccount(owner, { password: PASSWORD }, client())).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(
      accounts.deleteAccount(mia, { password: 'wrong password!!' }, client()),
    ).rejects.toBeInstanceOf(InvalidInputError);
    const ownersBefore = (await accounts.listMembers(owner)).length;
    await accounts.deleteAccount(mia, { password: 'fresh long passphrase' }, client());
    expect(await accounts.users.findByEmail('mia@example.test')).toBeUndefined();
    expect((await actorOf(token)).kind).toBe('anonymous');
    for (const id of mine) expect(await accounts.owners.ownerOf(id)).toBeUndefined();
    expect((await accounts.listMembers(owner)).length).toBe(ownersBefore - 1);
    expect((await accounts.auditLog(owner)).some((e) => e.action === 'account.deleted')).toBe(true);
  });

  it('the retention purge deletes assessment data older than each organisation’s setting, and only that', async () => {
    await new InstrumentRepository(store).ensure(mini);
    const repo = new AssessmentRepository(store);
    const o = owner as Extract<Actor, { kind: 'user' }>;
    const old = await repo.create({ instrument: mini, form: 'full', source: 'web' });
    const recent = await repo.create({ instrument: mini, form: 'full', source: 'web' });
    const otherOrgOld = await repo.create({ instrument: mini, form: 'full', source: 'web' });
    const anonymousOld = await repo.create({ instrument: mini, form: 'full', source: 'web' });
    await accounts.owners.assign(old.id, o.organizationId, o.userId);
    await accounts.owners.assign(recent.id, o.organizationId, o.userId);
    await accounts.owners.assign(otherOrgOld.id, 'other-org', o.userId);
    await repo.saveAnswer(old.id, 'P1', 3);
    const now = time.now();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
    await store.db
      .updateTable('assessments')
      .set({ updated_at: daysAgo(40) })
      .where('id', 'in', [old.id, otherOrgOld.id, anonymousOld.id])
      .execute();
    await store.db
      .updateTable('assessments')
      .set({ updated_at: daysAgo(10) })
      .where('id', '=', recent.id)
      .execute();

    await accounts.updateSettings(owner, { retentionDays: 30 }, client());
    const report = await purgeExpiredData(store, { now });
    expect(report.assessments[o.organizationId]).toBe(1);
    expect(await repo.findById(old.id)).toBeUndefined();
    expect(await repo.answers(old.id)).toEqual({});
    expect(await repo.findById(recent.id)).toBeDefined();
    expect(await repo.findById(otherOrgOld.id)).toBeDefined();
    expect(await repo.findById(anonymousOld.id)).toBeDefined();

    const second = await purgeExpiredData(store, { now, anonymousRetentionDays: 30 });
    expect(second.assessments[o.organizationId]).toBe(0);
    expect(second.unclaimedAssessments).toBeGreaterThanOrEqual(1);
    expect(await repo.findById(anonymousOld.id)).toBeUndefined();
    await expect(accounts.updateSettings(owner, { retentionDays: 0 }, client())).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });
});

describe('no user enumeration by timing', () => {
  it('an unknown address costs about as much as a wrong password (a dummy hash is checked)', async () => {
    const store = await openTestStore('sqlite');
    try {
      const accounts = new AccountService(store, {
        mailer: new StoreMailer(store),
        secretBox: new SecretBox(randomBytes(32)),
        baseUrl: 'x',
      });
      await accounts.createOwner({ email: 'real@example.test', name: 'Real', password: PASSWORD });
      const time = async (email: string, i: number) => {
        const start = performance.now();
        await accounts
          .signIn({ email, password: `wrong password ${i}` }, client(`10.7.0.${i}`))
          .catch(() => {});
        return performance.now() - start;
      };
      await time('nobody@example.test', 200); // warm the dummy hash
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 4; i++) {
        known.push(await time('real@example.test', i));
        unknown.push(await time('nobody@example.test', 100 + i));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const ratio = median(unknown) / median(known);
      expect(ratio).toBeGreaterThan(0.5);
      expect(ratio).toBeLessThan(2);
    } finally {
      await store.dispose();
    }
  });
});
