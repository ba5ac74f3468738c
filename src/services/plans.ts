import { loadInstrumentSync } from '../catalog/instruments.ts';
import { builtinPractices } from '../catalog/practices.ts';
import { builtinAdvisor } from '../catalog/situations.ts';
import { type Actor, can } from '../model/access/policy.ts';
import {
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  type Problem,
  UnauthenticatedError,
} from '../model/errors/index.ts';
import { growthOf } from '../model/growth/growth.ts';
import type { Instrument } from '../model/instrument/types.ts';
import { suggestFocusAreas } from '../model/plan/focus-areas.ts';
import { type CalendarEvent, toICalendar } from '../model/plan/icalendar.ts';
import { checkInDates } from '../model/plan/schedule.ts';
import {
  ACTION_STATUSES,
  type ActionStatus,
  CADENCES,
  type Cadence,
  type FocusArea,
  type PlanAction,
} from '../model/plan/types.ts';
import { practicesFor } from '../model/practice/search.ts';
import type { Practice } from '../model/practice/types.ts';
import { advise, situationCalls } from '../model/situation/advise.ts';
import { parseSituation } from '../model/situation/input.ts';
import type { Advice } from '../model/situation/types.ts';
import type { Store } from '../store/database.ts';
import {
  CoachAssignmentRepository,
  MembershipRepository,
  UserRepository,
} from '../store/repositories/accounts.ts';
import { type NewAction, type PlanRecord, PlanRepository } from '../store/repositories/plans.ts';
import type { Mailer } from './auth/mailer.ts';
import { fieldProblem as at, authorize, invalid } from './authorize.ts';
import { completedProfilesOf } from './my-profiles.ts';
import { checkInReminderMail, reassessReminderMail } from './plan-mail.ts';
import { hashToken, newToken } from './tokens.ts';

export interface PlanDeps {
  store: Store;
  /** Reminders by e-mail (SMTP, or the outbox when none is configured). */
  mailer?: Mailer;
  /** Public address of the app, for links in mail and the calendar feed. */
  baseUrl: string;
  now?: () => Date;
}

type Input = Record<string, unknown>;

export const MAX_ACTIONS = 20;
export const DEFAULT_REASSESS_DAYS = 90;
const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (date: string, days: number) =>
  isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
const validDate = (value: unknown): value is string =>
  typeof value === 'string' && DATE.test(value) && isoDate(new Date(`${value}T00:00:00Z`)) === value;

/**
 * Development plans: suggested focus areas from a person's profile (and the situation they face),
 * actions drawn from the practice library or written by the person, check-ins, a personal calendar
 * feed, reminders, sharing with a manager or coach (explicit and revocable), and the growth view
 * across re-assessments. Every operation checks access first (`model/access/policy.ts`), then acts.
 */
export class PlanService {
  readonly repo: PlanRepository;
  private readonly users: UserRepository;
  private readonly memberships: MembershipRepository;
  private readonly coaches: CoachAssignmentRepository;
  private readonly now: () => Date;
  private readonly instrument: Instrument = loadInstrumentSync('lead-manage');

  constructor(private readonly deps: PlanDeps) {
    this.repo = new PlanRepository(deps.store);
    this.users = new UserRepository(deps.store);
    this.memberships = new MembershipRepository(deps.store);
    this.coaches = new CoachAssignmentRepository(deps.store);
    this.now = deps.now ?? (() => new Date());
  }

  private user(actor: Actor) {
    if (actor.kind !== 'user') throw new UnauthenticatedError();
    return actor;
  }

  /**
   * The plan with whom it is shared, after checking `action` on it; a plan in another organisation
   * is simply not found.
   */
  private async plan(actor: Actor, planId: string, action: 'plan.read' | 'plan.manage') {
    const me = this.user(actor);
    const found = await this.repo.get(me.organizationId, planId);
    if (!found) throw new NotFoundError('plan', planId);
    const plan = { ...found, shares: await this.repo.shares(found.organizationId, found.id) };
    const sharedWith = plan.shares.map((s) => s.userId);
    const decision = can(actor, action, {
      type: 'plan',
      organizationId: plan.organizationId,
      ownerId: plan.userId,
      sharedWith,
    });
    if (!decision.allowed) {
      // a plan that is not mine and not shared with me does not exist for me
      if (action === 'plan.read' || !sharedWith.includes(me.userId)) throw new NotFoundError('plan', planId);
      throw new ForbiddenError(decision.reason);
    }
    return plan;
  }

  /** My latest completed profile of the instrument plans are written against (lead-manage). */
  private async latestProfile(organizationId: string, userId: string) {
    const profiles = await completedProfilesOf(this.deps.store, organizationId, userId);
    return profiles.filter((p) => p.instrumentId === this.instrument.id).at(-1);
  }

  // ── suggestions ────────────────────────────────────────────────────────────────────────────

  /**
   * One to three focus areas from my latest profile (and, when given, the situation I face), with a
   * reason each, and the practices for each scale. Without a profile, no suggestion: the person
   * takes the assessment first or chooses freely.
   *
   * @example
   * await plans.suggest(actor, { situation: { example: 'product-launch' } });
   */
  async suggest(actor: Actor, input: Input = {}) {
    const me = this.user(actor);
    authorize(actor, 'plan.create', { type: 'organization', organizationId: me.organizationId });
    const advice = input.situation === undefined ? null : this.advise(input.situation, 'situation');
    const latest = await this.latestProfile(me.organizationId, me.userId);
    const focusAreas = latest ? suggestFocusAreas(latest.profile, advice ? situationCalls(advice) : {}) : [];
    return {
      profile: latest
        ? {
            assessmentId: latest.assessmentId,
            completedAt: latest.completedAt,
            lead: latest.profile.lead,
            manage: latest.profile.manage,
            quadrant: latest.profile.quadrant,
          }
        : null,
      situation: advice
        ? {
            example: advice.situation.example,
            overall: advice.overall.labelText,
            summary: advice.overall.summary,
          }
        : null,
      focusAreas,
      scales: this.scaleChoices(),
    };
  }

  private advise(value: unknown, path: string): Advice {
    const { rules, examples } = builtinAdvisor();
    return advise(parseSituation(value, rules, examples, path), rules);
  }

  /** Every scale a plan may focus on, with its practices (smallest first). */
  private scaleChoices() {
    const practices = builtinPractices().practices;
    return this.instrument.scales.map((s) => ({
      id: s.id,
      name: s.name,
      pole: s.pole,
      practices: practicesFor(s.id, practices),
    }));
  }

  // ── plans ──────────────────────────────────────────────────────────────────────────────────

  /** My plans and the plans others share with me. */
  async list(actor: Actor) {
    const me = this.user(actor);
    authorize(actor, 'plan.create', { type: 'organization', organizationId: me.organizationId });
    const mine = await this.repo.listOf(me.organizationId, me.userId);
    const shared = await this.repo.sharedWith(me.organizationId, me.userId);
    return {
      plans: await Promise.all(mine.map(async (p) => this.summary(p))),
      sharedWithMe: await Promise.all(
        shared.map(async (p) => ({ ...(await this.summary(p)), ownerName: p.ownerName })),
      ),
    };
  }

  private async summary(plan: PlanRecord) {
    const actions = await this.repo.actions(plan.organizationId, plan.id);
    return {
      id: plan.id,
      title: plan.title,
      status: plan.status,
      focusAreas: plan.focusAreas,
      createdAt: plan.createdAt,
      reassessOn: plan.reassessOn,
      nextCheckIn: this.nextCheckIn(plan),
      actions: { total: actions.length, done: actions.filter((a) => a.status === 'done').length },
    };
  }

  /**
   * Creates a plan from chosen focus areas (scale ids, 1 to 3) with its first actions.
   *
   * @example
   * await plans.create(actor, { focusAreas: ['tasks'], checkInCadence: 'weekly', reassessAfterDays: 90,
   *   actions: [{ practiceId: 'tasks-weekly-plan' }, { scale: 'tasks', title: 'Agree owners for each task', dueDate: '2026-12-15' }] });
   */
  async create(actor: Actor, input: Input) {
    const me = this.user(actor);
    authorize(actor, 'plan.create', { type: 'organization', organizationId: me.organizationId });
    const problems: Problem[] = [];
    const today = isoDate(this.now());

    const title =
      input.title === undefined
        ? 'My development plan'
        : typeof input.title === 'string'
          ? input.title.trim()
          : '';
    if (!title || title.length > 200)
      problems.push(at('title', 'title must be between 1 and 200 characters'));
    const cadence = input.checkInCadence ?? 'weekly';
    if (!CADENCES.includes(cadence as Cadence))
      problems.push(at('checkInCadence', `checkInCadence must be one of ${CADENCES.join(', ')}`));
    const reassessAfterDays = input.reassessAfterDays ?? DEFAULT_REASSESS_DAYS;
    if (
      !Number.isInteger(reassessAfterDays) ||
      (reassessAfterDays as number) < 14 ||
      (reassessAfterDays as number) > 730
    )
      problems.push(
        at('reassessAfterDays', 'reassessAfterDays must be a whole number of days from 14 to 730'),
      );

    const latest = await this.latestProfile(me.organizationId, me.userId);
    const advice =
      input.situation === undefined
        ? null
        : (() => {
            try {
              return this.advise(input.situation, 'situation');
            } catch (error) {
              if (error instanceof InvalidInputError) problems.push(...error.problems);
              return null;
            }
          })();
    const suggested = latest ? suggestFocusAreas(latest.profile, advice ? situationCalls(advice) : {}) : [];
    const focusAreas = this.readFocusAreas(input.focusAreas, suggested, problems);
    const reassessOn = addDays(
      today,
      Number.isInteger(reassessAfterDays) ? (reassessAfterDays as number) : 0,
    );
    const actions = this.readActions(input.actions ?? [], 'actions', reassessOn, problems);
    if (problems.length > 0) invalid(problems);

    const id = await this.repo.create({
      organizationId: me.organizationId,
      userId: me.userId,
      title,
      focusAreas,
      sourceAssessmentId: latest?.assessmentId ?? null,
      checkInCadence: cadence as Cadence,
      startsOn: today,
      reassessOn,
      actions,
      now: this.now(),
    });
    return this.get(actor, id);
  }

  private readFocusAreas(value: unknown, suggested: FocusArea[], problems: Problem[]): FocusArea[] {
    if (!Array.isArray(value) || value.length < 1 || value.length > 3) {
      problems.push(
        at('focusAreas', 'focusAreas must list 1 to 3 scale ids (choose among the suggestions or any scale)'),
      );
      return [];
    }
    const areas: FocusArea[] = [];
    value.forEach((id, i) => {
      const scale = this.instrument.scales.find((s) => s.id === id);
      if (!scale) {
        problems.push(
          at(
            `focusAreas[${i}]`,
            `unknown scale ${JSON.stringify(id)}; allowed: ${this.instrument.scales.map((s) => s.id).join(', ')}`,
          ),
        );
        return;
      }
      if (areas.some((a) => a.scale === scale.id)) {
        problems.push(at(`focusAreas[${i}]`, `${scale.id} is listed twice`));
        return;
      }
      areas.push(
        suggested.find((s) => s.scale === scale.id) ?? {
          scale: scale.id,
          name: scale.name,
          source: 'chosen',
          reason: `You chose ${scale.name}.`,
        },
      );
    });
    return areas;
  }

  /** Reads actions: each from a practice (`practiceId`) or written by the person (`scale` and `title`). */
  private readActions(value: unknown, path: string, defaultDue: string, problems: Problem[]): NewAction[] {
    if (!Array.isArray(value) || value.length > MAX_ACTIONS) {
      problems.push(at(path, `${path} must be a list of at most ${MAX_ACTIONS} actions`));
      return [];
    }
    const out: NewAction[] = [];
    value.forEach((raw, i) => {
      const action = this.readAction(raw, `${path}[${i}]`, defaultDue, problems, true);
      if (action) out.push(action as NewAction);
    });
    return out;
  }

  private readAction(
    raw: unknown,
    path: string,
    defaultDue: string,
    problems: Problem[],
    complete: boolean,
  ): Partial<NewAction> | undefined {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push(at(path, 'an action must be an object'));
      return undefined;
    }
    const input = raw as Input;
    const before = problems.length;
    const allowed = ['practiceId', 'scale', 'title', 'cadence', 'dueDate', 'status', 'partner'];
    for (const key of Object.keys(input))
      if (!allowed.includes(key))
        problems.push(at(`${path}.${key}`, `unknown field; allowed: ${allowed.join(', ')}`));

    const action: Partial<NewAction> = {};
    let practice: Practice | undefined;
    if (input.practiceId !== undefined && input.practiceId !== null) {
      if (!complete)
        problems.push(at(`${path}.practiceId`, 'an action’s practice cannot be changed; add a new action'));
      practice = builtinPractices().practices.find((p) => p.id === input.practiceId);
      if (!practice)
        problems.push(at(`${path}.practiceId`, `unknown practice ${JSON.stringify(input.practiceId)}`));
      else {
        action.practiceId = practice.id;
        action.scale = practice.scale;
        action.title = practice.title;
        if (practice.cadence !== 'once') action.cadence = practice.cadence;
        else action.dueDate = defaultDue;
      }
    }
    if (input.scale !== undefined) {
      if (!complete) problems.push(at(`${path}.scale`, 'an action’s scale cannot be changed'));
      else if (!this.instrument.scales.some((s) => s.id === input.scale))
        problems.push(at(`${path}.scale`, `unknown scale ${JSON.stringify(input.scale)}`));
      else if (practice && practice.scale !== input.scale)
        problems.push(
          at(
            `${path}.scale`,
            `practice ${practice.id} develops ${practice.scale}, not ${String(input.scale)}`,
          ),
        );
      else action.scale = input.scale as string;
    }
    if (input.title !== undefined) {
      const title = typeof input.title === 'string' ? input.title.trim() : '';
      if (!title || title.length > 300)
        problems.push(at(`${path}.title`, 'title must be between 1 and 300 characters'));
      else action.title = title;
    }
    if (input.cadence !== undefined) {
      if (input.cadence !== null && !CADENCES.includes(input.cadence as Cadence))
        problems.push(at(`${path}.cadence`, `cadence must be null or one of ${CADENCES.join(', ')}`));
      else action.cadence = input.cadence as Cadence | null;
    }
    if (input.dueDate !== undefined) {
      if (input.dueDate !== null && !validDate(input.dueDate))
        problems.push(at(`${path}.dueDate`, 'dueDate must be null or a date as YYYY-MM-DD'));
      else action.dueDate = input.dueDate as string | null;
    }
    if (input.status !== undefined) {
      if (!ACTION_STATUSES.includes(input.status as ActionStatus))
        problems.push(at(`${path}.status`, `status must be one of ${ACTION_STATUSES.join(', ')}`));
      else action.status = input.status as ActionStatus;
    }
    if (input.partner !== undefined) {
      const partner = typeof input.partner === 'string' ? input.partner.trim() : input.partner;
      if (partner !== null && (typeof partner !== 'string' || partner.length > 200))
        problems.push(
          at(`${path}.partner`, 'partner must be null or a name or e-mail address (at most 200 characters)'),
        );
      else action.partner = partner === '' ? null : (partner as string | null);
    }
    if (problems.length > before) return undefined;
    if (!complete) return action;

    if (!action.scale) problems.push(at(`${path}.scale`, 'give a practiceId, or a scale and a title'));
    if (!action.title) problems.push(at(`${path}.title`, 'give a practiceId, or a scale and a title'));
    if (!action.cadence && !action.dueDate)
      problems.push(at(`${path}.cadence`, 'an action needs a cadence or a due date'));
    if (problems.length > before) return undefined;
    return {
      scale: action.scale!,
      title: action.title!,
      practiceId: action.practiceId ?? null,
      cadence: action.cadence ?? null,
      dueDate: action.dueDate ?? null,
      status: action.status ?? 'planned',
      partner: action.partner ?? null,
    };
  }

  /** A plan with its actions, check-ins and schedule; to its owner also whom it is shared with. */
  async get(actor: Actor, planId: string) {
    const plan = await this.plan(actor, planId, 'plan.read');
    const me = this.user(actor);
    const mine = plan.userId === me.userId;
    const [actions, checkIns, owner] = await Promise.all([
      this.repo.actions(plan.organizationId, plan.id),
      this.repo.checkIns(plan.organizationId, plan.id),
      this.users.findById(plan.userId),
    ]);
    const today = isoDate(this.now());
    return {
      id: plan.id,
      title: plan.title,
      status: plan.status,
      mine,
      owner: { userId: plan.userId, name: owner?.name ?? '' },
      focusAreas: plan.focusAreas,
      checkInCadence: plan.checkInCadence,
      startsOn: plan.startsOn,
      createdAt: plan.createdAt,
      updatedAt: plan.updatedAt,
      actions,
      checkIns,
      schedule: {
        nextCheckIn: this.nextCheckIn(plan),
        upcoming: this.checkInDates(plan)
          .filter((d) => d >= today)
          .slice(0, 6),
        reassessOn: plan.reassessOn,
        reassessDue: today >= plan.reassessOn,
      },
      ...(mine
        ? {
            sharedWith: plan.shares,
            calendar: { enabled: plan.hasCalendar },
          }
        : {}),
    };
  }

  /** Changes the title, status (active/archived), check-in cadence or re-assessment date. */
  async update(actor: Actor, planId: string, input: Input) {
    const plan = await this.plan(actor, planId, 'plan.manage');
    const problems: Problem[] = [];
    const changes: Parameters<PlanRepository['update']>[2] = {};
    if (input.title !== undefined) {
      const title = typeof input.title === 'string' ? input.title.trim() : '';
      if (!title || title.length > 200)
        problems.push(at('title', 'title must be between 1 and 200 characters'));
      else changes.title = title;
    }
    if (input.status !== undefined) {
      if (input.status !== 'active' && input.status !== 'archived')
        problems.push(at('status', 'status must be active or archived'));
      else changes.status = input.status;
    }
    if (input.checkInCadence !== undefined) {
      if (!CADENCES.includes(input.checkInCadence as Cadence))
        problems.push(at('checkInCadence', `checkInCadence must be one of ${CADENCES.join(', ')}`));
      else changes.checkInCadence = input.checkInCadence as Cadence;
    }
    if (input.reassessOn !== undefined) {
      if (!validDate(input.reassessOn) || input.reassessOn <= plan.startsOn)
        problems.push(at('reassessOn', `reassessOn must be a date as YYYY-MM-DD after ${plan.startsOn}`));
      else changes.reassessOn = input.reassessOn;
    }
    if (problems.length > 0) invalid(problems);
    await this.repo.update(plan.organizationId, plan.id, changes, this.now());
    return this.get(actor, plan.id);
  }

  async remove(actor: Actor, planId: string): Promise<void> {
    const plan = await this.plan(actor, planId, 'plan.manage');
    await this.repo.delete(plan.organizationId, plan.id);
  }

  // ── actions and check-ins ──────────────────────────────────────────────────────────────────

  async addAction(actor: Actor, planId: string, input: unknown) {
    const plan = await this.plan(actor, planId, 'plan.manage');
    const actions = await this.repo.actions(plan.organizationId, plan.id);
    if (actions.length >= MAX_ACTIONS)
      invalid([at('$', `a plan holds at most ${MAX_ACTIONS} actions; drop or finish some first`)]);
    const problems: Problem[] = [];
    const action = this.readAction(input, '$', plan.reassessOn, problems, true);
    if (problems.length > 0 || !action) invalid(problems);
    const id = await this.repo.addAction(plan.organizationId, plan.id, action as NewAction, this.now());
    return (await this.repo.actions(plan.organizationId, plan.id)).find((a) => a.id === id)!;
  }

  async updateAction(actor: Actor, planId: string, actionId: string, input: unknown) {
    const plan = await this.plan(actor, planId, 'plan.manage');
    const problems: Problem[] = [];
    const changes = this.readAction(input, '$', plan.reassessOn, problems, false);
    if (problems.length > 0 || !changes) invalid(problems);
    const current = (await this.repo.actions(plan.organizationId, plan.id)).find((a) => a.id === actionId);
    if (!current) throw new NotFoundError('action', actionId);
    const cadence = changes.cadence !== undefined ? changes.cadence : current.cadence;
    const dueDate = changes.dueDate !== undefined ? changes.dueDate : current.dueDate;
    if (!cadence && !dueDate) invalid([at('$.cadence', 'an action needs a cadence or a due date')]);
    await this.repo.updateAction(plan.organizationId, plan.id, actionId, changes, this.now());
    return (await this.repo.actions(plan.organizationId, plan.id)).find((a) => a.id === actionId)!;
  }

  async removeAction(actor: Actor, planId: string, actionId: string): Promise<void> {
    const plan = await this.plan(actor, planId, 'plan.manage');
    if (!(await this.repo.removeAction(plan.organizationId, plan.id, actionId)))
      throw new NotFoundError('action', actionId);
  }

  /**
   * Records a check-in: progress on each action (its new status and a note) and a short reflection.
   * Each action's status becomes what the check-in reports.
   *
   * @example
   * await plans.checkIn(actor, planId, { progress: [{ actionId, status: 'doing', note: 'Twice this week' }],
   *   reflection: 'Planning on Monday made the week calmer.' });
   */
  async checkIn(actor: Actor, planId: string, input: Input) {
    const plan = await this.plan(actor, planId, 'plan.manage');
    const actions = await this.repo.actions(plan.organizationId, plan.id);
    const problems: Problem[] = [];
    const reflection = typeof input.reflection === 'string' ? input.reflection.trim() : input.reflection;
    if (reflection !== undefined && (typeof reflection !== 'string' || reflection.length > 4000))
      problems.push(at('reflection', 'reflection must be text of at most 4000 characters'));
    const progress: PlanActionProgress[] = [];
    if (!Array.isArray(input.progress))
      problems.push(at('progress', 'progress must be a list (it may be empty)'));
    else
      input.progress.forEach((raw, i) => {
        const path = `progress[${i}]`;
        const p = (typeof raw === 'object' && raw !== null ? raw : {}) as Input;
        const action = actions.find((a) => a.id === p.actionId);
        if (!action) problems.push(at(`${path}.actionId`, 'not an action of this plan'));
        else if (progress.some((x) => x.actionId === action.id))
          problems.push(at(`${path}.actionId`, 'this action is already in the check-in'));
        if (!ACTION_STATUSES.includes(p.status as ActionStatus))
          problems.push(at(`${path}.status`, `status must be one of ${ACTION_STATUSES.join(', ')}`));
        const note = p.note === undefined ? '' : typeof p.note === 'string' ? p.note.trim() : null;
        if (note === null || note.length > 1000)
          problems.push(at(`${path}.note`, 'note must be text of at most 1000 characters'));
        if (
          action &&
          ACTION_STATUSES.includes(p.status as ActionStatus) &&
          note !== null &&
          note.length <= 1000
        )
          progress.push({ actionId: action.id, status: p.status as ActionStatus, note });
      });
    if (problems.length === 0 && progress.length === 0 && !reflection)
      problems.push(at('progress', 'a check-in needs progress on at least one action, or a reflection'));
    if (problems.length > 0) invalid(problems);
    const id = await this.repo.addCheckIn(
      plan.organizationId,
      plan.id,
      { at: this.now().toISOString(), progress, reflection: (reflection as string | undefined) ?? '' },
      this.now(),
    );
    return (await this.repo.checkIns(plan.organizationId, plan.id)).find((c) => c.id === id)!;
  }

  // ── schedule and calendar ──────────────────────────────────────────────────────────────────

  private checkInDates(plan: PlanRecord): string[] {
    return checkInDates(plan.startsOn, plan.reassessOn, plan.checkInCadence);
  }

  private nextCheckIn(plan: PlanRecord): string | null {
    const today = isoDate(this.now());
    return this.checkInDates(plan).find((d) => d >= today) ?? null;
  }

  /** Turns on (or renews) the plan's calendar feed; the URL is shown once, and the old one stops working. */
  async enableCalendar(actor: Actor, planId: string): Promise<{ url: string }> {
    const plan = await this.plan(actor, planId, 'plan.manage');
    const token = newToken();
    await this.repo.setCalendarToken(plan.organizationId, plan.id, hashToken(token));
    return { url: `${this.deps.baseUrl}/api/calendar/${token}.ics` };
  }

  async disableCalendar(actor: Actor, planId: string): Promise<void> {
    const plan = await this.plan(actor, planId, 'plan.manage');
    await this.repo.setCalendarToken(plan.organizationId, plan.id, null);
  }

  /** The iCalendar feed behind a private token: check-in dates, action due dates, the re-assessment. */
  async calendar(token: string): Promise<string> {
    const plan = token ? await this.repo.byCalendarToken(hashToken(token)) : undefined;
    if (!plan) throw new NotFoundError('calendar', '…', 'the link may have been renewed or turned off');
    const actions = await this.repo.actions(plan.organizationId, plan.id);
    const link = `${this.deps.baseUrl}/plans/${plan.id}`;
    const events: CalendarEvent[] = this.checkInDates(plan).map((date) => ({
      uid: `${plan.id}-check-in-${date}@fulcrum`,
      date,
      summary: `Check-in: ${plan.title}`,
      description: `How did your actions go? Record progress and a short reflection: ${link}`,
    }));
    for (const a of actions)
      if (a.dueDate && a.status !== 'done' && a.status !== 'dropped')
        events.push({
          uid: `${plan.id}-action-${a.id}@fulcrum`,
          date: a.dueDate,
          summary: `Due: ${a.title}`,
          description: link,
        });
    events.push({
      uid: `${plan.id}-reassess@fulcrum`,
      date: plan.reassessOn,
      summary: 'Re-take the Lead × Manage assessment',
      description: `See which changes are real and which are within measurement error: ${this.deps.baseUrl}/growth`,
    });
    return toICalendar(
      plan.title,
      events.sort((x, y) => x.date.localeCompare(y.date)),
      this.now(),
    );
  }

  // ── sharing ────────────────────────────────────────────────────────────────────────────────

  /** Shares the plan (read only) with a person of my organisation, by e-mail; revocable at any time. */
  async share(actor: Actor, planId: string, input: Input) {
    const plan = await this.plan(actor, planId, 'plan.manage');
    const email = typeof input.email === 'string' ? input.email.trim() : '';
    const user = email ? await this.users.findByEmail(email) : undefined;
    const member = user ? await this.memberships.get(plan.organizationId, user.id) : undefined;
    // the same answer for "no such account" and "not in this organisation"
    if (!user || !member)
      invalid([at('email', 'no one with this e-mail address is a member of your organisation')]);
    if (user.id === plan.userId)
      invalid([at('email', 'this is you; share the plan with your manager or coach')]);
    await this.repo.share(plan.organizationId, plan.id, user.id, this.now());
    return { sharedWith: await this.repo.shares(plan.organizationId, plan.id) };
  }

  async unshare(actor: Actor, planId: string, userId: string) {
    const plan = await this.plan(actor, planId, 'plan.manage');
    if (!(await this.repo.unshare(plan.organizationId, plan.id, userId)))
      throw new NotFoundError('share', userId);
    return { sharedWith: await this.repo.shares(plan.organizationId, plan.id) };
  }

  /** People I might share with: my assigned coaches (the people I most likely mean). */
  async shareSuggestions(actor: Actor) {
    const me = this.user(actor);
    authorize(actor, 'plan.create', { type: 'organization', organizationId: me.organizationId });
    const out = [];
    for (const id of await this.coaches.coachesOf(me.organizationId, me.userId)) {
      const u = await this.users.findById(id);
      if (u) out.push({ userId: u.id, name: u.name, email: u.email, relation: 'coach' as const });
    }
    return { people: out };
  }

  // ── growth ─────────────────────────────────────────────────────────────────────────────────

  /**
   * My growth view: each scale over my completed assessments with its measurement band, and whether
   * the change from the first to the latest is real (|RCI| > 1.96, Jacobson–Truax) or within error.
   */
  async growth(actor: Actor) {
    const me = this.user(actor);
    authorize(actor, 'account.manage', {
      type: 'person',
      organizationId: me.organizationId,
      userId: me.userId,
    });
    const profiles = await completedProfilesOf(this.deps.store, me.organizationId, me.userId);
    const latest = profiles.at(-1);
    const same = latest ? profiles.filter((p) => p.instrumentId === latest.instrumentId) : [];
    return {
      assessments: same.map(({ assessmentId, completedAt, form, profile }) => ({
        assessmentId,
        completedAt,
        form,
        lead: profile.lead,
        manage: profile.manage,
      })),
      scales: growthOf(same.map((p) => ({ at: p.completedAt, profile: p.profile }))),
    };
  }

  // ── reminders ──────────────────────────────────────────────────────────────────────────────

  /**
   * Sends due reminders for every active plan: a check-in reminder on each check-in date when no
   * check-in was recorded since that date, and one reminder when the re-assessment is due. Each is
   * recorded before it is sent, so calling this every hour, or on two servers, sends nothing twice.
   * Without a mailer, nothing is sent (the calendar feed still lists the dates).
   */
  async sendReminders(now: Date = this.now()): Promise<{ sent: number }> {
    const mailer = this.deps.mailer;
    if (!mailer) return { sent: 0 };
    const today = isoDate(now);
    let sent = 0;
    for (const plan of await this.repo.activePlans()) {
      const owner = await this.users.findById(plan.userId);
      if (!owner) continue;
      const link = `${this.deps.baseUrl}/plans/${plan.id}`;
      const due = this.checkInDates(plan)
        .filter((d) => d <= today)
        .at(-1);
      if (due) {
        const last = (await this.repo.checkIns(plan.organizationId, plan.id))[0];
        const checkedInSince = last !== undefined && last.at.slice(0, 10) >= due;
        if (
          !checkedInSince &&
          (await this.repo.recordReminder(plan.organizationId, plan.id, `check-in:${due}`, now))
        ) {
          await mailer.send({
            to: owner.email,
            organizationId: plan.organizationId,
            ...checkInReminderMail({ name: owner.name, planTitle: plan.title, link }),
          });
          sent++;
        }
      }
      if (today >= plan.reassessOn) {
        const retaken = (await completedProfilesOf(this.deps.store, plan.organizationId, plan.userId)).some(
          (p) => p.completedAt.slice(0, 10) >= plan.reassessOn,
        );
        if (!retaken && (await this.repo.recordReminder(plan.organizationId, plan.id, 'reassess', now))) {
          await mailer.send({
            to: owner.email,
            organizationId: plan.organizationId,
            ...reassessReminderMail({
              name: owner.name,
              planTitle: plan.title,
              link: `${this.deps.baseUrl}/growth`,
            }),
          });
          sent++;
        }
      }
    }
    return { sent };
  }
}

type PlanActionProgress = { actionId: PlanAction['id']; status: ActionStatus; note: string };
