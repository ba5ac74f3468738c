import { describe, expect, it } from 'vitest';
import { type Actor, can } from './policy.ts';

const user = (userId: string, role: 'member' | 'coach' | 'admin' | 'owner', organizationId = 'A'): Actor => ({
  kind: 'user',
  userId,
  organizationId,
  role,
});

describe('360° feedback policy', () => {
  const subject = (selfService: boolean) =>
    ({
      type: 'feedback-subject',
      organizationId: 'A',
      userId: 'sam',
      coachIds: ['cora'],
      selfService,
    }) as const;

  it('opening a cycle: admins, the assigned coach, the person themselves when allowed; never across organisations', () => {
    expect(can(user('ada', 'admin'), 'feedback.open', subject(false))).toEqual({
      allowed: true,
      reason: 'role',
    });
    expect(can(user('cora', 'coach'), 'feedback.open', subject(false)).reason).toBe('assigned-coach');
    expect(can(user('carl', 'coach'), 'feedback.open', subject(false)).allowed).toBe(false);
    expect(can(user('sam', 'member'), 'feedback.open', subject(false)).allowed).toBe(false);
    expect(can(user('sam', 'member'), 'feedback.open', subject(true)).reason).toBe('own-data');
    expect(can(user('max', 'member'), 'feedback.open', subject(true)).allowed).toBe(false);
    expect(can(user('bea', 'admin', 'B'), 'feedback.open', subject(true)).reason).toBe('other-organization');
  });

  it('running a cycle: its owner and admins; the subject may nominate but not run it', () => {
    const cycle = {
      type: 'feedback-cycle',
      organizationId: 'A',
      ownerId: 'cora',
      subjectUserIds: ['sam'],
    } as const;
    expect(can(user('cora', 'coach'), 'feedback.manage', cycle).reason).toBe('own-data');
    expect(can(user('ada', 'admin'), 'feedback.manage', cycle).reason).toBe('role');
    expect(can(user('sam', 'member'), 'feedback.manage', cycle).allowed).toBe(false);
    expect(can(user('sam', 'member'), 'feedback.nominate', cycle).reason).toBe('own-data');
    expect(can(user('max', 'member'), 'feedback.nominate', cycle).allowed).toBe(false);
  });

  it('the report: the subject and their assigned coach only — not an admin, not the owner', () => {
    const report = {
      type: 'feedback-report',
      organizationId: 'A',
      userId: 'sam',
      coachIds: ['cora'],
    } as const;
    expect(can(user('sam', 'member'), 'feedback.read-report', report).reason).toBe('own-data');
    expect(can(user('cora', 'coach'), 'feedback.read-report', report).reason).toBe('assigned-coach');
    for (const who of [user('ada', 'admin'), user('olo', 'owner'), user('max', 'member')])
      expect(can(who, 'feedback.read-report', report)).toEqual({
        allowed: false,
        reason: 'answers-are-private',
      });
    expect(can(user('sam', 'member', 'B'), 'feedback.read-report', report).reason).toBe('other-organization');
  });
});
