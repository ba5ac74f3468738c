import { openStore, storeConfigFromEnv } from '../store/database.ts';
import { buildApp } from './app.ts';
import { createScheduler, jobsEnabled, serverJobs } from './jobs/index.ts';
import { createLogger } from './logger.ts';

export interface ServerConfig {
  port: number;
  host: string;
}

/** `PORT` (default 3000) and `HOST` (default 0.0.0.0); the store from `DATABASE_URL` / `DATA_DIR`. */
export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${env.PORT}"`);
  }
  return { port, host: env.HOST || '0.0.0.0' };
}

/**
 * Opens the store (migrations run here), serves the app and closes both cleanly on SIGINT/SIGTERM:
 * in-flight requests finish, then the database is closed. A second signal exits at once.
 */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const logger = createLogger(env.LOG_LEVEL || 'info');
  const config = serverConfigFromEnv(env);
  const storeConfig = storeConfigFromEnv(env);
  const store = await openStore(storeConfig);
  const app = await buildApp({ store, logger });
  const scheduler = jobsEnabled(env)
    ? createScheduler({ store, jobs: serverJobs(store, env), logger })
    : undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    closing = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    timer.unref();
    try {
      await app.close();
      await scheduler?.stop();
      await store.close();
      logger.info('stopped');
      process.exitCode = 0;
    } catch (error) {
      logger.error({ err: error }, 'error while shutting down');
      process.exitCode = 1;
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const address = await app.listen({ port: config.port, host: config.host });
  scheduler?.start();
  logger.info(
    { address, store: storeConfig.databaseUrl ? 'postgresql' : `sqlite in ${storeConfig.dataDir}` },
    `Fulcrum is serving on ${address.replace('0.0.0.0', 'localhost')}`,
  );
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
