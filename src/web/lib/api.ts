import type { Profile } from '../../model/profile/build-profile.ts';

export type Form = 'short' | 'full';

export interface FormInstrument {
  id: string;
  version: string;
  title: string;
  description: string;
  responseScale: { min: number; max: number; labels: string[] };
  scales: { id: string; name: string; pole: string; contrast?: string; description: string }[];
  items: { id: string; scale: string; text: string }[];
}

export interface AssessmentState {
  id: string;
  form: Form;
  status: 'in_progress' | 'completed';
  answers: Record<string, number>;
  completedAt: string | null;
  instrument: FormInstrument;
}

export interface Started extends AssessmentState {
  resumeToken: string;
}

export interface Result {
  form: Form;
  completedAt: string | null;
  answers: Record<string, number>;
  profile: Profile;
}

export interface Problem {
  path: string;
  code: string;
  message: string;
}

/** An answer from the API that is not 2xx; `status` 0 means the network failed (offline, server down). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }

  /** Worth retrying: the network or the server failed, not the request. */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }
}

/** The session's CSRF token (from its script-readable cookie), sent with every state-changing request. */
export function csrfHeader(method: string): Record<string, string> {
  if (method === 'GET' || typeof document === 'undefined') return {};
  const match = /(?:^|;\s*)(?:__Host-)?fulcrum_csrf=([^;]+)/.exec(document.cookie);
  return match ? { 'x-csrf-token': decodeURIComponent(match[1]!) } : {};
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        ...csrfHeader(method),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'No connection to the server.');
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: reported below */
  }
  if (!response.ok) {
    const error = (json as { error?: { code: string; message: string; problems?: Problem[] } } | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `The server answered ${response.status}.`,
      error?.problems ?? [],
    );
  }
  return json as T;
}

/**
 * A GET through the same error handling as `api` (non-2xx → `ApiError` with status and code), for
 * pages whose calls are not in `api` itself.
 *
 * @example
 * const report = await getJson<FeedbackReport>(`/api/cycles/${cycleId}/subjects/${subjectId}/report`);
 */
export function getJson<T>(url: string): Promise<T> {
  return call<T>('GET', url);
}

const t = (token: string) => encodeURIComponent(token);

export const api = {
  start: (form: Form) => call<Started>('POST', '/api/assessments', { form }),
  resume: (token: string) => call<AssessmentState>('GET', `/api/assessments/resume/${t(token)}`),
  answer: (token: string, itemId: string, value: number | null) =>
    call<{ itemId: string; value: number | null }>(
      'PUT',
      `/api/assessments/${t(token)}/answers/${encodeURIComponent(itemId)}`,
      { value },
    ),
  finish: (token: string) => call<Result>('POST', `/api/assessments/${t(token)}/finish`),
  profile: (token: string) => call<Result>('GET', `/api/assessments/${t(token)}/profile`),
};
