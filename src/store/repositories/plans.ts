import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { ActionStatus, Cadence, CheckIn, FocusArea, PlanAction } from '../../model/plan/types.ts';
import { fromJson, fromTimestamp, toJson, toTimestamp } from '../codec.ts';
import type { Store } from '../database.ts';
import type { PlanActionTable, PlanTable } from '../schema-plans.ts';

/**
 * Development plans storage. Every query is scoped by organisation id; who may read or change a plan
 * is decided before (PlanService and the policy), never here.
 */

export type PlanStatus = 'active' | 'archived';

export interface PlanRecord {
  id: string;
  organizationId: string;
  userId: string;
  title: string;
  status: PlanStatus;
  focusAreas: FocusArea[];
  sourceAssessmentId: string | null;
  checkInCadence: Cadence;
  /** YYYY-MM-DD. */
  startsOn: string;
  /** YYYY-MM-DD: when the re-assessment is due. */
  reassessOn: string;
  hasCalendar: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface PlanShare {
  userId: string;
  name: string;
  email: string;
  since: string;
}

function toPlan(row: Selectable<PlanTable>): PlanRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    userId: row.user_id,
    title: row.title,
    status: row.status as PlanStatus,
    focusAreas: fromJson<FocusArea[]>(row.focus_areas),
    sourceAssessmentId: row.source_assessment_id,
    checkInCadence: row.check_in_cadence as Cadence,
    startsOn: row.starts_on,
    reassessOn: row.reassess_on,
    hasCalendar: row.calendar_token_hash !== null,
    createdAt: fromTimestamp(row.created_at),
    updatedAt: fromTimestamp(row.updated_at),
  };
}

function toAction(row: Selectable<PlanActionTable>): PlanAction {
  return {
    id: row.id,
    scale: row.scale,
    title: row.title,
    practiceId: row.practice_id,
    cadence: row.cadence as Cadence | null,
    dueDate: row.due_date,
    status: row.status as ActionStatus,
    partner: row.partner,
  };
}

export type NewAction = Omit<PlanAction, 'id'>;

export class PlanRepository {
  constructor(private readonly store: Store) {}

  private get db() {
    return this.store.db;
  }

  /** A plan and its first actions, in one transaction. */
  async create(input: {
    organizationId: string;
    userId: string;
    title: string;
    focusAreas: FocusArea[];
    sourceAssessmentId: string | null;
    checkInCadence: Cadence;
    startsOn: string;
    reassessOn: string;
    actions: NewAction[];
    now: Date;
  }): Promise<string> {
    const id = randomUUID();
    const at = toTimestamp(input.now);
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('plans')
        .values({
          id,
          organization_id: input.organizationId,
          user_id: input.userId,
          title: input.title,
          status: 'active',
          focus_areas: toJson(input.focusAreas),
          source_assessment_id: input.sourceAssessmentId,
          check_in_cadence: input.checkInCadence,
          starts_on: input.startsOn,
          reassess_on: input.reassessOn,
          calendar_token_hash: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      let position = 0;
      for (const action of input.actions) {
        await tx
          .insertInto('plan_actions')
          .values(actionRow(input.organizationId, id, randomUUID(), action, position++, at))
          .execute();
      }
    });
    return id;
  }

  async get(organizationId: string, planId: string): Promise<PlanRecord | undefined> {
    const row = await this.db
      .selectFrom('plans')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('id', '=', planId)
      .executeTakeFirst();
    return row ? toPlan(row) : undefined;
  }

  /** A person's own plans, newest first. */
  async listOf(organizationId: string, userId: string): Promise<PlanRecord[]> {
    const rows = await this.db
      .selectFrom('plans')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toPlan);
  }

  /** Plans others share with this person, newest first, with the owner's name. */
  async sharedWith(organizationId: string, userId: string): Promise<(PlanRecord & { ownerName: string })[]> {
    const rows = await this.db
      .selectFrom('plan_shares')
      .innerJoin('plans', 'plans.id', 'plan_shares.plan_id')
      .innerJoin('users', 'users.id', 'plans.user_id')
      .selectAll('plans')
      .select('users.name as owner_name')
      .where('plan_shares.organization_id', '=', organizationId)
      .where('plans.organization_id', '=', organizationId)
      .where('plan_shares.user_id', '=', userId)
      .orderBy('plans.created_at', 'desc')
      .execute();
    return rows.map((row) => ({ ...toPlan(row), ownerName: row.owner_name }));
  }

  async update(
    organizationId: string,
    planId: string,
    changes: Partial<Pick<PlanRecord, 'title' | 'status' | 'checkInCadence' | 'reassessOn' | 'focusAreas'>>,
    now: Date,
  ): Promise<void> {
    await this.db
      .updateTable('plans')
      .set({
        ...(changes.title !== undefined ? { title: changes.title } : {}),
        ...(changes.status !== undefined ? { status: changes.status } : {}),
        ...(changes.checkInCadence !== undefined ? { check_in_cadence: changes.checkInCadence } : {}),
        ...(changes.reassessOn !== undefined ? { reassess_on: changes.reassessOn } : {}),
        ...(changes.focusAreas !== undefined ? { focus_areas: toJson(changes.focusAreas) } : {}),
        updated_at: toTimestamp(now),
      })
      .where('organization_id', '=', organizationId)
      .where('id', '=', planId)
      .execute();
  }

  async delete(organizationId: string, planId: string): Promise<void> {
    // children first: PostgreSQL and SQLite both cascade, but being explicit keeps every delete scoped
    await this.db.transaction().execute(async (tx) => {
      for (const table of ['plan_reminders', 'plan_shares', 'plan_check_ins', 'plan_actions'] as const)
        await tx
          .deleteFrom(table)
          .where('organization_id', '=', organizationId)
          .where('plan_id', '=', planId)
          .execute();
      await tx
        .deleteFrom('plans')
        .where('organization_id', '=', organizationId)
        .where('id', '=', planId)
        .execute();
    });
  }

  // ── actions ─────────────────────────────────────────────────────────────────────────────────

  async actions(organizationId: string, planId: string): Promise<PlanAction[]> {
    const rows = await this.db
      .selectFrom('plan_actions')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('plan_id', '=', planId)
      .orderBy('position')
      .execute();
    return rows.map(toAction);
  }

  async addAction(organizationId: string, planId: string, action: NewAction, now: Date): Promise<string> {
    const id = randomUUID();
    const last = await this.db
      .selectFrom('plan_actions')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('organization_id', '=', organizationId)
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    const position = last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
    await this.db
      .insertInto('plan_actions')
      .values(actionRow(organizationId, planId, id, action, position, toTimestamp(now)))
      .execute();
    await this.touch(organizationId, planId, now);
    return id;
  }

  async updateAction(
    organizationId: string,
    planId: string,
    actionId: string,
    changes: Partial<NewAction>,
    now: Date,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('plan_actions')
      .set({
        ...(changes.title !== undefined ? { title: changes.title } : {}),
        ...(changes.cadence !== undefined ? { cadence: changes.cadence } : {}),
        ...(changes.dueDate !== undefined ? { due_date: changes.dueDate } : {}),
        ...(changes.status !== undefined ? { status: changes.status } : {}),
        ...(changes.partner !== undefined ? { partner: changes.partner } : {}),
        updated_at: toTimestamp(now),
      })
      .where('organization_id', '=', organizationId)
      .where('plan_id', '=', planId)
      .where('id', '=', actionId)
      .executeTakeFirst();
    await this.touch(organizationId, planId, now);
    return Number(result.numUpdatedRows) > 0;
  }

  async removeAction(organizationId: string, planId: string, actionId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('plan_actions')
      .where('organization_id', '=', organizationId)
      .where('plan_id', '=', planId)
      .where('id', '=', actionId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  // ── check-ins ───────────────────────────────────────────────────────────────────────────────

  /** Records a check-in and sets each action's status to what it reports, in one transaction. */
  async addCheckIn(
    organizationId: string,
    planId: string,
    checkIn: Omit<CheckIn, 'id'>,
    now: Date,
  ): Promise<string> {
    const id = randomUUID();
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('plan_check_ins')
        .values({
          id,
          organization_id: organizationId,
          plan_id: planId,
          at: checkIn.at,
          progress: toJson(checkIn.progress),
          reflection: checkIn.reflection,
        })
        .execute();
      for (const p of checkIn.progress) {
        await tx
          .updateTable('plan_actions')
          .set({ status: p.status, updated_at: toTimestamp(now) })
          .where('organization_id', '=', organizationId)
          .where('plan_id', '=', planId)
          .where('id', '=', p.actionId)
          .execute();
      }
      await tx
        .updateTable('plans')
        .set({ updated_at: toTimestamp(now) })
        .where('organization_id', '=', organizationId)
        .where('id', '=', planId)
        .execute();
    });
    return id;
  }

  /** Check-ins, newest first. */
  async checkIns(organizationId: string, planId: string): Promise<CheckIn[]> {
    const rows = await this.db
      .selectFrom('plan_check_ins')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('plan_id', '=', planId)
      .orderBy('at', 'desc')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      at: fromTimestamp(row.at),
      progress: fromJson<CheckIn['progress']>(row.progress),
      reflection: row.reflection,
    }));
  }

  // ── sharing ─────────────────────────────────────────────────────────────────────────────────

  async shares(organizationId: string, planId: string): Promise<PlanShare[]> {
    const rows = await this.db
      .selectFrom('plan_shares')
      .innerJoin('users', 'users.id', 'plan_shares.user_id')
      .select(['plan_shares.user_id', 'plan_shares.created_at', 'users.name', 'users.email'])
      .where('plan_shares.organization_id', '=', organizationId)
      .where('plan_shares.plan_id', '=', planId)
      .orderBy('plan_shares.created_at')
      .execute();
    return rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      email: r.email,
      since: fromTimestamp(r.created_at),
    }));
  }

  /** Shares the plan with a person; sharing twice keeps the first date. */
  async share(organizationId: string, planId: string, userId: string, now: Date): Promise<void> {
    await this.db
      .insertInto('plan_shares')
      .values({
        organization_id: organizationId,
        plan_id: planId,
        user_id: userId,
        created_at: toTimestamp(now),
      })
      .onConflict((oc) => oc.columns(['plan_id', 'user_id']).doNothing())
      .execute();
  }

  async unshare(organizationId: string, planId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('plan_shares')
      .where('organization_id', '=', organizationId)
      .where('plan_id', '=', planId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Withdraws every share of a person's plans in one organisation (e.g. when they leave it). */
  async unshareAllOf(organizationId: string, userId: string): Promise<void> {
    await this.db
      .deleteFrom('plan_shares')
      .where('organization_id', '=', organizationId)
      .where((eb) =>
        eb.or([
          eb('user_id', '=', userId),
          eb(
            'plan_id',
            'in',
            eb
              .selectFrom('plans')
              .select('id')
              .where('organization_id', '=', organizationId)
              .where('user_id', '=', userId),
          ),
        ]),
      )
      .execute();
  }

  // ── calendar feed ───────────────────────────────────────────────────────────────────────────

  async setCalendarToken(organizationId: string, planId: string, hash: string | null): Promise<void> {
    await this.db
      .updateTable('plans')
      .set({ calendar_token_hash: hash })
      .where('organization_id', '=', organizationId)
      .where('id', '=', planId)
      .execute();
  }

  /** The plan behind a calendar feed token (by its hash); the token is the only key. */
  async byCalendarToken(hash: string): Promise<PlanRecord | undefined> {
    const row = await this.db
      .selectFrom('plans')
      .selectAll()
      .where('calendar_token_hash', '=', hash)
      .executeTakeFirst();
    return row ? toPlan(row) : undefined;
  }

  // ── reminders ───────────────────────────────────────────────────────────────────────────────

  /** Every active plan (for the reminder job), across organisations. */
  async activePlans(): Promise<PlanRecord[]> {
    const rows = await this.db.selectFrom('plans').selectAll().where('status', '=', 'active').execute();
    return rows.map(toPlan);
  }

  /** Records that a reminder was sent; false when it already was (so a second run sends nothing). */
  async recordReminder(organizationId: string, planId: string, key: string, now: Date): Promise<boolean> {
    const result = await this.db
      .insertInto('plan_reminders')
      .values({ organization_id: organizationId, plan_id: planId, key, sent_at: toTimestamp(now) })
      .onConflict((oc) => oc.columns(['plan_id', 'key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  private async touch(organizationId: string, planId: string, now: Date): Promise<void> {
    await this.db
      .updateTable('plans')
      .set({ updated_at: toTimestamp(now) })
      .where('organization_id', '=', organizationId)
      .where('id', '=', planId)
      .execute();
  }
}

function actionRow(
  organizationId: string,
  planId: string,
  id: string,
  action: NewAction,
  position: number,
  at: string,
) {
  return {
    id,
    organization_id: organizationId,
    plan_id: planId,
    scale: action.scale,
    title: action.title,
    practice_id: action.practiceId,
    cadence: action.cadence,
    due_date: action.dueDate,
    status: action.status,
    partner: action.partner,
    position,
    created_at: at,
    updated_at: at,
  };
}
