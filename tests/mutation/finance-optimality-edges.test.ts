/**
 * The optimiser's optimality check (checkOptimality, src/finance/optimise.ts) at its edges
 * (issue 17 item 4; written against the survivors of finance-optimise.test.ts's check tests):
 * an interval that touches 0 is not beyond noise, the largest gap among several, budget allowed
 * to stay unspent with none left unspent, two levers at zero, a value of exactly 100 per unit
 * (written without decimals). Every sentence is pinned whole.
 */
import { describe, expect, it } from 'vitest';
import { checkOptimality } from '../../src/finance/optimise.ts';

const gapOf = (table: Record<string, [number, number, number]>) => (j: number, i: number) => {
  const [mean, lo, hi] = table[`${j}${i}`];
  return { mean, ci95: [lo, hi] as [number, number] };
};
const name = (id: string) => id.toUpperCase();
const HOLDS = (inUse: string, tail: string) =>
  `Optimality check (on expected net equity, the objective optimised): no move of 10% of the budget from a lever in use to another lever raises it beyond noise — every lever's next step is worth no more than the last step of every lever in use, so one marginal value fits all levers in use (${inUse} per extra unit of spend)${tail} This is the Karush–Kuhn–Tucker condition on the search grid.`;

describe('intervals that touch 0 are within noise', () => {
  it('a gap whose interval starts at 0: holds; the largest of several gaps is kept', () => {
    // both levers in use: gap(1, 0) 0.1 [0, 0.2], gap(0, 1) 0.3 [−0.1, 0.7]
    const r = checkOptimality('mean', ['a', 'b'], [0.5, 0.5], [{ objectivePerUnit: 0.5, backwardPerUnit: 0.6 }, { objectivePerUnit: 0.4, backwardPerUnit: 0.45 }], gapOf({ '10': [0.1, 0, 0.2], '01': [0.3, -0.1, 0.7] }), name, 0.1);
    expect(r.holds).toBe(true);
    expect(r.largestGapInUse).toEqual({ a: 'a', b: 'b', mean: 0.3, ci95: [-0.1, 0.7] });
    expect(r.sentences).toEqual([HOLDS('A: last step 0.60, next step 0.50; B: last step 0.45, next step 0.40', '.')]);
  });

  it('unspent allowed: a last step whose interval ends at 0, a next step whose interval starts at 0', () => {
    const marginals = [
      { objectivePerUnit: 0.2, backwardPerUnit: -0.1, objectivePerUnitCi95: [0, 0.4] as [number, number], backwardPerUnitCi95: [-0.2, 0] as [number, number] },
      { objectivePerUnit: 0.1, backwardPerUnit: null, objectivePerUnitCi95: [0, 0.2] as [number, number], backwardPerUnitCi95: null },
    ];
    const r = checkOptimality('mean', ['a', 'b'], [0.5, 0], marginals, gapOf({ '10': [-0.1, -0.3, 0.1] }), name, 0.1, { allowUnspent: true, unspentShare: 0.5 });
    expect(r.holds).toBe(true);
    expect(r.sentences).toEqual([
      HOLDS('A: last step -0.10, next step 0.20', ' and the levers at zero are not worth more (B 0.10). Budget may stay unspent: every lever in use is worth at least 0 on its last step, and no lever is worth more than 0 on its next step while budget is unspent (within noise).'),
    ]);
  });
});

describe('budget allowed to stay unspent, none left', () => {
  it('a next step worth more than 0 is no failure when nothing is unspent', () => {
    const marginals = [
      { objectivePerUnit: 0.3, backwardPerUnit: 0.5, objectivePerUnitCi95: [0.1, 0.5] as [number, number], backwardPerUnitCi95: [0.2, 0.8] as [number, number] },
      { objectivePerUnit: 0.2, backwardPerUnit: 0.4, objectivePerUnitCi95: [0.1, 0.3] as [number, number], backwardPerUnitCi95: [0.1, 0.7] as [number, number] },
    ];
    const r = checkOptimality('mean', ['a', 'b'], [0.5, 0.5], marginals, gapOf({ '10': [-0.3, -0.5, -0.1], '01': [-0.1, -0.3, 0.1] }), name, 0.1, { allowUnspent: true, unspentShare: 0 });
    expect(r.holds).toBe(true);
    expect(r.sentences).toEqual([
      HOLDS('A: last step 0.50, next step 0.30; B: last step 0.40, next step 0.20', '. Budget may stay unspent: every lever in use is worth at least 0 on its last step (within noise).'),
    ]);
  });
});

describe('numbers and lists in the sentences', () => {
  it('two levers at zero joined by ", "; 100 per unit without decimals, 99.5 with two', () => {
    const r = checkOptimality(
      'mean',
      ['a', 'b', 'c'],
      [1, 0, 0],
      [{ objectivePerUnit: 99.5, backwardPerUnit: 100 }, { objectivePerUnit: 0.05, backwardPerUnit: null }, { objectivePerUnit: -100, backwardPerUnit: null }],
      gapOf({ '10': [100, 50, 150], '20': [-2, -3, -1] }),
      name,
      0.1,
    );
    expect(r.holds).toBe(false);
    expect(r.largestGapInUse).toEqual({ a: 'b', b: 'a', mean: 100, ci95: [50, 150] });
    expect(r.sentences).toEqual([
      'Warning — optimality check (on expected net equity) fails: moving 10% of the budget from A to B would raise it by 100 per unit (95% CI 50.00 to 150). The levers in use should share one marginal value (A: last step 100, next step 99.50; at zero: B 0.05, C -100); the search grid may be too coarse or the search replications too few — try more --chunks, --refinements or --search-replications.',
    ]);
  });
});
