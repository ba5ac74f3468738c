import type { ColumnType } from 'kysely';

/** Tables of development plans (migration 0006). Timestamps and JSON are read through `codec.ts`. */
type Json = ColumnType<unknown, string, string>;
type Timestamp = ColumnType<Date | string, string, string>;
type Nullable = ColumnType<string | null, string | null | undefined, string | null>;

export interface PlanTable {
  id: string;
  organization_id: string;
  user_id: string;
  title: string;
  status: string;
  focus_areas: Json;
  source_assessment_id: Nullable;
  check_in_cadence: string;
  starts_on: string;
  reassess_on: string;
  calendar_token_hash: Nullable;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanActionTable {
  id: string;
  organization_id: string;
  plan_id: string;
  scale: string;
  title: string;
  practice_id: Nullable;
  cadence: Nullable;
  due_date: Nullable;
  status: string;
  partner: Nullable;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanCheckInTable {
  id: string;
  organization_id: string;
  plan_id: string;
  at: Timestamp;
  progress: Json;
  reflection: string;
}

export interface PlanShareTable {
  organization_id: string;
  plan_id: string;
  user_id: string;
  created_at: Timestamp;
}

export interface PlanReminderTable {
  organization_id: string;
  plan_id: string;
  key: string;
  sent_at: Timestamp;
}

export interface PlanTables {
  plans: PlanTable;
  plan_actions: PlanActionTable;
  plan_check_ins: PlanCheckInTable;
  plan_shares: PlanShareTable;
  plan_reminders: PlanReminderTable;
}
