import { randomUUID } from 'node:crypto';
import type { Role } from '../../model/access/policy.ts';
import { fromBool, fromJson, fromTimestamp, toBool, toJson, toTimestamp } from '../codec.ts';
import type { Store } from '../database.ts';

/** What an organisation decides for itself (owner only). */
export interface OrganizationSettings {
  /** Assessment data older than this many days is deleted by the retention purge; null keeps it. */
  retentionDays: number | null;
  /** Admins and the owner must use a second factor (TOTP) to sign in. */
  requireTwoFactorForAdmins: boolean;
  /** People may open a 360° feedback cycle about themselves. */
  feedbackSelfService: boolean;
  /** Warn when nominating a rater who already has more open 360° requests than this. */
  raterLoadWarning: number;
}

export const DEFAULT_SETTINGS: OrganizationSettings = {
  retentionDays: null,
  requireTwoFactorForAdmins: false,
  feedbackSelfService: false,
  raterLoadWarning: 8,
};

export interface Organization {
  id: string;
  name: string;
  settings: OrganizationSettings;
  createdAt: string;
}

/** A person as every reader may see them: never the password hash, never the TOTP secret. */
export interface User {
  id: string;
  email: string;
  name: string;
  hasPassword: boolean;
  totpEnabled: boolean;
  createdAt: string;
}

/** What only the sign-in code reads. */
export interface UserSecrets {
  passwordHash: string | null;
  /** Sealed with the server's key (see services/auth/secret-box.ts). */
  totpSecret: string | null;
  totpEnabled: boolean;
  totpLastStep: number | null;
}

export interface Membership {
  organizationId: string;
  userId: string;
  role: Role;
  createdAt: string;
}

export interface MemberView extends Membership {
  email: string;
  name: string;
  totpEnabled: boolean;
}

/** Lower-cased, trimmed and NFC-normalised: e-mail addresses are unique case-insensitively. */
export function emailKey(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

export class OrganizationRepository {
  constructor(private readonly store: Store) {}

  async create(name: string, settings: OrganizationSettings = DEFAULT_SETTINGS): Promise<Organization> {
    const organization = { id: randomUUID(), name, settings, createdAt: toTimestamp() };
    await this.store.db
      .insertInto('organizations')
      .values({ id: organization.id, name, settings: toJson(settings), created_at: organization.createdAt })
      .execute();
    return organization;
  }

  async get(organizationId: string): Promise<Organization | undefined> {
    const row = await this.store.db
      .selectFrom('organizations')
      .selectAll()
      .where('id', '=', organizationId)
      .executeTakeFirst();
    return row
      ? {
          id: row.id,
          name: row.name,
          settings: { ...DEFAULT_SETTINGS, ...fromJson<Partial<OrganizationSettings>>(row.settings) },
          createdAt: fromTimestamp(row.created_at),
        }
      : undefined;
  }

  async listIds(): Promise<string[]> {
    const rows = await this.store.db.selectFrom('organizations').select('id').orderBy('created_at').execute();
    return rows.map((r) => r.id);
  }

  async update(organizationId: string, change: { name?: string; settings?: OrganizationSettings }) {
    const set: { name?: string; settings?: string } = {};
    if (change.name !== undefined) set.name = change.name;
    if (change.settings !== undefined) set.settings = toJson(change.settings);
    if (Object.keys(set).length === 0) return;
    await this.store.db.updateTable('organizations').set(set).where('id', '=', organizationId).execute();
  }
}

type UserRow = {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  totp_enabled: boolean | number;
  created_at: Date | string;
};

const USER_COLUMNS = ['id', 'email', 'name', 'password_hash', 'totp_enabled', 'created_at'] as const;

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    hasPassword: row.password_hash !== null,
    totpEnabled: fromBool(row.totp_enabled),
    createdAt: fromTimestamp(row.created_at),
  };
}

export class UserRepository {
  constructor(private readonly store: Store) {}

  /** Creates a person; throws on a duplicate e-mail address (compared case-insensitively). */
  async create(input: { email: string; name: string; passwordHash: string | null }): Promise<User> {
    const now = toTimestamp();
    const id = randomUUID();
    await this.store.db
      .insertInto('users')
      .values({
        id,
        email: input.email.trim(),
        email_key: emailKey(input.email),
        name: input.name,
        password_hash: input.passwordHash,
        totp_secret: null,
        totp_enabled: toBool(this.store.dialect, false),
        totp_last_step: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return (await this.findById(id))!;
  }

  async findById(userId: string): Promise<User | undefined> {
    const row = await this.store.db
      .selectFrom('users')
      .select(USER_COLUMNS)
      .where('id', '=', userId)
      .executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const row = await this.store.db
      .selectFrom('users')
      .select(USER_COLUMNS)
      .where('email_key', '=', emailKey(email))
      .executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  async secrets(userId: string): Promise<UserSecrets | undefined> {
    const row = await this.store.db
      .selectFrom('users')
      .select(['password_hash', 'totp_secret', 'totp_enabled', 'totp_last_step'])
      .where('id', '=', userId)
      .executeTakeFirst();
    return row
      ? {
          passwordHash: row.password_hash,
          totpSecret: row.totp_secret,
          totpEnabled: fromBool(row.totp_enabled),
          totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
        }
      : undefined;
  }

  async update(userId: string, change: { name?: string; email?: string }): Promise<void> {
    const set: { name?: string; email?: string; email_key?: string; updated_at: string } = {
      updated_at: toTimestamp(),
    };
    if (change.name !== undefined) set.name = change.name;
    if (change.email !== undefined) {
      set.email = change.email.trim();
      set.email_key = emailKey(change.email);
    }
    await this.store.db.updateTable('users').set(set).where('id', '=', userId).execute();
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.store.db
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: toTimestamp() })
      .where('id', '=', userId)
      .execute();
  }

  /** Stores a sealed TOTP secret; `enabled` false while the person still has to confirm a first code. */
  async setTotp(userId: string, sealedSecret: string | null, enabled: boolean): Promise<void> {
    await this.store.db
      .updateTable('users')
      .set({
        totp_secret: sealedSecret,
        totp_enabled: toBool(this.store.dialect, enabled),
        totp_last_step: null,
        updated_at: toTimestamp(),
      })
      .where('id', '=', userId)
      .execute();
  }

  /**
   * Records `step` as used if it is newer than the last used one, atomically, so two servers
   * cannot both accept the same code. False when the step was already used (a replay).
   */
  async markTotpStepUsed(userId: string, step: number): Promise<boolean> {
    const result = await this.store.db
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async delete(userId: string): Promise<void> {
    await this.store.db.deleteFrom('users').where('id', '=', userId).execute();
  }
}

export class MembershipRepository {
  constructor(private readonly store: Store) {}

  async add(organizationId: string, userId: string, role: Role): Promise<Membership> {
    const createdAt = toTimestamp();
    await this.store.db
      .insertInto('memberships')
      .values({ organization_id: organizationId, user_id: userId, role, created_at: createdAt })
      .execute();
    return { organizationId, userId, role, createdAt };
  }

  async get(organizationId: string, userId: string): Promise<Membership | undefined> {
    const row = await this.store.db
      .selectFrom('memberships')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row
      ? {
          organizationId: row.organization_id,
          userId: row.user_id,
          role: row.role as Role,
          createdAt: fromTimestamp(row.created_at),
        }
      : undefined;
  }

  /** Every organisation a person belongs to, oldest first (the first is where they sign in). */
  async forUser(userId: string): Promise<Membership[]> {
    const rows = await this.store.db
      .selectFrom('memberships')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();
    return rows.map((row) => ({
      organizationId: row.organization_id,
      userId: row.user_id,
      role: row.role as Role,
      createdAt: fromTimestamp(row.created_at),
    }));
  }

  async list(organizationId: string): Promise<MemberView[]> {
    const rows = await this.store.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select([
        'memberships.organization_id',
        'memberships.user_id',
        'memberships.role',
        'memberships.created_at',
        'users.email',
        'users.name',
        'users.totp_enabled',
      ])
      .where('memberships.organization_id', '=', organizationId)
      .orderBy('users.name')
      .execute();
    return rows.map((row) => ({
      organizationId: row.organization_id,
      userId: row.user_id,
      role: row.role as Role,
      createdAt: fromTimestamp(row.created_at),
      email: row.email,
      name: row.name,
      totpEnabled: fromBool(row.totp_enabled),
    }));
  }

  async setRole(organizationId: string, userId: string, role: Role): Promise<void> {
    await this.store.db
      .updateTable('memberships')
      .set({ role })
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .execute();
  }

  /** Removes a person from an organisation, with their coach assignments there. */
  async remove(organizationId: string, userId: string): Promise<void> {
    await this.store.db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('coach_assignments')
        .where('organization_id', '=', organizationId)
        .where((eb) => eb.or([eb('coach_user_id', '=', userId), eb('member_user_id', '=', userId)]))
        .execute();
      await tx
        .deleteFrom('memberships')
        .where('organization_id', '=', organizationId)
        .where('user_id', '=', userId)
        .execute();
    });
  }

  /** True when any organisation has an owner (first-run set-up is then closed). */
  async anyOwner(): Promise<boolean> {
    const row = await this.store.db
      .selectFrom('memberships')
      .select('user_id')
      .where('role', '=', 'owner')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }
}

export class CoachAssignmentRepository {
  constructor(private readonly store: Store) {}

  async assign(organizationId: string, coachUserId: string, memberUserId: string): Promise<void> {
    await this.store.db
      .insertInto('coach_assignments')
      .values({
        organization_id: organizationId,
        coach_user_id: coachUserId,
        member_user_id: memberUserId,
        created_at: toTimestamp(),
      })
      .onConflict((oc) => oc.columns(['organization_id', 'coach_user_id', 'member_user_id']).doNothing())
      .execute();
  }

  async unassign(organizationId: string, coachUserId: string, memberUserId: string): Promise<void> {
    await this.store.db
      .deleteFrom('coach_assignments')
      .where('organization_id', '=', organizationId)
      .where('coach_user_id', '=', coachUserId)
      .where('member_user_id', '=', memberUserId)
      .execute();
  }

  async coachesOf(organizationId: string, memberUserId: string): Promise<string[]> {
    const rows = await this.store.db
      .selectFrom('coach_assignments')
      .select('coach_user_id')
      .where('organization_id', '=', organizationId)
      .where('member_user_id', '=', memberUserId)
      .execute();
    return rows.map((r) => r.coach_user_id);
  }

  async clientsOf(organizationId: string, coachUserId: string): Promise<string[]> {
    const rows = await this.store.db
      .selectFrom('coach_assignments')
      .select('member_user_id')
      .where('organization_id', '=', organizationId)
      .where('coach_user_id', '=', coachUserId)
      .execute();
    return rows.map((r) => r.member_user_id);
  }

  async list(organizationId: string): Promise<Array<{ coachUserId: string; memberUserId: string }>> {
    const rows = await this.store.db
      .selectFrom('coach_assignments')
      .select(['coach_user_id', 'member_user_id'])
      .where('organization_id', '=', organizationId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({ coachUserId: r.coach_user_id, memberUserId: r.member_user_id }));
  }
}
