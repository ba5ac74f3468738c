import { describe, expect, it } from 'vitest';
import type { FeedbackReport } from '../../model/feedback/report.ts';
import { csvField, feedbackReportCsv } from './csv.ts';
import { feedbackReportFixture } from './fixtures.ts';

/** A small report whose every cell is checked by hand below. */
const small: FeedbackReport = {
  ...feedbackReportFixture,
  groups: [
    { id: 'self', label: 'You', respondents: 1, mergedFrom: [] },
    { id: 'others', label: 'Others, "merged"', respondents: 3, mergedFrom: ['direct-reports'] },
    { id: 'all-others', label: 'All raters except you', respondents: 3, mergedFrom: [] },
  ],
  scales: [
    {
      scaleId: 'people',
      name: 'People',
      pole: 'lead',
      contrast: 'focus',
      self: { score: 80, band: { low: 70.24, high: 89.76 } },
      groups: [
        { group: 'others', n: 3, score: 61.25, sd: 3.44, band: { low: 56, high: 66.5 } },
        { group: 'all-others', n: 3, score: 61.25, sd: 3.44, band: { low: 56, high: 66.5 } },
      ],
      gap: 'blind-spot',
    },
    {
      scaleId: 'x',
      name: '=HYPERLINK("http://evil")',
      pole: 'foundation',
      self: null,
      groups: [{ group: 'all-others', n: 2, score: 40, sd: null, band: { low: 30, high: 50 } }],
      gap: null,
    },
  ],
};

describe('feedbackReportCsv', () => {
  it('writes one row per scale × shown group, with RFC 4180 quoting and CRLF', () => {
    expect(feedbackReportCsv(small)).toBe(
      [
        'scale_id,scale_name,group,group_label,n,score,sd,band_low,band_high,gap',
        'people,People,self,You,1,80,,70.2,89.8,blind-spot',
        'people,People,others,"Others, ""merged""",3,61.3,3.4,56,66.5,blind-spot',
        'people,People,all-others,All raters except you,3,61.3,3.4,56,66.5,blind-spot',
        `x,"'=HYPERLINK(""http://evil"")",all-others,All raters except you,2,40,,30,50,`,
        '',
      ].join('\r\n'),
    );
  });

  it('gives the realistic fixture 10 scales × 5 rows (self, manager, peers, others, all raters) and a header', () => {
    const lines = feedbackReportCsv(feedbackReportFixture).split('\r\n');
    expect(lines).toHaveLength(1 + 10 * 5 + 1);
    expect(lines[1]).toBe('people,People,self,You,1,80,,70.2,89.8,blind-spot');
    expect(lines[2]).toBe('people,People,manager,Manager,1,72,,60.2,83.8,blind-spot');
    expect(lines[4]).toBe(
      'people,People,others,Others (with direct reports),3,67.3,3.1,61.2,73.5,blind-spot',
    );
    expect(lines[50]).toBe(
      'learning,Continuous learning,all-others,All raters except you,8,52,2.6,48.4,55.6,blind-spot',
    );
    expect(lines.at(-1)).toBe('');
  });

  it('never lists a suppressed group', () => {
    const csv = feedbackReportCsv({
      ...feedbackReportFixture,
      suppressed: [{ group: 'direct-reports', label: 'Direct reports' }],
    });
    expect(csv).not.toMatch(/direct-reports,|Direct reports,/);
  });
});

describe('csvField', () => {
  it('neutralises every formula start and quotes only when needed', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+33 1 23')).toBe("'+33 1 23");
    expect(csvField('-5 points')).toBe("'-5 points");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('a "b"')).toBe('"a ""b"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('Zoë — fine')).toBe('Zoë — fine');
    expect(csvField(null)).toBe('');
    expect(csvField(61.5)).toBe('61.5');
  });
});
