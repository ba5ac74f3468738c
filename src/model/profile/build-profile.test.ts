import { describe, expect, it } from 'vitest';
import { mini, miniAnswersFor } from '../../../test/support/mini.ts';
import { buildProfile, tiltOf } from './build-profile.ts';
import { meanSem, reliabilityFor, scaleSem } from './precision.ts';
import { quadrantOf } from './quadrant.ts';

describe('precision (Spearman–Brown with reliability 0.80, SD 15)', () => {
  it('matches hand-worked values', () => {
    // k₀ = 7: ρ₁ = 0.8 / (7 − 6·0.8) = 0.363636…; ρ₃ = 3ρ₁ / (1 + 2ρ₁) = 0.631579
    expect(reliabilityFor(7, 7)).toBeCloseTo(0.8, 12);
    expect(reliabilityFor(3, 7)).toBeCloseTo(0.631579, 6);
    // SEM = 15 √(1 − ρ): full 15·√0.2 = 6.708204; three items 15·√0.368421 = 9.104654
    expect(scaleSem(7, 7)).toBeCloseTo(6.708204, 6);
    expect(scaleSem(3, 7)).toBeCloseTo(9.104654, 5);
    // Lead index of three full scales: √(3 · 45) / 3 = 3.872983
    expect(meanSem([scaleSem(3, 3), scaleSem(3, 3), scaleSem(3, 3)])).toBeCloseTo(3.872983, 6);
  });
});

describe('quadrant', () => {
  it('cuts at 62.5 on both axes', () => {
    expect(quadrantOf(62.5, 62.5)).toBe('both-strong');
    expect(quadrantOf(62.4, 80)).toBe('manage-strong');
    expect(quadrantOf(80, 62.4)).toBe('lead-strong');
    expect(quadrantOf(10, 62.4)).toBe('both-developing');
    expect(quadrantOf(null, 90)).toBeNull();
  });
});

describe('balance respects measurement error', () => {
  it('calls a difference a tilt only beyond 1.96 SE', () => {
    // Three full 3-item scales per side: SE of lead − manage = √2 · 3.872983 = 5.477226; 1.96 · SE = 10.735
    expect(tiltOf(10.7, 5.477226)).toBe('even');
    expect(tiltOf(10.8, 5.477226)).toBe('lead');
    expect(tiltOf(-10.8, 5.477226)).toBe('manage');
  });

  it('a 2-point gap is balanced, not a tilt', () => {
    // Scale means chosen so lead = 62.5 and manage = 60.4166… (2.08 points apart)
    const profile = buildProfile(
      mini,
      miniAnswersFor({ people: 3.5, change: 3.5, vision: 3.5, tasks: 3.5, stability: 3.5, operations: 3.25 }),
    );
    expect(profile.lead).toBe(62.5);
    expect(profile.balance.tilt).toBe('even');
    expect(profile.balance.statement).toMatch(/balanced/);
  });

  it('names the one-sided risk of a strong lead and weak manage profile', () => {
    // people/change/vision mean 5 → 100; tasks/stability/operations mean 2 → 25
    const profile = buildProfile(
      mini,
      miniAnswersFor({ people: 5, change: 5, vision: 5, tasks: 2, stability: 2, operations: 2 }),
    );
    expect(profile.lead).toBe(100);
    expect(profile.manage).toBe(25);
    expect(profile.quadrant?.id).toBe('lead-strong');
    expect(profile.balance.tilt).toBe('lead');
    expect(profile.risks.map((r) => r.id)).toContain('lead-without-manage');
    expect(profile.risks.map((r) => r.id)).toContain('focus-lead-heavy');
    expect(profile.focusNext[0]!.scale).toMatch(/tasks|stability|operations/);
    expect(profile.strengths.map((s) => s.scale)).toEqual(['people', 'change', 'vision']);
  });

  it('names the manage-without-lead risk for the mirror profile', () => {
    const profile = buildProfile(
      mini,
      miniAnswersFor({ people: 2, change: 2, vision: 2, tasks: 5, stability: 5, operations: 4 }),
    );
    expect(profile.quadrant?.id).toBe('manage-strong');
    expect(profile.risks.map((r) => r.id)).toContain('manage-without-lead');
  });

  it('gives bands of ±1.96 SEM clipped to 0–100 and explains unscored scales', () => {
    const profile = buildProfile(mini, { ...miniAnswersFor({ people: 5 }), P2: null, P3: null });
    const people = profile.scales.find((s) => s.id === 'people')!;
    expect(people.score).toBeNull();
    expect(people.interpretation).toMatch(/1 of 3/);
    const change = profile.scales.find((s) => s.id === 'change')!;
    expect(change.score).toBe(50);
    expect(change.band![0]).toBeCloseTo(50 - 1.96 * 6.708204, 5);
    expect(profile.quadrant).toBeNull();
  });
});
