import { describe, expect, it } from 'vitest';
import { type Actor, ANONYMOUS, can } from './policy.ts';

const user = (userId: string, role: 'member' | 'coach' | 'admin' | 'owner', organizationId = 'A'): Actor => ({
  kind: 'user',
  userId,
  organizationId,
  role,
});

describe('development plan policy', () => {
  const plan = (sharedWith: string[] = []) =>
    ({ type: 'plan', organizationId: 'A', ownerId: 'sam', sharedWith }) as const;

  it('the owner reads and changes their plan', () => {
    expect(can(user('sam', 'member'), 'plan.read', plan())).toEqual({ allowed: true, reason: 'own-data' });
    expect(can(user('sam', 'member'), 'plan.manage', plan()).allowed).toBe(true);
  });

  it('nobody else reads it, whatever their role, until the owner shares it', () => {
    for (const role of ['member', 'coach', 'admin', 'owner'] as const) {
      expect(can(user('eve', role), 'plan.read', plan()).allowed, role).toBe(false);
      expect(can(user('eve', role), 'plan.manage', plan()).allowed, role).toBe(false);
    }
  });

  it('a person it is shared with reads it but never changes it', () => {
    expect(can(user('cora', 'coach'), 'plan.read', plan(['cora']))).toEqual({
      allowed: true,
      reason: 'shared-with-me',
    });
    expect(can(user('cora', 'coach'), 'plan.manage', plan(['cora']))).toEqual({
      allowed: false,
      reason: 'not-own-data',
    });
  });

  it('never across organisations, never anonymously, even when shared', () => {
    expect(can(user('cora', 'admin', 'B'), 'plan.read', plan(['cora'])).reason).toBe('other-organization');
    expect(can(user('sam', 'member', 'B'), 'plan.read', plan()).reason).toBe('other-organization');
    expect(can(ANONYMOUS, 'plan.read', plan()).reason).toBe('unauthenticated');
  });

  it('plan actions on other resources are refused', () => {
    expect(
      can(user('sam', 'member'), 'plan.manage', { type: 'person', organizationId: 'A', userId: 'sam' })
        .reason,
    ).toBe('wrong-resource');
    expect(can(user('sam', 'member'), 'feedback.read-report', plan()).reason).toBe('wrong-resource');
  });
});
