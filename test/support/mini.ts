import { fileURLToPath } from 'node:url';
import { loadInstrumentFile } from '../../src/catalog/instruments.ts';

/** The small test instrument: seven scales of three items, the third of each reverse keyed, 1–5. */
export const mini = loadInstrumentFile(fileURLToPath(new URL('../fixtures/mini.yaml', import.meta.url)));

const PREFIX: Record<string, string> = {
  people: 'P',
  change: 'C',
  vision: 'V',
  tasks: 'T',
  stability: 'S',
  operations: 'O',
  listening: 'L',
};

/**
 * Answers that give each scale of `mini` the wanted mean m (1–5): items 1 and 2 answered m and the
 * reverse-keyed item 3 answered 6 − m. Scales not named get `otherwise`.
 */
export function miniAnswersFor(means: Record<string, number>, otherwise = 3): Record<string, number> {
  const answers: Record<string, number> = {};
  for (const [scale, p] of Object.entries(PREFIX)) {
    const m = means[scale] ?? otherwise;
    answers[`${p}1`] = m;
    answers[`${p}2`] = m;
    answers[`${p}3`] = 6 - m;
  }
  return answers;
}
