import type { Profile } from '../model/profile/build-profile.ts';
import type { Form } from '../model/scoring/form.ts';
import type { Store } from '../store/database.ts';
import { AssessmentOwnerRepository } from '../store/repositories/assessment-owners.ts';
import { AssessmentRepository } from '../store/repositories/assessments.ts';

export interface CompletedProfile {
  assessmentId: string;
  instrumentId: string;
  form: Form;
  completedAt: string;
  profile: Profile;
}

/**
 * A person's completed self-assessment profiles in one organisation, oldest first. Callers check
 * access first (the person themselves, or what the policy allows); this only reads, scoped by the
 * organisation id.
 *
 * @example
 * const latest = (await completedProfilesOf(store, actor.organizationId, actor.userId)).at(-1);
 */
export async function completedProfilesOf(
  store: Store,
  organizationId: string,
  userId: string,
): Promise<CompletedProfile[]> {
  const owners = new AssessmentOwnerRepository(store);
  const assessments = new AssessmentRepository(store);
  const out: CompletedProfile[] = [];
  for (const id of await owners.idsOf(organizationId, userId)) {
    const a = await assessments.findById(id);
    if (a?.status === 'completed' && a.profile && a.completedAt)
      out.push({
        assessmentId: a.id,
        instrumentId: a.instrumentId,
        form: a.form,
        completedAt: a.completedAt,
        profile: a.profile,
      });
  }
  return out.sort((x, y) => x.completedAt.localeCompare(y.completedAt));
}
