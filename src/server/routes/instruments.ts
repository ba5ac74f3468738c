import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { listBuiltinInstruments, loadInstrument } from '../../catalog/instruments.ts';
import { NotFoundError } from '../../model/errors/index.ts';
import { ErrorBody, Instrument } from '../schemas.ts';

/** The built-in instrument definitions (public data; only built-in ids, never a file path). */
export const instrumentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/instruments/:id',
    {
      schema: {
        tags: ['instruments'],
        summary:
          'A built-in instrument definition: scales, items (self and observer wording), response scale',
        params: Type.Object({ id: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }) }),
        response: { 200: Instrument, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!listBuiltinInstruments().some((b) => b.id === id)) throw new NotFoundError('instrument', id);
      return loadInstrument(id);
    },
  );
};
