import { type Action, type Actor, can, type Resource } from '../model/access/policy.ts';
import {
  ForbiddenError,
  InvalidInputError,
  type Problem,
  UnauthenticatedError,
} from '../model/errors/index.ts';

/**
 * Asks the policy and throws when it says no: 401 for nobody signed in, else 403 with the policy's
 * reason. Every service method that acts for someone calls it (or `can` directly) before touching data.
 *
 * @example
 * authorize(actor, 'plan.create', { type: 'organization', organizationId: actor.organizationId });
 */
export function authorize(actor: Actor, action: Action, resource: Resource): void {
  const decision = can(actor, action, resource);
  if (decision.allowed) return;
  if (decision.reason === 'unauthenticated') throw new UnauthenticatedError();
  throw new ForbiddenError(decision.reason);
}

/** A problem with one field of a JSON body, named by its path (`actions[1].dueDate`). */
export const fieldProblem = (path: string, message: string): Problem => ({
  code: 'invalid_field',
  message,
  location: { kind: 'json', path },
});

/** Refuses the input with every problem found. */
export function invalid(problems: Problem[]): never {
  throw new InvalidInputError(problems);
}
