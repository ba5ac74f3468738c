import { CONTRASTS, type Contrast } from '../instrument/types.ts';
import type { ContrastProfile, Tilt } from '../profile/build-profile.ts';
import { Z95 } from '../profile/precision.ts';
import { CONTRAST_TEXT } from '../profile/text.ts';
import {
  ADVICE_LABEL_TEXT,
  type Advice,
  type AdviceLabel,
  type AdvisorRules,
  type Behaviour,
  type Call,
  type ChosenBehaviour,
  type ContrastAdvice,
  type ContrastFit,
  type Driver,
  type FactorDriver,
  type OverallAdvice,
  type ProfileFit,
  type Side,
  type Situation,
  type Thresholds,
} from './types.ts';

/** The parts of a `Profile` the advisor reads; a full `Profile` fits. */
export interface ProfileForAdvice {
  contrasts: Pick<ContrastProfile, 'id' | 'lead' | 'manage' | 'difference' | 'se' | 'tilt'>[];
  balance?: { tilt: Tilt | null } | undefined;
  scales?: { id: string; name: string }[] | undefined;
}

export interface AdviseOptions {
  profile?: ProfileForAdvice | undefined;
}

export const MAX_BEHAVIOURS = 5;
export const MIN_BEHAVIOURS = 3;
/** At most this many of the chosen behaviours exercise the same scale. */
const MAX_PER_SCALE = 2;

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The intensity (0…1) of a rating; ratings outside the scale are clamped. */
export function intensityOf(rules: AdvisorRules, rating: number): number {
  const i = Math.min(rules.scale.max, Math.max(rules.scale.min, Math.round(rating))) - rules.scale.min;
  return rules.intensity[i] ?? 0;
}

/** The label of a (score, lead pull, manage pull) triple; the order of checks is documented in the rules file. */
export function labelOf(score: number, leadPull: number, managePull: number, t: Thresholds): AdviceLabel {
  const eps = 1e-9;
  if (score >= t.strong - eps) return 'strongly-lead';
  if (score <= -t.strong + eps) return 'strongly-manage';
  if (Math.min(leadPull, managePull) >= t.both - eps) return 'both';
  if (score >= t.lean - eps) return 'lean-lead';
  if (score <= -t.lean + eps) return 'lean-manage';
  if (Math.max(leadPull, managePull) < t.steady) return 'steady';
  return 'balanced';
}

/** What a label asks for: a side, both, or nothing in particular. */
export function callOf(label: AdviceLabel): Call {
  if (label === 'strongly-lead' || label === 'lean-lead') return 'lead';
  if (label === 'strongly-manage' || label === 'lean-manage') return 'manage';
  if (label === 'both') return 'both';
  return null;
}

/**
 * The mode a situation calls for on each contrast where it calls for one side, in the shape
 * `suggestFocusAreas` (src/model/plan/focus-areas.ts) takes.
 */
export function situationCalls(advice: Advice): Partial<Record<Contrast, Side>> {
  const calls: Partial<Record<Contrast, Side>> = {};
  for (const c of advice.contrasts) if (c.call === 'lead' || c.call === 'manage') calls[c.id] = c.call;
  return calls;
}

/** Every factor rated: given ratings, the rest at the minimum. Does not validate (see `parseSituation`). */
export function completeRatings(rules: AdvisorRules, ratings: Readonly<Record<string, number>>) {
  const all: Record<string, number> = {};
  for (const f of rules.factors) all[f.id] = ratings[f.id] ?? rules.scale.min;
  return all;
}

function sideScales(contrast: Contrast): { lead: string; manage: string } {
  return { lead: CONTRAST_TEXT[contrast].lead, manage: CONTRAST_TEXT[contrast].manage };
}

/**
 * Advice for a situation: per contrast and overall, how much it calls for leading versus managing,
 * the factors that drove it (each factor's contribution, so the numbers can be checked by hand),
 * 3–5 behaviours for the coming week, and — when a profile is given — how the call fits the
 * person's own tilt (stretch where they use the called side less, a warning against overuse where
 * it plays to their strength). Pure: same inputs, same advice.
 *
 * @example
 * const advice = advise({ example: null, ratings: { uncertainty: 4, change: 4 } }, rules);
 * advice.overall.label; // 'strongly-lead'
 */
export function advise(situation: Situation, rules: AdvisorRules, options: AdviseOptions = {}): Advice {
  const ratings = completeRatings(rules, situation.ratings);
  const t = rules.thresholds;
  const labelFor = (factor: AdvisorRules['factors'][number], rating: number) =>
    factor.labels[rating - rules.scale.min] ?? String(rating);

  const contrasts: ContrastAdvice[] = CONTRASTS.map((contrast) => {
    const drivers: Driver[] = [];
    let leadRaw = 0;
    let manageRaw = 0;
    for (const factor of rules.factors) {
      const rating = ratings[factor.id]!;
      const weight = factor.weights[contrast];
      const contribution = (weight * intensityOf(rules, rating)) / rules.saturation;
      if (contribution > 0) leadRaw += contribution;
      else manageRaw -= contribution;
      if (contribution !== 0)
        drivers.push({
          factor: factor.id,
          name: factor.name,
          rating,
          ratingLabel: labelFor(factor, rating),
          weight,
          contribution: round3(contribution),
        });
    }
    drivers.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
    const leadPull = Math.min(1, leadRaw);
    const managePull = Math.min(1, manageRaw);
    const score = leadPull - managePull;
    const label = labelOf(score, leadPull, managePull, t);
    const scales = sideScales(contrast);
    const advice: ContrastAdvice = {
      id: contrast,
      name: CONTRAST_TEXT[contrast].name,
      lead: { scale: scales.lead, pull: round3(leadPull) },
      manage: { scale: scales.manage, pull: round3(managePull) },
      score: round3(score),
      label,
      labelText: ADVICE_LABEL_TEXT[label],
      call: callOf(label),
      drivers,
      summary: '',
    };
    advice.summary = contrastSummary(advice);
    return advice;
  });

  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const leadPull = mean(contrasts.map((c) => c.lead.pull));
  const managePull = mean(contrasts.map((c) => c.manage.pull));
  const overallLabel = labelOf(leadPull - managePull, leadPull, managePull, t);
  const overall: OverallAdvice = {
    leadPull: round3(leadPull),
    managePull: round3(managePull),
    score: round3(leadPull - managePull),
    label: overallLabel,
    labelText: ADVICE_LABEL_TEXT[overallLabel],
    call: callOf(overallLabel),
    summary: '',
  };

  const drivers: FactorDriver[] = rules.factors
    .filter((f) => intensityOf(rules, ratings[f.id]!) > 0)
    .map((factor) => {
      const rating = ratings[factor.id]!;
      const contributions = {} as Record<Contrast, number>;
      for (const c of CONTRASTS)
        contributions[c] = round3((factor.weights[c] * intensityOf(rules, rating)) / rules.saturation);
      const total = round3(CONTRASTS.reduce((sum, c) => sum + contributions[c], 0));
      return {
        factor: factor.id,
        name: factor.name,
        rating,
        ratingLabel: labelFor(factor, rating),
        contributions,
        total,
        explanation: factorExplanation(factor.name, labelFor(factor, rating), contributions),
      };
    })
    .sort((a, b) => Math.abs(b.total) - Math.abs(a.total));

  overall.summary = overallSummary(overallLabel, contrasts, drivers);
  const behaviours = chooseBehaviours(rules, ratings, contrasts, overall);
  const fit = options.profile ? fitToProfile(rules, contrasts, overall, options.profile, behaviours) : null;

  return {
    rules: { id: rules.id, version: rules.version },
    situation: {
      example: situation.example,
      ratings: rules.factors.map((f) => ({
        factor: f.id,
        name: f.name,
        rating: ratings[f.id]!,
        label: labelFor(f, ratings[f.id]!),
      })),
    },
    overall,
    contrasts,
    drivers,
    behaviours,
    fit,
  };
}

const SIDE_WORD = { lead: 'leading', manage: 'managing' } as const;
const fmt = (x: number) => (x > 0 ? `+${x.toFixed(2)}` : x.toFixed(2));

function contrastSummary(c: ContrastAdvice): string {
  const names = CONTRAST_TEXT[c.id];
  const top = (sign: 1 | -1) =>
    c.drivers
      .filter((d) => Math.sign(d.contribution) === sign)
      .slice(0, 2)
      .map((d) => d.name.toLowerCase());
  const list = (xs: string[]) => xs.join(' and ');
  const pulls = `lead pull ${c.lead.pull.toFixed(2)}, manage pull ${c.manage.pull.toFixed(2)}`;
  switch (c.label) {
    case 'strongly-lead':
    case 'lean-lead':
      return `${c.name}: ${c.labelText} — ${list(top(1))} call for leading on ${names.lead} (${pulls}).`;
    case 'strongly-manage':
    case 'lean-manage':
      return `${c.name}: ${c.labelText} — ${list(top(-1))} call for managing ${names.manage} (${pulls}).`;
    case 'both':
      return `${c.name}: both — ${list(top(1))} call for leading on ${names.lead}, while ${list(top(-1))} call for managing ${names.manage}; neither wins (${pulls}).`;
    case 'balanced':
      return `${c.name}: balanced — moderate pulls that cancel out (${pulls}); keep both ${names.lead} and ${names.manage} in view.`;
    case 'steady':
      return `${c.name}: steady state — nothing pulls strongly either way (${pulls}).`;
  }
}

function overallSummary(label: AdviceLabel, contrasts: ContrastAdvice[], drivers: FactorDriver[]): string {
  const by = (call: Call) => contrasts.filter((c) => c.call === call).map((c) => c.name);
  const names = (sign: 1 | -1) =>
    drivers
      .filter((d) => Math.sign(d.total) === sign)
      .slice(0, 2)
      .map((d) => d.name.toLowerCase())
      .join(' and ');
  switch (label) {
    case 'strongly-lead':
    case 'lean-lead':
      return `Overall this situation calls for leading (${ADVICE_LABEL_TEXT[label]}), driven most by ${names(1)}: give people a clear picture of where the team is going, motivate them and help them through change.${by('manage').length ? ` Keep managing on ${by('manage').join(', ')}.` : ''}`;
    case 'strongly-manage':
    case 'lean-manage':
      return `Overall this situation calls for managing (${ADVICE_LABEL_TEXT[label]}), driven most by ${names(-1)}: plan, assign, track and keep the work stable until it is delivered.${by('lead').length ? ` Keep leading on ${by('lead').join(', ')}.` : ''}`;
    case 'both':
      return `Overall this situation calls for both: ${names(1)} call for leading, while ${names(-1)} call for managing, and both pulls are high. Lead on the why and the people; manage the plan and the details. Decide each day which one a meeting needs.`;
    case 'balanced':
      return 'Overall the situation is balanced: moderate pressures pull both ways without a clear winner. Keep a steady mix of leading and managing and watch which factor rises first.';
    case 'steady':
      return 'Overall this is a steady state: no strong pull either way. Use the calm to build for later — feedback, development, the long-term picture, and tidying routines.';
  }
}

function factorExplanation(
  name: string,
  ratingLabel: string,
  contributions: Record<Contrast, number>,
): string {
  const parts = CONTRASTS.filter((c) => contributions[c] !== 0).map((c) => {
    const v = contributions[c];
    return `${fmt(v)} toward ${v > 0 ? CONTRAST_TEXT[c].lead : CONTRAST_TEXT[c].manage} (${CONTRAST_TEXT[c].name})`;
  });
  return `${name} rated "${ratingLabel}": ${parts.join('; ')}.`;
}

function toChosen(b: Behaviour, why: string): ChosenBehaviour {
  return { id: b.id, scale: b.scale, pole: b.pole, contrast: b.contrast ?? null, text: b.text, why };
}

/**
 * Picks 3–5 behaviours: first the best one for each side a contrast calls for (strongest pull
 * first), then the most relevant of the rest (relevance = the side's pull + ½ × the highest
 * intensity of the behaviour's own factors), at most two per scale. A steady state, or too few
 * candidates, is filled from the steady behaviours in file order.
 */
function chooseBehaviours(
  rules: AdvisorRules,
  ratings: Record<string, number>,
  contrasts: ContrastAdvice[],
  overall: OverallAdvice,
): ChosenBehaviour[] {
  const demanded: { contrast: ContrastAdvice; side: Side; pull: number }[] = [];
  if (overall.label !== 'steady') {
    for (const c of contrasts) {
      if (c.call === 'lead' || c.call === 'both')
        demanded.push({ contrast: c, side: 'lead', pull: c.lead.pull });
      if (c.call === 'manage' || c.call === 'both')
        demanded.push({ contrast: c, side: 'manage', pull: c.manage.pull });
    }
  }
  demanded.sort((a, b) => b.pull - a.pull);
  const factorBoost = (b: Behaviour) =>
    0.5 * Math.max(0, ...b.factors.map((f) => intensityOf(rules, ratings[f] ?? rules.scale.min)));
  const candidates = demanded.flatMap(({ contrast, side, pull }) =>
    rules.behaviours
      .filter((b) => b.use === 'situation' && b.contrast === contrast.id && b.pole === side)
      .map((b, i) => ({ b, contrast, side, relevance: pull + factorBoost(b), order: i })),
  );
  candidates.sort((a, b) => b.relevance - a.relevance || a.order - b.order);

  const chosen: ChosenBehaviour[] = [];
  const perScale = new Map<string, number>();
  const take = (c: (typeof candidates)[number]) => {
    if (chosen.length >= MAX_BEHAVIOURS || chosen.some((x) => x.id === c.b.id)) return;
    if ((perScale.get(c.b.scale) ?? 0) >= MAX_PER_SCALE) return;
    perScale.set(c.b.scale, (perScale.get(c.b.scale) ?? 0) + 1);
    const fits = c.b.factors
      .filter((f) => intensityOf(rules, ratings[f] ?? 0) >= 0.4)
      .map((f) => rules.factors.find((x) => x.id === f)!.name.toLowerCase());
    chosen.push(
      toChosen(
        c.b,
        `${c.contrast.name} calls for ${SIDE_WORD[c.side]} (${c.contrast.labelText})${fits.length ? `; fits ${fits.join(', ')}` : ''}.`,
      ),
    );
  };
  for (const d of demanded) {
    const best = candidates.find((c) => c.contrast === d.contrast && c.side === d.side);
    if (best) take(best);
  }
  for (const c of candidates) take(c);
  if (chosen.length < MIN_BEHAVIOURS || overall.label === 'steady') {
    const limit = overall.label === 'steady' ? MAX_BEHAVIOURS - 1 : MIN_BEHAVIOURS;
    for (const b of rules.behaviours.filter((x) => x.use === 'steady')) {
      if (chosen.length >= limit) break;
      chosen.push(
        toChosen(
          b,
          overall.label === 'steady'
            ? 'A steady week is the time to build for later.'
            : 'Nothing else pulls strongly; a useful step in any week.',
        ),
      );
    }
  }
  return chosen;
}

function scaleName(profile: ProfileForAdvice, id: string): string {
  return profile.scales?.find((s) => s.id === id)?.name ?? id.charAt(0).toUpperCase() + id.slice(1);
}

const r0 = (x: number | null) => (x === null ? '—' : String(Math.round(x)));

function fitToProfile(
  rules: AdvisorRules,
  contrasts: ContrastAdvice[],
  overall: OverallAdvice,
  profile: ProfileForAdvice,
  chosen: ChosenBehaviour[],
): ProfileFit {
  const used = new Set(chosen.map((b) => b.id));
  const fits: ContrastFit[] = contrasts.map((c) => {
    const p = profile.contrasts.find((x) => x.id === c.id);
    const lead = p?.lead ?? { scale: c.lead.scale, score: null };
    const manage = p?.manage ?? { scale: c.manage.scale, score: null };
    const difference = p?.difference ?? null;
    const margin = p?.se === null || p?.se === undefined ? null : Math.round(Z95 * p.se * 10) / 10;
    const tilt: Tilt | null = p?.tilt ?? null;
    const base = { id: c.id, call: c.call, tilt, lead, manage, difference, margin };
    const name = { lead: scaleName(profile, lead.scale), manage: scaleName(profile, manage.scale) };
    const scores = (first: Side) => {
      const other: Side = first === 'lead' ? 'manage' : 'lead';
      const a = first === 'lead' ? lead : manage;
      const b = first === 'lead' ? manage : lead;
      return `${name[first]} ${r0(a.score)} vs ${name[other]} ${r0(b.score)}`;
    };
    const gap =
      difference === null
        ? ''
        : `a ${Math.abs(Math.round(difference))}-point gap${margin === null ? '' : `, ${tilt === 'even' ? 'within' : 'beyond'} measurement error (±${margin})`}`;

    if (tilt === null)
      return {
        ...base,
        fit: 'unknown',
        message: `${c.name}: your profile has too few answers on this contrast to compare its two sides.`,
        overuse: null,
        stretch: [],
      };
    if (c.call === null)
      return {
        ...base,
        fit: 'open',
        message:
          tilt === 'even'
            ? `${c.name}: the situation does not pull either way, and your two sides are even; keep both in use.`
            : `${c.name}: the situation does not pull either way; your habit is ${SIDE_WORD[tilt]} (${scores(tilt)}, ${gap}), so this is a good week to practice the other side.`,
        overuse: null,
        stretch: [],
      };
    if (tilt === 'even') {
      const wanted: Side[] = c.call === 'both' ? ['lead', 'manage'] : [c.call];
      const callWord = c.call === 'both' ? 'both leading and managing' : SIDE_WORD[c.call];
      const lower =
        c.call !== 'both' && lead.score !== null && manage.score !== null
          ? c.call === 'lead'
            ? lead.score < manage.score
            : manage.score < lead.score
          : false;
      return {
        ...base,
        fit: 'even',
        message: `${c.name}: this calls for ${callWord}; your two sides are even (${scores(wanted[0]!)}, ${gap})${lower ? ` — ${name[c.call as Side]} is a little lower, but not beyond measurement error` : ''}.`,
        overuse: null,
        stretch: [],
      };
    }
    // The person has a tilt, and the situation calls for a side (or both).
    const habit: Side = tilt;
    const weak: Side = habit === 'lead' ? 'manage' : 'lead';
    if (c.call === habit) {
      const strongScale = habit === 'lead' ? lead.scale : manage.scale;
      return {
        ...base,
        fit: 'strength',
        message: `${c.name}: this calls for ${SIDE_WORD[habit]}, which plays to your strength (${scores(habit)}, ${gap}). Watch for overuse.`,
        overuse: rules.overuse[strongScale] ?? null,
        stretch: [],
      };
    }
    // The call is the weaker side, or both (which includes the weaker side).
    const weakScale = weak === 'lead' ? lead.scale : manage.scale;
    const strongScale = habit === 'lead' ? lead.scale : manage.scale;
    const stretch = rules.behaviours
      .filter((b) => b.use === 'stretch' && b.scale === weakScale && !used.has(b.id))
      .slice(0, 2)
      .map((b) => toChosen(b, `A small first step on ${name[weak]}, the side you use less.`));
    const callWord = c.call === 'both' ? `both, including ${SIDE_WORD[weak]}` : SIDE_WORD[weak];
    return {
      ...base,
      fit: 'stretch',
      message: `${c.name}: this calls for ${callWord}; your habit is ${SIDE_WORD[habit]} (${scores(habit)}, ${gap}). Stretch into ${name[weak]}.`,
      overuse: c.call === 'both' ? (rules.overuse[strongScale] ?? null) : null,
      stretch,
    };
  });

  const balanceTilt = profile.balance?.tilt ?? null;
  const call = overall.call;
  let message: string;
  if (balanceTilt === null)
    message = 'Your profile has too few answers to compare your overall Lead and Manage.';
  else if (call === null)
    message =
      balanceTilt === 'even'
        ? 'The situation does not pull either way overall, and your leading and managing are balanced.'
        : `The situation does not pull either way overall; your habit is ${SIDE_WORD[balanceTilt]}, so use the room to practice the other side.`;
  else if (call === 'both')
    message =
      balanceTilt === 'even'
        ? 'This calls for both leading and managing; your profile is balanced between them.'
        : `This calls for both; your habit is ${SIDE_WORD[balanceTilt]}, so the ${balanceTilt === 'lead' ? 'managing' : 'leading'} half will take deliberate effort.`;
  else if (balanceTilt === 'even')
    message = `This calls for ${SIDE_WORD[call]}; your leading and managing are balanced, within measurement error.`;
  else if (balanceTilt === call)
    message = `This calls for ${SIDE_WORD[call]}, and that is your habit: it plays to your strength, but don't let the other side lapse.`;
  else message = `This calls for ${SIDE_WORD[call]}; your habit is ${SIDE_WORD[balanceTilt]}.`;

  return { overall: { call, tilt: balanceTilt, message }, contrasts: fits };
}
