import { logCategoryProbability } from './graded.ts';
import type { GradedItem } from './types.ts';

/**
 * log P(X_j = k | θ_q) for every item j, category k and node q, in one Float64Array:
 * `values[offsets[j] + k * nNodes + q]`. Scoring and the E-step then only add table entries.
 */
export interface LogProbabilityTable {
  nNodes: number;
  offsets: Int32Array;
  /** Number of categories K_j of each item. */
  categories: Int32Array;
  values: Float64Array;
}

export function logProbabilityTable(
  items: readonly GradedItem[],
  nodes: Float64Array,
  into?: LogProbabilityTable,
): LogProbabilityTable {
  const nNodes = nodes.length;
  const offsets = into?.offsets ?? new Int32Array(items.length);
  const categories = into?.categories ?? new Int32Array(items.length);
  let size = 0;
  items.forEach((item, j) => {
    offsets[j] = size;
    categories[j] = item.b.length + 1;
    size += (item.b.length + 1) * nNodes;
  });
  const values = into && into.values.length === size ? into.values : new Float64Array(size);
  items.forEach((item, j) => {
    const base = offsets[j]!;
    for (let k = 0; k < categories[j]!; k++)
      for (let q = 0; q < nNodes; q++)
        values[base + k * nNodes + q] = logCategoryProbability(item, nodes[q]!, k);
  });
  return { nNodes, offsets, categories, values };
}
