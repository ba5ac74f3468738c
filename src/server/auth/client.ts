import type { FastifyRequest } from 'fastify';
import type { ClientInfo } from '../../services/auth/sessions.ts';

/** The address (from the proxy when TRUST_PROXY is set) and browser of a request, for sessions and the audit log. */
export function clientInfo(request: FastifyRequest): ClientInfo {
  const agent = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof agent === 'string' ? agent : null };
}
