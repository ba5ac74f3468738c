/**
 * Scoring speed (issue 2): 100,000 respondents × 60 items through the scoring kernel, against a
 * floor measured in the same run that only sums the same numbers row by row. Goal: ≥ 25% of the
 * floor's speed. The two sides alternate round by round (so a busy moment on a shared machine hits
 * both), and each is timed as its best round.
 */
import type { Instrument } from '../src/model/instrument/types.ts';
import { createScorer } from '../src/model/scoring/scorer.ts';

const RESPONDENTS = 100_000;
const ITEMS = 60;
const ROUNDS = 15;

/** Six items per scale over ten scales, like the built-in instrument; a third of them reverse keyed. */
function syntheticInstrument(): Instrument {
  const poles = [
    ['lead', 'focus'],
    ['lead', 'direction'],
    ['lead', 'horizon'],
    ['manage', 'focus'],
    ['manage', 'direction'],
    ['manage', 'horizon'],
    ['foundation'],
    ['foundation'],
    ['foundation'],
    ['foundation'],
  ] as const;
  const scales = poles.map(([pole, contrast], i) => ({
    id: `s${i}`,
    name: `Scale ${i}`,
    pole,
    ...(contrast ? { contrast } : {}),
    description: '',
    high: '',
    low: '',
  }));
  const items = Array.from({ length: ITEMS }, (_, i) => ({
    id: `i${i}`,
    scale: `s${i % 10}`,
    reverse: i % 3 === 0,
    self: 'I',
    observer: '{name}',
    short: false,
  }));
  return {
    id: 'bench',
    version: '1.0.0',
    title: 'Bench',
    description: '',
    responseScale: { min: 1, max: 5, labels: ['1', '2', '3', '4', '5'] },
    scales,
    items,
  };
}

/** Visits every answer once and adds it to a per-respondent sum, skipping missing ones: the floor. */
function sumRows(values: Float64Array): number {
  let total = 0;
  for (let r = 0; r < RESPONDENTS; r++) {
    let sum = 0;
    const base = r * ITEMS;
    for (let c = 0; c < ITEMS; c++) {
      const x = values[base + c]!;
      if (!Number.isNaN(x)) sum += x;
    }
    total += sum;
  }
  return total;
}

/** Best time of each side over `ROUNDS` alternating rounds. */
function alternate(sides: Array<() => number>): number[] {
  const bestSeconds = sides.map(() => Number.POSITIVE_INFINITY);
  let check = 0;
  for (let round = 0; round < ROUNDS; round++) {
    sides.forEach((side, i) => {
      const start = process.hrtime.bigint();
      check += side();
      bestSeconds[i] = Math.min(bestSeconds[i]!, Number(process.hrtime.bigint() - start) / 1e9);
    });
  }
  if (Number.isNaN(check)) console.log('(check value is NaN)'); // keeps the work observable
  return bestSeconds;
}

export async function run(): Promise<void> {
  const instrument = syntheticInstrument();
  const columns = instrument.items.map((i) => i.id);
  const values = new Float64Array(RESPONDENTS * ITEMS);
  let seed = 12345;
  for (let k = 0; k < values.length; k++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    values[k] = k % 97 === 0 ? Number.NaN : 1 + (seed % 5); // about 1% missing
  }

  const scorer = createScorer(instrument, columns);
  const out = scorer.allocateBatch(RESPONDENTS); // output reused across rounds, as a chunked reader would
  const [floorSeconds, scoringSeconds] = alternate([
    () => sumRows(values),
    () => {
      scorer.scoreBatch(values, RESPONDENTS, out);
      return out.lead[0]! + out.manage[RESPONDENTS - 1]!;
    },
  ]) as [number, number];
  const floor = { seconds: floorSeconds };
  const scoring = { seconds: scoringSeconds };

  const rate = (s: number) => Math.round(RESPONDENTS / s).toLocaleString('en-US');
  const ratio = floor.seconds / scoring.seconds;
  console.log(
    `scoring   ${RESPONDENTS.toLocaleString('en-US')} respondents × ${ITEMS} items: ${scoring.seconds.toFixed(4)} s, ${rate(scoring.seconds)} respondents/s`,
  );
  console.log(
    `floor     (sum the same numbers):            ${floor.seconds.toFixed(4)} s, ${rate(floor.seconds)} respondents/s`,
  );
  console.log(
    `ratio     scoring speed / floor speed = ${(ratio * 100).toFixed(1)}% (goal ≥ 25%) ${ratio >= 0.25 ? 'OK' : 'BELOW GOAL'}`,
  );
}
