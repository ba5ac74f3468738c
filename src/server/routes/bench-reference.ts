import type { FastifyPluginAsync } from 'fastify';
import { toTimestamp } from '../../store/codec.ts';
import type { Store } from '../../store/database.ts';

/**
 * Benchmark only (never registered in production): the bare single-row answer upsert the autosave
 * route performs, with no token lookup, validation or schema. `bench/autosave.bench.ts` compares the
 * real route against it.
 */
export const benchReferenceRoutes: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  app.put('/api/_bench/:assessmentId/answers/:itemId', async (request) => {
    const { assessmentId, itemId } = request.params as { assessmentId: string; itemId: string };
    const value = (request.body as { value: number }).value;
    const now = toTimestamp();
    await store.db
      .insertInto('assessment_answers')
      .values({ assessment_id: assessmentId, item_id: itemId, value, answered_at: now })
      .onConflict((oc) => oc.columns(['assessment_id', 'item_id']).doUpdateSet({ value, answered_at: now }))
      .execute();
    return { itemId, value };
  });
};
