import type { RaterGroup, ReportGroup } from './report.ts';

/**
 * The anonymity rules of 360° feedback, as pure functions over counts. Every report, export and
 * filter is planned here first, so no caller can show a group smaller than the threshold or recover
 * one by subtraction.
 */

/** Rater groups other than the subject, in report order. */
export const OTHER_GROUPS = ['manager', 'peers', 'direct-reports', 'others'] as const;
export type OtherGroup = (typeof OTHER_GROUPS)[number];

export const GROUP_LABELS: Record<RaterGroup, string> = {
  self: 'You',
  manager: 'Manager',
  peers: 'Peers',
  'direct-reports': 'Direct reports',
  others: 'Others',
};

/** The smallest threshold a cycle may set: a group of one is an individual. */
export const MIN_THRESHOLD = 2;
export const DEFAULT_THRESHOLD = 3;

export interface AnonymityRules {
  /** Fewest raters a group needs for its scores to be shown (≥ 2). */
  threshold: number;
  /** Fewest raters a group needs for its comments to be labelled with it (≥ threshold). */
  commentThreshold: number;
  /**
   * The manager group is shown on its own, even alone: only when the cycle says so *and* every
   * manager rater was told before answering that their answers are identifiable.
   */
  managerShownSeparately: boolean;
}

/**
 * Thresholds as a cycle may set them: the score threshold never below 2 (default 3), the comment
 * threshold never below the score threshold.
 *
 * @example
 * anonymityRules({ threshold: 1 }) // → { threshold: 2, commentThreshold: 2, managerShownSeparately: false }
 */
export function anonymityRules(input: {
  threshold?: number | undefined;
  commentThreshold?: number | undefined;
  managerShownSeparately?: boolean | undefined;
}): AnonymityRules {
  const threshold = Math.max(MIN_THRESHOLD, Math.floor(input.threshold ?? DEFAULT_THRESHOLD));
  const commentThreshold = Math.max(threshold, Math.floor(input.commentThreshold ?? threshold));
  return { threshold, commentThreshold, managerShownSeparately: input.managerShownSeparately ?? false };
}

export interface GroupPlan {
  /** Groups that may be shown (without self and all-others), each with the raw groups folded into it. */
  shown: { id: OtherGroup; members: OtherGroup[] }[];
  /** Groups with raters that cannot be shown at all. */
  suppressed: OtherGroup[];
}

/**
 * Which groups a report shows, from the number of submitted raters per group:
 * - a group at or above the threshold is shown as itself;
 * - the manager is shown alone, whatever the count, only when `managerIdentifiable` (the cycle
 *   allowed it and every manager rater was told before answering);
 * - the groups below the threshold are merged into *Others* (with the `others` raters) when that
 *   merged group reaches the threshold; otherwise all of them are suppressed.
 *
 * @example
 * // 1 manager, 3 peers, 2 direct reports, threshold 3: peers shown; manager + direct reports = 3 → Others
 * planGroups({ manager: 1, peers: 3, 'direct-reports': 2 }, 3, false)
 * // → { shown: [{ id: 'peers', … }, { id: 'others', members: ['manager', 'direct-reports'] }], suppressed: [] }
 */
export function planGroups(
  counts: Partial<Record<OtherGroup, number>>,
  threshold: number,
  managerIdentifiable: boolean,
): GroupPlan {
  const shown: GroupPlan['shown'] = [];
  const small: OtherGroup[] = [];
  for (const group of OTHER_GROUPS) {
    const n = counts[group] ?? 0;
    if (n === 0) continue;
    if (group === 'manager' && managerIdentifiable) shown.push({ id: group, members: [group] });
    else if (n >= threshold && group !== 'others') shown.push({ id: group, members: [group] });
    else small.push(group);
  }
  // `others` always goes to the pool (never shown on its own terms): alone or merged it is one group
  const pool = small;
  const pooled = pool.reduce((total, g) => total + (counts[g] ?? 0), 0);
  if (pool.length > 0 && pooled >= threshold) shown.push({ id: 'others', members: pool });
  return { shown, suppressed: pooled >= threshold ? [] : pool };
}

/** The label of a shown group: "Others (with manager and direct reports)" when groups were merged. */
export function groupLabel(id: RaterGroup, members: readonly RaterGroup[]): string {
  const merged = members.filter((g) => g !== id);
  if (merged.length === 0) return GROUP_LABELS[id];
  const names = merged.map((g) => GROUP_LABELS[g].toLowerCase());
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${GROUP_LABELS[id]} (with ${list})`;
}

/** A shown group as the report names it. */
export function reportGroup(id: OtherGroup, members: OtherGroup[], respondents: number): ReportGroup {
  return {
    id,
    label: groupLabel(id, members),
    respondents,
    mergedFrom: members.filter((g) => g !== id),
  };
}

export type SelectionCheck = { allowed: true } | { allowed: false; reason: 'too-few' | 'remainder-too-few' };

/**
 * May a filter or breakdown show the raters `selected` out of `total` (both counted the same way,
 * e.g. raters counted for one scale)? Only when the selection reaches the threshold *and* what it
 * leaves out is either nobody or also at least the threshold — else comparing the filtered and the
 * unfiltered result would reveal the small remainder by subtraction.
 *
 * @example
 * checkSelection(3, 5, 3) // → { allowed: false, reason: 'remainder-too-few' } (5 − 3 = 2 < 3)
 * checkSelection(3, 6, 3) // → { allowed: true }
 */
export function checkSelection(selected: number, total: number, threshold: number): SelectionCheck {
  if (selected < threshold) return { allowed: false, reason: 'too-few' };
  const remainder = total - selected;
  if (remainder > 0 && remainder < threshold) return { allowed: false, reason: 'remainder-too-few' };
  return { allowed: true };
}
