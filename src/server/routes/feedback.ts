import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { InvalidInputError } from '../../model/errors/index.ts';
import { OTHER_GROUPS, type OtherGroup } from '../../model/feedback/anonymity.ts';
import { feedbackReportCsv } from '../../reports/feedback/csv.ts';
import { renderFeedbackReportPdf } from '../../reports/feedback/pdf.tsx';
import { feedbackReportFilename } from '../../reports/feedback/wording.ts';
import type { FeedbackService } from '../../services/feedback.ts';

const TAGS = ['360° feedback'];
const Str = (max = 1024) => Type.String({ maxLength: max });
const Id = Str(64);
const Body = <T extends Parameters<typeof Type.Object>[0]>(props: T) =>
  Type.Object(props, { additionalProperties: false });
const Group = Type.Union(OTHER_GROUPS.map((g) => Type.Literal(g)));
const GroupLimits = Type.Object(
  { min: Type.Integer(), max: Type.Integer() },
  { additionalProperties: false },
);
const CycleParams = Type.Object({ cycleId: Id });
const SubjectParams = Type.Object({ cycleId: Id, subjectId: Id });
const TokenParams = Type.Object({ token: Str(200) });
const ReportQuery = Type.Object({ groups: Type.Optional(Str(200)) }, { additionalProperties: false });

/** `?groups=peers,others` → the selection; an unknown group is a 400 naming `query.groups`. */
function selection(groups: string | undefined): OtherGroup[] | undefined {
  if (groups === undefined) return undefined;
  const list = groups.split(',').map((g) => g.trim());
  const bad = list.filter((g) => !(OTHER_GROUPS as readonly string[]).includes(g));
  if (bad.length > 0 || list.length === 0) {
    throw new InvalidInputError([
      {
        code: 'invalid_field',
        message: `query.groups must list rater groups (${OTHER_GROUPS.join(', ')}); not: ${bad.join(', ')}`,
        location: { kind: 'json', path: 'query.groups' },
      },
    ]);
  }
  return list as OtherGroup[];
}

/**
 * 360° feedback over HTTP: cycles for those who run them, nominations, the report (JSON, PDF, CSV;
 * 403 until the cycle is closed), and the rater's form behind their private link (`/api/rate/:token`).
 * Thin: every decision is in FeedbackService and the policy.
 */
export const feedbackRoutes: FastifyPluginAsyncTypebox<{
  feedback: FeedbackService;
  baseUrl: string;
}> = async (app, { feedback, baseUrl }) => {
  app.get(
    '/api/cycles',
    { schema: { tags: TAGS, summary: 'Cycles I run and cycles about me' } },
    async (request) => feedback.listCycles(request.principal.actor),
  );

  app.post(
    '/api/cycles',
    {
      schema: {
        tags: TAGS,
        summary: 'Open a 360° cycle for one or more people',
        body: Body({
          title: Str(200),
          subjectUserIds: Type.Array(Id, { maxItems: 200 }),
          deadline: Str(40),
          instrumentId: Type.Optional(Str(100)),
          groups: Type.Record(Type.String(), GroupLimits),
          includeSelf: Type.Optional(Type.Boolean()),
          threshold: Type.Optional(Type.Integer()),
          commentThreshold: Type.Optional(Type.Integer()),
          managerShownSeparately: Type.Optional(Type.Boolean()),
          reminderDays: Type.Optional(Type.Array(Type.Integer(), { maxItems: 5 })),
          questions: Type.Optional(Type.Array(Str(300), { maxItems: 2 })),
        }),
      },
    },
    async (request, reply) => {
      reply.code(201);
      return feedback.openCycle(request.principal.actor, request.body);
    },
  );

  app.get(
    '/api/cycles/rater-load',
    {
      schema: {
        tags: TAGS,
        summary: 'Open 360° requests per e-mail address (to spread the load)',
        querystring: Type.Object({ emails: Str(4000) }, { additionalProperties: false }),
      },
    },
    async (request) =>
      feedback.raterLoad(
        request.principal.actor,
        request.query.emails
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean)
          .slice(0, 50),
      ),
  );

  app.get(
    '/api/cycles/:cycleId',
    {
      schema: {
        tags: TAGS,
        summary: 'A cycle: settings, nominations and progress counts per group',
        params: CycleParams,
      },
    },
    async (request) => feedback.cycleView(request.principal.actor, request.params.cycleId),
  );

  app.post(
    '/api/cycles/:cycleId/subjects/:subjectId/raters',
    {
      schema: {
        tags: TAGS,
        summary: 'Nominate raters by e-mail (a subject may nominate peers, subject to approval)',
        params: SubjectParams,
        body: Body({
          raters: Type.Array(Body({ email: Str(320), name: Type.Optional(Str(200)), group: Group }), {
            maxItems: 50,
          }),
        }),
      },
    },
    async (request) =>
      feedback.nominate(
        request.principal.actor,
        request.params.cycleId,
        request.params.subjectId,
        request.body,
      ),
  );

  app.post(
    '/api/cycles/:cycleId/subjects/:subjectId/raters/:raterId/approve',
    {
      schema: {
        tags: TAGS,
        summary: 'Approve a nomination made by the subject',
        params: Type.Object({ cycleId: Id, subjectId: Id, raterId: Id }),
      },
    },
    async (request) =>
      feedback.approve(
        request.principal.actor,
        request.params.cycleId,
        request.params.subjectId,
        request.params.raterId,
      ),
  );

  app.post(
    '/api/cycles/:cycleId/close',
    { schema: { tags: TAGS, summary: 'Close the cycle now; reports become available', params: CycleParams } },
    async (request) => feedback.close(request.principal.actor, request.params.cycleId),
  );

  app.post(
    '/api/cycles/:cycleId/release',
    {
      schema: {
        tags: TAGS,
        summary: 'Release reports early, once every group has reached its threshold (closes the cycle)',
        params: CycleParams,
      },
    },
    async (request) => feedback.release(request.principal.actor, request.params.cycleId),
  );

  const report = {
    tags: TAGS,
    params: SubjectParams,
    querystring: ReportQuery,
  };
  app.get(
    '/api/cycles/:cycleId/subjects/:subjectId/report',
    { schema: { ...report, summary: 'The subject’s 360° report (403 until the cycle is closed)' } },
    async (request) =>
      feedback.report(
        request.principal.actor,
        request.params.cycleId,
        request.params.subjectId,
        selection(request.query.groups),
      ),
  );

  app.get(
    '/api/cycles/:cycleId/subjects/:subjectId/report.pdf',
    { schema: { ...report, summary: 'The report as PDF' } },
    async (request, reply) => {
      const data = await feedback.report(
        request.principal.actor,
        request.params.cycleId,
        request.params.subjectId,
        selection(request.query.groups),
      );
      const bytes = await renderFeedbackReportPdf(data, { baseUrl });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${feedbackReportFilename(data, 'pdf')}"`)
        .send(Buffer.from(bytes));
    },
  );

  app.get(
    '/api/cycles/:cycleId/subjects/:subjectId/report.csv',
    { schema: { ...report, summary: 'The report’s aggregated results as CSV (never individual answers)' } },
    async (request, reply) => {
      const data = await feedback.report(
        request.principal.actor,
        request.params.cycleId,
        request.params.subjectId,
        selection(request.query.groups),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${feedbackReportFilename(data, 'csv')}"`)
        .send(feedbackReportCsv(data));
    },
  );

  // ── the rater's form, by private link ──
  app.get(
    '/api/rate/:token',
    {
      schema: {
        tags: TAGS,
        summary: 'A rater’s form: intro, questions and their own saved answers',
        params: TokenParams,
      },
    },
    async (request) => feedback.raterView(request.params.token),
  );

  app.put(
    '/api/rate/:token/answers/:itemId',
    {
      schema: {
        tags: TAGS,
        summary: 'Autosave one rating (or "not-observed")',
        params: Type.Object({ token: Str(200), itemId: Str(64) }),
        body: Body({ value: Type.Union([Type.Integer(), Type.Literal('not-observed')]) }),
      },
    },
    async (request) => feedback.saveAnswer(request.params.token, request.params.itemId, request.body.value),
  );

  app.put(
    '/api/rate/:token/comments/:questionId',
    {
      schema: {
        tags: TAGS,
        summary: 'Autosave one open answer',
        params: Type.Object({ token: Str(200), questionId: Str(16) }),
        body: Body({ text: Str(4000) }),
      },
    },
    async (request) =>
      feedback.saveComment(request.params.token, request.params.questionId, request.body.text),
  );

  app.post(
    '/api/rate/:token/decline',
    {
      schema: {
        tags: TAGS,
        summary: 'Decline to give feedback (optional reason)',
        params: TokenParams,
        body: Type.Optional(Body({ reason: Type.Optional(Str(1000)) })),
      },
    },
    async (request) => feedback.decline(request.params.token, request.body?.reason ?? null),
  );

  app.post(
    '/api/rate/:token/submit',
    {
      schema: {
        tags: TAGS,
        summary: 'Submit (idempotent: send an Idempotency-Key header; a retry gets the same answer)',
        params: TokenParams,
        headers: Type.Object({ 'idempotency-key': Str(200) }),
      },
    },
    async (request) => feedback.submit(request.params.token, request.headers['idempotency-key']),
  );
};
