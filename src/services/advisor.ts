import { loadInstrumentSync } from '../catalog/instruments.ts';
import { builtinPractices } from '../catalog/practices.ts';
import { builtinAdvisor } from '../catalog/situations.ts';
import type { Actor } from '../model/access/policy.ts';
import { InvalidInputError, type Problem } from '../model/errors/index.ts';
import type { Pole } from '../model/instrument/types.ts';
import {
  PRACTICE_SIZES,
  type Practice,
  type PracticeQuery,
  type PracticeSize,
  searchPractices,
} from '../model/practice/index.ts';
import {
  type Advice,
  type AdvisorRules,
  advise,
  type ExampleSituation,
  parseSituation,
} from '../model/situation/index.ts';
import type { Store } from '../store/database.ts';
import { completedProfilesOf } from './my-profiles.ts';

/** The instrument the advisor rules and the practice library are written against. */
const INSTRUMENT = 'lead-manage';
const POLES: readonly Pole[] = ['lead', 'manage', 'foundation'];

export interface AdvisorCatalog {
  rules: {
    id: string;
    version: string;
    scale: { min: number; max: number };
    factors: { id: string; name: string; question: string; labels: string[]; why: string }[];
  };
  examples: ExampleSituation[];
}

export interface AdviceRequest {
  example?: string;
  factors?: Record<string, number>;
  /** Set the advice against the caller's latest completed profile (signed-in people only). Default true. */
  useMyProfile?: boolean;
}

export interface AdviceResult {
  advice: Advice;
  /** The profile the advice was set against, or null (anonymous, opted out, or no completed profile). */
  profile: { assessmentId: string; completedAt: string } | null;
}

export interface PracticeSearch {
  version: string;
  practices: Practice[];
  scales: { id: string; name: string; pole: Pole }[];
}

/** `$` → `body`, `$.factors.deadline` → `factors.deadline`: the field as the API body names it. */
function bodyPath(path: string): string {
  if (path === '$') return 'body';
  return path.replace(/^\$\.?/, '');
}

let cached:
  | { rules: AdvisorRules; examples: ExampleSituation[]; scales: PracticeSearch['scales'] }
  | undefined;

/** The built-in rules, examples and scales, read and validated once per process. */
function builtinData() {
  if (!cached) {
    cached = {
      ...builtinAdvisor(),
      scales: loadInstrumentSync(INSTRUMENT).scales.map((s) => ({ id: s.id, name: s.name, pole: s.pole })),
    };
  }
  return cached;
}

/**
 * The situational advisor and the practice library for any client (HTTP today). The rules, the
 * examples and the library are data files loaded once per process; advice is pure, and the only
 * stored data read is the caller's own latest profile.
 */
export class AdvisorService {
  readonly rules: AdvisorRules;
  readonly examples: ExampleSituation[];
  private readonly scales: { id: string; name: string; pole: Pole }[];

  constructor(private readonly store: Store) {
    const data = builtinData();
    this.rules = data.rules;
    this.examples = data.examples;
    this.scales = data.scales;
  }

  catalog(): AdvisorCatalog {
    const { id, version, scale, factors } = this.rules;
    return {
      rules: {
        id,
        version,
        scale,
        factors: factors.map(({ id, name, question, labels, why }) => ({ id, name, question, labels, why })),
      },
      examples: this.examples,
    };
  }

  /**
   * Advice on a situation; a signed-in caller's is set against their latest completed profile of the
   * lead-manage instrument unless `useMyProfile` is false. Bad input is an `InvalidInputError` whose
   * problems name the body field (`factors.deadline`, `example`).
   */
  async advise(actor: Actor, request: AdviceRequest): Promise<AdviceResult> {
    const situationDoc: Record<string, unknown> = {};
    if (request.example !== undefined) situationDoc.example = request.example;
    if (request.factors !== undefined) situationDoc.factors = request.factors;
    let situation: ReturnType<typeof parseSituation>;
    try {
      situation = parseSituation(situationDoc, this.rules, this.examples);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      throw new InvalidInputError(
        error.problems.map(
          (p): Problem =>
            p.location?.kind === 'json'
              ? { ...p, location: { kind: 'json', path: bodyPath(p.location.path) } }
              : p,
        ),
        'invalid_situation',
      );
    }

    let latest: Awaited<ReturnType<typeof completedProfilesOf>>[number] | undefined;
    if (actor.kind === 'user' && request.useMyProfile !== false) {
      const profiles = await completedProfilesOf(this.store, actor.organizationId, actor.userId);
      latest = profiles.filter((p) => p.instrumentId === INSTRUMENT).at(-1);
    }
    const advice = advise(situation, this.rules, latest ? { profile: latest.profile } : {});
    return {
      advice,
      profile: latest ? { assessmentId: latest.assessmentId, completedAt: latest.completedAt } : null,
    };
  }

  /**
   * The practice library filtered by words (`q`), scale, size and pole; empty values mean "any".
   * An unknown scale, size or pole is an `InvalidInputError` naming `query.<name>`.
   */
  practices(query: { q?: string; scale?: string; size?: string; pole?: string }): PracticeSearch {
    const problems: Problem[] = [];
    const check = (name: string, value: string | undefined, allowed: readonly string[]) => {
      if (!value) return undefined;
      if (!allowed.includes(value)) {
        problems.push({
          code: 'invalid_field',
          message: `query.${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`,
          location: { kind: 'json', path: `query.${name}` },
        });
        return undefined;
      }
      return value;
    };
    const scale = check(
      'scale',
      query.scale,
      this.scales.map((s) => s.id),
    );
    const size = check('size', query.size, PRACTICE_SIZES) as PracticeSize | undefined;
    const pole = check('pole', query.pole, POLES) as Pole | undefined;
    if (problems.length > 0) throw new InvalidInputError(problems);
    const filter: PracticeQuery = {
      ...(query.q?.trim() ? { text: query.q } : {}),
      ...(scale ? { scale } : {}),
      ...(size ? { size } : {}),
      ...(pole ? { pole } : {}),
    };
    const library = builtinPractices();
    return {
      version: library.version,
      practices: searchPractices(filter, library.practices),
      scales: this.scales,
    };
  }
}
