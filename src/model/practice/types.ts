import type { Contrast, Pole } from '../instrument/types.ts';

/** How big a practice is: a small daily habit, a weekly routine, or a project of some weeks. */
export type PracticeSize = 'habit' | 'routine' | 'project';
export const PRACTICE_SIZES: readonly PracticeSize[] = ['habit', 'routine', 'project'];

/** How often it is done; `once` for a project done one time (over its stated duration). */
export type PracticeCadence = 'daily' | 'weekly' | 'fortnightly' | 'monthly' | 'once';
export const PRACTICE_CADENCES: readonly PracticeCadence[] = [
  'daily',
  'weekly',
  'fortnightly',
  'monthly',
  'once',
];

/** One entry of the practice library (`instruments/situations/practices.v1.yaml`). */
export interface Practice {
  /** Stable id, referenced by plans (`PlanAction.practiceId`). */
  id: string;
  /** The instrument scale it develops (people, change, …, learning). */
  scale: string;
  /** The scale's pole and contrast, copied from the instrument when the library is loaded. */
  pole: Pole;
  contrast?: Contrast;
  title: string;
  /** What to do, concretely. */
  what: string;
  cadence: PracticeCadence;
  /** How long it takes, in words ("10 minutes", "2 hours a week for 6 weeks"). */
  time: string;
  /** How to tell it is working. */
  signs: string;
  size: PracticeSize;
}

export interface PracticeLibrary {
  version: string;
  practices: Practice[];
}

/** Filters for `searchPractices`; every given filter must match. */
export interface PracticeQuery {
  /** Case-insensitive; every word must appear in the title or in what to do. */
  text?: string;
  scale?: string;
  size?: PracticeSize;
  pole?: Pole;
}
