import { describe, expect, it } from 'vitest';
import { feedbackReportFixture as report } from './fixtures.ts';
import {
  commentsByQuestion,
  feedbackReportFilename,
  groupNote,
  itemText,
  reportDate,
  responseLabel,
} from './wording.ts';

describe('report wording', () => {
  it('dates the report in UTC, whatever the server zone', () => {
    expect(reportDate('2026-04-30T23:30:00.000Z')).toBe('30 April 2026');
  });

  it('names the nearest answer label of an item mean', () => {
    expect(responseLabel(report, 4.6)).toBe('Almost always');
    expect(responseLabel(report, 4.4)).toBe('Often');
    expect(responseLabel(report, 1.2)).toBe('Rarely or never');
  });

  it('says which groups a merged group holds', () => {
    expect(groupNote(report.groups[3]!)).toBe('includes direct reports, too few to show on their own');
    expect(groupNote(report.groups[2]!)).toBe('');
  });

  it('groups comments by question without reordering them within a question', () => {
    const grouped = commentsByQuestion(report);
    expect(grouped.map((q) => q.question)).toEqual([
      'What should Zoë start doing?',
      'What should Zoë keep doing?',
    ]);
    expect(grouped[1]!.comments.map((c) => c.text.slice(0, 12))).toEqual([
      'Her weekly s',
      'Calm under p',
      'Clear owners',
    ]);
  });

  it('makes an ASCII download name from the subject and the closing day', () => {
    expect(feedbackReportFilename(report, 'pdf')).toBe('360-feedback-zoe-muller-2026-04-30.pdf');
    expect(feedbackReportFilename({ ...report, subject: { id: 'x', name: '李雷' } }, 'csv')).toBe(
      '360-feedback-report-2026-04-30.csv',
    );
  });

  it('puts the subject’s first name into raw observer wording', () => {
    expect(itemText(report, 'When someone brings {name} a problem, they ask questions.')).toBe(
      'When someone brings Zoë a problem, they ask questions.',
    );
    expect(itemText(report, 'Zoë already named.')).toBe('Zoë already named.');
  });
});
