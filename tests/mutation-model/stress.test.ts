/** src/model/stress.ts pinned: every shock's window and how shocks combine. */
import { describe, expect, it } from 'vitest';
import { compileStress } from '../../src/model/stress.ts';
import { makeClock } from '../../src/model/time.ts';
import { Stress, type Resolved, type StressShock } from '../../src/scenario/schema.ts';

const shocks = (s: unknown[]) => Stress.parse({ shocks: s }).shocks as Resolved<StressShock>[];
const monthly = makeClock(8, 12, 0);
const arr = (a: Float64Array) => Array.from(a);

describe('compileStress', () => {
  it('no shocks: multipliers 1, competitor additions 0', () => {
    const m = compileStress([], ['a'], monthly);
    expect(arr(m.budget)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(arr(m.churn)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(arr(m.turnover)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(arr(m.wallet.a)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(arr(m.competitor.a)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
  it('budget cuts in [from, to) and permanent ones multiply', () => {
    const m = compileStress(shocks([{ kind: 'budgetCut', fromMonth: 2, toMonth: 4, cut: 0.25 }, { kind: 'budgetCut', fromMonth: 3, cut: 0.5 }]), [], monthly);
    expect(arr(m.budget)).toEqual([1, 1, 0.75, 0.375, 0.5, 0.5, 0.5, 0.5]);
  });
  it('a pool collapse from its month on, in that pool only; an unknown pool is ignored', () => {
    const m = compileStress(shocks([{ kind: 'poolCollapse', pool: 'b', month: 5, factor: 0.5 }, { kind: 'poolCollapse', pool: 'zz', month: 0, factor: 0 }]), ['a', 'b'], monthly);
    expect(arr(m.wallet.a)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(arr(m.wallet.b)).toEqual([1, 1, 1, 1, 1, 0.5, 0.5, 0.5]);
    expect(Object.keys(m.wallet)).toEqual(['a', 'b']);
  });
  it('competitor leaps add from their month on; an unknown pool is ignored', () => {
    const m = compileStress(
      shocks([{ kind: 'competitorLeap', pool: 'a', month: 2, increase: 0.25 }, { kind: 'competitorLeap', pool: 'a', month: 6, increase: 0.5 }, { kind: 'competitorLeap', pool: 'zz', month: 0, increase: 1 }]),
      ['a', 'b'],
      monthly,
    );
    expect(arr(m.competitor.a)).toEqual([0, 0, 0.25, 0.25, 0.25, 0.25, 0.75, 0.75]);
    expect(arr(m.competitor.b)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Object.keys(m.competitor)).toEqual(['a', 'b']);
  });
  it('a recession multiplies every pool in [from, to), permanent without an end, on top of a collapse', () => {
    const m = compileStress(
      shocks([{ kind: 'recession', fromMonth: 1, toMonth: 3, walletFactor: 0.5 }, { kind: 'recession', fromMonth: 7, walletFactor: 0.25 }, { kind: 'poolCollapse', pool: 'a', month: 2, factor: 0.5 }]),
      ['a', 'b'],
      monthly,
    );
    expect(arr(m.wallet.a)).toEqual([1, 0.5, 0.25, 0.5, 0.5, 0.5, 0.5, 0.125]);
    expect(arr(m.wallet.b)).toEqual([1, 0.5, 0.5, 1, 1, 1, 1, 0.25]);
  });
  it('attrition spikes: customers (the default) and employees, in [from, to)', () => {
    const m = compileStress(
      shocks([{ kind: 'attritionSpike', fromMonth: 2, toMonth: 4, multiplier: 3 }, { kind: 'attritionSpike', target: 'employees', fromMonth: 5, toMonth: 6, multiplier: 2 }, { kind: 'attritionSpike', target: 'customers', fromMonth: 3, toMonth: 5, multiplier: 2 }]),
      [],
      monthly,
    );
    expect(arr(m.churn)).toEqual([1, 1, 3, 6, 2, 1, 1, 1]);
    expect(arr(m.turnover)).toEqual([1, 1, 1, 1, 1, 2, 1, 1]);
  });
  it('quarterly steps read the month at the start of each step', () => {
    const m = compileStress(shocks([{ kind: 'budgetCut', fromMonth: 4, toMonth: 9, cut: 0.5 }]), [], makeClock(12, 4, 0));
    expect(arr(m.budget)).toEqual([1, 1, 0.5, 1]); // months 0, 3, 6, 9
  });
});
