import swagger from '@fastify/swagger';
import { type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { AdvisorService } from '../services/advisor.ts';
import { AssessmentService } from '../services/assessments.ts';
import { FeedbackService } from '../services/feedback.ts';
import { PlanService } from '../services/plans.ts';
import type { Store } from '../store/database.ts';
import { type AuthOptions, registerAuth } from './auth/plugin.ts';
import { registerErrorHandler, registerNotFound } from './errors.ts';
import { rateLimit } from './rate-limit.ts';
import { advisorRoutes } from './routes/advisor.ts';
import { assessmentRoutes } from './routes/assessments.ts';
import { benchReferenceRoutes } from './routes/bench-reference.ts';
import { feedbackRoutes } from './routes/feedback.ts';
import { healthRoutes } from './routes/health.ts';
import { instrumentRoutes } from './routes/instruments.ts';
import { planRoutes } from './routes/plans.ts';
import { registerSecurityHeaders } from './security.ts';
import { DEFAULT_WEB_ROOT, registerWeb } from './web.ts';

export const BODY_LIMIT = 64 * 1024;

export interface AppOptions {
  store: Store;
  /** A pino logger; none (silent) when absent, as in tests. */
  logger?: Logger;
  /** Folder of the built browser app; `false` serves the API only. Default `dist/web`. */
  webRoot?: string | false;
  /** Registers the bare reference route of `bench/autosave.bench.ts`. Never in production. */
  benchReference?: boolean;
  /** Accounts: the account service (default: configured from the environment). */
  auth?: AuthOptions;
  /** Assessments one client address may start without an account per 15 minutes (default 200). */
  anonymousStartsPerWindow?: number;
}

/**
 * The HTTP application: JSON API under /api (TypeBox schemas on every route, OpenAPI at
 * /api/openapi.json) and the built browser app. A factory, so tests use `app.inject` or a real listen.
 *
 * @example
 * const app = await buildApp({ store: await openStore(storeConfigFromEnv()) });
 * await app.listen({ port: 3000 });
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    bodyLimit: BODY_LIMIT,
    trustProxy: process.env.TRUST_PROXY === '1',
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(TypeBoxValidatorCompiler);

  registerSecurityHeaders(app);
  // Before any route: plugins inherit the error handler when they are registered.
  registerErrorHandler(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Fulcrum API',
        version: '0.1.0',
        description:
          'Take the Lead × Manage self-assessment and read the profile. Anonymous assessments are addressed by their private resume token.',
      },
    },
  });

  // accounts first: its hooks (session, CSRF, route policies) must cover every route registered after
  const accounts = await registerAuth(app, options.store, options.auth);
  const service = new AssessmentService(options.store);
  await app.register(healthRoutes, { dialect: options.store.dialect });
  await app.register(instrumentRoutes);
  await app.register(assessmentRoutes, {
    service,
    // anonymous starts are free for people but not for scripts filling the database; signed-in people are accountable
    startLimit: rateLimit({
      store: options.store,
      name: 'start-assessment',
      limit: options.anonymousStartsPerWindow ?? 200,
      windowMs: 15 * 60_000,
      keyOf: (request) => (request.principal?.actor.kind === 'user' ? undefined : (request.ip ?? 'unknown')),
    }),
  });
  const feedback = new FeedbackService({ store: options.store, ...accounts.mail });
  await app.register(feedbackRoutes, { feedback, baseUrl: accounts.mail.baseUrl });
  const plans = new PlanService({ store: options.store, ...accounts.mail });
  await app.register(planRoutes, { plans });
  await app.register(advisorRoutes, { advisor: new AdvisorService(options.store) });
  if (options.benchReference) await app.register(benchReferenceRoutes, { store: options.store });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webRoot = options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot;
  const fallback = webRoot ? await registerWeb(app, webRoot) : undefined;
  registerNotFound(app, fallback ? { fallback } : {});

  await app.ready();
  return app;
}
