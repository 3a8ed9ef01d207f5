/**
 * The optimiser's search (src/finance/allocation-search.ts) traced by hand on quadratic
 * objectives (issue 17 item 4; written against the surviving mutants of the exchange phase,
 * which the existing tests' objectives never reached): every accepted allocation, every
 * evaluated one, the progress messages.
 *
 * 1. Whole budget, 2 levers, chunks 2, refinements 2 (unit 4, finest step 1/8),
 *    f(x) = −(x₀ − 5/8)² − (x₁ − 3/8)²:
 *    greedy 1: (½, 0) −0.15625, (0, ½) −0.40625 → (½, 0);
 *    greedy 2: (1, 0) −0.28125, (½, ½) −0.03125 → (½, ½);
 *    exchange ½: (0, 1) −0.78125, (1, 0) cached → no gain;
 *    exchange ¼: (¼, ¾) −0.28125, (¾, ¼) −0.03125 → no gain (a tie is not a gain);
 *    exchange ⅛: (⅜, ⅝) −0.125, (⅝, ⅜) 0 → (⅝, ⅜); then (½, ½), (¾, ¼) cached, both
 *    −0.03125 → stop. 9 allocations evaluated.
 * 2. Part may stay unspent, 2 levers, chunks 2, refinements 1 (unit 2, finest step ¼),
 *    f(x) = −(x₀ − ¼)² − (x₁ − ¼)²:
 *    nothing spent −0.125; greedy 1: (½, 0), (0, ½) both −0.125, no gain → greedy stops;
 *    exchange ½: nothing to move, add (½, 0) or (0, ½): cached, no gain;
 *    exchange ¼: add (¼, 0) −0.0625 or (0, ¼) −0.0625 → (¼, 0); then move (0, ¼) −0.0625,
 *    drop (0, 0), add (½, 0) −0.125 or (¼, ¼) 0 → (¼, ¼); then (0, ½), (0, ¼), (½, 0), (¼, 0),
 *    (½, ¼) −0.0625, (¼, ½) −0.0625 → stop. 8 allocations evaluated.
 */
import { describe, expect, it } from 'vitest';
import { searchAllocation, type SearchSettings } from '../../src/finance/allocation-search.ts';

function objective(centre: number[]) {
  const batches: number[][][] = [];
  const evaluate = async (b: number[][]) => {
    batches.push(b);
    return b.map((x) => -x.reduce((a, xi, i) => a + (xi - centre[i]) ** 2, 0));
  };
  return { batches, evaluate };
}

describe('the search traced by hand', () => {
  it('whole budget: greedy to (½, ½), exchange finds (⅝, ⅜) at the finest step', async () => {
    const { batches, evaluate } = objective([5 / 8, 3 / 8]);
    const messages: string[] = [];
    const s: SearchSettings = { chunks: 2, refinements: 2, allowUnspent: false, maxMovesPerStep: 50 };
    const r = await searchAllocation(2, evaluate, s, (m) => messages.push(m));
    expect(r.shares).toEqual([0.625, 0.375]);
    expect(r.objective).toBe(-0);
    expect(r.evaluations).toBe(9);
    expect(r.path).toEqual([
      { phase: 'greedy', step: 0.5, shares: [0.5, 0], objective: -0.15625 },
      { phase: 'greedy', step: 0.5, shares: [0.5, 0.5], objective: -0.03125 },
      { phase: 'exchange', step: 0.125, shares: [0.625, 0.375], objective: -0 },
    ]);
    expect(r.evaluated.map((e) => [e.shares, e.objective])).toEqual([
      [[0.5, 0], -0.15625],
      [[0, 0.5], -0.40625],
      [[1, 0], -0.28125],
      [[0.5, 0.5], -0.03125],
      [[0, 1], -0.78125],
      [[0.25, 0.75], -0.28125],
      [[0.75, 0.25], -0.03125],
      [[0.375, 0.625], -0.125],
      [[0.625, 0.375], -0],
    ]);
    // one batch per greedy part and per exchange round that had something new to evaluate
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1, 2, 2]);
    expect(messages).toEqual(['greedy 1/2', 'greedy 2/2', 'exchange, step 50%', 'exchange, step 25%', 'exchange, step 13%', 'exchange, step 13%']);
  });

  it('part unspent: nothing spent first, then steps of ¼ added one lever at a time', async () => {
    const { evaluate } = objective([0.25, 0.25]);
    const s: SearchSettings = { chunks: 2, refinements: 1, allowUnspent: true, maxMovesPerStep: 50 };
    const r = await searchAllocation(2, evaluate, s);
    expect(r.shares).toEqual([0.25, 0.25]);
    expect(r.objective).toBe(-0);
    expect(r.path).toEqual([
      { phase: 'greedy', step: 0.5, shares: [0, 0], objective: -0.125 },
      { phase: 'exchange', step: 0.25, shares: [0.25, 0], objective: -0.0625 },
      { phase: 'exchange', step: 0.25, shares: [0.25, 0.25], objective: -0 },
    ]);
    expect(r.evaluated.map((e) => e.shares)).toEqual([
      [0, 0],
      [0.5, 0],
      [0, 0.5],
      [0.25, 0],
      [0, 0.25],
      [0.25, 0.25],
      [0.5, 0.25],
      [0.25, 0.5],
    ]);
    expect(r.evaluations).toBe(8);
  });

  it('progress messages: percent of the budget, tenths of a percent below 10%', async () => {
    const { evaluate } = objective([1, 0, 0]);
    const messages: string[] = [];
    // 3 levers, chunks 1, refinements 4: unit 16, steps 100%, 50%, 25%, 12.5%, 6.25%; greedy puts
    // everything on lever 0 (the optimum): no exchange improves, one poll per step size
    const r = await searchAllocation(3, evaluate, { chunks: 1, refinements: 4, allowUnspent: false, maxMovesPerStep: 50 }, (m) => messages.push(m));
    expect(r.shares).toEqual([1, 0, 0]);
    expect(messages).toEqual(['greedy 1/1', 'exchange, step 100%', 'exchange, step 50%', 'exchange, step 25%', 'exchange, step 13%', 'exchange, step 6.3%']);
    // the greedy pass (3), then two new allocations per smaller step (lever 0 to lever 1 or 2; at 100%: cached)
    expect(r.evaluations).toBe(3 + 2 * 4);
    const ten: string[] = [];
    const one = await searchAllocation(1, async (b) => b.map(() => 1), { chunks: 10, refinements: 0, allowUnspent: false, maxMovesPerStep: 50 }, (m) => ten.push(m));
    expect(one.shares).toEqual([1]);
    expect(ten.slice(-2)).toEqual(['greedy 10/10', 'exchange, step 10%']);
  });

  it('maxMovesPerStep bounds the moves at each step size', async () => {
    // a table objective (0 elsewhere); chunks 4, refinements 0 (one step size, ¼):
    // greedy (¼, 0) 1 > (0, ¼) 0; (½, 0) 2; (¾, 0) 3; then (¾, ¼) 5 > (1, 0) 4;
    // exchange walks (½, ½) 6, (¼, ¾) 7, (0, 1) 8, one move each, then (¼, ¾) cached 7: stop
    const table: Record<string, number> = { '0.25,0': 1, '0.5,0': 2, '0.75,0': 3, '1,0': 4, '0.75,0.25': 5, '0.5,0.5': 6, '0.25,0.75': 7, '0,1': 8 };
    const f = async (b: number[][]) => b.map((x) => table[x.join(',')] ?? 0);
    const at = async (maxMovesPerStep: number) => searchAllocation(2, f, { chunks: 4, refinements: 0, allowUnspent: false, maxMovesPerStep });
    const all = await at(50);
    expect(all.path.map((p) => [p.phase, p.step, p.shares, p.objective])).toEqual([
      ['greedy', 0.25, [0.25, 0], 1],
      ['greedy', 0.25, [0.5, 0], 2],
      ['greedy', 0.25, [0.75, 0], 3],
      ['greedy', 0.25, [0.75, 0.25], 5],
      ['exchange', 0.25, [0.5, 0.5], 6],
      ['exchange', 0.25, [0.25, 0.75], 7],
      ['exchange', 0.25, [0, 1], 8],
    ]);
    expect(all.evaluations).toBe(11);
    expect([(await at(1)).shares, (await at(2)).shares, (await at(3)).shares, (await at(0)).shares]).toEqual([[0.5, 0.5], [0.25, 0.75], [0, 1], [0.75, 0.25]]);
  });

  it('part unspent, all of it spent at the optimum: no step is added beyond the budget', async () => {
    // f = x₀ + x₁ − 0.1·|x₀ − x₁|, chunks 2, refinements 1 (steps ½, ¼): greedy (½, 0) 0.45 (tie with (0, ½): the first),
    // then (½, ½) 1 > (1, 0) 0.9; exchange ½: (0, 1) 0.9 (the rest cached), nothing left to add;
    // exchange ¼: (¼, ¾) 0.95, (¼, ½) 0.725, (¾, ¼) 0.95, (½, ¼) 0.725 → stop at (½, ½)
    const f = async (b: number[][]) => b.map(([x, y]) => x + y - 0.1 * Math.abs(x - y));
    const r = await searchAllocation(2, f, { chunks: 2, refinements: 1, allowUnspent: true, maxMovesPerStep: 50 });
    expect(r.shares).toEqual([0.5, 0.5]);
    expect(r.objective).toBe(1);
    expect(r.evaluated.map((e) => e.shares)).toEqual([[0, 0], [0.5, 0], [0, 0.5], [1, 0], [0.5, 0.5], [0, 1], [0.25, 0.75], [0.25, 0.5], [0.75, 0.25], [0.5, 0.25]]);
  });

  it('part unspent: a step that exactly fills the budget is still tried', async () => {
    // f = x₀ − 2·max(0, x₀ − ¾) − x₁, chunks 2, refinements 1: greedy (½, 0) ½, then (1, 0) ½ is no gain: stop;
    // exchange ½: nothing better; exchange ¼: (¼, ¼) 0, unspent (¼, 0) ¼, add (¾, 0) ¾ or (½, ¼) ¼ → (¾, 0);
    // then ¼ left, one step of ¼: (1, 0) cached, (¾, ¼) ½ → stop
    const f = async (b: number[][]) => b.map(([x, y]) => x - 2 * Math.max(0, x - 0.75) - y);
    const r = await searchAllocation(2, f, { chunks: 2, refinements: 1, allowUnspent: true, maxMovesPerStep: 50 });
    expect(r.shares).toEqual([0.75, 0]);
    expect(r.evaluated.map((e) => [e.shares, e.objective])).toEqual([
      [[0, 0], 0], [[0.5, 0], 0.5], [[0, 0.5], -0.5], [[1, 0], 0.5], [[0.5, 0.5], 0],
      [[0.25, 0.25], 0], [[0.25, 0], 0.25], [[0.75, 0], 0.75], [[0.5, 0.25], 0.25], [[0.75, 0.25], 0.5],
    ]);
  });
});
