import type { Practice, PracticeSize } from '../../../model/practice/types.ts';
import type { Advice, ExampleSituation } from '../../../model/situation/types.ts';
import { request } from '../account/api.ts';

export type { Practice, PracticeSize } from '../../../model/practice/types.ts';
export type {
  Advice,
  ChosenBehaviour,
  ContrastAdvice,
  ContrastFit,
  ExampleSituation,
} from '../../../model/situation/types.ts';

export interface AdvisorFactor {
  id: string;
  name: string;
  question: string;
  labels: string[];
  why: string;
}

export interface AdvisorCatalog {
  rules: { id: string; version: string; scale: { min: number; max: number }; factors: AdvisorFactor[] };
  examples: ExampleSituation[];
}

export interface AdviceResult {
  advice: Advice;
  profile: { assessmentId: string; completedAt: string } | null;
}

export type Side = 'lead' | 'manage' | 'foundation';

export interface PracticeResults {
  version: string;
  practices: Practice[];
  scales: { id: string; name: string; pole: Side }[];
}

export interface PracticeFilters {
  q: string;
  scale: string;
  size: PracticeSize | '';
  pole: Side | '';
}

/**
 * The situation last advised on, kept for this browser tab. The plans pages read it (key and shape
 * are a contract): `{ example: string | null, factors: Record<string, number> }`.
 */
export const LAST_SITUATION_KEY = 'fulcrum.lastSituation';

export interface LastSituation {
  example: string | null;
  factors: Record<string, number>;
}

export function readLastSituation(): LastSituation | null {
  try {
    const raw = sessionStorage.getItem(LAST_SITUATION_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<LastSituation>;
    if (typeof value !== 'object' || value === null || typeof value.factors !== 'object' || !value.factors)
      return null;
    return {
      example: typeof value.example === 'string' ? value.example : null,
      factors: Object.fromEntries(
        Object.entries(value.factors).filter(([, v]) => typeof v === 'number' && Number.isInteger(v)),
      ),
    };
  } catch {
    return null;
  }
}

export function saveLastSituation(situation: LastSituation): void {
  try {
    sessionStorage.setItem(LAST_SITUATION_KEY, JSON.stringify(situation));
  } catch {
    /* storage full or disabled: the advice still shows */
  }
}

export const advisorApi = {
  catalog: () => request<AdvisorCatalog>('GET', '/api/advisor'),
  advise: (body: { example?: string; factors?: Record<string, number> }) =>
    request<AdviceResult>('POST', '/api/advice', body),
  practices: (filters: PracticeFilters) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    const query = params.toString();
    return request<PracticeResults>('GET', `/api/practices${query ? `?${query}` : ''}`);
  },
};
