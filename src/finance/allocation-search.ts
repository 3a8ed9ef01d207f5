/**
 * The optimiser's search over allocations of a yearly CX budget across levers
 * (docs/finance.md, "Optimisation"). The objective is a sample-average approximation: every
 * candidate is simulated on the same fixed set of search replications (common random
 * numbers), so the objective is a deterministic function of the allocation and differences
 * between candidates carry little noise; the winner is then re-evaluated on independent
 * replications by the caller, so the reported numbers are free of the optimiser's selection
 * bias.
 *
 * Method — marginal allocation, then pairwise exchange:
 * 1. Greedy marginal allocation: the budget is split into `chunks` equal parts; starting from
 *    nothing, each part goes to the lever whose objective gains most from it (all levers
 *    tried, n evaluations per part). For separable concave responses this is exactly optimal
 *    on the chunk grid (marginal analysis, Fox 1966).
 * 2. Pairwise exchange (a compass search on the simplex): move one step of budget from lever i
 *    to lever j for every feasible pair, take the best improving move, repeat; when none
 *    improves, halve the step, `refinements` times. This repairs what the greedy pass gets
 *    wrong with interactions or S-shaped (Hill) responses.
 * With `allowUnspent`, "leave it unspent" is one more option in both phases.
 *
 * Allocations are integer counts of the finest step (budget / (chunks·2^refinements)), so
 * they are exact, and every evaluated allocation is cached.
 */

export interface SearchSettings {
  /** Parts of the budget in the greedy pass (10 = steps of 10%). */
  chunks: number;
  /** Halvings of the step in the exchange pass (2: steps of 1/chunks, 1/(2·chunks), 1/(4·chunks)). */
  refinements: number;
  /** Whether part of the budget may stay unspent. */
  allowUnspent: boolean;
  /** Safety cap on exchange moves per step size. */
  maxMovesPerStep: number;
}

export const DEFAULT_SEARCH: SearchSettings = { chunks: 10, refinements: 1, allowUnspent: false, maxMovesPerStep: 50 };

export interface SearchStep {
  phase: 'greedy' | 'exchange';
  /** Step size as a share of the budget. */
  step: number;
  /** Shares of the budget by lever (the rest unspent). */
  shares: number[];
  objective: number;
}

export interface SearchResult {
  shares: number[];
  objective: number;
  /** Distinct allocations evaluated. */
  evaluations: number;
  /** Accepted allocations, in order. */
  path: SearchStep[];
  /** Every evaluated allocation with its objective. */
  evaluated: { shares: number[]; objective: number }[];
}

/** Evaluates a batch of allocations (shares by lever) → objective values. */
export type Evaluate = (shares: number[][]) => Promise<number[]>;

export async function searchAllocation(levers: number, evaluate: Evaluate, s: SearchSettings = DEFAULT_SEARCH, onPhase?: (message: string) => void): Promise<SearchResult> {
  if (levers < 1) throw new RangeError('the optimiser needs at least one lever');
  const unit = 2 ** s.refinements;
  const total = s.chunks * unit;
  const cache = new Map<string, number>();
  const evaluated: SearchResult['evaluated'] = [];
  const key = (a: number[]) => a.join(',');
  const shares = (a: number[]) => a.map((x) => x / total);
  const evalBatch = async (cands: number[][]): Promise<number[]> => {
    const todo = [...new Map(cands.filter((a) => !cache.has(key(a))).map((a) => [key(a), a])).values()];
    if (todo.length > 0) {
      const ys = await evaluate(todo.map(shares));
      todo.forEach((a, i) => {
        if (!Number.isFinite(ys[i])) throw new RangeError(`objective is not finite for allocation ${key(a)}`);
        cache.set(key(a), ys[i]);
        evaluated.push({ shares: shares(a), objective: ys[i] });
      });
    }
    return cands.map((a) => cache.get(key(a))!);
  };
  const path: SearchStep[] = [];

  // 1. greedy marginal allocation
  let a = new Array<number>(levers).fill(0);
  let fa = s.allowUnspent ? (await evalBatch([a]))[0] : -Infinity;
  if (s.allowUnspent) path.push({ phase: 'greedy', step: 1 / s.chunks, shares: shares(a), objective: fa });
  for (let k = 0; k < s.chunks; k++) {
    onPhase?.(`greedy ${k + 1}/${s.chunks}`);
    const cands = Array.from({ length: levers }, (_, l) => a.map((x, i) => (i === l ? x + unit : x)));
    const ys = await evalBatch(cands);
    let best = 0;
    for (let l = 1; l < levers; l++) if (ys[l] > ys[best]) best = l;
    if (s.allowUnspent && !(ys[best] > fa)) break;
    a = cands[best];
    fa = ys[best];
    path.push({ phase: 'greedy', step: 1 / s.chunks, shares: shares(a), objective: fa });
  }
  if (!Number.isFinite(fa)) fa = (await evalBatch([a]))[0];

  // 2. pairwise exchange at shrinking steps
  for (let step = unit; step >= 1; step /= 2) {
    for (let moves = 0; moves < s.maxMovesPerStep; moves++) {
      onPhase?.(`exchange, step ${((step / total) * 100).toFixed(step / total < 0.1 ? 1 : 0)}%`);
      const spent = a.reduce((x, y) => x + y, 0);
      const cands: number[][] = [];
      for (let i = 0; i < levers; i++) {
        if (a[i] < step) continue;
        for (let j = 0; j < levers; j++) if (j !== i) cands.push(a.map((x, l) => (l === i ? x - step : l === j ? x + step : x)));
        if (s.allowUnspent) cands.push(a.map((x, l) => (l === i ? x - step : x)));
      }
      if (s.allowUnspent && total - spent >= step) for (let j = 0; j < levers; j++) cands.push(a.map((x, l) => (l === j ? x + step : x)));
      if (cands.length === 0) break;
      const ys = await evalBatch(cands);
      let best = 0;
      for (let c = 1; c < cands.length; c++) if (ys[c] > ys[best]) best = c;
      if (!(ys[best] > fa)) break;
      a = cands[best];
      fa = ys[best];
      path.push({ phase: 'exchange', step: step / total, shares: shares(a), objective: fa });
    }
  }
  return { shares: shares(a), objective: fa, evaluations: cache.size, path, evaluated };
}
