/** The two modes of the model and the shared foundations (DESIGN.md §1). */
export type Pole = 'lead' | 'manage' | 'foundation';
/** The three contrasts on which leading and managing differ. */
export type Contrast = 'focus' | 'direction' | 'horizon';

export const POLES: readonly Pole[] = ['lead', 'manage', 'foundation'];
export const CONTRASTS: readonly Contrast[] = ['focus', 'direction', 'horizon'];

export interface ResponseScale {
  min: number;
  max: number;
  /** One label per point, from `min` to `max`. */
  labels: string[];
}

export interface Scale {
  id: string;
  name: string;
  pole: Pole;
  /** Present exactly when `pole` is `lead` or `manage`. */
  contrast?: Contrast;
  /** What the scale measures, in one or two sentences. */
  description: string;
  /** Plain-language reading of a high and a low score. */
  high: string;
  low: string;
}

export interface Item {
  id: string;
  scale: string;
  reverse: boolean;
  /** First-person wording for the self-assessment. */
  self: string;
  /** Wording about a colleague; `{name}` stands for the person being rated. */
  observer: string;
  /** Part of the short form (a quick first profile). */
  short: boolean;
}

export interface Instrument {
  id: string;
  /** Semantic version, e.g. `1.0.0`. */
  version: string;
  title: string;
  description: string;
  responseScale: ResponseScale;
  scales: Scale[];
  items: Item[];
}
