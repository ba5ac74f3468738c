import { ApiError, csrfHeader, type Problem } from '../../lib/api.ts';

export type Role = 'member' | 'coach' | 'admin' | 'owner';

export interface SessionInfo {
  signedIn: boolean;
  needsSetup: boolean;
  setupTokenRequired?: boolean;
  stage: 'active' | 'totp' | 'enrol' | null;
  csrfToken?: string;
  user?: { id: string; email: string; name: string; totpEnabled: boolean; createdAt: string };
  organization?: { id: string; name: string };
  role?: Role;
}

export interface SignIn {
  status: 'signed-in' | 'totp-required' | 'totp-enrolment-required';
  csrfToken: string;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  totpEnabled: boolean;
  joinedAt: string;
}

/** JSON over fetch with the session's CSRF token; failures become ApiError with the field problems. */
export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        ...csrfHeader(method),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'No connection to the server.');
  }
  if (response.status === 204) return undefined as T;
  const json = (await response.json().catch(() => null)) as
    | (T & { error?: { code: string; message: string; problems?: Problem[] } })
    | null;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      json?.error?.code ?? 'http_error',
      json?.error?.message ?? `The server answered ${response.status}.`,
      json?.error?.problems ?? [],
    );
  }
  return json as T;
}

export const accountApi = {
  session: () => request<SessionInfo>('GET', '/api/auth/session'),
  setup: (body: {
    organizationName: string;
    name: string;
    email: string;
    password: string;
    setupToken?: string;
  }) => request<SignIn>('POST', '/api/auth/setup', body),
  login: (email: string, password: string) => request<SignIn>('POST', '/api/auth/login', { email, password }),
  totp: (code: string) => request<SignIn>('POST', '/api/auth/login/totp', { code }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  forgot: (email: string) => request<unknown>('POST', '/api/auth/password-reset', { email }),
  reset: (token: string, password: string) =>
    request<unknown>('POST', '/api/auth/password-reset/complete', { token, password }),
  describeInvitation: (token: string) =>
    request<{ organizationName: string; email: string; role: Role; existingAccount: boolean }>(
      'POST',
      '/api/auth/invitations/describe',
      { token },
    ),
  accept: (token: string, password: string, name?: string) =>
    request<SignIn>('POST', '/api/auth/invitations/accept', { token, password, ...(name ? { name } : {}) }),
  totpSetup: () => request<{ secret: string; uri: string }>('POST', '/api/auth/totp/setup'),
  totpConfirm: (code: string) => request<{ status: string }>('POST', '/api/auth/totp/confirm', { code }),
  totpDisable: (password: string) => request<unknown>('POST', '/api/auth/totp/disable', { password }),
  updateMe: (body: { name?: string; email?: string; currentPassword?: string }) =>
    request<{ pendingEmail?: string }>('PATCH', '/api/me', body),
  confirmEmail: (token: string) =>
    request<{ email: string }>('POST', '/api/auth/email-change/confirm', { token }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<{ otherSessionsEnded: number }>('POST', '/api/me/password', { currentPassword, newPassword }),
  sessions: () =>
    request<{
      sessions: {
        handle: string;
        current: boolean;
        ip: string | null;
        userAgent: string | null;
        lastSeenAt: string;
      }[];
    }>('GET', '/api/me/sessions'),
  endOthers: () => request<{ ended: number }>('POST', '/api/me/sessions/end-others'),
  deleteMe: (password: string) => request<void>('POST', '/api/me/delete', { password }),
  claim: (resumeToken: string) =>
    request<{ assessmentId: string }>('POST', '/api/me/assessments/claim', { resumeToken }),
  organization: () =>
    request<{
      id: string;
      name: string;
      settings?: { retentionDays: number | null; requireTwoFactorForAdmins: boolean };
    }>('GET', '/api/organization'),
  members: () => request<{ members: Member[] }>('GET', '/api/organization/members'),
  invite: (email: string, role: Role) =>
    request<unknown>('POST', '/api/organization/invitations', { email, role }),
  invitations: () =>
    request<{ invitations: { email: string; role: Role; expiresAt: string }[] }>(
      'GET',
      '/api/organization/invitations',
    ),
  setRole: (userId: string, role: Role) =>
    request<unknown>('PATCH', `/api/organization/members/${encodeURIComponent(userId)}`, { role }),
  remove: (userId: string) =>
    request<void>('DELETE', `/api/organization/members/${encodeURIComponent(userId)}`),
  assignments: () =>
    request<{ assignments: { coachUserId: string; memberUserId: string }[] }>(
      'GET',
      '/api/organization/coach-assignments',
    ),
  assign: (coachUserId: string, memberUserId: string) =>
    request<unknown>('POST', '/api/organization/coach-assignments', { coachUserId, memberUserId }),
  unassign: (coachUserId: string, memberUserId: string) =>
    request<unknown>('POST', '/api/organization/coach-assignments/remove', { coachUserId, memberUserId }),
  settings: (body: { retentionDays?: number | null; requireTwoFactorForAdmins?: boolean }) =>
    request<unknown>('PUT', '/api/organization/settings', body),
  audit: () =>
    request<{
      entries: {
        id: string;
        action: string;
        target: string | null;
        actorUserId: string | null;
        ip: string | null;
        createdAt: string;
      }[];
    }>('GET', '/api/organization/audit'),
  outbox: () =>
    request<{
      mails: {
        id: string;
        to: string;
        subject: string;
        text: string;
        createdAt: string;
        sentAt: string | null;
      }[];
    }>('GET', '/api/organization/outbox'),
};

/** The token a mail link carries after `#token=` (never sent to the server in the URL). */
export function tokenFromHash(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    return error.problems.length > 0 ? error.problems.map((p) => p.message).join('; ') : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
