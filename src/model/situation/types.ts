import type { Contrast, Pole } from '../instrument/types.ts';
import type { Tilt } from '../profile/build-profile.ts';

/** The side of a contrast: leading or managing. */
export type Side = 'lead' | 'manage';

/**
 * One factor of a situation, rated from `rules.scale.min` (absent) to `rules.scale.max` (strongly
 * present). Every factor is worded so that the low end means "not a concern".
 */
export interface Factor {
  id: string;
  name: string;
  /** The plain question asked about the situation. */
  question: string;
  /** One label per rating point, from min to max. */
  labels: string[];
  /** Why the factor points where it does (shown to people who ask "why?"). */
  why: string;
  /** Signed weight per contrast: + pulls towards leading, − towards managing; −1…+1. */
  weights: Record<Contrast, number>;
}

/** When a behaviour is offered: for what the situation calls for, as a stretch, or in a steady state. */
export type BehaviourUse = 'situation' | 'stretch' | 'steady';
export const BEHAVIOUR_USES: readonly BehaviourUse[] = ['situation', 'stretch', 'steady'];

export interface Behaviour {
  id: string;
  /** The instrument scale it exercises; situation and stretch behaviours use a lead or manage scale. */
  scale: string;
  pole: Pole;
  contrast?: Contrast;
  /** A concrete action for the coming week. */
  text: string;
  /** Factors that make it especially apt (it ranks higher when they are rated high). */
  factors: string[];
  use: BehaviourUse;
}

export interface Thresholds {
  /** |score| at or above: "strongly lead" / "strongly manage". */
  strong: number;
  /** |score| at or above: "lean lead" / "lean manage". */
  lean: number;
  /** Both pulls at or above (and no strong lean): "both". */
  both: number;
  /** Both pulls below (and no lean): "steady state". */
  steady: number;
}

/** The advisor's rules (`instruments/situations/advisor-rules.v1.yaml`). */
export interface AdvisorRules {
  id: string;
  version: string;
  scale: { min: number; max: number };
  /** Weight of each rating point, from min to max; non-decreasing, from 0 to at most 1. */
  intensity: number[];
  /** Raw pull (Σ weight × intensity) that counts as a full pull of 1. */
  saturation: number;
  thresholds: Thresholds;
  factors: Factor[];
  behaviours: Behaviour[];
  /** Per lead/manage scale: how its strength is overused, shown when the situation plays to it. */
  overuse: Record<string, string>;
}

/** A named example situation (`instruments/situations/examples.v1.yaml`). */
export interface ExampleSituation {
  id: string;
  title: string;
  description: string;
  /** Ratings of the factors it sets; others are at the minimum. */
  factors: Record<string, number>;
}

export interface ExampleSet {
  version: string;
  examples: ExampleSituation[];
}

/** A situation ready to advise on: every factor rated. */
export interface Situation {
  example: string | null;
  ratings: Record<string, number>;
}

export type AdviceLabel =
  | 'strongly-lead'
  | 'lean-lead'
  | 'both'
  | 'balanced'
  | 'steady'
  | 'lean-manage'
  | 'strongly-manage';

export const ADVICE_LABEL_TEXT: Record<AdviceLabel, string> = {
  'strongly-lead': 'strongly lead',
  'lean-lead': 'lean lead',
  both: 'both',
  balanced: 'balanced',
  steady: 'steady state',
  'lean-manage': 'lean manage',
  'strongly-manage': 'strongly manage',
};

/** What a label asks of a person: lead, manage, both sides, or no particular side (null). */
export type Call = Side | 'both' | null;

export interface Driver {
  factor: string;
  name: string;
  rating: number;
  /** The rating's label, e.g. "Very high". */
  ratingLabel: string;
  weight: number;
  /** weight × intensity(rating) / saturation: + towards leading, − towards managing (before the cap at 1). */
  contribution: number;
}

export interface ContrastAdvice {
  id: Contrast;
  name: string;
  /** Pull towards leading, 0…1: min(1, Σ positive contributions). */
  lead: { scale: string; pull: number };
  /** Pull towards managing, 0…1: min(1, Σ |negative contributions|). */
  manage: { scale: string; pull: number };
  /** lead.pull − manage.pull, −1…+1; + = lead. */
  score: number;
  label: AdviceLabel;
  labelText: string;
  call: Call;
  /** Factors with a non-zero contribution, largest first. */
  drivers: Driver[];
  summary: string;
}

export interface OverallAdvice {
  /** Mean of the contrasts' pulls and scores. */
  leadPull: number;
  managePull: number;
  score: number;
  label: AdviceLabel;
  labelText: string;
  call: Call;
  summary: string;
}

export interface FactorDriver {
  factor: string;
  name: string;
  rating: number;
  ratingLabel: string;
  /** Contribution to each contrast (signed, + = lead). */
  contributions: Record<Contrast, number>;
  /** Sum over the contrasts; ranks the factors. */
  total: number;
  explanation: string;
}

export interface ChosenBehaviour {
  id: string;
  scale: string;
  pole: Pole;
  contrast: Contrast | null;
  text: string;
  /** Why it was chosen, in words. */
  why: string;
}

export type FitKind = 'stretch' | 'strength' | 'even' | 'open' | 'unknown';

export interface ContrastFit {
  id: Contrast;
  call: Call;
  /** The person's tilt on this contrast (beyond measurement error), null when not scored. */
  tilt: Tilt | null;
  lead: { scale: string; score: number | null };
  manage: { scale: string; score: number | null };
  difference: number | null;
  /** 1.96 × the difference's standard error: smaller gaps are within measurement error. */
  margin: number | null;
  fit: FitKind;
  message: string;
  /** How the person's stronger side could be overused here (when the situation plays to it). */
  overuse: string | null;
  /** Small first steps on the side the situation needs and the person uses less. */
  stretch: ChosenBehaviour[];
}

export interface ProfileFit {
  overall: { call: Call; tilt: Tilt | null; message: string };
  contrasts: ContrastFit[];
}

/** The result of `advise` (and the `fulcrum advise --json` document). */
export interface Advice {
  rules: { id: string; version: string };
  situation: {
    example: string | null;
    ratings: { factor: string; name: string; rating: number; label: string }[];
  };
  overall: OverallAdvice;
  contrasts: ContrastAdvice[];
  /** Every factor rated above the minimum, with its contribution per contrast, largest |total| first. */
  drivers: FactorDriver[];
  /** 3–5 concrete behaviours for the coming week. */
  behaviours: ChosenBehaviour[];
  /** Present when a profile was given. */
  fit: ProfileFit | null;
}
