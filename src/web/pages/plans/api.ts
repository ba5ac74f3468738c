import type { ScaleGrowth } from '../../../model/growth/growth.ts';
import type { ActionStatus, Cadence, CheckIn, FocusArea, PlanAction } from '../../../model/plan/types.ts';
import type { Practice } from '../../../model/practice/types.ts';
import { ApiError } from '../../lib/api.ts';
import { request } from '../account/api.ts';

export type { ActionStatus, Cadence, CheckIn, FocusArea, PlanAction, Practice, ScaleGrowth };

export const CADENCES: { id: Cadence; label: string }[] = [
  { id: 'daily', label: 'Daily' },
  { id: 'weekly', label: 'Weekly' },
  { id: 'fortnightly', label: 'Every two weeks' },
  { id: 'monthly', label: 'Monthly' },
];
export const cadenceLabel = (c: string | null) => CADENCES.find((x) => x.id === c)?.label ?? c ?? '';

export const STATUSES: { id: ActionStatus; label: string }[] = [
  { id: 'planned', label: 'Planned' },
  { id: 'doing', label: 'Doing' },
  { id: 'done', label: 'Done' },
  { id: 'dropped', label: 'Dropped' },
];
export const statusLabel = (s: string) => STATUSES.find((x) => x.id === s)?.label ?? s;

/** What the advisor page keeps for the plan page (`sessionStorage`), when a situation was described. */
export const LAST_SITUATION = 'fulcrum.lastSituation';
export interface SituationInput {
  example?: string;
  factors?: Record<string, number>;
}

export interface Suggestions {
  profile: {
    assessmentId: string;
    completedAt: string;
    lead: number | null;
    manage: number | null;
    quadrant: { id: string; name: string } | null;
  } | null;
  situation: { example: string | null; overall: string; summary: string } | null;
  focusAreas: FocusArea[];
  scales: { id: string; name: string; pole: string; practices: Practice[] }[];
}

export interface PlanSummary {
  id: string;
  title: string;
  status: 'active' | 'archived';
  focusAreas: FocusArea[];
  createdAt: string;
  reassessOn: string;
  nextCheckIn: string | null;
  actions: { total: number; done: number };
}

export interface PlanView {
  id: string;
  title: string;
  status: 'active' | 'archived';
  mine: boolean;
  owner: { userId: string; name: string };
  focusAreas: FocusArea[];
  checkInCadence: Cadence;
  startsOn: string;
  createdAt: string;
  updatedAt: string;
  actions: PlanAction[];
  checkIns: CheckIn[];
  schedule: { nextCheckIn: string | null; upcoming: string[]; reassessOn: string; reassessDue: boolean };
  sharedWith?: Share[];
  calendar?: { enabled: boolean };
}

export interface Share {
  userId: string;
  name: string;
  email: string;
  since: string;
}

/** An action as the API takes it: from the library (`practiceId`) or written by the person. */
export type NewAction =
  | { practiceId: string }
  | {
      scale: string;
      title: string;
      cadence?: Cadence;
      dueDate?: string;
      partner?: string;
    };

export interface Growth {
  assessments: {
    assessmentId: string;
    completedAt: string;
    form: 'short' | 'full';
    lead: number | null;
    manage: number | null;
  }[];
  scales: ScaleGrowth[];
}

const enc = encodeURIComponent;
const plan = (id: string) => `/api/plans/${enc(id)}`;

export const plansApi = {
  suggestions: (situation?: SituationInput) =>
    request<Suggestions>('POST', '/api/plans/suggestions', situation ? { situation } : {}),
  list: () =>
    request<{ plans: PlanSummary[]; sharedWithMe: (PlanSummary & { ownerName: string })[] }>(
      'GET',
      '/api/plans',
    ),
  create: (body: {
    title?: string;
    focusAreas: string[];
    situation?: SituationInput;
    checkInCadence?: Cadence;
    reassessAfterDays?: number;
    actions?: NewAction[];
  }) => request<PlanView>('POST', '/api/plans', body),
  get: (id: string) => request<PlanView>('GET', plan(id)),
  update: (
    id: string,
    body: { title?: string; status?: 'active' | 'archived'; checkInCadence?: Cadence; reassessOn?: string },
  ) => request<PlanView>('PATCH', plan(id), body),
  remove: (id: string) => request<void>('DELETE', plan(id)),
  addAction: (id: string, action: NewAction) => request<PlanAction>('POST', `${plan(id)}/actions`, action),
  updateAction: (
    id: string,
    actionId: string,
    body: Partial<Pick<PlanAction, 'title' | 'cadence' | 'dueDate' | 'status' | 'partner'>>,
  ) => request<PlanAction>('PATCH', `${plan(id)}/actions/${enc(actionId)}`, body),
  removeAction: (id: string, actionId: string) =>
    request<void>('DELETE', `${plan(id)}/actions/${enc(actionId)}`),
  checkIn: (
    id: string,
    body: { progress: { actionId: string; status: ActionStatus; note?: string }[]; reflection?: string },
  ) => request<CheckIn>('POST', `${plan(id)}/check-ins`, body),
  share: (id: string, email: string) =>
    request<{ sharedWith: Share[] }>('POST', `${plan(id)}/shares`, { email }),
  unshare: (id: string, userId: string) =>
    request<{ sharedWith: Share[] }>('DELETE', `${plan(id)}/shares/${enc(userId)}`),
  shareSuggestions: () =>
    request<{ people: { userId: string; name: string; email: string; relation: 'coach' }[] }>(
      'GET',
      '/api/plans/share-suggestions',
    ),
  enableCalendar: (id: string) => request<{ url: string }>('POST', `${plan(id)}/calendar`),
  disableCalendar: (id: string) => request<void>('DELETE', `${plan(id)}/calendar`),
  growth: () => request<Growth>('GET', '/api/me/growth'),
};

/**
 * The messages of an error's problems whose path is `path` or lies under it (`actions[1]` takes
 * `actions[1].title`); with `path` undefined, the ones no field claims (shown at the top of a form).
 */
export function problemsAt(error: unknown, path: string): string[] {
  if (!(error instanceof ApiError)) return [];
  const clean = (p: string) => p.replace(/^\$\.?/, '');
  return error.problems
    .filter((p) => {
      const q = clean(p.path);
      return q === path || q.startsWith(`${path}.`) || q.startsWith(`${path}[`);
    })
    .map((p) => p.message);
}

/** The error's message for the form as a whole: its own message, or the problems no field shows. */
export function formMessage(error: unknown, fields: readonly string[]): string | null {
  if (!error) return null;
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const unclaimed = error.problems.filter(
    (p) => !fields.some((f) => problemsAt(new ApiError(400, '', '', [p]), f).length > 0),
  );
  if (error.problems.length === 0) return error.message;
  return unclaimed.length > 0
    ? unclaimed.map((p) => p.message).join('; ')
    : 'Please correct the fields marked below.';
}

/** The situation the advisor page kept, if any and well-formed. */
export function lastSituation(): SituationInput | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(LAST_SITUATION);
    if (!raw) return null;
    const value = JSON.parse(raw) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const { example, factors } = value as Record<string, unknown>;
    const out: SituationInput = {};
    if (typeof example === 'string' && example) out.example = example;
    if (typeof factors === 'object' && factors !== null && !Array.isArray(factors))
      out.factors = factors as Record<string, number>;
    return out.example || (out.factors && Object.keys(out.factors).length > 0) ? out : null;
  } catch {
    return null;
  }
}

/** `2026-05-04` → `Mon 4 May 2026` (dates are calendar days, shown in UTC so they never shift). */
export function formatDay(date: string | null | undefined): string {
  if (!date) return '—';
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return d.toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
