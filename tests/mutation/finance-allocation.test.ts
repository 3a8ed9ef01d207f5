/**
 * Budget allocations as the optimiser builds and reads them (src/finance/allocation.ts), pinned
 * to numbers (issue 17 item 4; written against the surviving and uncovered mutants of
 * `npm run mutation -- --folder finance`): shares hand-computed from small spends, the strategy
 * the template becomes, the levers a strategy spends on and its first year's spend by lever.
 */
import { describe, expect, it } from 'vitest';
import { allocationStrategy, firstYearSpend, freshStrategyId, leversOf, withStrategy } from '../../src/finance/allocation.ts';
import { Strategy, type Scenario } from '../../src/scenario/schema.ts';

const strategy = (s: Record<string, unknown>) => Strategy.parse(s);
const scenarioWith = (strategies: Record<string, Strategy>, levers: string[] = []) =>
  ({ strategies, levers: Object.fromEntries(levers.map((l) => [l, {}])) }) as unknown as Scenario;

describe('a strategy id not in use', () => {
  it('the wanted id when it is free', () => {
    expect(freshStrategyId(scenarioWith({ a: strategy({}) }), 'optimised')).toBe('optimised');
  });
  it('otherwise the first free of id-2, id-3, …', () => {
    const sc = scenarioWith({ optimised: strategy({}), 'optimised-2': strategy({}) });
    expect(freshStrategyId(sc, 'optimised')).toBe('optimised-3');
    expect(freshStrategyId(scenarioWith({ optimised: strategy({}) }), 'optimised')).toBe('optimised-2');
  });
});

describe('the template with a new budget', () => {
  const template = strategy({
    name: 'Template',
    description: 'the status quo',
    baseline: true,
    budget: { perYear: 5, allocation: { z: 1 } },
    schedules: { y: [[0, 100]] },
    rules: [{ when: { indicator: 'month', above: 6 }, move: { share: 0.5, from: 'x', to: 'z' } }],
    overrides: { meta: { horizonMonths: 12 } },
  });

  it('spend 30, 0, 10 on x, y, z: 40 a year, shares ¾ and ¼, the unfunded lever left out', () => {
    const s = allocationStrategy(template, 'Optimised', ['x', 'y', 'z'], [30, 0, 10]);
    expect(s.budget).toEqual({ perYear: 40, allocation: { x: 0.75, z: 0.25 } });
    expect(Object.keys(s.budget.allocation)).toEqual(['x', 'z']);
  });

  it('keeps the overrides, drops rules and schedules, is not the baseline and has no description', () => {
    const s = allocationStrategy(template, 'Optimised', ['x'], [10]);
    expect(s.name).toBe('Optimised');
    expect(s.description).toBe('');
    expect(s.baseline).toBe(false);
    expect(s.schedules).toEqual({});
    expect(s.rules).toEqual([]);
    expect(s.overrides).toEqual({ meta: { horizonMonths: 12 } });
    expect(template.baseline).toBe(true); // the template itself is not changed
  });

  it('no spend at all: a zero budget with no shares', () => {
    expect(allocationStrategy(template, 'None', ['x', 'y'], [0, 0]).budget).toEqual({ perYear: 0, allocation: {} });
  });

  it('shares that round to more than 1 in total are scaled back to at most 1', () => {
    // 0.1 + 0.4 + 0.1 = 0.6000000000000001; the three quotients add up to 1.0000000000000002
    const spend = [0.1, 0.4, 0.1];
    const perYear = spend.reduce((a, x) => a + x, 0);
    const raw = spend.map((x) => x / perYear);
    const rawTotal = raw.reduce((a, x) => a + x, 0);
    expect(rawTotal).toBeGreaterThan(1);
    const s = allocationStrategy(template, 'o', ['x', 'y', 'z'], spend);
    const shares = ['x', 'y', 'z'].map((l) => s.budget.allocation[l] as number);
    expect(shares.reduce((a, x) => a + x, 0)).toBeLessThanOrEqual(1);
    expect(shares).toEqual(raw.map((x) => x / rawTotal));
  });

  it('shares that round to less than 1 in total are left as they are', () => {
    // 0.1/0.8 + 0.1/0.8 + 0.6/0.8 adds up to 0.9999999999999999
    const spend = [0.1, 0.1, 0.6];
    const perYear = spend.reduce((a, x) => a + x, 0);
    const s = allocationStrategy(template, 'o', ['x', 'y', 'z'], spend);
    expect(s.budget.perYear).toBe(perYear);
    expect(['x', 'y', 'z'].map((l) => s.budget.allocation[l])).toEqual(spend.map((x) => x / perYear));
  });

  it('withStrategy adds the strategy under its id and keeps the others', () => {
    const sc = scenarioWith({ a: template });
    const s = allocationStrategy(template, 'o', ['x'], [1]);
    const out = withStrategy(sc, 'o', s);
    expect(Object.keys(out.strategies)).toEqual(['a', 'o']);
    expect(out.strategies.o).toBe(s);
    expect(Object.keys(sc.strategies)).toEqual(['a']);
  });
});

describe('the levers a strategy spends on', () => {
  const sc = scenarioWith({}, ['a', 'b', 'c', 'd', 'e']);
  it('positive shares, uncertain shares and schedules count, in the scenario’s lever order; zero shares do not', () => {
    const s = strategy({
      budget: { perYear: 100, allocation: { d: 0.2, a: { dist: 'uniform', min: 0.1, max: 0.3 }, b: 0 } },
      schedules: { c: [[0, 10]] },
    });
    expect(leversOf(sc, s)).toEqual(['a', 'c', 'd']);
  });
  it('a strategy with no budget and no schedule spends on none', () => {
    expect(leversOf(sc, strategy({}))).toEqual([]);
  });
  it('a lever only scheduled counts', () => {
    expect(leversOf(sc, strategy({ schedules: { e: [[0, 1]] } }))).toEqual(['e']);
  });
  it('a lever only allocated counts', () => {
    expect(leversOf(sc, strategy({ budget: { perYear: 1, allocation: { b: 0.5 } } }))).toEqual(['b']);
  });
});

describe('the first year’s spend by lever', () => {
  it('one budget: share × budget, 0 for a lever without a share', () => {
    const s = strategy({ budget: { perYear: 200, allocation: { a: 0.25, b: 0.5 } } });
    expect(firstYearSpend(s, ['b', 'c', 'a'])).toEqual([100, 0, 50]);
  });
  it('a budget per year: the first year’s', () => {
    const s = strategy({ budget: { perYear: [80, 400], allocation: { a: 0.5 } } });
    expect(firstYearSpend(s, ['a'])).toEqual([40]);
  });
  it('an uncertain budget or share has no single first-year spend: NaN', () => {
    const uncertainBudget = { ...strategy({ budget: { perYear: 100, allocation: { a: 0.5 } } }) };
    uncertainBudget.budget = { perYear: { dist: 'uniform', min: 50, max: 150 } as never, allocation: { a: 0.5 } };
    expect(firstYearSpend(uncertainBudget, ['a'])).toEqual([NaN]);
    const uncertainShare = strategy({ budget: { perYear: 100, allocation: { a: { dist: 'uniform', min: 0.1, max: 0.3 }, b: 0.5 } } });
    expect(firstYearSpend(uncertainShare, ['a', 'b'])).toEqual([NaN, 50]);
  });
});
