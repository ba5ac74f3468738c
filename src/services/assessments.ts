import { loadInstrument } from '../catalog/instruments.ts';
import { InvalidInputError, NotFoundError } from '../model/errors/index.ts';
import type { Instrument } from '../model/instrument/types.ts';
import { buildProfile, type Profile } from '../model/profile/build-profile.ts';
import { type Form, itemsInForm, minAnswered } from '../model/scoring/form.ts';
import { checkAnswer } from '../model/scoring/scorer.ts';
import type { Store } from '../store/database.ts';
import {
  type Assessment,
  AssessmentRepository,
  type AssessmentSource,
} from '../store/repositories/assessments.ts';
import { InstrumentRepository } from '../store/repositories/instruments.ts';
import { AnswerWriter } from './answer-writer.ts';
import { hashToken, newToken } from './tokens.ts';

export const DEFAULT_INSTRUMENT = 'lead-manage';

export interface AssessmentState {
  assessment: Assessment;
  instrument: Instrument;
  answers: Record<string, number>;
}

/**
 * Taking a self-assessment, shared by the web app and the terminal: start, answer (each answer is
 * stored at once), resume by private token, finish into a profile. Validation happens here, so every
 * client gets the same errors and nothing invalid reaches the store.
 *
 * @example
 * const service = new AssessmentService(store);
 * const { assessment, resumeToken } = await service.start({ form: 'short', source: 'web' });
 * await service.answer(assessment.id, 'PE2', 4);
 */
export class AssessmentService {
  private readonly assessments: AssessmentRepository;
  private readonly instruments: InstrumentRepository;
  /** Stored instrument versions are immutable, so each id@version is read from the store once. */
  private readonly instrumentCache = new Map<string, Promise<Instrument>>();
  private readonly writer: AnswerWriter;
  /**
   * Token hash → what never changes about an assessment (id, form, instrument), so autosave needs no
   * lookup. Status is not cached: the write itself checks it. Bounded; oldest entries leave first.
   */
  private readonly refs = new Map<string, AssessmentRef>();

  constructor(store: Store) {
    this.assessments = new AssessmentRepository(store);
    this.instruments = new InstrumentRepository(store);
    this.writer = new AnswerWriter(store);
  }

  async start(input: { instrumentId?: string; form: Form; source: AssessmentSource }) {
    const instrument = await loadInstrument(input.instrumentId ?? DEFAULT_INSTRUMENT);
    await this.instruments.ensure(instrument);
    const resumeToken = newToken();
    const assessment = await this.assessments.create({
      instrument,
      form: input.form,
      source: input.source,
      resumeTokenHash: hashToken(resumeToken),
    });
    return { assessment, resumeToken, instrument };
  }

  /** The assessment behind a resume token, with its instrument and answers so far. */
  async resume(resumeToken: string): Promise<AssessmentState> {
    const assessment = await this.assessments.findByResumeTokenHash(hashToken(resumeToken));
    if (!assessment) throw new NotFoundError('assessment', 'for this link', 'the link may be mistyped');
    return this.state(assessment);
  }

  async get(id: string): Promise<AssessmentState> {
    const assessment = await this.assessments.findById(id);
    if (!assessment) throw new NotFoundError('assessment', id);
    return this.state(assessment);
  }

  /** The newest unfinished assessment from `source`, if any (the terminal offers to resume it). */
  async latestInProgress(source: AssessmentSource): Promise<AssessmentState | undefined> {
    const assessment = await this.assessments.latestInProgress(source);
    return assessment ? this.state(assessment) : undefined;
  }

  /** Stores one answer, or clears it when `value` is null. Rejects items outside the form and values off the scale. */
  async answer(id: string, itemId: string, value: number | null): Promise<void> {
    const assessment = await this.assessments.findById(id);
    if (!assessment) throw new NotFoundError('assessment', id);
    await this.applyAnswer(assessment, itemId, value);
  }

  /**
   * `answer` addressed by the private resume token (the web app's autosave). After the first call
   * for a token this is validation in memory plus one conditional upsert: one commit per answer.
   */
  async answerByToken(resumeToken: string, itemId: string, value: number | null): Promise<void> {
    const hash = hashToken(resumeToken);
    const ref = this.refs.get(hash);
    if (!ref || value === null) {
      const assessment = await this.byToken(resumeToken);
      await this.applyAnswer(assessment, itemId, value);
      if (assessment.status === 'in_progress') this.remember(hash, assessment);
      return;
    }
    const instrument = await this.instrumentOf(ref);
    checkItemAndValue(instrument, ref.form, itemId, value);
    const now = new Date();
    const written = await this.writer.upsertIfOpen(ref.id, itemId, value, toIso(now));
    if (!written) {
      // Finished (or deleted) since it was cached: take the slow path, which says why.
      this.refs.delete(hash);
      return this.answerByToken(resumeToken, itemId, value);
    }
    if (now.getTime() - ref.touchedAt > TOUCH_EVERY_MS) {
      ref.touchedAt = now.getTime();
      await this.writer.touch(ref.id, toIso(now));
    }
  }

  private remember(hash: string, assessment: Assessment): void {
    if (this.refs.size >= MAX_REFS) this.refs.delete(this.refs.keys().next().value!);
    this.refs.set(hash, {
      id: assessment.id,
      form: assessment.form,
      instrumentId: assessment.instrumentId,
      instrumentVersion: assessment.instrumentVersion,
      touchedAt: Date.now(),
    });
  }

  /** `finish` addressed by the private resume token. */
  async finishByToken(resumeToken: string): Promise<{ assessment: Assessment; profile: Profile }> {
    return this.finish((await this.byToken(resumeToken)).id);
  }

  private async byToken(resumeToken: string): Promise<Assessment> {
    const assessment = await this.assessments.findByResumeTokenHash(hashToken(resumeToken));
    if (!assessment) throw new NotFoundError('assessment', 'for this link', 'the link may be mistyped');
    return assessment;
  }

  private async applyAnswer(assessment: Assessment, itemId: string, value: number | null): Promise<void> {
    const instrument = await this.instrumentOf(assessment);
    if (assessment.status === 'completed') {
      throw new InvalidInputError([
        { code: 'completed', message: 'this assessment is finished; start a new one to answer again' },
      ]);
    }
    checkItemAndValue(instrument, assessment.form, itemId, value);
    if (value === null) return this.assessments.removeAnswer(assessment.id, itemId);
    await this.assessments.saveAnswer(assessment.id, itemId, value);
  }

  /** Scores the answers into a profile and marks the assessment completed. Every scale needs ⌈2/3⌉ of its items. */
  async finish(id: string): Promise<{ assessment: Assessment; profile: Profile }> {
    const { assessment, instrument, answers } = await this.get(id);
    if (assessment.status === 'completed' && assessment.profile)
      return { assessment, profile: assessment.profile };
    const missing = missingForScoring(instrument, assessment.form, answers);
    if (missing.length > 0) {
      throw new InvalidInputError(
        missing.map((m) => ({
          code: 'too_few_answers',
          message: `${m.name}: ${m.answered} of ${m.items} answered; at least ${m.needed} are needed`,
        })),
      );
    }
    const profile = buildProfile(instrument, answers, assessment.form);
    return { assessment: await this.assessments.complete(id, profile), profile };
  }

  private async state(assessment: Assessment): Promise<AssessmentState> {
    const [instrument, answers] = await Promise.all([
      this.instrumentOf(assessment),
      this.assessments.answers(assessment.id),
    ]);
    return { assessment, instrument, answers };
  }

  private instrumentOf(
    assessment: Pick<Assessment, 'instrumentId' | 'instrumentVersion'>,
  ): Promise<Instrument> {
    const key = `${assessment.instrumentId}@${assessment.instrumentVersion}`;
    let cached = this.instrumentCache.get(key);
    if (!cached) {
      cached = (async () =>
        (await this.instruments.get(assessment.instrumentId, assessment.instrumentVersion)) ??
        (await loadInstrument(assessment.instrumentId)))();
      cached.catch(() => this.instrumentCache.delete(key));
      this.instrumentCache.set(key, cached);
    }
    return cached;
  }
}

interface AssessmentRef {
  id: string;
  form: Form;
  instrumentId: string;
  instrumentVersion: string;
  touchedAt: number;
}

const MAX_REFS = 10_000;
/** How stale `updated_at` may get while answers keep arriving. */
const TOUCH_EVERY_MS = 60_000;
const toIso = (date: Date) => date.toISOString();

/** Throws when the item is not in the form or the value is off the response scale (null clears, always valid). */
function checkItemAndValue(instrument: Instrument, form: Form, itemId: string, value: number | null): void {
  if (!itemsInForm(instrument, form).some((item) => item.id === itemId)) {
    throw new InvalidInputError([
      {
        code: 'unknown_item',
        message: `unknown item "${itemId}" for the ${form} form`,
        location: { kind: 'json', path: 'itemId' },
      },
    ]);
  }
  if (value === null) return;
  const problem = checkAnswer(instrument, value);
  if (problem)
    throw new InvalidInputError([
      { code: 'bad_value', message: `value ${problem}`, location: { kind: 'json', path: 'value' } },
    ]);
}

/** Scales that do not yet have enough answers to be scored. */
export function missingForScoring(instrument: Instrument, form: Form, answers: Record<string, number>) {
  const items = itemsInForm(instrument, form);
  return instrument.scales.flatMap((scale) => {
    const own = items.filter((item) => item.scale === scale.id);
    const answered = own.filter((item) => answers[item.id] !== undefined).length;
    const needed = minAnswered(own.length);
    return answered < needed
      ? [{ scale: scale.id, name: scale.name, answered, items: own.length, needed }]
      : [];
  });
}
