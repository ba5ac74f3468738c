/**
 * The Lead × Manage grid. Both axes run 0–100; the cut between "developing" and "strong" is 62.5,
 * i.e. a mean of 3.5 on a 1–5 frequency scale: halfway between "sometimes" and "often".
 */
export const STRONG_CUT = 62.5;

export type QuadrantId = 'both-strong' | 'lead-strong' | 'manage-strong' | 'both-developing';

export interface Quadrant {
  id: QuadrantId;
  name: string;
  meaning: string;
}

export const QUADRANTS: Record<QuadrantId, Quadrant> = {
  'both-strong': {
    id: 'both-strong',
    name: 'Integrator — leads and manages',
    meaning:
      'You report both setting direction and making it happen. This is the balance the model aims for; the work now is knowing which mode a situation calls for and not overusing either.',
  },
  'lead-strong': {
    id: 'lead-strong',
    name: 'Visionary — leads more than manages',
    meaning:
      'You report inspiring people, pushing for change and holding a long-term picture more than organising the work that gets there. Teams may feel energised but see ideas stall in execution.',
  },
  'manage-strong': {
    id: 'manage-strong',
    name: 'Organizer — manages more than leads',
    meaning:
      'You report keeping work organised, stable and on track more than setting direction or rallying people around it. Things run smoothly, but growth and innovation may wait for someone else.',
  },
  'both-developing': {
    id: 'both-developing',
    name: 'Emerging — both sides developing',
    meaning:
      'Neither leading nor managing shows up often in your answers yet. That is a common starting point in a new role: pick one concrete habit on each side and build from there.',
  },
};

/** The quadrant of a (lead, manage) point, or null when either index could not be scored. */
export function quadrantOf(lead: number | null, manage: number | null): QuadrantId | null {
  if (lead === null || manage === null) return null;
  const leadStrong = lead >= STRONG_CUT;
  const manageStrong = manage >= STRONG_CUT;
  if (leadStrong && manageStrong) return 'both-strong';
  if (leadStrong) return 'lead-strong';
  if (manageStrong) return 'manage-strong';
  return 'both-developing';
}
