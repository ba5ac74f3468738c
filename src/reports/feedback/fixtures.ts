import type {
  Band,
  FeedbackReport,
  GroupScaleScore,
  ReportGroupId,
  ScaleReport,
} from '../../model/feedback/report.ts';

type Row = [score: number, sd: number | null, low: number, high: number];

const OTHER_GROUPS: { group: ReportGroupId; n: number }[] = [
  { group: 'manager', n: 1 },
  { group: 'peers', n: 4 },
  { group: 'others', n: 3 },
  { group: 'all-others', n: 8 },
];

/**
 * A realistic 360° report for the built-in `lead-manage` instrument (v1.0.0), hand-written so every
 * number can be checked by eye: Zoë Müller rated by herself, her manager (shown separately, as the
 * cycle allowed), four peers, and three "others" (two direct reports merged with one other rater,
 * because two direct reports alone are below the threshold of 3). All-others = 1 + 4 + 3 = 8.
 *
 * Group scores are the means of made-up rater scores (e.g. People, peers: 60, 58, 66, 62 → 61.5,
 * SD 3.4); bands are ±1.96 standard errors; gaps follow the band rule (self band entirely above
 * the all-others band → blind spot, entirely below → hidden strength), so Emotional intelligence is
 * "aligned" despite a 12-point difference: the bands overlap.
 *
 * @example
 * const pdf = await renderFeedbackReportPdf(feedbackReportFixture);
 */
export const feedbackReportFixture: FeedbackReport = {
  cycle: {
    id: 'cyc_2026_spring',
    title: 'Leadership team 360° — spring 2026',
    closedAt: '2026-04-30T17:00:00.000Z',
    instrument: { id: 'lead-manage', version: '1.0.0', title: 'Lead × Manage' },
  },
  subject: { id: 'usr_zoe', name: 'Zoë Müller' },
  responseScale: {
    min: 1,
    max: 5,
    labels: ['Rarely or never', 'Occasionally', 'Sometimes', 'Often', 'Almost always'],
  },
  thresholds: { scores: 3, comments: 4 },
  groups: [
    { id: 'self', label: 'You', respondents: 1, mergedFrom: [] },
    { id: 'manager', label: 'Manager', respondents: 1, mergedFrom: [] },
    { id: 'peers', label: 'Peers', respondents: 4, mergedFrom: [] },
    { id: 'others', label: 'Others (with direct reports)', respondents: 3, mergedFrom: ['direct-reports'] },
    { id: 'all-others', label: 'All raters except you', respondents: 8, mergedFrom: [] },
  ],
  suppressed: [],
  grid: { self: { lead: 79, manage: 57.7 }, others: { lead: 67.5, manage: 66.3 } },
  scales: [
    scale('people', 'People', 'lead', 'focus', [80, 70.2, 89.8], 'blind-spot', [
      [72, null, 60.2, 83.8],
      [61.5, 3.4, 56, 67],
      [67.3, 3.1, 61.2, 73.5],
      [65, 4.9, 60.4, 69.6],
    ]),
    scale('change', 'Change', 'lead', 'direction', [72, 62.2, 81.8], 'aligned', [
      [75, null, 63.2, 86.8],
      [69.5, 3.4, 64, 75],
      [69.3, 3.1, 63.2, 75.5],
      [70.1, 3.4, 66.2, 74],
    ]),
    scale('vision', 'Vision', 'lead', 'horizon', [85, 75.2, 94.8], 'blind-spot', [
      [70, null, 58.2, 81.8],
      [67, 4.2, 61, 73],
      [67.3, 3.1, 61.2, 73.5],
      [67.5, 3.3, 63.6, 71.4],
    ]),
    scale('tasks', 'Tasks', 'manage', 'focus', [55, 45.2, 64.8], 'hidden-strength', [
      [78, null, 66.2, 89.8],
      [73.5, 3.4, 68, 79],
      [73.3, 3.1, 67.2, 79.5],
      [74, 3.2, 70.2, 77.8],
    ]),
    scale('stability', 'Stability', 'manage', 'direction', [60, 50.2, 69.8], 'aligned', [
      [66, null, 54.2, 77.8],
      [63.5, 3.4, 58, 69],
      [64, 2, 58.4, 69.6],
      [64, 2.6, 60.4, 67.6],
    ]),
    scale('operations', 'Operations', 'manage', 'horizon', [58, 48.2, 67.8], 'aligned', [
      [62, null, 50.2, 73.8],
      [61, 2.6, 55.9, 66.1],
      [60, 2, 54.4, 65.6],
      [60.8, 2.1, 57.3, 64.2],
    ]),
    scale(
      'emotional-intelligence',
      'Emotional intelligence',
      'foundation',
      undefined,
      [70, 60.2, 79.8],
      'aligned',
      [
        [54, null, 42.2, 65.8],
        [59, 2.6, 53.9, 64.1],
        [58, 4, 51.2, 64.8],
        [58, 3.2, 54.2, 61.8],
      ],
    ),
    scale('communication', 'Communication', 'foundation', undefined, [65, 55.2, 74.8], 'hidden-strength', [
      [82, null, 70.2, 93.8],
      [80.5, 2.5, 75.4, 85.6],
      [79.3, 3.1, 73.2, 85.5],
      [80.2, 2.5, 76.7, 83.8],
    ]),
    scale('adaptability', 'Adaptability', 'foundation', undefined, [75, 65.2, 84.8], 'aligned', [
      [74, null, 62.2, 85.8],
      [71.5, 3.4, 66, 77],
      [72, 2, 66.4, 77.6],
      [72, 2.6, 68.4, 75.6],
    ]),
    scale('learning', 'Continuous learning', 'foundation', undefined, [68, 58.2, 77.8], 'blind-spot', [
      [50, null, 38.2, 61.8],
      [52.5, 3.4, 47, 58],
      [52, 2, 46.4, 57.6],
      [52, 2.6, 48.4, 55.6],
    ]),
  ],
  items: {
    highest: [
      item(
        'CO2',
        'communication',
        'Zoë gives task updates that say what is done, what comes next, and what is blocked.',
        4.6,
      ),
      item('TA1', 'tasks', 'Zoë agrees on a clear deadline and a single owner for each piece of work.', 4.5),
      item(
        'CO4',
        'communication',
        'Zoë puts the main point first in their messages and keeps them short.',
        4.4,
      ),
    ],
    lowest: [
      item(
        'LE2',
        'learning',
        'Zoë mentions articles, books or reports they have read to improve how they lead and manage.',
        2.1,
      ),
      item('LE3', 'learning', 'Zoë attends workshops, courses or talks to build their skills.', 2.3),
      item(
        'EI4',
        'emotional-intelligence',
        'Zoë sums up what someone has said to check their understanding before responding.',
        2.6,
        7,
      ),
    ],
  },
  comments: [
    {
      questionId: 'start',
      question: 'What should Zoë start doing?',
      group: null,
      text: 'Share the “why” behind the roadmap earlier — we often hear about changes second-hand.',
    },
    {
      questionId: 'keep',
      question: 'What should Zoë keep doing?',
      group: 'Peers',
      text: 'Her weekly status notes are the clearest in the department. Keep them!',
    },
    {
      questionId: 'start',
      question: 'What should Zoë start doing?',
      group: 'Peers',
      text: 'Ask for feedback after big launches, not only when things go wrong.',
    },
    {
      questionId: 'keep',
      question: 'What should Zoë keep doing?',
      group: null,
      text: 'Calm under pressure; Łukasz and I both noticed it during the São Paulo migration.',
    },
    {
      questionId: 'keep',
      question: 'What should Zoë keep doing?',
      group: null,
      text: 'Clear owners & deadlines: "who does what by when" is never in doubt.',
    },
  ],
  nextSteps: [
    {
      scaleId: 'vision',
      kind: 'blind-spot',
      text: 'You rate your Vision clearly higher than others do: ask two colleagues what they picture when they think of where the team is heading.',
    },
    {
      scaleId: 'learning',
      kind: 'lowest-rated',
      text: 'Continuous learning is your lowest-rated area: make your learning visible — share one thing you read or tried each month.',
    },
    {
      scaleId: 'tasks',
      kind: 'hidden-strength',
      text: 'Others see more of Tasks in you than you do: it is a strength you can lean on deliberately.',
    },
  ],
  planLink: '/plans/new?focus=vision,learning',
};

function scale(
  scaleId: string,
  name: string,
  pole: ScaleReport['pole'],
  contrast: ScaleReport['contrast'],
  self: [score: number, low: number, high: number],
  gap: ScaleReport['gap'],
  rows: Row[],
): ScaleReport {
  const band = (low: number, high: number): Band => ({ low, high });
  const groups: GroupScaleScore[] = rows.map(([score, sd, low, high], i) => ({
    group: OTHER_GROUPS[i]!.group,
    n: OTHER_GROUPS[i]!.n,
    score,
    sd,
    band: band(low, high),
  }));
  return {
    scaleId,
    name,
    pole,
    ...(contrast ? { contrast } : {}),
    self: { score: self[0], band: band(self[1], self[2]) },
    groups,
    gap,
  };
}

function item(itemId: string, scaleId: string, text: string, mean: number, n = 8) {
  return { itemId, scaleId, text, mean, n };
}

/**
 * The same cycle where the direct reports could not be shown even merged (two of them, and no
 * other rater to merge with): they are named as suppressed, without a count, and count nowhere.
 */
export const suppressedReportFixture: FeedbackReport = {
  ...feedbackReportFixture,
  groups: feedbackReportFixture.groups
    .filter((g) => g.id !== 'others')
    .map((g) => (g.id === 'all-others' ? { ...g, respondents: 5 } : g)),
  suppressed: [{ group: 'direct-reports', label: 'Direct reports' }],
  scales: feedbackReportFixture.scales.map((s) => ({
    ...s,
    groups: s.groups
      .filter((g) => g.group !== 'others')
      .map((g) => (g.group === 'all-others' ? { ...g, n: 5 } : g)),
  })),
};
