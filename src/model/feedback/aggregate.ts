import { ForbiddenError } from '../errors/index.ts';
import type { Instrument, Item, Scale } from '../instrument/types.ts';
import { DEFAULT_PRECISION, differenceSe, scaleSem, Z95 } from '../profile/precision.ts';
import {
  type AnonymityRules,
  checkSelection,
  GROUP_LABELS,
  type OtherGroup,
  planGroups,
  reportGroup,
} from './anonymity.ts';
import type {
  Band,
  FeedbackReport,
  Gap,
  GroupScaleScore,
  ItemHighlight,
  NextStep,
  RaterGroup,
  ReportComment,
  ReportGroup,
  ScaleReport,
} from './report.ts';

/** One rater's answer: a point on the response scale, or "don't know / not observed". */
export type RatingValue = number | 'not-observed';

/** One submitted rater form. Declined and unfinished forms never reach the aggregation. */
export interface RaterSubmission {
  group: RaterGroup;
  /** Told before answering that their answers are identifiable (a manager shown separately). */
  identifiable: boolean;
  answers: Readonly<Record<string, RatingValue>>;
  /** Open answers by question id, verbatim. */
  comments: Readonly<Record<string, string>>;
}

export interface ReportInput {
  cycle: { id: string; title: string; closedAt: string };
  subject: { id: string; name: string };
  instrument: Instrument;
  /** The items raters were asked (the cycle's form). */
  items: readonly Item[];
  rules: AnonymityRules;
  questions: readonly { id: string; text: string }[];
  /** Every submitted form for this subject, self included. */
  submissions: readonly RaterSubmission[];
  /** A filter: only these shown groups (refused when it would isolate a small group, directly or by subtraction). */
  selection?: readonly OtherGroup[] | undefined;
  /** Seed of the comments' random order (stable per report, unrelated to who wrote what). */
  seed: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * A rater's score on one scale (0–100), or null when they answered fewer than half of the scale's
 * items in the form ("not observed" does not count as an answer).
 */
export function raterScaleScore(
  answers: Readonly<Record<string, RatingValue>>,
  scaleItems: readonly Item[],
  responseScale: { min: number; max: number },
): { score: number; answered: number } | null {
  const { min, max } = responseScale;
  const keyed: number[] = [];
  for (const item of scaleItems) {
    const value = answers[item.id];
    if (typeof value !== 'number') continue;
    keyed.push(item.reverse ? min + max - value : value);
  }
  if (keyed.length === 0 || keyed.length < Math.ceil(scaleItems.length / 2)) return null;
  const mean = keyed.reduce((a, b) => a + b, 0) / keyed.length;
  return { score: ((mean - min) / (max - min)) * 100, answered: keyed.length };
}

interface Counted {
  score: number;
  sem: number;
}

/**
 * A group's mean on a scale with its band. The standard error of the mean of n raters is
 * SE = max(s, SEM) / √n, where s is the raters' sample SD and SEM the root-mean-square measurement
 * error of one rater's score (Spearman–Brown, `profile/precision.ts`): the spread between raters
 * already contains their measurement error, but with few raters who happen to agree s can be
 * near 0, so one rater's SEM is its floor. Band = mean ± 1.96·SE, clipped to 0–100.
 */
export function groupScore(counted: readonly Counted[]): { score: number; sd: number | null; se: number } {
  const n = counted.length;
  const mean = counted.reduce((a, c) => a + c.score, 0) / n;
  const sd = n < 2 ? null : Math.sqrt(counted.reduce((a, c) => a + (c.score - mean) ** 2, 0) / (n - 1));
  const semRms = Math.sqrt(counted.reduce((a, c) => a + c.sem ** 2, 0) / n);
  return { score: mean, sd, se: Math.max(sd ?? 0, semRms) / Math.sqrt(n) };
}

function toBand(score: number, se: number): Band {
  return { low: round1(Math.max(0, score - Z95 * se)), high: round1(Math.min(100, score + Z95 * se)) };
}

/**
 * Self against all others: a blind spot when self − others > 1.96 · SE_diff, a hidden strength when
 * below −1.96 · SE_diff, with SE_diff = √(SEM_self² + SE_others²) — the standard error of a
 * difference of two independent scores (e.g. Harvill 1991, "Standard error of measurement",
 * Educational Measurement: Issues and Practice 10(2)). A gap inside that band is noise.
 */
export function judgeGap(self: number, selfSem: number, others: number, othersSe: number): Gap {
  const d = self - others;
  const limit = Z95 * differenceSe(selfSem, othersSe);
  if (d > limit) return 'blind-spot';
  if (d < -limit) return 'hidden-strength';
  return 'aligned';
}

/** Mulberry32: a small seeded PRNG, so the comments' order is random but stable per report. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(list: T[], random: () => number): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

const isOther = (g: RaterGroup): g is OtherGroup => g !== 'self';

/**
 * The 360° report for one subject: the anonymity plan first (threshold, merging into Others,
 * suppression, the identifiable manager), then per scale the self score, each shown group that
 * still reaches the threshold among raters *counted for that scale*, and all others — always the
 * exact union of the groups shown for that scale, so no small group can be recovered by
 * subtraction. Throws ForbiddenError (`isolates-small-group`) for a selection that would.
 *
 * @example
 * const report = buildFeedbackReport({ cycle, subject, instrument, items, rules, questions, submissions, seed: 7 });
 * report.groups.map((g) => g.label) // ['You', 'Peers', 'Others (with manager and direct reports)', 'All raters except you']
 */
export function buildFeedbackReport(input: ReportInput): FeedbackReport {
  const { instrument, rules } = input;
  const { threshold } = rules;
  const rs = instrument.responseScale;
  const self = input.submissions.find((s) => s.group === 'self') ?? null;
  const raters = input.submissions.filter((s) => s.group !== 'self');

  const counts: Partial<Record<OtherGroup, number>> = {};
  for (const r of raters) if (isOther(r.group)) counts[r.group] = (counts[r.group] ?? 0) + 1;
  const managers = raters.filter((r) => r.group === 'manager');
  const managerIdentifiable =
    rules.managerShownSeparately && managers.length > 0 && managers.every((m) => m.identifiable);
  const plan = planGroups(counts, threshold, managerIdentifiable);

  // a selection keeps some shown groups; what it leaves out must be nobody or enough people
  const allShown = plan.shown;
  let shown = allShown;
  if (input.selection) {
    const wanted = new Set(input.selection);
    shown = allShown.filter((g) => wanted.has(g.id));
    const unknown = [...wanted].filter((g) => !allShown.some((s) => s.id === g));
    if (unknown.length > 0 || shown.length === 0) refuse('too-few');
  }
  const membersOf = (groups: typeof shown) => new Set(groups.flatMap((g) => g.members));
  const inShown = (r: RaterSubmission, groups: typeof shown) => membersOf(groups).has(r.group as OtherGroup);
  const shownRaters = raters.filter((r) => inShown(r, shown));
  const allShownRaters = raters.filter((r) => inShown(r, allShown));
  if (input.selection) guard(shownRaters.length, allShownRaters.length);

  const groupOf = (r: RaterSubmission) => shown.find((g) => g.members.includes(r.group as OtherGroup))!;
  const identifiableGroup = (id: OtherGroup) => id === 'manager' && managerIdentifiable;

  const scales: ScaleReport[] = [];
  const selfPoints: Record<string, number> = {};
  const otherPoints: Record<string, number> = {};
  for (const scale of instrument.scales) {
    const scaleItems = input.items.filter((i) => i.scale === scale.id);
    if (scaleItems.length === 0) continue;
    const fullItems = instrument.items.filter((i) => i.scale === scale.id).length;
    const count = (r: RaterSubmission): Counted | null => {
      const s = raterScaleScore(r.answers, scaleItems, rs);
      return s && { score: s.score, sem: scaleSem(s.answered, fullItems, DEFAULT_PRECISION) };
    };

    let selfEntry: ScaleReport['self'] = null;
    let selfSem = 0;
    const selfCounted = self && count(self);
    if (selfCounted) {
      selfSem = selfCounted.sem;
      selfEntry = { score: round1(selfCounted.score), band: toBand(selfCounted.score, selfSem) };
      selfPoints[scale.id] = selfCounted.score;
    }

    const groups: GroupScaleScore[] = [];
    const unionCounted: Counted[] = [];
    for (const g of shown) {
      const counted = raters
        .filter((r) => g.members.includes(r.group as OtherGroup))
        .map(count)
        .filter((c): c is Counted => c !== null);
      if (counted.length === 0 || (counted.length < threshold && !identifiableGroup(g.id))) continue;
      const s = groupScore(counted);
      groups.push({
        group: g.id,
        n: counted.length,
        score: round1(s.score),
        sd: s.sd === null ? null : round1(s.sd),
        band: toBand(s.score, s.se),
      });
      unionCounted.push(...counted);
    }
    if (input.selection) {
      const totalCounted = allShownRaters.map(count).filter((c) => c !== null).length;
      guard(unionCounted.length, totalCounted);
    }
    let gap: Gap | null = null;
    if (unionCounted.length >= threshold) {
      const all = groupScore(unionCounted);
      groups.push({
        group: 'all-others',
        n: unionCounted.length,
        score: round1(all.score),
        sd: all.sd === null ? null : round1(all.sd),
        band: toBand(all.score, all.se),
      });
      otherPoints[scale.id] = all.score;
      if (selfCounted) gap = judgeGap(selfCounted.score, selfSem, all.score, all.se);
    }
    scales.push({
      scaleId: scale.id,
      name: scale.name,
      pole: scale.pole,
      ...(scale.contrast ? { contrast: scale.contrast } : {}),
      self: selfEntry,
      groups,
      gap,
    });
  }

  const reportGroups: ReportGroup[] = [];
  if (self) reportGroups.push({ id: 'self', label: GROUP_LABELS.self, respondents: 1, mergedFrom: [] });
  for (const g of shown) {
    const n = raters.filter((r) => g.members.includes(r.group as OtherGroup)).length;
    reportGroups.push(reportGroup(g.id, g.members, n));
  }
  if (shownRaters.length > 0) {
    reportGroups.push({
      id: 'all-others',
      label: 'All raters except you',
      respondents: shownRaters.length,
      mergedFrom: [],
    });
  }

  return withPlanLink({
    cycle: {
      ...input.cycle,
      instrument: { id: instrument.id, version: instrument.version, title: instrument.title },
    },
    subject: input.subject,
    responseScale: { min: rs.min, max: rs.max, labels: [...rs.labels] },
    thresholds: { scores: threshold, comments: rules.commentThreshold },
    groups: reportGroups,
    // under a selection nothing is said about the groups left out
    suppressed: input.selection ? [] : plan.suppressed.map((g) => ({ group: g, label: GROUP_LABELS[g] })),
    grid: {
      self: gridPoint(instrument.scales, selfPoints),
      others: gridPoint(instrument.scales, otherPoints),
    },
    scales,
    items: itemHighlights(input, shownRaters, allShownRaters),
    comments: comments(input, shownRaters, groupOf, counts),
    nextSteps: nextSteps(scales),
    planLink: '',
  });

  function guard(selected: number, total: number) {
    const check = checkSelection(selected, total, threshold);
    if (!check.allowed) refuse(check.reason);
  }
}

function refuse(reason: 'too-few' | 'remainder-too-few'): never {
  throw new ForbiddenError(
    'isolates-small-group',
    reason === 'too-few'
      ? 'this selection has fewer raters than the anonymity threshold'
      : 'this selection would leave fewer raters than the anonymity threshold outside it, which would reveal them by subtraction',
  );
}

function withPlanLink(report: FeedbackReport): FeedbackReport {
  const focus = [...new Set(report.nextSteps.map((s) => s.scaleId))];
  return { ...report, planLink: `/plans/new?focus=${focus.join(',')}` };
}

/** Lead and Manage: the means of their three scale scores; null when one is missing (as in the profile). */
function gridPoint(scales: readonly Scale[], points: Record<string, number>) {
  const axis = (pole: 'lead' | 'manage') => {
    const values = scales.filter((s) => s.pole === pole).map((s) => points[s.id]);
    if (values.length === 0 || values.some((v) => v === undefined)) return null;
    return round1((values as number[]).reduce((a, b) => a + b, 0) / values.length);
  };
  const lead = axis('lead');
  const manage = axis('manage');
  return lead === null || manage === null ? null : { lead, manage };
}

/**
 * Highest and lowest rated items by all shown raters except self (three each). Only positively
 * worded items, so "highest" always means "most of this behaviour"; an item needs at least the
 * threshold of ratings, and under a selection its left-out ratings must be none or enough too.
 */
function itemHighlights(
  input: ReportInput,
  shownRaters: readonly RaterSubmission[],
  allShownRaters: readonly RaterSubmission[],
) {
  const { threshold } = input.rules;
  const rated: ItemHighlight[] = [];
  for (const item of input.items) {
    if (item.reverse) continue;
    const values = shownRaters
      .map((r) => r.answers[item.id])
      .filter((v): v is number => typeof v === 'number');
    if (values.length < threshold) continue;
    if (input.selection) {
      const total = allShownRaters.filter((r) => typeof r.answers[item.id] === 'number').length;
      if (!checkSelection(values.length, total, threshold).allowed) continue;
    }
    rated.push({
      itemId: item.id,
      scaleId: item.scale,
      text: item.observer,
      mean: Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100,
      n: values.length,
    });
  }
  const byMean = [...rated].sort((a, b) => b.mean - a.mean || a.itemId.localeCompare(b.itemId));
  const highest = byMean.slice(0, 3);
  const lowest = byMean
    .filter((i) => !highest.includes(i))
    .reverse()
    .slice(0, 3);
  return { highest, lowest };
}

/**
 * Open answers, verbatim, in a seeded random order. Shown only when the raters in the report reach
 * the comment threshold; a comment carries its group's label only when that group is shown as itself
 * and alone reaches the comment threshold.
 */
function comments(
  input: ReportInput,
  shownRaters: readonly RaterSubmission[],
  groupOf: (r: RaterSubmission) => { id: OtherGroup; members: OtherGroup[] },
  counts: Partial<Record<OtherGroup, number>>,
): ReportComment[] {
  if (shownRaters.length < input.rules.commentThreshold) return [];
  const list: ReportComment[] = [];
  for (const r of shownRaters) {
    const g = groupOf(r);
    const labelled =
      g.members.length === 1 && g.id === r.group && (counts[g.id] ?? 0) >= input.rules.commentThreshold;
    for (const q of input.questions) {
      const text = r.comments[q.id]?.trim();
      if (text)
        list.push({ questionId: q.id, question: q.text, group: labelled ? GROUP_LABELS[g.id] : null, text });
    }
  }
  return shuffle(list, seeded(input.seed));
}

/**
 * What to do next: the blind spots (largest gap first), then the hidden strengths, and when there
 * is no blind spot the two scales others rate lowest.
 */
function nextSteps(scales: readonly ScaleReport[]): NextStep[] {
  const others = (s: ScaleReport) => s.groups.find((g) => g.group === 'all-others')?.score;
  const gapSize = (s: ScaleReport) => (s.self?.score ?? 0) - (others(s) ?? 0);
  const steps: NextStep[] = [];
  const blind = scales.filter((s) => s.gap === 'blind-spot').sort((a, b) => gapSize(b) - gapSize(a));
  for (const s of blind.slice(0, 2)) {
    steps.push({
      scaleId: s.scaleId,
      kind: 'blind-spot',
      text: `Others see less ${s.name.toLowerCase()} than you do (${others(s)} against your ${s.self?.score}). Ask two raters for one moment when more of it would have helped, and practise that.`,
    });
  }
  const hidden = scales.filter((s) => s.gap === 'hidden-strength').sort((a, b) => gapSize(a) - gapSize(b));
  for (const s of hidden.slice(0, 2)) {
    steps.push({
      scaleId: s.scaleId,
      kind: 'hidden-strength',
      text: `Others rate your ${s.name.toLowerCase()} higher than you do (${others(s)} against your ${s.self?.score}). Use it on purpose, and let it carry a weaker area.`,
    });
  }
  if (blind.length === 0) {
    const lowest = scales
      .filter((s) => others(s) !== undefined && !steps.some((x) => x.scaleId === s.scaleId))
      .sort((a, b) => others(a)! - others(b)!);
    for (const s of lowest.slice(0, 2)) {
      steps.push({
        scaleId: s.scaleId,
        kind: 'lowest-rated',
        text: `${s.name} is where others rate you lowest (${others(s)}). Pick one practice for it in your plan.`,
      });
    }
  }
  return steps;
}
