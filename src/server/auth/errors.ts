import {
  ConflictError,
  ForbiddenError,
  type FulcrumError,
  RateLimitedError,
  UnauthenticatedError,
} from '../../model/errors/index.ts';

/**
 * HTTP status of the account errors: 401 sign in, 403 not allowed (404 when even saying so would
 * reveal that someone else's record exists), 409 conflict, 429 too many attempts (with Retry-After).
 */
export function accountErrorStatus(
  error: FulcrumError,
): { status: number; headers?: Record<string, string> } | undefined {
  if (error instanceof UnauthenticatedError) return { status: 401 };
  if (error instanceof ForbiddenError)
    return { status: (error as ForbiddenError & { hide?: boolean }).hide ? 404 : 403 };
  if (error instanceof ConflictError) return { status: 409 };
  if (error instanceof RateLimitedError)
    return { status: 429, headers: { 'retry-after': String(error.retryAfterSeconds) } };
  return undefined;
}
