import { NotFoundError } from '../errors/index.ts';
import type { ExampleSituation } from './types.ts';

/** The example with this id, or a `NotFoundError` listing the known ids (exit 2 on the command line). */
export function findExample(examples: readonly ExampleSituation[], id: string): ExampleSituation {
  const found = examples.find((e) => e.id === id);
  if (!found)
    throw new NotFoundError('example situation', id, `known: ${examples.map((e) => e.id).join(', ')}`);
  return found;
}
