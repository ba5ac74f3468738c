import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mini } from '../../../test/support/mini.ts';
import { dialectLabel, dialects, openTestStore, type TestStore } from '../../../test/support/stores.ts';
import {
  CoachAssignmentRepository,
  DEFAULT_SETTINGS,
  MembershipRepository,
  OrganizationRepository,
  UserRepository,
} from './accounts.ts';
import { AssessmentOwnerRepository } from './assessment-owners.ts';
import { AssessmentRepository } from './assessments.ts';
import { AuditLogRepository } from './audit-log.ts';
import { AuthTokenRepository } from './auth-tokens.ts';
import { InstrumentRepository } from './instruments.ts';
import { MailOutboxRepository } from './mail-outbox.ts';
import { RateLimitRepository } from './rate-limits.ts';

describe.each(dialects)('account repositories on %s', (dialect) => {
  let store: TestStore;
  let organizations: OrganizationRepository;
  let users: UserRepository;
  let memberships: MembershipRepository;

  beforeAll(async () => {
    store = await openTestStore(dialect);
    organizations = new OrganizationRepository(store);
    users = new UserRepository(store);
    memberships = new MembershipRepository(store);
  });
  afterAll(() => store?.dispose());

  it(`runs on ${dialectLabel(dialect)}`, () => expect(store.dialect).toBe(dialect));

  it('keeps e-mail addresses unique case-insensitively and finds them in any case', async () => {
    const jo = await users.create({ email: ' Jo.Smith@Example.TEST ', name: 'Jo', passwordHash: 'h' });
    expect(jo.email).toBe('Jo.Smith@Example.TEST');
    expect((await users.findByEmail('jo.smith@example.test'))?.id).toBe(jo.id);
    await expect(
      users.create({ email: 'JO.SMITH@example.test', name: 'Other', passwordHash: null }),
    ).rejects.toThrow();
  });

  it('never returns the password hash or TOTP secret from an ordinary read', async () => {
    const u = await users.create({ email: 'secret@example.test', name: 'S', passwordHash: 'scrypt$secret' });
    await users.setTotp(u.id, 'v1.sealed', true);
    const read = await users.findById(u.id);
    expect(read).toEqual({
      id: u.id,
      email: 'secret@example.test',
      name: 'S',
      hasPassword: true,
      totpEnabled: true,
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(read)).not.toMatch(/scrypt|sealed/);
    expect(await users.secrets(u.id)).toEqual({
      passwordHash: 'scrypt$secret',
      totpSecret: 'v1.sealed',
      totpEnabled: true,
      totpLastStep: null,
    });
  });

  it('accepts each TOTP step once, atomically, even when two servers race', async () => {
    const u = await users.create({ email: 'totp@example.test', name: 'T', passwordHash: null });
    const results = await Promise.all([users.markTotpStepUsed(u.id, 100), users.markTotpStepUsed(u.id, 100)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await users.markTotpStepUsed(u.id, 99)).toBe(false);
    expect(await users.markTotpStepUsed(u.id, 101)).toBe(true);
    expect((await users.secrets(u.id))?.totpLastStep).toBe(101);
  });

  it('stores organisation settings as JSON and memberships per organisation', async () => {
    const a = await organizations.create('A');
    const b = await organizations.create('B', {
      ...DEFAULT_SETTINGS,
      retentionDays: 30,
      requireTwoFactorForAdmins: true,
    });
    expect((await organizations.get(b.id))?.settings).toEqual({
      retentionDays: 30,
      requireTwoFactorForAdmins: true,
      feedbackSelfService: false,
      raterLoadWarning: 8,
    });
    await organizations.update(a.id, {
      name: 'A2',
      settings: { ...DEFAULT_SETTINGS, retentionDays: 7, requireTwoFactorForAdmins: false },
    });
    expect(await organizations.get(a.id)).toMatchObject({ name: 'A2', settings: { retentionDays: 7 } });

    const u = await users.create({ email: 'm@example.test', name: 'M', passwordHash: null });
    await memberships.add(a.id, u.id, 'member');
    await memberships.add(b.id, u.id, 'admin');
    expect((await memberships.get(a.id, u.id))?.role).toBe('member');
    expect((await memberships.get(b.id, u.id))?.role).toBe('admin');
    expect((await memberships.list(a.id)).map((m) => m.userId)).toEqual([u.id]);
    expect(await memberships.anyOwner()).toBe(false);
    await memberships.setRole(a.id, u.id, 'owner');
    expect(await memberships.anyOwner()).toBe(true);
    expect((await memberships.get(b.id, u.id))?.role).toBe('admin');
  });

  it('scopes coach assignments by organisation and drops them with the membership', async () => {
    const org = await organizations.create('Coaching');
    const other = await organizations.create('Other');
    const coach = await users.create({ email: 'coach@example.test', name: 'C', passwordHash: null });
    const client = await users.create({ email: 'client@example.test', name: 'K', passwordHash: null });
    await memberships.add(org.id, coach.id, 'coach');
    await memberships.add(org.id, client.id, 'member');
    const coaches = new CoachAssignmentRepository(store);
    await coaches.assign(org.id, coach.id, client.id);
    await coaches.assign(org.id, coach.id, client.id);
    expect(await coaches.coachesOf(org.id, client.id)).toEqual([coach.id]);
    expect(await coaches.coachesOf(other.id, client.id)).toEqual([]);
    expect(await coaches.clientsOf(org.id, coach.id)).toEqual([client.id]);
    await memberships.remove(org.id, client.id);
    expect(await coaches.list(org.id)).toEqual([]);
  });

  it('uses a token once, never after expiry, and only one of two racing requests wins', async () => {
    const tokens = new AuthTokenRepository(store);
    const org = await organizations.create('Tokens');
    const now = new Date();
    const later = new Date(now.getTime() + 3_600_000);
    await tokens.create({
      hash: `h1-${dialect}`,
      kind: 'invitation',
      organizationId: org.id,
      emailKey: 'x@y.test',
      role: 'member',
      createdBy: null,
      expiresAt: later.toISOString(),
    });
    expect(await tokens.consume(`h1-${dialect}`, 'password_reset', now)).toBeUndefined();
    const [first, second] = await Promise.all([
      tokens.consume(`h1-${dialect}`, 'invitation', now),
      tokens.consume(`h1-${dialect}`, 'invitation', now),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect((first ?? second)?.role).toBe('member');
    expect(await tokens.consume(`h1-${dialect}`, 'invitation', now)).toBeUndefined();

    await tokens.create({
      hash: `h2-${dialect}`,
      kind: 'password_reset',
      organizationId: null,
      emailKey: 'x@y.test',
      role: null,
      createdBy: null,
      expiresAt: later.toISOString(),
    });
    expect(
      await tokens.consume(`h2-${dialect}`, 'password_reset', new Date(later.getTime() + 1)),
    ).toBeUndefined();
    expect(await tokens.deleteExpired(new Date(later.getTime() + 1))).toBeGreaterThanOrEqual(2);
  });

  it('counts rate-limit hits atomically across concurrent requests', async () => {
    const buckets = new RateLimitRepository(store);
    const window = new Date('2026-01-01T00:00:00.000Z');
    const now = new Date('2026-01-01T00:01:00.000Z');
    await Promise.all(Array.from({ length: 10 }, () => buckets.hit('k', window, now)));
    expect(await buckets.get('k', window)).toEqual({ count: 10, lastAt: now.toISOString() });
    expect(await buckets.get('k', new Date('2026-01-01T00:15:00.000Z'))).toBeUndefined();
    await buckets.clear('k');
    expect(await buckets.get('k', window)).toBeUndefined();
  });

  it('lists outbox mail and audit entries of one organisation only', async () => {
    const a = await organizations.create('Mail A');
    const b = await organizations.create('Mail B');
    const outbox = new MailOutboxRepository(store);
    await outbox.add({ organizationId: a.id, to: 'a@x.test', subject: 'for A', text: 't' });
    await outbox.add({ organizationId: b.id, to: 'b@x.test', subject: 'for B', text: 't', restricted: true });
    await outbox.add({ organizationId: null, to: 'n@x.test', subject: 'for nobody', text: 't' });
    expect((await outbox.list(a.id)).map((m) => m.subject)).toEqual(['for A']);
    expect((await outbox.list(b.id))[0]).toMatchObject({ subject: 'for B', restricted: true, sentAt: null });
    expect((await outbox.listAll()).length).toBeGreaterThanOrEqual(3);

    const audit = new AuditLogRepository(store);
    await audit.add({
      organizationId: a.id,
      actorUserId: null,
      action: 'x.happened',
      target: 't',
      ip: '10.0.0.1',
    });
    await audit.add({ organizationId: b.id, actorUserId: null, action: 'y.happened' });
    expect((await audit.list(a.id)).map((e) => [e.action, e.ip])).toEqual([['x.happened', '10.0.0.1']]);
  });

  it('claims an anonymous assessment once, and purges one organisation’s old assessments only', async () => {
    await new InstrumentRepository(store).ensure(mini);
    const assessments = new AssessmentRepository(store);
    const owners = new AssessmentOwnerRepository(store);
    const a = await organizations.create('Claim A');
    const b = await organizations.create('Claim B');
    const u = await users.create({ email: 'claimer@example.test', name: 'C', passwordHash: null });
    const anon = await assessments.create({
      instrument: mini,
      form: 'full',
      source: 'web',
      resumeTokenHash: `r-${dialect}`,
    });
    expect(await owners.ownerOf(anon.id)).toEqual({ organizationId: null, userId: null });
    expect(await owners.claim(anon.id, a.id, u.id)).toBe(true);
    expect(await owners.claim(anon.id, b.id, u.id)).toBe(false);
    expect(await owners.ownerOf(anon.id)).toEqual({ organizationId: a.id, userId: u.id });
    expect((await assessments.findByResumeTokenHash(`r-${dialect}`))?.id).toBe(anon.id);
    expect(await owners.idsOf(a.id, u.id)).toEqual([anon.id]);
    expect(await owners.idsOf(b.id, u.id)).toEqual([]);

    const old = await assessments.create({ instrument: mini, form: 'full', source: 'web' });
    const recent = await assessments.create({ instrument: mini, form: 'full', source: 'web' });
    const elsewhere = await assessments.create({ instrument: mini, form: 'full', source: 'web' });
    await owners.assign(old.id, a.id, u.id);
    await owners.assign(recent.id, a.id, u.id);
    await owners.assign(elsewhere.id, b.id, u.id);
    await assessments.saveAnswer(old.id, 'P1', 4);
    const longAgo = new Date(Date.now() - 40 * 86_400_000).toISOString();
    await store.db
      .updateTable('assessments')
      .set({ updated_at: longAgo })
      .where('id', 'in', [old.id, elsewhere.id])
      .execute();
    expect(await owners.purgeOlderThan(a.id, new Date(Date.now() - 30 * 86_400_000))).toBe(1);
    expect(await assessments.findById(old.id)).toBeUndefined();
    expect(await assessments.answers(old.id)).toEqual({});
    expect(await assessments.findById(recent.id)).toBeDefined();
    expect(await assessments.findById(elsewhere.id)).toBeDefined();
  });
});
