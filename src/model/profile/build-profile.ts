import type { Contrast, Instrument, Pole } from '../instrument/types.ts';
import { CONTRASTS } from '../instrument/types.ts';
import type { Form } from '../scoring/form.ts';
import { type RespondentScores, scoreAnswers } from '../scoring/scorer.ts';
import {
  band,
  DEFAULT_PRECISION,
  differenceSe,
  meanSem,
  type PrecisionAssumptions,
  scaleSem,
  Z95,
} from './precision.ts';
import { QUADRANTS, type Quadrant, quadrantOf, STRONG_CUT } from './quadrant.ts';
import { CONTRAST_TEXT, HONESTY_NOTE } from './text.ts';

/** Score level of one scale: strength ≥ 75 (on average "often" or more), solid ≥ 62.5, else developing. */
export type Level = 'strength' | 'solid' | 'developing';
export const STRENGTH_CUT = 75;

export interface ScaleProfile {
  id: string;
  name: string;
  pole: Pole;
  contrast?: Contrast;
  mean: number | null;
  score: number | null;
  answered: number;
  items: number;
  /** Standard error of measurement (0–100 metric); null when not scored. */
  sem: number | null;
  /** 95% band around the score. */
  band: [number, number] | null;
  level: Level | null;
  interpretation: string;
}

export type Tilt = 'lead' | 'manage' | 'even';

export interface ContrastProfile {
  id: Contrast;
  name: string;
  lead: { scale: string; score: number | null };
  manage: { scale: string; score: number | null };
  /** lead − manage; null when either is missing. */
  difference: number | null;
  /** Standard error of the difference. */
  se: number | null;
  /** A tilt only when |difference| > 1.96 · SE. */
  tilt: Tilt | null;
  interpretation: string;
}

export interface Risk {
  id: string;
  title: string;
  text: string;
}

export interface Profile {
  instrument: { id: string; version: string };
  form: Form;
  scales: ScaleProfile[];
  lead: number | null;
  manage: number | null;
  leadSem: number | null;
  manageSem: number | null;
  contrasts: ContrastProfile[];
  quadrant: Quadrant | null;
  balance: { difference: number | null; se: number | null; tilt: Tilt | null; statement: string };
  strengths: { scale: string; name: string; score: number }[];
  risks: Risk[];
  focusNext: { scale: string; name: string; reason: string }[];
  note: string;
}

function levelOf(score: number): Level {
  if (score >= STRENGTH_CUT) return 'strength';
  if (score >= STRONG_CUT) return 'solid';
  return 'developing';
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Turns answers into the full profile: scale scores with bands, Lead and Manage indices, contrasts,
 * quadrant, a balance statement that respects measurement error, strengths, risks and focus areas.
 *
 * @example
 * const profile = buildProfile(instrument, { PE1: 4, PE2: 5, … }, 'short');
 */
export function buildProfile(
  instrument: Instrument,
  answers: Readonly<Record<string, number | null | undefined>>,
  form: Form = 'full',
  precision: PrecisionAssumptions = DEFAULT_PRECISION,
): Profile {
  return profileFromScores(instrument, scoreAnswers(instrument, answers, form), form, precision);
}

export function profileFromScores(
  instrument: Instrument,
  scores: RespondentScores,
  form: Form,
  precision: PrecisionAssumptions = DEFAULT_PRECISION,
): Profile {
  const fullItems = new Map<string, number>();
  for (const item of instrument.items) fullItems.set(item.scale, (fullItems.get(item.scale) ?? 0) + 1);

  const scales: ScaleProfile[] = instrument.scales.map((scale) => {
    const s = scores.scales[scale.id]!;
    const sem = s.score === null ? null : scaleSem(s.answered, fullItems.get(scale.id)!, precision);
    const level = s.score === null ? null : levelOf(s.score);
    return {
      id: scale.id,
      name: scale.name,
      pole: scale.pole,
      ...(scale.contrast ? { contrast: scale.contrast } : {}),
      mean: s.mean,
      score: s.score,
      answered: s.answered,
      items: s.items,
      sem,
      band: s.score === null || sem === null ? null : band(s.score, sem),
      level,
      interpretation: interpretScale(scale.name, level, scale.high, scale.low, s.answered, s.items),
    };
  });
  const byId = new Map(scales.map((s) => [s.id, s]));

  const poleSem = (pole: Pole) => {
    const sems = scales.filter((s) => s.pole === pole).map((s) => s.sem);
    return sems.length > 0 && sems.every((x) => x !== null) ? meanSem(sems as number[]) : null;
  };
  const leadSem = scores.lead === null ? null : poleSem('lead');
  const manageSem = scores.manage === null ? null : poleSem('manage');

  const contrasts: ContrastProfile[] = CONTRASTS.flatMap((contrast) => {
    const lead = scales.find((s) => s.pole === 'lead' && s.contrast === contrast);
    const manage = scales.find((s) => s.pole === 'manage' && s.contrast === contrast);
    if (!lead || !manage) return [];
    const text = CONTRAST_TEXT[contrast];
    const comparable =
      lead.score !== null && manage.score !== null && lead.sem !== null && manage.sem !== null;
    const difference = comparable ? lead.score! - manage.score! : null;
    const se = comparable ? differenceSe(lead.sem!, manage.sem!) : null;
    const tilt = difference === null || se === null ? null : tiltOf(difference, se);
    return [
      {
        id: contrast,
        name: text.name,
        lead: { scale: lead.id, score: lead.score },
        manage: { scale: manage.id, score: manage.score },
        difference,
        se,
        tilt,
        interpretation:
          tilt === null
            ? 'Not enough answers on this contrast to compare the two sides.'
            : tilt === 'lead'
              ? text.leadHeavy
              : tilt === 'manage'
                ? text.manageHeavy
                : text.even,
      },
    ];
  });

  const quadrantId = quadrantOf(scores.lead, scores.manage);
  const balance = balanceOf(scores.lead, scores.manage, leadSem, manageSem);

  const scored = scales.filter((s) => s.score !== null) as (ScaleProfile & { score: number })[];
  const strengths = scored
    .filter((s) => s.level === 'strength')
    .sort((a, b) => b.score - a.score)
    .map((s) => ({ scale: s.id, name: s.name, score: s.score }));

  const risks = risksOf(scores.lead, scores.manage, balance.tilt, contrasts, scales);
  const focusNext = focusAreas(scored, balance.tilt, byId);

  return {
    instrument: { id: instrument.id, version: instrument.version },
    form,
    scales,
    lead: scores.lead,
    manage: scores.manage,
    leadSem,
    manageSem,
    contrasts,
    quadrant: quadrantId ? QUADRANTS[quadrantId] : null,
    balance,
    strengths,
    risks,
    focusNext,
    note: HONESTY_NOTE,
  };
}

/** A difference counts as a tilt only beyond the 95% band of its measurement error. */
export function tiltOf(difference: number, se: number): Tilt {
  if (Math.abs(difference) <= Z95 * se) return 'even';
  return difference > 0 ? 'lead' : 'manage';
}

function balanceOf(
  lead: number | null,
  manage: number | null,
  leadSem: number | null,
  manageSem: number | null,
) {
  if (lead === null || manage === null || leadSem === null || manageSem === null) {
    return {
      difference: null,
      se: null,
      tilt: null,
      statement:
        'Too few answers to place you on the grid: answer at least two thirds of each scale’s questions.',
    };
  }
  const difference = lead - manage;
  const se = differenceSe(leadSem, manageSem);
  const tilt = tiltOf(difference, se);
  const gap = round1(Math.abs(difference));
  const margin = round1(Z95 * se);
  const statement =
    tilt === 'even'
      ? `Leading and managing are balanced: the ${gap}-point gap is within measurement error (±${margin}).`
      : tilt === 'lead'
        ? `You lean towards leading: Lead is ${gap} points above Manage, beyond measurement error (±${margin}).`
        : `You lean towards managing: Manage is ${gap} points above Lead, beyond measurement error (±${margin}).`;
  return { difference, se, tilt, statement };
}

function interpretScale(
  name: string,
  level: Level | null,
  high: string,
  low: string,
  answered: number,
  items: number,
): string {
  if (level === null)
    return `${name}: not scored — ${answered} of ${items} questions answered; at least two thirds are needed.`;
  if (level === 'strength') return high || `${name} is a clear strength in your answers.`;
  if (level === 'developing')
    return low || `${name} shows up less often in your answers; it is a place to grow.`;
  return `${name} is solid: you do these things more often than not, with room to make them habits.${high ? ` At its best: ${high}` : ''}`;
}

function risksOf(
  lead: number | null,
  manage: number | null,
  tilt: Tilt | null,
  contrasts: ContrastProfile[],
  scales: ScaleProfile[],
): Risk[] {
  const risks: Risk[] = [];
  if (lead !== null && manage !== null) {
    if (tilt === 'lead' && manage < STRONG_CUT) {
      risks.push({
        id: 'lead-without-manage',
        title: 'Inspiring without follow-through',
        text: 'A visionary leader without strong management may inspire the team but struggle with follow-through and execution: ideas fall apart for lack of structure.',
      });
    } else if (tilt === 'manage' && lead < STRONG_CUT) {
      risks.push({
        id: 'manage-without-lead',
        title: 'Smooth running without growth',
        text: 'A skilled manager without leadership may keep things running smoothly but maintain the status quo and fail to inspire growth and innovation.',
      });
    } else if (lead < STRONG_CUT && manage < STRONG_CUT) {
      risks.push({
        id: 'neither-yet',
        title: 'Direction and execution both at risk',
        text: 'Without leading, a team risks losing direction; without managing, even good ideas fall apart in execution. Small, regular habits on both sides help most.',
      });
    }
  }
  for (const contrast of contrasts) {
    if (contrast.tilt === 'lead' || contrast.tilt === 'manage') {
      const side =
        contrast.tilt === 'lead'
          ? CONTRAST_TEXT[contrast.id].leadHeavy
          : CONTRAST_TEXT[contrast.id].manageHeavy;
      risks.push({
        id: `${contrast.id}-${contrast.tilt}-heavy`,
        title: `${contrast.name}: one-sided`,
        text: side,
      });
    }
  }
  for (const scale of scales) {
    if (scale.pole === 'foundation' && scale.score !== null && scale.score < 50) {
      risks.push({
        id: `foundation-${scale.id}`,
        title: `${scale.name} is a weak foundation`,
        text: `${scale.name} underpins both leading and managing; when it is weak, both modes suffer.`,
      });
    }
  }
  return risks;
}

function focusAreas(
  scored: (ScaleProfile & { score: number })[],
  tilt: Tilt | null,
  byId: Map<string, ScaleProfile>,
): Profile['focusNext'] {
  const chosen: Profile['focusNext'] = [];
  const add = (scale: ScaleProfile, reason: string) => {
    if (chosen.length < 3 && !chosen.some((c) => c.scale === scale.id))
      chosen.push({ scale: scale.id, name: scale.name, reason });
  };
  const ascending = [...scored].sort((a, b) => a.score - b.score);
  if (tilt === 'lead' || tilt === 'manage') {
    const weakSide = tilt === 'lead' ? 'manage' : 'lead';
    const weakest = ascending.find((s) => s.pole === weakSide);
    if (weakest)
      add(
        weakest,
        `Your profile leans towards ${tilt}ing; ${weakest.name} is the lowest scale on the ${weakSide} side.`,
      );
  }
  for (const scale of ascending) {
    if (scale.level === 'developing')
      add(byId.get(scale.id)!, `${scale.name} scored ${round1(scale.score)} of 100, one of your lowest.`);
  }
  if (chosen.length === 0 && ascending[0]) {
    add(
      ascending[0],
      `${ascending[0].name} is your lowest scale; even strengths benefit from deliberate practice.`,
    );
  }
  return chosen;
}
