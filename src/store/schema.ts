import type { ColumnType } from 'kysely';
import type { AccountTables } from './schema-accounts.ts';
import type { FeedbackTables } from './schema-feedback.ts';
import type { PlanTables } from './schema-plans.ts';

/**
 * Table types as Kysely sees them. Columns that differ between SQLite and PostgreSQL (booleans,
 * timestamps, JSON) are read through `codec.ts`, the one place where they are normalised.
 */
type Json = ColumnType<unknown, string, string>;
type Timestamp = ColumnType<Date | string, string, string>;
type NullableTimestamp = ColumnType<Date | string | null, string | null | undefined, string | null>;

export interface InstrumentVersionTable {
  id: string;
  version: string;
  title: string;
  definition: Json;
  created_at: Timestamp;
}

export interface AssessmentTable {
  id: string;
  instrument_id: string;
  instrument_version: string;
  form: string;
  /** `in_progress` or `completed`. */
  status: string;
  /** Where it was taken: `web` or `cli`. */
  source: string;
  /** SHA-256 of the private resume token; the token itself is never stored. */
  resume_token_hash: string | null;
  profile: ColumnType<unknown, string | null, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  completed_at: ColumnType<Date | string | null, string | null, string | null>;
  /** The owner, once signed in or claimed (null: anonymous, reachable only by the resume token). */
  organization_id: ColumnType<string | null, string | null | undefined, string | null>;
  user_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AssessmentAnswerTable {
  assessment_id: string;
  item_id: string;
  value: number;
  answered_at: Timestamp;
}

export type {
  AuditLogTable,
  AuthTokenTable,
  CoachAssignmentTable,
  MailOutboxTable,
  MembershipTable,
  OrganizationTable,
  RateLimitBucketTable,
  SessionTable,
  UserTable,
} from './schema-accounts.ts';

/** A scheduled job's next due time and lease (migration 0005). */
export interface ScheduledJobTable {
  name: string;
  next_run_at: Timestamp;
  leased_until: NullableTimestamp;
  last_started_at: NullableTimestamp;
  last_finished_at: NullableTimestamp;
  last_error: string | null;
}

export interface Database extends AccountTables, FeedbackTables, PlanTables {
  scheduled_jobs: ScheduledJobTable;
  instrument_versions: InstrumentVersionTable;
  assessments: AssessmentTable;
  assessment_answers: AssessmentAnswerTable;
}
