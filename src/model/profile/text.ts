import type { Contrast } from '../instrument/types.ts';

/** Plain-language wording for the three contrasts (DESIGN.md §1). */
export const CONTRAST_TEXT: Record<
  Contrast,
  { name: string; lead: string; manage: string; leadHeavy: string; manageHeavy: string; even: string }
> = {
  focus: {
    name: 'People ↔ Tasks',
    lead: 'people',
    manage: 'tasks',
    leadHeavy:
      'You invest more in trust and relationships than in deadlines, budgets and tracking. People feel seen, but commitments may slip.',
    manageHeavy:
      'You attend more to deadlines, resources and tracking than to the people doing the work. Work gets done, but engagement and trust can thin out.',
    even: 'Your attention to people and to tasks is about even, within measurement error.',
  },
  direction: {
    name: 'Change ↔ Stability',
    lead: 'change',
    manage: 'stability',
    leadHeavy:
      'You push for change more than you secure the routines it rests on. Teams may tire of constant change and lose the stable base innovation needs.',
    manageHeavy:
      'You guard stability more than you challenge the status quo. Operations stay reliable, but needed change may come late or from elsewhere.',
    even: 'Your drive for change and your care for stability are about even, within measurement error.',
  },
  horizon: {
    name: 'Vision ↔ Operations',
    lead: 'vision',
    manage: 'operations',
    leadHeavy:
      'You think about where the team is going more than about what must happen today. The picture is clear, but follow-through may lag.',
    manageHeavy:
      'You focus on today’s priorities and details more than on the long-term picture. The team stays on track, but may not know where the track leads.',
    even: 'Your long-term thinking and your day-to-day follow-through are about even, within measurement error.',
  },
};

/** What the scores can and cannot tell (shown with every profile). */
export const HONESTY_NOTE =
  'This profile is a mirror for reflection, not a verdict. It summarises how often you say you do certain things; self-views are often kinder or harsher than others’ views, and scores carry measurement error (the bands). Use it to choose what to try next and to ask others for feedback.';
