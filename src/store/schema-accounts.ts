import type { ColumnType } from 'kysely';

/** Tables of accounts (migration 0002). Booleans, timestamps and JSON are read through `codec.ts`. */
type Json = ColumnType<unknown, string, string>;
type Timestamp = ColumnType<Date | string, string, string>;
type NullableTimestamp = ColumnType<Date | string | null, string | null, string | null>;
type Bool = ColumnType<boolean | number, boolean | number, boolean | number>;

export interface OrganizationTable {
  id: string;
  name: string;
  settings: Json;
  created_at: Timestamp;
}

export interface UserTable {
  id: string;
  email: string;
  email_key: string;
  name: string;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: Bool;
  totp_last_step: ColumnType<number | string | null, number | null, number | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipTable {
  organization_id: string;
  user_id: string;
  role: string;
  created_at: Timestamp;
}

export interface CoachAssignmentTable {
  organization_id: string;
  coach_user_id: string;
  member_user_id: string;
  created_at: Timestamp;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  organization_id: string | null;
  stage: string;
  csrf_secret: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuthTokenTable {
  hash: string;
  kind: string;
  organization_id: string | null;
  email_key: string;
  role: string | null;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface RateLimitBucketTable {
  key: string;
  window_start: string;
  count: number;
  last_at: Timestamp;
}

export interface MailOutboxTable {
  id: string;
  organization_id: string | null;
  recipient: string;
  subject: string;
  text: string;
  html: string | null;
  restricted: Bool;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
}

export interface AuditLogTable {
  id: string;
  organization_id: string | null;
  actor_user_id: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  created_at: Timestamp;
}

export interface AccountTables {
  organizations: OrganizationTable;
  users: UserTable;
  memberships: MembershipTable;
  coach_assignments: CoachAssignmentTable;
  sessions: SessionTable;
  auth_tokens: AuthTokenTable;
  rate_limit_buckets: RateLimitBucketTable;
  mail_outbox: MailOutboxTable;
  audit_log: AuditLogTable;
}
