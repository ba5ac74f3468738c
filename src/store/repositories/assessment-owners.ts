import { toTimestamp } from '../codec.ts';
import type { Store } from '../database.ts';

/**
 * Who an assessment belongs to. Every query names the organisation, so an id from another
 * organisation finds nothing.
 */
export class AssessmentOwnerRepository {
  constructor(private readonly store: Store) {}

  /** The owner of an assessment: null ids when it is still anonymous; undefined when it does not exist. */
  async ownerOf(
    assessmentId: string,
  ): Promise<{ organizationId: string | null; userId: string | null } | undefined> {
    const row = await this.store.db
      .selectFrom('assessments')
      .select(['organization_id', 'user_id'])
      .where('id', '=', assessmentId)
      .executeTakeFirst();
    return row ? { organizationId: row.organization_id, userId: row.user_id } : undefined;
  }

  /** The id and owner of the assessment behind a resume-token hash, in one indexed read (the route gate's lookup). */
  async ownerByTokenHash(
    hash: string,
  ): Promise<{ id: string; organizationId: string | null; userId: string | null } | undefined> {
    const row = await this.store.db
      .selectFrom('assessments')
      .select(['id', 'organization_id', 'user_id'])
      .where('resume_token_hash', '=', hash)
      .executeTakeFirst();
    return row ? { id: row.id, organizationId: row.organization_id, userId: row.user_id } : undefined;
  }

  /**
   * Gives an anonymous assessment to a person, only if it is still unclaimed (one conditional
   * update: two people racing with the same link cannot both get it). The resume link keeps
   * locating it, but from now on only its owner's session may open it (see the access policy).
   */
  async claim(assessmentId: string, organizationId: string, userId: string): Promise<boolean> {
    const result = await this.store.db
      .updateTable('assessments')
      .set({
        organization_id: organizationId,
        user_id: userId,
        updated_at: toTimestamp(),
      })
      .where('id', '=', assessmentId)
      .where('user_id', 'is', null)
      .where('organization_id', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Marks a new assessment as a signed-in person's own. */
  async assign(assessmentId: string, organizationId: string, userId: string): Promise<void> {
    await this.store.db
      .updateTable('assessments')
      .set({ organization_id: organizationId, user_id: userId })
      .where('id', '=', assessmentId)
      .where('user_id', 'is', null)
      .execute();
  }

  async idsOf(organizationId: string, userId: string): Promise<string[]> {
    const rows = await this.store.db
      .selectFrom('assessments')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => r.id);
  }

  /** Deletes a person's assessments in one organisation (answers go with them). */
  async deleteOf(organizationId: string, userId: string): Promise<number> {
    const ids = await this.idsOf(organizationId, userId);
    if (ids.length === 0) return 0;
    await this.store.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('assessment_answers').where('assessment_id', 'in', ids).execute();
      await tx
        .deleteFrom('assessments')
        .where('organization_id', '=', organizationId)
        .where('user_id', '=', userId)
        .execute();
    });
    return ids.length;
  }

  /**
   * Retention: deletes an organisation's assessments (and their answers) last touched before
   * `before`. Returns how many went.
   */
  async purgeOlderThan(organizationId: string, before: Date): Promise<number> {
    const cutoff = toTimestamp(before);
    return this.store.db.transaction().execute(async (tx) => {
      const old = tx
        .selectFrom('assessments')
        .select('id')
        .where('organization_id', '=', organizationId)
        .where('updated_at', '<', cutoff);
      await tx.deleteFrom('assessment_answers').where('assessment_id', 'in', old).execute();
      const result = await tx
        .deleteFrom('assessments')
        .where('organization_id', '=', organizationId)
        .where('updated_at', '<', cutoff)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }

  /** Anonymous assessments nobody claimed, last touched before `before` (no organisation owns them). */
  async purgeUnclaimedOlderThan(before: Date): Promise<number> {
    const cutoff = toTimestamp(before);
    return this.store.db.transaction().execute(async (tx) => {
      const old = tx
        .selectFrom('assessments')
        .select('id')
        .where('organization_id', 'is', null)
        .where('updated_at', '<', cutoff);
      await tx.deleteFrom('assessment_answers').where('assessment_id', 'in', old).execute();
      const result = await tx
        .deleteFrom('assessments')
        .where('organization_id', 'is', null)
        .where('updated_at', '<', cutoff)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }
}
