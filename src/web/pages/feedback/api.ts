import { ApiError, csrfHeader, type Problem } from '../../lib/api.ts';
import { request } from '../account/api.ts';

export type OtherGroup = 'manager' | 'peers' | 'direct-reports' | 'others';
export const GROUPS: { id: OtherGroup; label: string }[] = [
  { id: 'manager', label: 'Manager' },
  { id: 'peers', label: 'Peers' },
  { id: 'direct-reports', label: 'Direct reports' },
  { id: 'others', label: 'Others' },
];
export const groupLabel = (id: string) =>
  id === 'self' ? 'Self' : (GROUPS.find((g) => g.id === id)?.label ?? id);

export interface CycleSummary {
  id: string;
  title: string;
  deadline: string;
  closedAt: string | null;
  closeReason: string | null;
  groups: Partial<Record<OtherGroup, { min: number; max: number }>>;
  threshold: number;
  commentThreshold: number;
  managerShownSeparately: boolean;
  reminderDays: number[];
  questions: { id: string; text: string }[];
}

export interface GroupProgress {
  nominated: number;
  submitted: number;
  declined: number;
  pending: number;
}

export interface CycleView extends CycleSummary {
  subjects: {
    id: string;
    userId: string;
    name: string;
    nominations: { id: string; name: string; email: string; group: string; approved: boolean }[];
    progress: Record<string, GroupProgress>;
  }[];
}

export interface MyCycles {
  running: CycleSummary[];
  aboutMe: {
    cycleId: string;
    subjectId: string;
    title: string;
    deadline: string;
    closedAt: string | null;
    reportAvailable: boolean;
    canNominate: boolean;
  }[];
}

export interface Load {
  warnAbove: number;
  load: { email: string; openRequests: number; warn: boolean }[];
}

export interface RaterView {
  cycleTitle: string;
  organizationName: string;
  subjectName: string;
  self: boolean;
  groupLabel: string;
  deadline: string;
  open: boolean;
  status: 'invited' | 'in_progress' | 'submitted' | 'declined' | 'pending';
  confidentiality: string;
  responseScale: { min: number; max: number; labels: string[] };
  items: { id: string; text: string }[];
  questions: { id: string; text: string }[];
  answers: Record<string, number | 'not-observed'>;
  comments: Record<string, string>;
}

const enc = encodeURIComponent;

export const feedbackApi = {
  cycles: () => request<MyCycles>('GET', '/api/cycles'),
  open: (body: unknown) => request<CycleView>('POST', '/api/cycles', body),
  cycle: (id: string) => request<CycleView>('GET', `/api/cycles/${enc(id)}`),
  load: (emails: string[]) => request<Load>('GET', `/api/cycles/rater-load?emails=${enc(emails.join(','))}`),
  nominate: (cycleId: string, subjectId: string, raters: { email: string; name: string; group: string }[]) =>
    request<Load>('POST', `/api/cycles/${enc(cycleId)}/subjects/${enc(subjectId)}/raters`, { raters }),
  approve: (cycleId: string, subjectId: string, raterId: string) =>
    request<unknown>(
      'POST',
      `/api/cycles/${enc(cycleId)}/subjects/${enc(subjectId)}/raters/${enc(raterId)}/approve`,
    ),
  close: (id: string) => request<CycleSummary>('POST', `/api/cycles/${enc(id)}/close`),
  release: (id: string) => request<CycleSummary>('POST', `/api/cycles/${enc(id)}/release`),
  clients: () => request<{ clients: { userId: string; name: string }[] }>('GET', '/api/me/clients'),
  rater: (token: string) => request<RaterView>('GET', `/api/rate/${enc(token)}`),
  answer: (token: string, itemId: string, value: number | 'not-observed') =>
    request<unknown>('PUT', `/api/rate/${enc(token)}/answers/${enc(itemId)}`, { value }),
  comment: (token: string, questionId: string, text: string) =>
    request<unknown>('PUT', `/api/rate/${enc(token)}/comments/${enc(questionId)}`, { text }),
  decline: (token: string, reason: string) =>
    request<unknown>('POST', `/api/rate/${enc(token)}/decline`, reason ? { reason } : {}),
  /** Submit with an Idempotency-Key: a retry (lost answer, double click) creates one response. */
  submit: async (token: string, key: string) => {
    let response: Response;
    try {
      response = await fetch(`/api/rate/${enc(token)}/submit`, {
        method: 'POST',
        headers: { ...csrfHeader('POST'), 'idempotency-key': key },
      });
    } catch {
      throw new ApiError(0, 'network', 'No connection to the server.');
    }
    const json = (await response.json().catch(() => null)) as {
      error?: { code: string; message: string; problems?: Problem[] };
    } | null;
    if (!response.ok)
      throw new ApiError(
        response.status,
        json?.error?.code ?? 'http_error',
        json?.error?.message ?? 'Not saved.',
      );
    return json as { status: string; submittedAt: string };
  },
};
