import { Type } from '@fastify/type-provider-typebox';

/**
 * Shared JSON shapes of the HTTP API (TypeBox → JSON Schema → OpenAPI). Response schemas also drive
 * Fastify's serializer, so a field that is not declared here never leaves the server.
 */

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. `invalid_input`, `not_found`.' }),
      message: Type.String(),
      problems: Type.Array(
        Type.Object({
          path: Type.String({ description: 'The field at fault: `value`, `itemId`, `form`, `body`, …' }),
          code: Type.String(),
          message: Type.String(),
        }),
      ),
    }),
  },
  { description: 'Every 4xx/5xx answer of the API has this shape.' },
);

export const errorResponses = { 400: ErrorBody, 404: ErrorBody };

export const Token = Type.String({
  pattern: '^[A-Za-z0-9_-]{16,128}$',
  description:
    'The private resume token (256 bits, base64url). It is the only credential of an anonymous assessment.',
});

export const ItemId = Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' });

export const FormName = Type.Union([Type.Literal('short'), Type.Literal('full')]);

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const ResponseScale = Type.Object({
  min: Type.Integer(),
  max: Type.Integer(),
  labels: Type.Array(Type.String()),
});

/** The instrument as a respondent sees it: only the items of their form, in self wording, in presentation order. */
export const FormInstrument = Type.Object({
  id: Type.String(),
  version: Type.String(),
  title: Type.String(),
  description: Type.String(),
  responseScale: ResponseScale,
  scales: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      pole: Type.String(),
      contrast: Type.Optional(Type.String()),
      description: Type.String(),
    }),
  ),
  items: Type.Array(Type.Object({ id: Type.String(), scale: Type.String(), text: Type.String() })),
});

export const Answers = Type.Record(Type.String(), Type.Integer(), {
  description: 'Item id → chosen value on the response scale.',
});

const Tilt = Nullable(Type.String({ enum: ['lead', 'manage', 'even'] }));

export const Profile = Type.Object({
  instrument: Type.Object({ id: Type.String(), version: Type.String() }),
  form: FormName,
  scales: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      pole: Type.String(),
      contrast: Type.Optional(Type.String()),
      mean: Nullable(Type.Number()),
      score: Nullable(Type.Number()),
      answered: Type.Integer(),
      items: Type.Integer(),
      sem: Nullable(Type.Number()),
      band: Nullable(Type.Array(Type.Number())),
      level: Nullable(Type.String()),
      interpretation: Type.String(),
    }),
  ),
  lead: Nullable(Type.Number()),
  manage: Nullable(Type.Number()),
  leadSem: Nullable(Type.Number()),
  manageSem: Nullable(Type.Number()),
  contrasts: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      lead: Type.Object({ scale: Type.String(), score: Nullable(Type.Number()) }),
      manage: Type.Object({ scale: Type.String(), score: Nullable(Type.Number()) }),
      difference: Nullable(Type.Number()),
      se: Nullable(Type.Number()),
      tilt: Tilt,
      interpretation: Type.String(),
    }),
  ),
  quadrant: Nullable(Type.Object({ id: Type.String(), name: Type.String(), meaning: Type.String() })),
  balance: Type.Object({
    difference: Nullable(Type.Number()),
    se: Nullable(Type.Number()),
    tilt: Tilt,
    statement: Type.String(),
  }),
  strengths: Type.Array(Type.Object({ scale: Type.String(), name: Type.String(), score: Type.Number() })),
  risks: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), text: Type.String() })),
  focusNext: Type.Array(Type.Object({ scale: Type.String(), name: Type.String(), reason: Type.String() })),
  note: Type.String(),
});

/** The full instrument definition (public: Fulcrum is open source). */
export const Instrument = Type.Object({
  id: Type.String(),
  version: Type.String(),
  title: Type.String(),
  description: Type.String(),
  responseScale: ResponseScale,
  scales: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      pole: Type.String(),
      contrast: Type.Optional(Type.String()),
      description: Type.String(),
      high: Type.String(),
      low: Type.String(),
    }),
  ),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      scale: Type.String(),
      reverse: Type.Boolean(),
      self: Type.String(),
      observer: Type.String(),
      short: Type.Boolean(),
    }),
  ),
});
