import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { preHandlerAsyncHookHandler } from 'fastify';
import { NotFoundError } from '../../model/errors/index.ts';
import type { Form } from '../../model/scoring/form.ts';
import type { AssessmentService } from '../../services/assessments.ts';
import { formInstrument } from '../present.ts';
import { Answers, ErrorBody, FormInstrument, FormName, ItemId, Profile, Token } from '../schemas.ts';

const State = Type.Object({
  id: Type.String({ description: 'Internal id; every route addresses the assessment by its token instead.' }),
  form: FormName,
  status: Type.String({ enum: ['in_progress', 'completed'] }),
  answers: Answers,
  completedAt: Type.Union([Type.String(), Type.Null()]),
  instrument: FormInstrument,
});

const Started = Type.Object({ ...State.properties, resumeToken: Token });

const Saved = Type.Object({ itemId: Type.String(), value: Type.Union([Type.Integer(), Type.Null()]) });

const Result = Type.Object({
  form: FormName,
  completedAt: Type.Union([Type.String(), Type.Null()]),
  answers: Answers,
  profile: Profile,
});

const TokenParams = Type.Object({ token: Token });
const AnswerParams = Type.Object({ token: Token, itemId: ItemId });
const TAGS = ['assessments'];

/**
 * Anonymous self-assessments. The private resume token is the only credential: every route that reads
 * or writes an assessment is addressed by it, and only that one assessment is ever returned.
 */
export const assessmentRoutes: FastifyPluginAsyncTypebox<{
  service: AssessmentService;
  /** Guards starting an assessment without an account (a limit per client address). */
  startLimit?: preHandlerAsyncHookHandler;
}> = async (app, { service, startLimit }) => {
  app.post(
    '/api/assessments',
    {
      ...(startLimit ? { preHandler: startLimit } : {}),
      schema: {
        tags: TAGS,
        summary: 'Start an assessment',
        body: Type.Object(
          { form: Type.Optional(FormName) },
          { additionalProperties: false, description: 'short ≈ 30 questions; full = all 70' },
        ),
        response: { 201: Started, 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const form: Form = request.body?.form ?? 'short';
      const { assessment, resumeToken, instrument } = await service.start({ form, source: 'web' });
      return reply.status(201).send({
        id: assessment.id,
        resumeToken,
        form: assessment.form,
        status: assessment.status,
        answers: {},
        completedAt: null,
        instrument: formInstrument(instrument, assessment.form),
      });
    },
  );

  app.get(
    '/api/assessments/resume/:token',
    {
      schema: {
        tags: TAGS,
        summary: 'Resume an assessment: its form, answers so far and questions',
        params: TokenParams,
        response: { 200: State, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { assessment, instrument, answers } = await service.resume(request.params.token);
      return {
        id: assessment.id,
        form: assessment.form,
        status: assessment.status,
        answers,
        completedAt: assessment.completedAt,
        instrument: formInstrument(instrument, assessment.form),
      };
    },
  );

  app.put(
    '/api/assessments/:token/answers/:itemId',
    {
      schema: {
        tags: TAGS,
        summary: 'Save one answer (autosave); null clears it',
        params: AnswerParams,
        body: Type.Object(
          { value: Type.Union([Type.Integer(), Type.Null()]) },
          { additionalProperties: false },
        ),
        response: { 200: Saved, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { token, itemId } = request.params;
      await service.answerByToken(token, itemId, request.body.value);
      return { itemId, value: request.body.value };
    },
  );

  app.delete(
    '/api/assessments/:token/answers/:itemId',
    {
      schema: {
        tags: TAGS,
        summary: 'Clear one answer',
        params: AnswerParams,
        response: { 200: Saved, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { token, itemId } = request.params;
      await service.answerByToken(token, itemId, null);
      return { itemId, value: null };
    },
  );

  app.post(
    '/api/assessments/:token/finish',
    {
      schema: {
        tags: TAGS,
        summary: 'Score the answers into a profile and complete the assessment (idempotent)',
        params: TokenParams,
        response: { 200: Result, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { token } = request.params;
      const { assessment, profile } = await service.finishByToken(token);
      const { answers } = await service.resume(token);
      return { form: assessment.form, completedAt: assessment.completedAt, answers, profile };
    },
  );

  app.get(
    '/api/assessments/:token/profile',
    {
      schema: {
        tags: TAGS,
        summary: 'The profile of a completed assessment, with the answers it was computed from',
        params: TokenParams,
        response: { 200: Result, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { assessment, answers } = await service.resume(request.params.token);
      if (assessment.status !== 'completed' || !assessment.profile) {
        throw new NotFoundError('profile', 'for this link', 'finish the assessment first');
      }
      return {
        form: assessment.form,
        completedAt: assessment.completedAt,
        answers,
        profile: assessment.profile,
      };
    },
  );
};
