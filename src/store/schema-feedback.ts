import type { ColumnType } from 'kysely';

/** Tables of 360° feedback (migration 0004). Booleans, timestamps and JSON are read through `codec.ts`. */
type Json = ColumnType<unknown, string, string>;
type Timestamp = ColumnType<Date | string, string, string>;
type NullableTimestamp = ColumnType<Date | string | null, string | null | undefined, string | null>;
type Bool = ColumnType<boolean | number, boolean | number, boolean | number>;

export interface FeedbackCycleTable {
  id: string;
  organization_id: string;
  title: string;
  instrument_id: string;
  instrument_version: string;
  form: string;
  config: Json;
  deadline: Timestamp;
  created_by: string;
  created_at: Timestamp;
  closed_at: NullableTimestamp;
  close_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface FeedbackSubjectTable {
  id: string;
  organization_id: string;
  cycle_id: string;
  user_id: string;
  created_at: Timestamp;
}

export interface FeedbackRaterTable {
  id: string;
  organization_id: string;
  cycle_id: string;
  subject_id: string;
  rater_group: string;
  email: string;
  email_key: string;
  name: string;
  status: string;
  decline_reason: ColumnType<string | null, string | null | undefined, string | null>;
  identifiable: Bool;
  nominated_by: string;
  created_at: Timestamp;
  submitted_at: NullableTimestamp;
}

export interface FeedbackLinkTable {
  token_hash: string;
  organization_id: string;
  rater_id: string;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface FeedbackAnswerTable {
  organization_id: string;
  rater_id: string;
  item_id: string;
  value: number | null;
  answered_at: Timestamp;
}

export interface FeedbackCommentTable {
  organization_id: string;
  rater_id: string;
  question_id: string;
  text: string;
  answered_at: Timestamp;
}

export interface FeedbackSubmitKeyTable {
  organization_id: string;
  rater_id: string;
  idempotency_key: string;
  created_at: Timestamp;
}

export interface FeedbackReminderTable {
  organization_id: string;
  rater_id: string;
  reminder_key: string;
  sent_at: Timestamp;
}

export interface FeedbackTables {
  feedback_cycles: FeedbackCycleTable;
  feedback_subjects: FeedbackSubjectTable;
  feedback_raters: FeedbackRaterTable;
  feedback_links: FeedbackLinkTable;
  feedback_answers: FeedbackAnswerTable;
  feedback_comments: FeedbackCommentTable;
  feedback_submit_keys: FeedbackSubmitKeyTable;
  feedback_reminders: FeedbackReminderTable;
}
