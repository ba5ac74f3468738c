import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInstrumentFile } from '../../catalog/instruments.ts';
import { buildProfile } from '../profile/build-profile.ts';
import { growthOf } from './growth.ts';
import { reliableScaleChange } from './reliable-change.ts';

describe('reliable change (Jacobson–Truax)', () => {
  it('matches hand-worked RCIs', () => {
    // SEM = 15·√0.2 = 6.708204; √2·SEM = 9.486833
    const real = reliableScaleChange(50, 70, 6.708204);
    expect(real.seDifference).toBeCloseTo(9.486833, 5);
    expect(real.rci).toBeCloseTo(2.108185, 5); // 20 / 9.486833
    expect(real.verdict).toBe('improved');
    const noise = reliableScaleChange(50, 68, 6.708204); // 18 / 9.486833 = 1.897367
    expect(noise.rci).toBeCloseTo(1.897367, 5);
    expect(noise.verdict).toBe('within-error');
    expect(reliableScaleChange(80, 55, 6.708204).verdict).toBe('declined'); // −25 / 9.4868 = −2.635
  });

  it('uses √(SEM₁² + SEM₂²) when the two SEMs differ', () => {
    // short form SEM 9.104654 then full form 6.708204: √(82.894 + 45) = 11.309
    const change = reliableScaleChange(40, 62, 9.104654, 6.708204);
    expect(change.seDifference).toBeCloseTo(Math.sqrt(9.104654 ** 2 + 6.708204 ** 2), 10);
    expect(change.rci).toBeCloseTo(22 / 11.309, 3);
    expect(change.verdict).toBe('within-error'); // 1.945 ≤ 1.96
  });
});

describe('growthOf', () => {
  const mini = loadInstrumentFile(
    fileURLToPath(new URL('../../../test/fixtures/mini.yaml', import.meta.url)),
  );
  const answers = (m: number) => Object.fromEntries(mini.items.map((i) => [i.id, i.reverse ? 6 - m : m]));

  it('orders assessments by time and judges first vs latest per scale', () => {
    const before = buildProfile(mini, answers(3)); // every scale 50
    const after = buildProfile(mini, { ...answers(3), P1: 5, P2: 5, P3: 1, C1: 4 }); // people 100, change 58.3
    const growth = growthOf([
      { at: '2026-06-01T00:00:00Z', profile: after },
      { at: '2026-01-01T00:00:00Z', profile: before },
    ]);
    const people = growth.find((g) => g.scale === 'people')!;
    expect(people.points.map((p) => p.score)).toEqual([50, 100]);
    // 3-item scales: SEM = 15·√0.2 = 6.708; RCI = 50 / 9.4868 = 5.27
    expect(people.change!.rci).toBeCloseTo(5.2705, 3);
    expect(people.change!.verdict).toBe('improved');
    const change = growth.find((g) => g.scale === 'change')!;
    expect(change.change!.verdict).toBe('within-error'); // 8.33 / 9.4868 = 0.88
    expect(change.statement).toMatch(/within measurement error/);
  });

  it('says to re-assess when there is only one profile', () => {
    const growth = growthOf([{ at: '2026-01-01T00:00:00Z', profile: buildProfile(mini, answers(3)) }]);
    expect(growth[0]!.change).toBeNull();
    expect(growth[0]!.statement).toMatch(/take the assessment again/);
  });
});
