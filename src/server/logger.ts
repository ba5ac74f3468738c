import pino, { type Logger } from 'pino';

/** Private resume tokens travel in URLs; logs keep only their first four characters. */
export function redactUrl(url: string): string {
  return url.replace(
    /(\/api\/assessments\/(?:resume\/)?)([A-Za-z0-9_-]{4})[A-Za-z0-9_-]*/,
    (_m, prefix: string, head: string) => `${prefix}${head}…`,
  );
}

interface RequestLike {
  method?: string;
  url?: string;
  id?: string;
  ip?: string;
}

/** pino for the server: JSON lines on stdout, request URLs without tokens. `LOG_LEVEL` sets the level. */
export function createLogger(level = process.env.LOG_LEVEL || 'info'): Logger {
  return pino({
    level,
    serializers: {
      req: (req: RequestLike) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url ?? ''),
        ip: req.ip,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
  });
}
