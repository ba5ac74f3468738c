/**
 * The 360° feedback report for one subject in one cycle — the only shape in which feedback leaves
 * the store. It is built after the cycle closes (or is released) by the anonymity-aware aggregation,
 * and by construction holds no rater identity, no individual answer and no group below the cycle's
 * threshold. The web page, the PDF and the CSV export all render this one document.
 *
 * Scores are on the 0–100 scale of the profile (`(mean − min) / (max − min) × 100`); item means are
 * on the instrument's response scale.
 */

/** The rater groups a cycle can invite. `self` is the subject's own rating. */
export type RaterGroup = 'self' | 'manager' | 'peers' | 'direct-reports' | 'others';

/** A group as shown in a report: a rater group (possibly with smaller groups merged into `others`), or every rater but the subject. */
export type ReportGroupId = RaterGroup | 'all-others';

export interface ReportGroup {
  id: ReportGroupId;
  /** For people: "Peers", "Others (with direct reports)", "All raters except you". */
  label: string;
  /** Raters whose submitted answers count in this group. */
  respondents: number;
  /** Rater groups folded into this one because each alone was below the threshold (empty when none). */
  mergedFrom: RaterGroup[];
}

/** A 95% band on the 0–100 score. */
export interface Band {
  low: number;
  high: number;
}

export interface GroupScaleScore {
  group: ReportGroupId;
  /** Raters counted for this scale: those who answered at least half of its items (not counting "not observed"). */
  n: number;
  /** Mean of the counted raters' scale scores, 0–100. */
  score: number;
  /** Spread among the counted raters (sample SD of their scale scores); null when n < 2. */
  sd: number | null;
  band: Band;
}

/**
 * Self against all other raters, judged against the measurement band rather than an arbitrary gap:
 * a blind spot when self is clearly above others, a hidden strength when clearly below.
 */
export type Gap = 'blind-spot' | 'hidden-strength' | 'aligned';

export interface ScaleReport {
  scaleId: string;
  name: string;
  pole: 'lead' | 'manage' | 'foundation';
  contrast?: 'focus' | 'direction' | 'horizon';
  /** The subject's own rating; null when there is no self rating for this scale. */
  self: { score: number; band: Band } | null;
  /** Shown groups except self, in report order, ending with `all-others`; groups that could not be shown are absent. */
  groups: GroupScaleScore[];
  /** Null when self or all-others is missing for this scale. */
  gap: Gap | null;
}

export interface ItemHighlight {
  itemId: string;
  scaleId: string;
  /** The observer wording, as raters read it. */
  text: string;
  /** Mean rating of all raters except self, on the response scale. */
  mean: number;
  n: number;
}

export interface ReportComment {
  questionId: string;
  question: string;
  /** The group label, only when that group alone reaches the comment threshold; otherwise null. */
  group: string | null;
  /** Verbatim. */
  text: string;
}

export interface NextStep {
  scaleId: string;
  kind: 'blind-spot' | 'hidden-strength' | 'lowest-rated';
  /** A sentence for the person: what the data suggests doing about this scale. */
  text: string;
}

export interface FeedbackReport {
  cycle: {
    id: string;
    title: string;
    closedAt: string;
    instrument: { id: string; version: string; title: string };
  };
  subject: { id: string; name: string };
  responseScale: { min: number; max: number; labels: string[] };
  thresholds: { scores: number; comments: number };
  /** Shown groups: self first when present, then the others in order, `all-others` last. */
  groups: ReportGroup[];
  /** Groups that had raters but cannot be shown (too few, even merged); no counts are given. */
  suppressed: { group: RaterGroup; label: string }[];
  /** Lead × Manage points (0–100) for the subject's own view and for all other raters. */
  grid: {
    self: { lead: number; manage: number } | null;
    others: { lead: number; manage: number } | null;
  };
  scales: ScaleReport[];
  items: { highest: ItemHighlight[]; lowest: ItemHighlight[] };
  /** Verbatim, unattributed, in random order. */
  comments: ReportComment[];
  nextSteps: NextStep[];
  /** Path in the web app that starts a development plan focused on the next steps' scales, e.g. `/plans/new?focus=people,vision`. */
  planLink: string;
}
