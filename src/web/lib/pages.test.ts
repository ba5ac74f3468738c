import { describe, expect, it } from 'vitest';
import { clampPage, firstUnansweredPage, pageCount, pagesWithGaps } from './pages.ts';

const ids = Array.from({ length: 12 }, (_, i) => `q${i + 1}`);

describe('paging', () => {
  it('splits 12 questions into pages of 5, 5 and 2', () => {
    expect(pageCount(12)).toBe(3);
    expect(pageCount(30)).toBe(6);
    expect(pageCount(70)).toBe(14);
  });

  it('resumes on the page of the first unanswered question', () => {
    expect(firstUnansweredPage(ids, {})).toBe(1);
    const answered = Object.fromEntries(ids.slice(0, 7).map((id) => [id, 3]));
    expect(firstUnansweredPage(ids, answered)).toBe(2);
    expect(firstUnansweredPage(ids, Object.fromEntries(ids.map((id) => [id, 3])))).toBe(3);
  });

  it('lists pages with unanswered questions and clamps page numbers', () => {
    expect(pagesWithGaps(ids, { q1: 1, q2: 1, q3: 1, q4: 1, q5: 1, q6: 2 })).toEqual([2, 3]);
    expect(clampPage(0, 6)).toBe(1);
    expect(clampPage(9, 6)).toBe(6);
    expect(clampPage(Number.NaN, 6)).toBe(1);
  });
});
