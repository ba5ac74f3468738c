/** Questions per page: enough to move quickly, few enough never to feel like a wall. */
export const PAGE_SIZE = 5;

export function pageCount(items: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(items / size));
}

/** 1-based page of the first unanswered question, or the last page when all are answered. */
export function firstUnansweredPage(
  itemIds: readonly string[],
  answers: Readonly<Record<string, unknown>>,
  size = PAGE_SIZE,
): number {
  const index = itemIds.findIndex((id) => answers[id] === undefined);
  return index === -1 ? pageCount(itemIds.length, size) : Math.floor(index / size) + 1;
}

/** Pages (1-based) that still have unanswered questions. */
export function pagesWithGaps(
  itemIds: readonly string[],
  answers: Readonly<Record<string, unknown>>,
  size = PAGE_SIZE,
): number[] {
  const pages = new Set<number>();
  itemIds.forEach((id, i) => {
    if (answers[id] === undefined) pages.add(Math.floor(i / size) + 1);
  });
  return [...pages].sort((a, b) => a - b);
}

export function clampPage(page: number, count: number): number {
  return Number.isInteger(page) ? Math.min(Math.max(page, 1), count) : 1;
}
