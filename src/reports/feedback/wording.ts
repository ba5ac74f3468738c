/**
 * The words of the 360° report that the web page and the PDF share, so both say the same thing.
 * Pure functions of the report document.
 */
import type { FeedbackReport, Gap, NextStep, ReportGroup, ScaleReport } from '../../model/feedback/report.ts';
import { QUADRANTS, quadrantOf } from '../../model/profile/quadrant.ts';
import { fmt } from '../charts/scale.ts';

/** "30 April 2026", in UTC so the server and every reader show the same day. */
export function reportDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** What a group holds beyond its name: "includes direct reports" when smaller groups were merged into it. */
export function groupNote(group: ReportGroup): string {
  if (group.mergedFrom.length === 0) return '';
  const names = group.mergedFrom.map((g) => g.replace('-', ' '));
  return `includes ${names.join(' and ')}, too few to show on their own`;
}

export const MIRROR =
  'A mirror for reflection, not a verdict. These ratings show how often people notice certain behaviours — they are perceptions, shaped by where each person stands. Read them with curiosity, look for patterns, and talk them over with someone you trust.';

/** The confidentiality statement, naming the thresholds this report was built with. */
export function confidentiality(report: FeedbackReport): string[] {
  const { scores, comments } = report.thresholds;
  const lines = [
    `This report is confidential to ${report.subject.name} and to the people the organisation allows to see it.`,
    `Raters answered anonymously. A group’s scores are shown only when at least ${scores} people in it answered; smaller groups are merged into “Others” or left out. No individual rater’s answers appear anywhere.`,
    `Comments are verbatim, in random order and unattributed; a comment names its group only when at least ${comments} people in that group answered.`,
  ];
  const manager = report.groups.find((g) => g.id === 'manager');
  if (manager && manager.respondents < scores) {
    lines.push(
      'Your manager’s ratings are shown on their own because the cycle said so and your manager was told so before answering.',
    );
  }
  return lines;
}

export function suppressedNote(report: FeedbackReport): string | null {
  if (report.suppressed.length === 0) return null;
  const names = report.suppressed.map((s) => s.label).join(', ');
  return `Not shown: ${names}. Too few people in ${report.suppressed.length === 1 ? 'this group' : 'these groups'} answered to keep their answers anonymous, even merged with others.`;
}

export const GAP_LABEL: Record<Gap, string> = {
  'blind-spot': 'Blind spot',
  'hidden-strength': 'Hidden strength',
  aligned: 'Aligned',
};

export const NEXT_STEP_LABEL: Record<NextStep['kind'], string> = {
  'blind-spot': 'Blind spot',
  'hidden-strength': 'Hidden strength',
  'lowest-rated': 'Lowest rated',
};

export const POLES: { pole: ScaleReport['pole']; heading: string; intro: string }[] = [
  {
    pole: 'lead',
    heading: 'Leading',
    intro: 'Vision, people and change: setting direction and bringing people along.',
  },
  {
    pole: 'manage',
    heading: 'Managing',
    intro: 'Tasks, stability and operations: making work run reliably.',
  },
  { pole: 'foundation', heading: 'Foundations', intro: 'Shared by both modes.' },
];

/** Self against all others on one scale, in words: "You 85 (75.2–94.8) · others 67.5 (63.6–71.4)". */
export function gapLine(scale: ScaleReport): string {
  const all = scale.groups.find((g) => g.group === 'all-others');
  const band = (b: { low: number; high: number }) => `${fmt(b.low)}–${fmt(b.high)}`;
  const self = scale.self ? `You ${fmt(scale.self.score)} (${band(scale.self.band)})` : 'No self rating';
  const others = all ? `others ${fmt(all.score)} (${band(all.band)})` : 'no ratings from others';
  return `${self} · ${others}`;
}

export const GAP_EXPLAINED =
  'A blind spot is a scale where your own 95% band lies entirely above the band of all other raters; a hidden strength, entirely below. Where the bands overlap, the difference is within measurement error and counts as aligned, however large it looks.';

/** "Visionary" for the point's region, or null without a point. */
export function regionName(point: { lead: number; manage: number } | null): string | null {
  const q = point && quadrantOf(point.lead, point.manage);
  return q ? (QUADRANTS[q].name.split(' — ')[0] ?? null) : null;
}

/** The answer label nearest to an item mean: 4.6 → "Almost always" on the 1–5 frequency scale. */
export function responseLabel(report: FeedbackReport, mean: number): string {
  const { min, labels } = report.responseScale;
  return labels[Math.min(labels.length - 1, Math.max(0, Math.round(mean) - min))] ?? '';
}

/** Comments grouped by question, keeping the given (random) order within each question. */
export function commentsByQuestion(
  report: FeedbackReport,
): { question: string; comments: FeedbackReport['comments'] }[] {
  const out: { questionId: string; question: string; comments: FeedbackReport['comments'] }[] = [];
  for (const c of report.comments) {
    let q = out.find((o) => o.questionId === c.questionId);
    if (!q) {
      q = { questionId: c.questionId, question: c.question, comments: [] };
      out.push(q);
    }
    q.comments.push(c);
  }
  return out;
}

export function scaleName(report: FeedbackReport, scaleId: string): string {
  return report.scales.find((s) => s.scaleId === scaleId)?.name ?? scaleId;
}

/** The scales where self and others agree within measurement error, as one sentence (null when none). */
export function alignedLine(report: FeedbackReport): string | null {
  const names = report.scales.filter((sc) => sc.gap === 'aligned').map((sc) => sc.name);
  return names.length === 0
    ? null
    : `Aligned — your view and others’ within measurement error: ${names.join(', ')}.`;
}

/**
 * A download file name for an export, ASCII only so every browser and mail client keeps it.
 *
 * @example
 * feedbackReportFilename(report, 'pdf') // "360-feedback-zoe-muller-2026-04-30.pdf"
 */
export function feedbackReportFilename(report: FeedbackReport, extension: 'pdf' | 'csv'): string {
  const name = report.subject.name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `360-feedback-${name || 'report'}-${report.cycle.closedAt.slice(0, 10)}.${extension}`;
}

/**
 * An item as raters read it: the instrument's observer wording with `{name}` replaced by the
 * subject's first name, as the rater form does (a report built from raw instrument text still reads well).
 *
 * @example
 * itemText(report, '{name} keeps the commitments they make.') // "Zoë keeps the commitments they make."
 */
export function itemText(report: FeedbackReport, text: string): string {
  const first = report.subject.name.split(' ')[0] || report.subject.name;
  return text.replaceAll('{name}', first);
}
