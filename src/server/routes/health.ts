import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';

/** Liveness for load balancers and tests. */
export const healthRoutes: FastifyPluginAsyncTypebox<{ dialect: string }> = async (app, { dialect }) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness',
        response: { 200: Type.Object({ status: Type.Literal('ok'), store: Type.String() }) },
      },
    },
    async () => ({ status: 'ok' as const, store: dialect }),
  );
};
