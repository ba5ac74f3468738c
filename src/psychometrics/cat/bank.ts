import { InvalidInputError } from '../../model/errors/index.ts';
import { isValidGradedItem } from '../irt/graded.ts';
import { itemInformation } from '../irt/information.ts';
import { logProbabilityTable } from '../irt/log-probability-table.ts';
import { normalQuadrature, type Quadrature } from '../irt/quadrature.ts';
import type { GradedItem } from '../irt/types.ts';

/** A calibrated item in an adaptive bank. */
export interface CatItem extends GradedItem {
  id: string;
  /** The scale the item measures; each scale gets its own θ (content balancing). Default `default`. */
  scale?: string;
  /** Observed answer value of each category, ascending (default 0 … K−1). */
  categories?: number[];
}

/**
 * An item bank prepared for fast selection: per item, P(X = k | θ_q), log P and I(θ_q) on the quadrature
 * nodes, so a next-item decision is a few table sweeps (no exp/log in the selection loop).
 */
export class CatBank {
  readonly items: readonly CatItem[];
  readonly quadrature: Quadrature;
  /** `probability[j][k * Q + q]`, `logProbability[j][k * Q + q]`, `information[j][q]`. */
  readonly probability: Float64Array[];
  readonly logProbability: Float64Array[];
  readonly information: Float64Array[];
  /** Scales in order of first appearance, and the item indices of each. */
  readonly scales: string[];
  readonly itemsOfScale: Map<string, number[]>;
  private readonly indexById: Map<string, number>;

  constructor(items: readonly CatItem[], quadrature: Quadrature = normalQuadrature()) {
    const problems = items.flatMap((item) =>
      isValidGradedItem(item)
        ? []
        : [
            {
              code: 'invalid_item',
              message: `item ${item.id}: needs a > 0 and strictly increasing finite b`,
            },
          ],
    );
    if (items.length === 0) problems.push({ code: 'empty_bank', message: 'the item bank is empty' });
    const indexById = new Map<string, number>();
    items.forEach((item, j) => {
      if (indexById.has(item.id))
        problems.push({ code: 'duplicate_item', message: `item id "${item.id}" appears twice in the bank` });
      indexById.set(item.id, j);
      if (item.categories && item.categories.length !== item.b.length + 1)
        problems.push({
          code: 'invalid_item',
          message: `item ${item.id}: ${item.categories.length} categories for ${item.b.length} thresholds`,
        });
    });
    if (problems.length > 0) throw new InvalidInputError(problems);
    this.items = items;
    this.quadrature = quadrature;
    this.indexById = indexById;
    const nNodes = quadrature.nodes.length;
    const table = logProbabilityTable(items, quadrature.nodes);
    this.logProbability = items.map((_, j) =>
      table.values.slice(table.offsets[j]!, table.offsets[j]! + table.categories[j]! * nNodes),
    );
    this.probability = this.logProbability.map((values) => values.map(Math.exp));
    this.information = items.map((item) => quadrature.nodes.map((theta) => itemInformation(item, theta)));
    this.scales = [];
    this.itemsOfScale = new Map();
    items.forEach((item, j) => {
      const scale = item.scale ?? 'default';
      if (!this.itemsOfScale.has(scale)) {
        this.scales.push(scale);
        this.itemsOfScale.set(scale, []);
      }
      this.itemsOfScale.get(scale)!.push(j);
    });
  }

  indexOf(id: string): number {
    const j = this.indexById.get(id);
    if (j === undefined) throw new InvalidInputError(`item "${id}" is not in the item bank`, 'unknown_item');
    return j;
  }

  scaleOf(j: number): string {
    return this.items[j]!.scale ?? 'default';
  }

  /** Category code of an observed answer value, or an error naming the allowed values. */
  codeOf(j: number, value: number): number {
    const item = this.items[j]!;
    const categories = item.categories ?? item.b.map((_, k) => k).concat(item.b.length);
    const code = categories.indexOf(value);
    if (code < 0)
      throw new InvalidInputError(
        `answer ${value} to item "${item.id}" is not one of its categories (${categories.join(', ')})`,
        'invalid_answer',
      );
    return code;
  }
}
