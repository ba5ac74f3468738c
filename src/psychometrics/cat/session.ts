import { FulcrumError, InvalidInputError } from '../../model/errors/index.ts';
import { Rng } from '../random.ts';
import type { CatBank, CatItem } from './bank.ts';
import { SELECTION_METHODS, type SelectionMethod, selectionScores } from './select.ts';

/** Stopping targets for one scale. */
export interface ScaleTarget {
  /** Stop the scale once its SE (posterior SD) is at or below this… */
  targetSe: number;
  /** …and at least this many of its items were answered. */
  minItems: number;
  /** Never ask more than this many items of the scale. */
  maxItems: number;
}

export interface CatOptions {
  /** Default `mepv`; `mfi` is the classic baseline; `kl` / `kl-posterior` are Kullback–Leibler rules. */
  select?: SelectionMethod;
  /** Defaults for every scale (targetSe 0.3, minItems 1, maxItems = all the scale's items). */
  targetSe?: number;
  minItems?: number;
  maxItems?: number;
  /** Per-scale overrides; when given, only these scales are measured. */
  scales?: Record<string, Partial<ScaleTarget>>;
  /** Cap on items over all scales. */
  maxTotalItems?: number;
  /** Randomesque exposure control (Kingsbury & Zara 1989): pick at random among the best `k` (default 1). */
  randomesque?: number;
  /** Sympson–Hetter exposure parameters P(administer | selected) ∈ (0, 1] per item id (default 1). */
  sympsonHetter?: Record<string, number>;
  /** Seed of the session's PRNG (randomesque and Sympson–Hetter draws). Default 1. */
  seed?: number;
}

/**
 * Why a session ended: every scale reached its target SE; some scale hit its item cap instead; some scale
 * ran out of eligible items (after meeting its minimum); the overall cap; or the caller stopped it.
 */
export type StopReason = 'target-se' | 'max-items' | 'exhausted' | 'max-total-items' | 'stopped';

/** The whole session as plain JSON: store it between requests and pass it back in. */
export interface CatState {
  version: 1;
  select: SelectionMethod;
  randomesque: number;
  sympsonHetter: Record<string, number>;
  maxTotalItems: number;
  targets: Record<string, ScaleTarget>;
  /** State of the mulberry32 generator. */
  rng: number;
  answers: { item: string; value: number }[];
  /** The item handed out by `nextCatItem` and not yet answered. */
  pending: string | null;
  /** Items withheld by Sympson–Hetter for this session. */
  withheld: string[];
  finished: StopReason | null;
}

export interface ScaleEstimate {
  scale: string;
  theta: number;
  se: number;
  items: number;
  /** Items of the scale neither answered nor withheld by exposure control. */
  remaining: number;
  done: boolean;
}

/** A constraint of the adaptive test cannot be met (exit 1 / HTTP 409): never silently relaxed. */
export class CatConstraintError extends FulcrumError {
  constructor(message: string) {
    super('cat_constraint', message);
  }
}

/** Starts a session: validates the options against the bank and returns the initial state. */
export function startCat(bank: CatBank, options: CatOptions = {}): CatState {
  const select = options.select ?? 'mepv';
  if (!SELECTION_METHODS.includes(select))
    throw new InvalidInputError(`unknown selection method "${select}" (use ${SELECTION_METHODS.join(', ')})`);
  const randomesque = options.randomesque ?? 1;
  if (!Number.isInteger(randomesque) || randomesque < 1)
    throw new InvalidInputError(`randomesque must be a whole number ≥ 1 (got ${randomesque})`);
  const sympsonHetter = { ...(options.sympsonHetter ?? {}) };
  for (const [id, k] of Object.entries(sympsonHetter)) {
    bank.indexOf(id);
    if (!(k > 0 && k <= 1))
      throw new InvalidInputError(`Sympson–Hetter parameter of "${id}" must be in (0, 1] (got ${k})`);
  }
  const scaleIds = options.scales ? Object.keys(options.scales) : bank.scales;
  const targets: Record<string, ScaleTarget> = {};
  for (const scale of scaleIds) {
    const available = bank.itemsOfScale.get(scale)?.length ?? 0;
    if (available === 0) throw new CatConstraintError(`scale "${scale}" has no items in the bank`);
    const own = options.scales?.[scale] ?? {};
    const target: ScaleTarget = {
      targetSe: own.targetSe ?? options.targetSe ?? 0.3,
      minItems: own.minItems ?? options.minItems ?? 1,
      maxItems: own.maxItems ?? options.maxItems ?? available,
    };
    if (!(target.targetSe > 0)) throw new InvalidInputError(`scale "${scale}": targetSe must be > 0`);
    if (!Number.isInteger(target.minItems) || target.minItems < 0)
      throw new InvalidInputError(`scale "${scale}": minItems must be a whole number ≥ 0`);
    if (!Number.isInteger(target.maxItems) || target.maxItems < 1)
      throw new InvalidInputError(`scale "${scale}": maxItems must be a whole number ≥ 1`);
    if (target.minItems > target.maxItems)
      throw new CatConstraintError(
        `scale "${scale}": minItems ${target.minItems} exceeds maxItems ${target.maxItems}`,
      );
    if (target.minItems > available)
      throw new CatConstraintError(
        `scale "${scale}": minItems ${target.minItems} but the bank has only ${available} items`,
      );
    target.maxItems = Math.min(target.maxItems, available);
    targets[scale] = target;
  }
  const needed = Object.values(targets).reduce((s, t) => s + t.minItems, 0);
  const maxTotalItems = options.maxTotalItems ?? Number.MAX_SAFE_INTEGER;
  if (needed > maxTotalItems)
    throw new CatConstraintError(
      `the scales need ${needed} items at least but maxTotalItems is ${maxTotalItems}`,
    );
  return {
    version: 1,
    select,
    randomesque,
    sympsonHetter,
    maxTotalItems,
    targets,
    rng: (options.seed ?? 1) >>> 0,
    answers: [],
    pending: null,
    withheld: [],
    finished: null,
  };
}

/** Normalised posterior over the quadrature nodes of one scale, given the answers so far. */
function scalePosterior(
  bank: CatBank,
  state: CatState,
  scale: string,
): { posterior: Float64Array; items: number } {
  const { nodes, logWeights } = bank.quadrature;
  const nNodes = nodes.length;
  const logPost = new Float64Array(logWeights);
  let items = 0;
  for (const answer of state.answers) {
    const j = bank.indexOf(answer.item);
    if (bank.scaleOf(j) !== scale) continue;
    items++;
    const base = bank.codeOf(j, answer.value) * nNodes;
    const table = bank.logProbability[j]!;
    for (let q = 0; q < nNodes; q++) logPost[q]! += table[base + q]!;
  }
  let peak = Number.NEGATIVE_INFINITY;
  for (let q = 0; q < nNodes; q++) peak = Math.max(peak, logPost[q]!);
  let total = 0;
  const posterior = new Float64Array(nNodes);
  for (let q = 0; q < nNodes; q++) {
    posterior[q] = Math.exp(logPost[q]! - peak);
    total += posterior[q]!;
  }
  for (let q = 0; q < nNodes; q++) posterior[q]! /= total;
  return { posterior, items };
}

/** Current EAP estimate and SE of every measured scale, and whether it has met its stopping rule. */
export function catEstimate(bank: CatBank, state: CatState): ScaleEstimate[] {
  const nodes = bank.quadrature.nodes;
  const unavailable = new Set([...state.answers.map((a) => a.item), ...state.withheld]);
  return Object.entries(state.targets).map(([scale, target]) => {
    const { posterior, items } = scalePosterior(bank, state, scale);
    let theta = 0;
    for (let q = 0; q < nodes.length; q++) theta += posterior[q]! * nodes[q]!;
    let variance = 0;
    for (let q = 0; q < nodes.length; q++) variance += posterior[q]! * (nodes[q]! - theta) ** 2;
    const se = Math.sqrt(variance);
    const remaining = bank.itemsOfScale.get(scale)!.filter((j) => !unavailable.has(bank.items[j]!.id)).length;
    const done =
      items >= target.maxItems || (items >= target.minItems && (se <= target.targetSe || remaining === 0));
    return { scale, theta, se, items, remaining, done };
  });
}

/**
 * The next item to present, or `item: null` when the test is over (then `state.finished` says why).
 * Asking again before answering returns the same item. Content balancing: a scale still short of its
 * `minItems` goes first (fewest answered, relative to its minimum); otherwise the unfinished scale
 * furthest from its target SE. Within the scale, the best item by the selection rule, subject to
 * randomesque and Sympson–Hetter exposure control.
 */
export function nextCatItem(bank: CatBank, state: CatState): { state: CatState; item: CatItem | null } {
  if (state.finished) return { state, item: null };
  if (state.pending) return { state, item: bank.items[bank.indexOf(state.pending)]! };
  const estimates = catEstimate(bank, state);
  const open = estimates.filter((e) => !e.done);
  if (open.length === 0) {
    const reason: StopReason = estimates.every((e) => e.se <= state.targets[e.scale]!.targetSe)
      ? 'target-se'
      : estimates.some((e) => e.items < state.targets[e.scale]!.maxItems && e.remaining === 0)
        ? 'exhausted'
        : 'max-items';
    return { state: { ...state, finished: reason }, item: null };
  }
  if (state.answers.length >= state.maxTotalItems)
    return { state: { ...state, finished: 'max-total-items' }, item: null };
  const short = open.filter((e) => e.items < state.targets[e.scale]!.minItems);
  const pool = short.length > 0 ? short : open;
  const key = (e: ScaleEstimate) =>
    short.length > 0
      ? e.items / state.targets[e.scale]!.minItems
      : -(e.se / state.targets[e.scale]!.targetSe);
  const chosen = pool.reduce((best, e) => (key(e) < key(best) ? e : best));
  const scale = chosen.scale;

  const rng = new Rng(state.rng);
  const used = new Set([...state.answers.map((a) => a.item), ...state.withheld]);
  const withheld = [...state.withheld];
  const candidates = bank.itemsOfScale.get(scale)!.filter((j) => !used.has(bank.items[j]!.id));
  const { posterior } = scalePosterior(bank, state, scale);
  const scores = selectionScores(
    bank,
    state.select,
    candidates,
    posterior,
    chosen.theta,
    state.targets[scale]!.targetSe,
    chosen.items,
  );
  // Best first; ties keep bank order so results are reproducible.
  const order = candidates.map((_, c) => c).sort((x, y) => scores[y]! - scores[x]! || x - y);
  while (order.length > 0) {
    const pick = rng.int(Math.min(state.randomesque, order.length));
    const c = order.splice(pick, 1)[0]!;
    const item = bank.items[candidates[c]!]!;
    const exposure = state.sympsonHetter[item.id] ?? 1;
    if (exposure >= 1 || rng.next() < exposure) {
      return { state: { ...state, rng: rng.state, withheld, pending: item.id }, item };
    }
    withheld.push(item.id);
  }
  // Every remaining item of the scale was withheld: fine once its minimum is met (the scale is then
  // finished and another scale, or the end, comes next), otherwise a constraint cannot be honoured.
  if (chosen.items >= state.targets[scale]!.minItems)
    return nextCatItem(bank, { ...state, rng: rng.state, withheld });
  throw new CatConstraintError(
    `scale "${scale}" has no eligible item left (${chosen.items} answered, ${withheld.length} withheld by Sympson–Hetter) ` +
      `before reaching its target; lower the exposure control or the scale's minimum`,
  );
}

/** Records the answer (an observed category value of the item) to the pending item. */
export function answerCat(bank: CatBank, state: CatState, itemId: string, value: number): CatState {
  if (state.finished) throw new CatConstraintError('the adaptive test has finished; no more answers');
  if (state.pending !== itemId)
    throw new InvalidInputError(
      state.pending
        ? `expected an answer to item "${state.pending}", got one to "${itemId}"`
        : `no item is waiting for an answer (call next first), got one to "${itemId}"`,
      'unexpected_answer',
    );
  bank.codeOf(bank.indexOf(itemId), value);
  return { ...state, pending: null, answers: [...state.answers, { item: itemId, value }] };
}

/** Ends the session early (the rater stops); the estimates stay available. */
export function stopCat(state: CatState): CatState {
  return state.finished ? state : { ...state, pending: null, finished: 'stopped' };
}

/**
 * The same API as an object for callers that prefer one: `CatSession.start(bank, options)`, then
 * `next()`, `answer(id, value)`, `estimate()`, `stop()`; `state` is JSON to store, and
 * `new CatSession(bank, state)` resumes it.
 */
export class CatSession {
  constructor(
    readonly bank: CatBank,
    public state: CatState,
  ) {}

  static start(bank: CatBank, options: CatOptions = {}): CatSession {
    return new CatSession(bank, startCat(bank, options));
  }

  next(): CatItem | null {
    const { state, item } = nextCatItem(this.bank, this.state);
    this.state = state;
    return item;
  }

  answer(itemId: string, value: number): void {
    this.state = answerCat(this.bank, this.state, itemId, value);
  }

  estimate(): ScaleEstimate[] {
    return catEstimate(this.bank, this.state);
  }

  stop(): ScaleEstimate[] {
    this.state = stopCat(this.state);
    return this.estimate();
  }

  get finished(): StopReason | null {
    return this.state.finished;
  }
}
