import { isDeepStrictEqual } from 'node:util';
import { FulcrumError } from '../../model/errors/index.ts';
import type { Instrument } from '../../model/instrument/types.ts';
import { fromJson, toJson, toTimestamp } from '../codec.ts';
import type { Store } from '../database.ts';

/** Instrument versions as they were used: an assessment always points at the exact definition it was scored with. */
export class InstrumentRepository {
  constructor(private readonly store: Store) {}

  /** Stores `instrument` unless this id@version is already stored; a changed definition without a version bump is an error. */
  async ensure(instrument: Instrument): Promise<void> {
    const existing = await this.get(instrument.id, instrument.version);
    if (existing) {
      // PostgreSQL's jsonb reorders keys, so compare values, not text.
      if (!isDeepStrictEqual(existing, JSON.parse(toJson(instrument)))) {
        throw new FulcrumError(
          'instrument_changed',
          `instrument ${instrument.id}@${instrument.version} differs from the stored definition; give the changed instrument a new version`,
        );
      }
      return;
    }
    await this.store.db
      .insertInto('instrument_versions')
      .values({
        id: instrument.id,
        version: instrument.version,
        title: instrument.title,
        definition: toJson(instrument),
        created_at: toTimestamp(),
      })
      .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
      .execute();
  }

  async get(id: string, version: string): Promise<Instrument | undefined> {
    const row = await this.store.db
      .selectFrom('instrument_versions')
      .select('definition')
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return row ? fromJson<Instrument>(row.definition) : undefined;
  }
}
