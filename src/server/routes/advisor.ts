import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { AdvisorService } from '../../services/advisor.ts';
import { ErrorBody } from '../schemas.ts';

const TAGS = ['advisor'];
const Str = (max: number) => Type.String({ maxLength: max });

const Factor = Type.Object({
  id: Type.String(),
  name: Type.String(),
  question: Type.String(),
  labels: Type.Array(Type.String(), { description: 'One label per rating point, from min to max.' }),
  why: Type.String(),
});

const Catalog = Type.Object({
  rules: Type.Object({
    id: Type.String(),
    version: Type.String(),
    scale: Type.Object({ min: Type.Integer(), max: Type.Integer() }),
    factors: Type.Array(Factor),
  }),
  examples: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      description: Type.String(),
      factors: Type.Record(Type.String(), Type.Integer(), {
        description: 'The factors the example sets; the others are at the minimum.',
      }),
    }),
  ),
});

const AdviceBody = Type.Object(
  {
    example: Type.Optional(Str(100)),
    factors: Type.Optional(
      Type.Record(Str(64), Type.Integer(), {
        description:
          'Factor id → rating (rules.scale.min…max); overrides the example; unset factors are min.',
      }),
    ),
    useMyProfile: Type.Optional(
      Type.Boolean({
        description: 'Signed in: set the advice against your latest completed profile (default true).',
      }),
    ),
  },
  { additionalProperties: false },
);

const AdviceResponse = Type.Object({
  advice: Type.Unknown({
    description:
      'The advice (`Advice` in src/model/situation/types.ts, the same document as `fulcrum advise --json`): overall, contrasts, drivers, behaviours, fit.',
  }),
  profile: Type.Union([
    Type.Object({ assessmentId: Type.String(), completedAt: Type.String() }),
    Type.Null(),
  ]),
});

const PracticesQuery = Type.Object(
  {
    q: Type.Optional(Str(200)),
    scale: Type.Optional(Str(64)),
    size: Type.Optional(Str(64)),
    pole: Type.Optional(Str(64)),
  },
  { additionalProperties: false },
);

const Practices = Type.Object({
  version: Type.String(),
  practices: Type.Array(
    Type.Object({
      id: Type.String(),
      scale: Type.String(),
      pole: Type.String(),
      contrast: Type.Optional(Type.String()),
      title: Type.String(),
      what: Type.String(),
      cadence: Type.String(),
      time: Type.String(),
      signs: Type.String(),
      size: Type.String(),
    }),
  ),
  scales: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), pole: Type.String() })),
});

/**
 * The situational advisor and the practice library over HTTP. Public: anyone may ask; a signed-in
 * caller's advice is set against their own latest profile. Thin: the work is in AdvisorService.
 */
export const advisorRoutes: FastifyPluginAsyncTypebox<{ advisor: AdvisorService }> = async (
  app,
  { advisor },
) => {
  app.get(
    '/api/advisor',
    {
      schema: {
        tags: TAGS,
        summary: 'The advisor: its factors (questions and rating labels) and the named example situations',
        response: { 200: Catalog },
      },
    },
    async () => advisor.catalog(),
  );

  app.post(
    '/api/advice',
    {
      schema: {
        tags: TAGS,
        summary: 'Advice on a situation: when to lead and when to manage, why, and what to do this week',
        body: AdviceBody,
        response: { 200: AdviceResponse, 400: ErrorBody },
      },
    },
    async (request) => advisor.advise(request.principal.actor, request.body),
  );

  app.get(
    '/api/practices',
    {
      schema: {
        tags: TAGS,
        summary: 'The practice library, filtered by words, scale, size (habit, routine, project) and pole',
        querystring: PracticesQuery,
        response: { 200: Practices, 400: ErrorBody },
      },
    },
    async (request) => advisor.practices(request.query),
  );
};
