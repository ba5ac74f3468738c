/**
 * The 360° report's aggregated results as CSV: one row per scale × shown group, never an
 * individual rater (the report holds none). RFC 4180: comma-separated, CRLF line ends, fields with
 * a comma, quote or line break in double quotes with quotes doubled. A text cell that a spreadsheet
 * would run as a formula (starting with =, +, -, @, tab or carriage return) gets a leading
 * apostrophe, so opening the file never executes anything a rater or admin typed.
 */
import type { FeedbackReport } from '../../model/feedback/report.ts';

export const CSV_HEADER = [
  'scale_id',
  'scale_name',
  'group',
  'group_label',
  'n',
  'score',
  'sd',
  'band_low',
  'band_high',
  'gap',
] as const;

/** A spreadsheet would evaluate these as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: neutralised against formula injection, then quoted when RFC 4180 requires it.
 *
 * @example
 * csvField('=SUM(A1)') // "'=SUM(A1)"
 * csvField('Others, merged') // '"Others, merged"'
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Scores and bands to one decimal, as the report shows them (65 stays "65", 61.25 → "61.3"). */
const num = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/**
 * The report's aggregated results as CSV text (UTF-8, header row, CRLF). Self is a row with n 1
 * and no SD; the gap (blind-spot, hidden-strength, aligned or empty) is the scale's, on each of its rows.
 *
 * @example
 * reply.type('text/csv; charset=utf-8').send(feedbackReportCsv(report));
 */
export function feedbackReportCsv(report: FeedbackReport): string {
  const label = (id: string) => report.groups.find((g) => g.id === id)?.label ?? id;
  const rows: (string | number | null)[][] = [[...CSV_HEADER]];
  for (const scale of report.scales) {
    const gap = scale.gap ?? '';
    if (scale.self) {
      const { score, band } = scale.self;
      rows.push([
        scale.scaleId,
        scale.name,
        'self',
        label('self'),
        1,
        num(score),
        null,
        num(band.low),
        num(band.high),
        gap,
      ]);
    }
    for (const g of scale.groups) {
      rows.push([
        scale.scaleId,
        scale.name,
        g.group,
        label(g.group),
        g.n,
        num(g.score),
        num(g.sd),
        num(g.band.low),
        num(g.band.high),
        gap,
      ]);
    }
  }
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
