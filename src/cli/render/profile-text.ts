import type { Profile } from '../../model/profile/build-profile.ts';
import { STRONG_CUT } from '../../model/profile/quadrant.ts';

const WIDTH = 41; // grid columns (0–100 in steps of 2.5)
const HEIGHT = 21; // grid rows

/**
 * The Lead × Manage grid as text: Manage across, Lead up, the cut lines at 62.5, the person as ●
 * and the 95% uncertainty box as a dotted outline.
 */
export function textGrid(profile: Profile): string[] {
  if (profile.lead === null || profile.manage === null)
    return ['(not enough answers to place you on the grid)'];
  const col = (x: number) => Math.round((Math.max(0, Math.min(100, x)) / 100) * (WIDTH - 1));
  const row = (y: number) => HEIGHT - 1 - Math.round((Math.max(0, Math.min(100, y)) / 100) * (HEIGHT - 1));
  const cells = Array.from({ length: HEIGHT }, () => Array.from({ length: WIDTH }, () => ' '));
  const cutX = col(STRONG_CUT);
  const cutY = row(STRONG_CUT);
  for (let r = 0; r < HEIGHT; r++) cells[r]![cutX] = '│';
  for (let c = 0; c < WIDTH; c++) cells[cutY]![c] = cells[cutY]![c] === '│' ? '┼' : '─';
  const mx = 1.96 * (profile.manageSem ?? 0);
  const ly = 1.96 * (profile.leadSem ?? 0);
  const [c0, c1] = [col(profile.manage - mx), col(profile.manage + mx)];
  const [r0, r1] = [row(profile.lead + ly), row(profile.lead - ly)];
  for (let c = c0; c <= c1; c++) {
    cells[r0]![c] = '·';
    cells[r1]![c] = '·';
  }
  for (let r = r0; r <= r1; r++) {
    cells[r]![c0] = '·';
    cells[r]![c1] = '·';
  }
  cells[row(profile.lead)]![col(profile.manage)] = '●';
  const lines = cells.map((cells, r) => {
    const label = r === 0 ? '100' : r === HEIGHT - 1 ? '  0' : r === cutY ? 'cut' : '   ';
    return `${label} ┤${cells.join('')}`;
  });
  lines.unshift('Lead ↑   Visionary (lead > manage)          Integrator (both)');
  lines.push(`    └${'─'.repeat(WIDTH)}`);
  lines.push(`     0${' '.repeat(WIDTH - 5)}100  Manage →`);
  lines.push('         Emerging (both developing)        Organizer (manage > lead)');
  return lines;
}

/** A bar of `width` characters for a 0–100 score. */
export function bar(score: number | null, width = 24): string {
  if (score === null) return `${'?'.repeat(3)}${' '.repeat(width - 3)}`;
  const filled = Math.round((score / 100) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

const n = (x: number | null) => (x === null ? '  –' : String(Math.round(x)).padStart(3));

/** The whole profile as plain text for the terminal. */
export function renderProfileText(profile: Profile): string {
  const out: string[] = [];
  out.push(
    `Lead ${n(profile.lead)}   Manage ${n(profile.manage)}   ${profile.quadrant ? profile.quadrant.name : ''}`,
  );
  out.push('');
  out.push(...textGrid(profile));
  out.push('');
  if (profile.quadrant) out.push(profile.quadrant.meaning, '');
  out.push(profile.balance.statement, '');
  out.push('Contrasts (lead side | manage side)');
  for (const c of profile.contrasts) {
    const lead = profile.scales.find((s) => s.id === c.lead.scale)!;
    const manage = profile.scales.find((s) => s.id === c.manage.scale)!;
    out.push(
      `  ${lead.name.padEnd(12)} ${bar(lead.score)} ${n(lead.score)}   ${manage.name.padEnd(12)} ${bar(manage.score)} ${n(manage.score)}`,
    );
    out.push(`    ${c.interpretation}`);
  }
  out.push('', 'Foundations');
  for (const s of profile.scales.filter((s) => s.pole === 'foundation')) {
    out.push(`  ${s.name.padEnd(24)} ${bar(s.score)} ${n(s.score)}`);
  }
  if (profile.strengths.length > 0)
    out.push('', `Strengths: ${profile.strengths.map((s) => s.name).join(', ')}`);
  if (profile.risks.length > 0) {
    out.push('', 'Risks to watch');
    for (const r of profile.risks) out.push(`  • ${r.title}: ${r.text}`);
  }
  if (profile.focusNext.length > 0) {
    out.push('', 'What to work on first');
    for (const f of profile.focusNext) out.push(`  → ${f.name}: ${f.reason}`);
  }
  out.push('', profile.note);
  return out.join('\n');
}
