import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { PlanService } from '../../services/plans.ts';

const TAGS = ['Development plans'];
const Str = (max = 1024) => Type.String({ maxLength: max });
const Id = Str(64);
const Body = <T extends Parameters<typeof Type.Object>[0]>(props: T) =>
  Type.Object(props, { additionalProperties: false });
const Situation = Type.Object(
  { example: Type.Optional(Str(100)), factors: Type.Optional(Type.Record(Type.String(), Type.Unknown())) },
  { additionalProperties: true },
);
// actions are read field by field in PlanService, which names each bad field (`actions[1].dueDate`)
const ActionInput = Type.Record(Type.String(), Type.Unknown());
const PlanParams = Type.Object({ planId: Id });
const ActionParams = Type.Object({ planId: Id, actionId: Id });

/**
 * Development plans over HTTP: suggestions, plans, actions, check-ins, sharing, the calendar feed
 * (`/api/calendar/:token`, public: the token is the key) and the growth view. Thin: every decision
 * is in PlanService and the policy.
 */
export const planRoutes: FastifyPluginAsyncTypebox<{ plans: PlanService }> = async (app, { plans }) => {
  app.post(
    '/api/plans/suggestions',
    {
      schema: {
        tags: TAGS,
        summary: 'Suggested focus areas (1–3, each with a reason) from my latest profile and my situation',
        body: Body({ situation: Type.Optional(Situation) }),
      },
    },
    async (request) => plans.suggest(request.principal.actor, request.body),
  );

  app.get(
    '/api/plans',
    { schema: { tags: TAGS, summary: 'My plans, and the plans others share with me' } },
    async (request) => plans.list(request.principal.actor),
  );

  app.get(
    '/api/plans/share-suggestions',
    { schema: { tags: TAGS, summary: 'People I might share a plan with (my coaches)' } },
    async (request) => plans.shareSuggestions(request.principal.actor),
  );

  app.post(
    '/api/plans',
    {
      schema: {
        tags: TAGS,
        summary: 'Create a plan from chosen focus areas, with its first actions',
        body: Body({
          title: Type.Optional(Str(300)),
          focusAreas: Type.Array(Str(100), { maxItems: 10 }),
          situation: Type.Optional(Situation),
          checkInCadence: Type.Optional(Str(20)),
          reassessAfterDays: Type.Optional(Type.Integer()),
          actions: Type.Optional(Type.Array(ActionInput, { maxItems: 50 })),
        }),
      },
    },
    async (request, reply) => {
      reply.code(201);
      return plans.create(request.principal.actor, request.body);
    },
  );

  app.get(
    '/api/plans/:planId',
    {
      schema: { tags: TAGS, summary: 'A plan with its actions, check-ins and schedule', params: PlanParams },
    },
    async (request) => plans.get(request.principal.actor, request.params.planId),
  );

  app.patch(
    '/api/plans/:planId',
    {
      schema: {
        tags: TAGS,
        summary: 'Rename, archive, or change the check-in cadence or re-assessment date',
        params: PlanParams,
        body: Body({
          title: Type.Optional(Str(300)),
          status: Type.Optional(Str(20)),
          checkInCadence: Type.Optional(Str(20)),
          reassessOn: Type.Optional(Str(20)),
        }),
      },
    },
    async (request) => plans.update(request.principal.actor, request.params.planId, request.body),
  );

  app.delete(
    '/api/plans/:planId',
    { schema: { tags: TAGS, summary: 'Delete a plan', params: PlanParams } },
    async (request, reply) => {
      await plans.remove(request.principal.actor, request.params.planId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/plans/:planId/actions',
    {
      schema: {
        tags: TAGS,
        summary:
          'Add an action: { practiceId } from the library, or { scale, title } with a cadence or due date',
        params: PlanParams,
        body: ActionInput,
      },
    },
    async (request, reply) => {
      reply.code(201);
      return plans.addAction(request.principal.actor, request.params.planId, request.body);
    },
  );

  app.patch(
    '/api/plans/:planId/actions/:actionId',
    {
      schema: {
        tags: TAGS,
        summary: 'Change an action (title, cadence, due date, status, partner)',
        params: ActionParams,
        body: ActionInput,
      },
    },
    async (request) =>
      plans.updateAction(
        request.principal.actor,
        request.params.planId,
        request.params.actionId,
        request.body,
      ),
  );

  app.delete(
    '/api/plans/:planId/actions/:actionId',
    { schema: { tags: TAGS, summary: 'Remove an action', params: ActionParams } },
    async (request, reply) => {
      await plans.removeAction(request.principal.actor, request.params.planId, request.params.actionId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/plans/:planId/check-ins',
    {
      schema: {
        tags: TAGS,
        summary: 'Record a check-in: progress on each action and a short reflection',
        params: PlanParams,
        body: Body({
          progress: Type.Array(Type.Record(Type.String(), Type.Unknown()), { maxItems: 50 }),
          reflection: Type.Optional(Str(5000)),
        }),
      },
    },
    async (request, reply) => {
      reply.code(201);
      return plans.checkIn(request.principal.actor, request.params.planId, request.body);
    },
  );

  app.post(
    '/api/plans/:planId/shares',
    {
      schema: {
        tags: TAGS,
        summary: 'Share the plan (read only) with my manager or coach, by e-mail',
        params: PlanParams,
        body: Body({ email: Str(320) }),
      },
    },
    async (request) => plans.share(request.principal.actor, request.params.planId, request.body),
  );

  app.delete(
    '/api/plans/:planId/shares/:userId',
    {
      schema: {
        tags: TAGS,
        summary: 'Stop sharing the plan with someone',
        params: Type.Object({ planId: Id, userId: Id }),
      },
    },
    async (request) => plans.unshare(request.principal.actor, request.params.planId, request.params.userId),
  );

  app.post(
    '/api/plans/:planId/calendar',
    {
      schema: {
        tags: TAGS,
        summary: 'Turn on (or renew) the private calendar feed; the URL is shown once',
        params: PlanParams,
      },
    },
    async (request) => plans.enableCalendar(request.principal.actor, request.params.planId),
  );

  app.delete(
    '/api/plans/:planId/calendar',
    { schema: { tags: TAGS, summary: 'Turn the calendar feed off', params: PlanParams } },
    async (request, reply) => {
      await plans.disableCalendar(request.principal.actor, request.params.planId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/calendar/:token',
    {
      schema: {
        tags: TAGS,
        summary: 'A plan’s check-in dates as an iCalendar feed (the private token is the key)',
        params: Type.Object({ token: Str(200) }),
      },
    },
    async (request, reply) => {
      const ics = await plans.calendar(request.params.token.replace(/\.ics$/, ''));
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="fulcrum-plan.ics"')
        .header('cache-control', 'private, no-store')
        .send(ics);
    },
  );

  app.get(
    '/api/me/growth',
    {
      schema: {
        tags: TAGS,
        summary: 'My scales over time, each change marked real (|RCI| > 1.96) or within measurement error',
      },
    },
    async (request) => plans.growth(request.principal.actor),
  );
};
