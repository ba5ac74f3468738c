import { createHash } from 'node:crypto';
import { loadInstrument } from '../catalog/instruments.ts';
import { type Actor, can } from '../model/access/policy.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  type Problem,
  UnauthenticatedError,
} from '../model/errors/index.ts';
import { buildFeedbackReport, type RatingValue } from '../model/feedback/aggregate.ts';
import { anonymityRules, GROUP_LABELS, OTHER_GROUPS, type OtherGroup } from '../model/feedback/anonymity.ts';
import type { FeedbackReport, RaterGroup } from '../model/feedback/report.ts';
import type { Instrument } from '../model/instrument/types.ts';
import { itemsInForm } from '../model/scoring/form.ts';
import type { Store } from '../store/database.ts';
import {
  CoachAssignmentRepository,
  emailKey,
  MembershipRepository,
  OrganizationRepository,
  UserRepository,
} from '../store/repositories/accounts.ts';
import {
  type Cycle,
  type CycleConfig,
  FeedbackRepository,
  type Rater,
  type Subject,
} from '../store/repositories/feedback.ts';
import type { Mailer } from './auth/mailer.ts';
import { fieldProblem as at, authorize, invalid } from './authorize.ts';
import { raterInvitationMail, raterReminderMail } from './feedback-mail.ts';
import { hashToken, newToken } from './tokens.ts';

export interface FeedbackDeps {
  store: Store;
  mailer: Mailer;
  /** Public address of the app, for the private links in mail. */
  baseUrl: string;
  now?: () => Date;
}

/** Raters are asked at most this many rating items, so a form stays under about 15 minutes. */
export const MAX_RATER_ITEMS = 40;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_PER_GROUP = 20;

type Input = Record<string, unknown>;

function linkNotFound(): never {
  const error = new NotFoundError('feedback link', '…');
  error.message = 'this feedback link does not exist or has expired';
  throw error;
}

/**
 * 360° feedback cycles: opening (admins, coaches for their people, people themselves when the
 * organisation allows it), nominating raters with private links, the rater's form by link,
 * progress counts, closing and releasing, and the report — built only after the cycle is closed,
 * only through the anonymity rules, and only for the subject (and their assigned coach).
 * Every operation checks access first (`model/access/policy.ts`), then acts.
 */
export class FeedbackService {
  readonly repo: FeedbackRepository;
  private readonly organizations: OrganizationRepository;
  private readonly users: UserRepository;
  private readonly memberships: MembershipRepository;
  private readonly coaches: CoachAssignmentRepository;
  private readonly now: () => Date;

  constructor(private readonly deps: FeedbackDeps) {
    this.repo = new FeedbackRepository(deps.store);
    this.organizations = new OrganizationRepository(deps.store);
    this.users = new UserRepository(deps.store);
    this.memberships = new MembershipRepository(deps.store);
    this.coaches = new CoachAssignmentRepository(deps.store);
    this.now = deps.now ?? (() => new Date());
  }

  private user(actor: Actor) {
    if (actor.kind !== 'user') throw new UnauthenticatedError();
    return actor;
  }

  // ── cycles ────────────────────────────────────────────────────────────────────────────────

  /**
   * Opens a cycle for one or more people of the actor's organisation.
   *
   * @example
   * await feedback.openCycle(admin, { title: 'Spring', subjectUserIds: [id], deadline: '2026-06-01T17:00:00Z',
   *   groups: { manager: { min: 1, max: 1 }, peers: { min: 3, max: 6 } } });
   */
  async openCycle(actor: Actor, input: Input) {
    const me = this.user(actor);
    const organization = (await this.organizations.get(me.organizationId))!;
    const problems: Problem[] = [];
    const title = typeof input.title === 'string' ? input.title.trim() : '';
    if (!title || title.length > 200)
      problems.push(at('title', 'title must be between 1 and 200 characters'));
    const subjectIds = Array.isArray(input.subjectUserIds) ? (input.subjectUserIds as unknown[]) : [];
    if (subjectIds.length === 0 || subjectIds.length > 200)
      problems.push(at('subjectUserIds', 'subjectUserIds must list 1 to 200 people'));
    const deadline = typeof input.deadline === 'string' ? new Date(input.deadline) : new Date(Number.NaN);
    if (Number.isNaN(deadline.getTime()) || deadline.getTime() <= this.now().getTime())
      problems.push(at('deadline', 'deadline must be a date and time in the future (ISO 8601)'));
    const config = this.readConfig(input, problems);
    const instrumentId = typeof input.instrumentId === 'string' ? input.instrumentId : 'lead-manage';
    let instrument: Instrument | undefined;
    try {
      instrument = await loadInstrument(instrumentId);
    } catch {
      problems.push(at('instrumentId', `instrument "${instrumentId}" was not found`));
    }
    if (problems.length > 0) invalid(problems);
    const form = itemsInForm(instrument!, 'full').length <= MAX_RATER_ITEMS ? 'full' : 'short';
    if (itemsInForm(instrument!, form).length > MAX_RATER_ITEMS)
      invalid([
        at(
          'instrumentId',
          `a rater form may ask at most ${MAX_RATER_ITEMS} statements; this instrument's shortest form asks more`,
        ),
      ]);

    const unique = [...new Set(subjectIds.map(String))];
    for (const [i, userId] of unique.entries()) {
      const member = await this.memberships.get(me.organizationId, userId);
      // someone outside the organisation is not found, as every id from elsewhere
      if (!member) throw new NotFoundError('person', userId, `subjectUserIds.${i}`);
      authorize(me, 'feedback.open', {
        type: 'feedback-subject',
        organizationId: me.organizationId,
        userId,
        coachIds: await this.coaches.coachesOf(me.organizationId, userId),
        selfService: organization.settings.feedbackSelfService,
      });
    }
    const { cycle, subjects } = await this.repo.createCycle(
      {
        organizationId: me.organizationId,
        title,
        instrumentId: instrument!.id,
        instrumentVersion: instrument!.version,
        form,
        config,
        deadline: deadline.toISOString(),
        createdBy: me.userId,
      },
      unique,
    );
    if (config.includeSelf) {
      for (const subject of subjects) {
        const person = (await this.users.findById(subject.userId))!;
        const rater = await this.repo.addRater({
          organizationId: me.organizationId,
          cycleId: cycle.id,
          subjectId: subject.id,
          group: 'self',
          email: person.email,
          name: person.name,
          status: 'invited',
          identifiable: true,
          nominatedBy: me.userId,
        });
        await this.invite(cycle, rater);
      }
    }
    return this.cycleView(me, cycle.id);
  }

  private readConfig(input: Input, problems: Problem[]): CycleConfig {
    const groups: CycleConfig['groups'] = {};
    const rawGroups = (input.groups ?? {}) as Record<string, unknown>;
    if (typeof rawGroups !== 'object' || rawGroups === null)
      problems.push(at('groups', 'groups must be an object'));
    for (const [name, value] of Object.entries(rawGroups ?? {})) {
      if (!(OTHER_GROUPS as readonly string[]).includes(name)) {
        problems.push(
          at(`groups.${name}`, `groups.${name} is not a rater group (${OTHER_GROUPS.join(', ')})`),
        );
        continue;
      }
      const v = (value ?? {}) as { min?: unknown; max?: unknown };
      const min = v.min ?? 0;
      const max = v.max ?? MAX_PER_GROUP;
      if (
        !Number.isInteger(min) ||
        !Number.isInteger(max) ||
        (min as number) < 0 ||
        (max as number) < 1 ||
        (min as number) > (max as number) ||
        (max as number) > MAX_PER_GROUP
      ) {
        problems.push(
          at(
            `groups.${name}`,
            `groups.${name} needs whole numbers 0 ≤ min ≤ max ≤ ${MAX_PER_GROUP}, max ≥ 1`,
          ),
        );
        continue;
      }
      groups[name as OtherGroup] = { min: min as number, max: max as number };
    }
    if (Object.keys(groups).length === 0 && problems.length === 0)
      problems.push(at('groups', 'invite at least one rater group'));
    const threshold = input.threshold ?? 3;
    if (!Number.isInteger(threshold) || (threshold as number) < 2 || (threshold as number) > 20)
      problems.push(
        at('threshold', 'threshold must be a whole number from 2 to 20 (a group of one is a person)'),
      );
    const commentThreshold = input.commentThreshold ?? threshold;
    if (
      !Number.isInteger(commentThreshold) ||
      (commentThreshold as number) < (threshold as number) ||
      (commentThreshold as number) > 20
    )
      problems.push(
        at(
          'commentThreshold',
          'commentThreshold must be a whole number, at least the threshold and at most 20',
        ),
      );
    const reminderDays = input.reminderDays ?? [3, 1];
    if (
      !Array.isArray(reminderDays) ||
      reminderDays.length > 5 ||
      reminderDays.some((d) => !Number.isInteger(d) || d < 1 || d > 60)
    )
      problems.push(at('reminderDays', 'reminderDays must list up to 5 whole numbers of days from 1 to 60'));
    const rawQuestions = input.questions ?? [];
    const questions: CycleConfig['questions'] = [];
    if (!Array.isArray(rawQuestions) || rawQuestions.length > 2) {
      problems.push(at('questions', 'questions must list at most two open questions'));
    } else {
      rawQuestions.forEach((q, i) => {
        const text = typeof q === 'string' ? q.trim() : '';
        if (!text || text.length > 300)
          problems.push(at(`questions.${i}`, `questions.${i} must be 1 to 300 characters`));
        else questions.push({ id: `q${i + 1}`, text });
      });
    }
    return {
      groups,
      includeSelf: input.includeSelf !== false,
      threshold: threshold as number,
      commentThreshold: commentThreshold as number,
      managerShownSeparately: input.managerShownSeparately === true,
      reminderDays: [...new Set(reminderDays as number[])].sort((a, b) => b - a),
      questions,
    };
  }

  /** A cycle the actor may run (or nominate for): not found outside their organisation. */
  private async cycleFor(actor: Actor, cycleId: string, action: 'feedback.manage' | 'feedback.nominate') {
    const me = this.user(actor);
    const cycle = await this.repo.cycle(me.organizationId, cycleId);
    if (!cycle) throw new NotFoundError('cycle', cycleId);
    const subjects = await this.repo.subjects(me.organizationId, cycleId);
    authorize(me, action, {
      type: 'feedback-cycle',
      organizationId: me.organizationId,
      ownerId: cycle.createdBy,
      subjectUserIds: subjects.map((s) => s.userId),
    });
    return { me, cycle, subjects };
  }

  private async subjectOf(subjects: Subject[], subjectId: string) {
    const subject = subjects.find((s) => s.id === subjectId);
    if (!subject) throw new NotFoundError('subject', subjectId);
    return subject;
  }

  /**
   * A cycle as its owner sees it: settings, subjects, nominations (who was asked, never whether or
   * what they answered) and progress counts per group.
   */
  async cycleView(actor: Actor, cycleId: string) {
    const { me, cycle, subjects } = await this.cycleFor(actor, cycleId, 'feedback.manage');
    const progress = await this.repo.progress(me.organizationId, cycleId);
    const out = [];
    for (const subject of subjects) {
      const person = await this.users.findById(subject.userId);
      const raters = await this.repo.raters(me.organizationId, subject.id);
      const groups: Record<
        string,
        { nominated: number; submitted: number; declined: number; pending: number }
      > = {};
      for (const p of progress.filter((x) => x.subjectId === subject.id)) {
        groups[p.group] ??= { nominated: 0, submitted: 0, declined: 0, pending: 0 };
        const g = groups[p.group]!;
        g.nominated += p.count;
        if (p.status === 'submitted') g.submitted += p.count;
        if (p.status === 'declined') g.declined += p.count;
        if (p.status === 'pending') g.pending += p.count;
      }
      out.push({
        id: subject.id,
        userId: subject.userId,
        name: person?.name ?? '(deleted)',
        nominations: raters
          .filter((r) => r.group !== 'self')
          .map((r) => ({
            id: r.id,
            name: r.name,
            email: r.email,
            group: r.group,
            approved: r.status !== 'pending',
          })),
        progress: groups,
      });
    }
    return { ...publicCycle(cycle), subjects: out };
  }

  /** Cycles the actor runs (all of the organisation's for an admin) and the ones they are the subject of. */
  async listCycles(actor: Actor) {
    const me = this.user(actor);
    const isAdmin = me.role === 'admin' || me.role === 'owner';
    const running = await this.repo.cycles(me.organizationId, isAdmin ? undefined : me.userId);
    const own = await this.repo.subjectsOfUser(me.organizationId, me.userId);
    return {
      running: running.map(publicCycle),
      aboutMe: own.map(({ cycle, subject }) => ({
        cycleId: cycle.id,
        subjectId: subject.id,
        title: cycle.title,
        deadline: cycle.deadline,
        closedAt: cycle.closedAt,
        reportAvailable: cycle.closedAt !== null,
        canNominate: cycle.closedAt === null,
      })),
    };
  }

  /** Open requests per address and whether each is above the organisation's warning level. */
  async raterLoad(actor: Actor, emails: readonly string[]) {
    const me = this.user(actor);
    // only for people who nominate: admins, coaches, and whoever runs or is the subject of an open cycle
    // (how busy a colleague is is nobody else's business)
    if (me.role === 'member') {
      const running = (await this.repo.cycles(me.organizationId, me.userId)).some((c) => !c.closedAt);
      const about = (await this.repo.subjectsOfUser(me.organizationId, me.userId)).some(
        ({ cycle }) => !cycle.closedAt,
      );
      if (!running && !about) throw new ForbiddenError('not-own-data');
    }
    const organization = (await this.organizations.get(me.organizationId))!;
    const counts = await this.repo.openRequests(me.organizationId, emails);
    const limit = organization.settings.raterLoadWarning;
    return {
      warnAbove: limit,
      load: emails.map((email) => {
        const open = counts.get(emailKey(email)) ?? 0;
        return { email, openRequests: open, warn: open >= limit };
      }),
    };
  }

  /**
   * Nominates raters by e-mail. The cycle's owner and admins nominate any invited group (mailed at
   * once); the subject may nominate peers, which wait for the owner's approval.
   */
  async nominate(actor: Actor, cycleId: string, subjectId: string, input: Input) {
    const { me, cycle, subjects } = await this.cycleFor(actor, cycleId, 'feedback.nominate');
    const subject = await this.subjectOf(subjects, subjectId);
    const runs = can(me, 'feedback.manage', {
      type: 'feedback-cycle',
      organizationId: me.organizationId,
      ownerId: cycle.createdBy,
      subjectUserIds: subjects.map((s) => s.userId),
    }).allowed;
    if (!runs && subject.userId !== me.userId) throw new ForbiddenError('not-own-data');
    if (cycle.closedAt) throw new ConflictError('this cycle is closed', 'cycle_closed');
    const list = Array.isArray(input.raters) ? (input.raters as Input[]) : [];
    const problems: Problem[] = [];
    if (list.length === 0 || list.length > 50) problems.push(at('raters', 'raters must list 1 to 50 people'));
    const existing = await this.repo.raters(me.organizationId, subject.id);
    const subjectUser = await this.users.findById(subject.userId);
    const seen = new Set(existing.map((r) => emailKey(r.email)));
    const perGroup = new Map<string, number>();
    for (const r of existing)
      if (r.status !== 'declined') perGroup.set(r.group, (perGroup.get(r.group) ?? 0) + 1);
    const accepted: { email: string; name: string; group: OtherGroup }[] = [];
    for (const [i, entry] of list.entries()) {
      const problem = (path: string, message: string) => problems.push(at(`raters.${i}.${path}`, message));
      const email = typeof entry?.email === 'string' ? entry.email.trim() : '';
      const name = typeof entry?.name === 'string' && entry.name.trim() ? entry.name.trim() : email;
      const group = entry?.group as OtherGroup;
      const limits = cycle.config.groups[group];
      const count = (perGroup.get(group) ?? 0) + 1;
      if (!EMAIL.test(email) || email.length > 320)
        problem('email', `raters.${i}.email must be an e-mail address`);
      else if (name.length > 200) problem('name', `raters.${i}.name must be at most 200 characters`);
      else if (!limits)
        problem(
          'group',
          `raters.${i}.group must be one of this cycle's groups (${Object.keys(cycle.config.groups).join(', ')})`,
        );
      else if (!runs && group !== 'peers') problem('group', 'you may nominate peers only');
      else if (subjectUser && emailKey(email) === emailKey(subjectUser.email))
        problem('email', 'the subject rates themselves through their own link');
      else if (seen.has(emailKey(email))) problem('email', `${email} is already nominated`);
      else if (count > limits.max)
        problem('group', `at most ${limits.max} raters in ${GROUP_LABELS[group].toLowerCase()}`);
      else {
        perGroup.set(group, count);
        seen.add(emailKey(email));
        accepted.push({ email, name, group });
      }
    }
    if (problems.length > 0) invalid(problems);
    const load = await this.raterLoad(
      me,
      accepted.map((a) => a.email),
    );
    for (const a of accepted) {
      const rater = await this.repo.addRater({
        organizationId: me.organizationId,
        cycleId,
        subjectId: subject.id,
        group: a.group,
        email: a.email,
        name: a.name,
        status: runs ? 'invited' : 'pending',
        identifiable: a.group === 'manager' && cycle.config.managerShownSeparately,
        nominatedBy: me.userId,
      });
      if (runs) await this.invite(cycle, rater);
    }
    const view = runs
      ? (await this.cycleView(me, cycleId)).subjects.find((s) => s.id === subject.id)
      : undefined;
    return {
      subject: view ?? { id: subject.id },
      nominated: accepted.length,
      load: load.load,
      warnAbove: load.warnAbove,
    };
  }

  async approve(actor: Actor, cycleId: string, subjectId: string, raterId: string) {
    const { me, cycle, subjects } = await this.cycleFor(actor, cycleId, 'feedback.manage');
    const subject = await this.subjectOf(subjects, subjectId);
    const rater = await this.repo.rater(me.organizationId, raterId);
    if (!rater || rater.subjectId !== subject.id) throw new NotFoundError('nomination', raterId);
    if (cycle.closedAt) throw new ConflictError('this cycle is closed', 'cycle_closed');
    if (await this.repo.approve(me.organizationId, raterId))
      await this.invite(cycle, { ...rater, status: 'invited' });
    return { id: raterId, approved: true };
  }

  /** Closes the cycle by hand; the reports become available. */
  async close(actor: Actor, cycleId: string) {
    const { me, cycle } = await this.cycleFor(actor, cycleId, 'feedback.manage');
    await this.repo.close(me.organizationId, cycle.id, 'hand', this.now());
    return publicCycle((await this.repo.cycle(me.organizationId, cycleId))!);
  }

  /**
   * Releases the reports before the deadline — only once every invited group of every subject has
   * reached its threshold of submitted forms; it closes the cycle, so results never change after.
   */
  async release(actor: Actor, cycleId: string) {
    const { me, cycle, subjects } = await this.cycleFor(actor, cycleId, 'feedback.manage');
    if (cycle.closedAt) return publicCycle(cycle);
    const progress = await this.repo.progress(me.organizationId, cycleId);
    const short: string[] = [];
    for (const subject of subjects) {
      for (const group of Object.keys(cycle.config.groups) as OtherGroup[]) {
        const submitted = progress
          .filter((p) => p.subjectId === subject.id && p.group === group && p.status === 'submitted')
          .reduce((a, p) => a + p.count, 0);
        const needed =
          group === 'manager' && cycle.config.managerShownSeparately ? 1 : cycle.config.threshold;
        if (submitted < needed) short.push(GROUP_LABELS[group].toLowerCase());
      }
    }
    if (short.length > 0)
      throw new ConflictError(
        `not every group has reached its threshold yet (${[...new Set(short)].join(', ')}); close the cycle instead, or wait`,
        'thresholds_not_reached',
      );
    await this.repo.close(me.organizationId, cycle.id, 'released', this.now());
    return publicCycle((await this.repo.cycle(me.organizationId, cycleId))!);
  }

  // ── the report ────────────────────────────────────────────────────────────────────────────

  /**
   * The report of one subject: 403 until the cycle is closed or released, and then only for the
   * subject and their assigned coach. Built through the anonymity rules; `selection` narrows it to
   * some shown groups and is refused when it would isolate a small group.
   */
  async report(
    actor: Actor,
    cycleId: string,
    subjectId: string,
    selection?: OtherGroup[],
  ): Promise<FeedbackReport> {
    const me = this.user(actor);
    const cycle = await this.repo.cycle(me.organizationId, cycleId);
    if (!cycle) throw new NotFoundError('cycle', cycleId);
    const subject = await this.subjectOf(await this.repo.subjects(me.organizationId, cycleId), subjectId);
    authorize(me, 'feedback.read-report', {
      type: 'feedback-report',
      organizationId: me.organizationId,
      userId: subject.userId,
      coachIds: await this.coaches.coachesOf(me.organizationId, subject.userId),
    });
    if (!cycle.closedAt)
      throw new ForbiddenError(
        'report-not-released',
        'the report is available once the cycle is closed or released',
      );
    const instrument = await loadInstrument(cycle.instrumentId);
    const person = await this.users.findById(subject.userId);
    return buildFeedbackReport({
      cycle: { id: cycle.id, title: cycle.title, closedAt: cycle.closedAt },
      subject: { id: subject.id, name: person?.name ?? '' },
      instrument,
      items: itemsInForm(instrument, cycle.form),
      rules: anonymityRules(cycle.config),
      questions: cycle.config.questions,
      submissions: await this.repo.submissionsForReport(me.organizationId, subject.id),
      selection,
      seed: createHash('sha256').update(`${cycle.id}/${subject.id}`).digest().readUInt32BE(0),
    });
  }

  // ── raters, by their private link ─────────────────────────────────────────────────────────

  private async byToken(token: string) {
    const found = await this.repo.raterByToken(hashToken(token), this.now());
    if (!found) linkNotFound();
    return found;
  }

  private async answering(token: string) {
    const found = await this.byToken(token);
    if (found.cycle.closedAt) throw new ConflictError('this feedback request is closed', 'cycle_closed');
    if (found.rater.status === 'pending') linkNotFound();
    return found;
  }

  private async formFor(cycle: Cycle, rater: Rater) {
    const instrument = await loadInstrument(cycle.instrumentId);
    const subject = (await this.repo.subjects(cycle.organizationId, cycle.id)).find(
      (s) => s.id === rater.subjectId,
    )!;
    const person = await this.users.findById(subject.userId);
    const name = person?.name ?? 'this person';
    const items = itemsInForm(instrument, cycle.form).map((item) => ({
      id: item.id,
      text:
        rater.group === 'self' ? item.self : item.observer.replaceAll('{name}', name.split(' ')[0] ?? name),
    }));
    return { instrument, name, items };
  }

  /** What a rater sees: the intro, the questions (observer wording) and their own saved answers. */
  async raterView(token: string) {
    const { rater, cycle } = await this.byToken(token);
    const { instrument, name, items } = await this.formFor(cycle, rater);
    const organization = await this.organizations.get(cycle.organizationId);
    const own = await this.repo.ownAnswers(cycle.organizationId, rater.id);
    return {
      cycleTitle: cycle.title,
      organizationName: organization?.name ?? '',
      subjectName: name,
      self: rater.group === 'self',
      group: rater.group,
      groupLabel: GROUP_LABELS[rater.group],
      deadline: cycle.deadline,
      open: cycle.closedAt === null && rater.status !== 'pending',
      status: rater.status,
      confidentiality: confidentialityText(rater, cycle, name),
      responseScale: instrument.responseScale,
      items,
      questions: cycle.config.questions,
      answers: rater.status === 'declined' ? {} : own.answers,
      comments: rater.status === 'declined' ? {} : own.comments,
    };
  }

  async saveAnswer(token: string, itemId: string, value: RatingValue) {
    const { rater, cycle } = await this.answering(token);
    const { instrument, items } = await this.formFor(cycle, rater);
    if (!items.some((i) => i.id === itemId)) throw new NotFoundError('item', itemId, 'not in this form');
    const { min, max } = instrument.responseScale;
    if (value !== 'not-observed' && !(Number.isInteger(value) && value >= min && value <= max))
      invalid([at('value', `value must be a whole number from ${min} to ${max}, or "not-observed"`)]);
    if (
      !(await this.repo.saveAnswer(
        cycle.organizationId,
        rater.id,
        itemId,
        value === 'not-observed' ? null : value,
      ))
    )
      throw new ConflictError('this form was already submitted or declined', 'rater_finished');
    return { itemId, value };
  }

  async saveComment(token: string, questionId: string, text: string) {
    const { rater, cycle } = await this.answering(token);
    if (!cycle.config.questions.some((q) => q.id === questionId))
      throw new NotFoundError('question', questionId);
    if (text.length > 4000) invalid([at('text', 'text must be at most 4000 characters')]);
    if (!(await this.repo.saveComment(cycle.organizationId, rater.id, questionId, text)))
      throw new ConflictError('this form was already submitted or declined', 'rater_finished');
    return { questionId, text };
  }

  async decline(token: string, reason: string | null) {
    const { rater, cycle } = await this.answering(token);
    if (rater.group === 'self')
      throw new ConflictError('you cannot decline your own self-rating', 'self_decline');
    if (!(await this.repo.decline(cycle.organizationId, rater.id, reason?.trim() || null)))
      throw new ConflictError('this form was already submitted', 'rater_finished');
    return { status: 'declined' as const };
  }

  /** Submits once per rater; the same answer for every retry (`Idempotency-Key`). */
  async submit(token: string, idempotencyKey: string) {
    const { rater, cycle } = await this.byToken(token);
    if (rater.status === 'declined') throw new ConflictError('this form was declined', 'rater_finished');
    if (rater.status !== 'submitted' && cycle.closedAt)
      throw new ConflictError('this feedback request is closed', 'cycle_closed');
    if (!/^[\w.:-]{8,200}$/.test(idempotencyKey))
      invalid([
        {
          code: 'invalid_header',
          message: 'the Idempotency-Key header must be 8 to 200 letters, digits or . _ : -',
          location: { kind: 'json', path: 'headers.idempotency-key' },
        },
      ]);
    return this.repo.submit(cycle.organizationId, rater.id, idempotencyKey);
  }

  // ── mail ──────────────────────────────────────────────────────────────────────────────────

  /** A fresh private link for a rater (≥ 128 bits; stored hashed; expires at the deadline). */
  async newLink(cycle: Cycle, rater: Rater): Promise<string> {
    const token = newToken();
    await this.repo.addLink(cycle.organizationId, rater.id, hashToken(token), cycle.deadline);
    return `${this.deps.baseUrl}/rate/${token}`;
  }

  private async mailInput(cycle: Cycle, rater: Rater) {
    const subject = (await this.repo.subjects(cycle.organizationId, cycle.id)).find(
      (s) => s.id === rater.subjectId,
    )!;
    const person = await this.users.findById(subject.userId);
    const organization = await this.organizations.get(cycle.organizationId);
    return {
      link: await this.newLink(cycle, rater),
      subjectName: person?.name ?? '',
      organizationName: organization?.name ?? '',
      deadline: cycle.deadline,
      self: rater.group === 'self',
      identifiable: rater.identifiable && rater.group === 'manager',
      threshold: cycle.config.threshold,
    };
  }

  private async invite(cycle: Cycle, rater: Rater) {
    const mail = raterInvitationMail(await this.mailInput(cycle, rater));
    await this.deps.mailer.send({ organizationId: cycle.organizationId, to: rater.email, ...mail });
  }

  /** Sends one reminder (with a fresh link) to a rater who has not finished. */
  async remind(cycle: Cycle, rater: Rater) {
    const mail = raterReminderMail(await this.mailInput(cycle, rater));
    await this.deps.mailer.send({ organizationId: cycle.organizationId, to: rater.email, ...mail });
  }
}

function confidentialityText(rater: Rater, cycle: Cycle, name: string): string {
  if (rater.group === 'self')
    return 'This is your own rating. The report sets it beside what others see; only you (and a coach assigned to you) read it.';
  if (rater.group === 'manager' && rater.identifiable)
    return `As ${name}'s manager, your ratings are shown on their own in the report, so ${name} will know they are yours. Your written comments are shown without your name.`;
  return `Your answers are confidential. ${name} sees ratings only as averages of at least ${cycle.config.threshold} people, never yours alone; a group too small to hide you is merged with others or left out. Comments are shown word for word, without your name, in random order. Nobody — not ${name}, not an administrator — can see which answers are yours.`;
}

/** A cycle's settings as shown to those who run it. */
function publicCycle(cycle: Cycle) {
  return {
    id: cycle.id,
    title: cycle.title,
    instrument: { id: cycle.instrumentId, version: cycle.instrumentVersion, form: cycle.form },
    deadline: cycle.deadline,
    createdAt: cycle.createdAt,
    closedAt: cycle.closedAt,
    closeReason: cycle.closeReason,
    groups: cycle.config.groups,
    includeSelf: cycle.config.includeSelf,
    threshold: cycle.config.threshold,
    commentThreshold: cycle.config.commentThreshold,
    managerShownSeparately: cycle.config.managerShownSeparately,
    reminderDays: cycle.config.reminderDays,
    questions: cycle.config.questions,
  };
}

export type { RaterGroup };
