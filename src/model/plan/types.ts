/** A development plan: what to work on (focus areas), what to do (actions), and how it went (check-ins). */
export type Cadence = 'daily' | 'weekly' | 'fortnightly' | 'monthly';
export const CADENCES: readonly Cadence[] = ['daily', 'weekly', 'fortnightly', 'monthly'];

export type ActionStatus = 'planned' | 'doing' | 'done' | 'dropped';
export const ACTION_STATUSES: readonly ActionStatus[] = ['planned', 'doing', 'done', 'dropped'];

export interface FocusArea {
  scale: string;
  name: string;
  reason: string;
  /** Where the suggestion came from (`chosen`: picked by the person, not suggested). */
  source: 'weak-scale' | 'one-sided' | 'situation' | 'chosen';
}

export interface PlanAction {
  id: string;
  scale: string;
  title: string;
  /** The practice it was drawn from, when it came from the practice library. */
  practiceId: string | null;
  cadence: Cadence | null;
  /** ISO date (YYYY-MM-DD). */
  dueDate: string | null;
  status: ActionStatus;
  /** Accountability partner (a name or email), optional. */
  partner: string | null;
}

export interface CheckIn {
  id: string;
  /** ISO date-time of the check-in. */
  at: string;
  progress: { actionId: string; status: ActionStatus; note: string }[];
  reflection: string;
}
