/**
 * Which levers a strategy spends on (src/metrics/without-lever.ts activeLevers, the attribution's
 * lever sets) and the lever-off transform, on one scenario per rule (issue 17 item 4): a schedule
 * with some spend; a share of a non-zero budget (one amount, a list per year, or uncertain); a
 * trigger rule moving a non-zero (or uncertain) share to the lever, only with a budget.
 */
import { describe, expect, it } from 'vitest';
import { activeLevers, withoutLevers } from '../../src/metrics/without-lever.ts';
import { Scenario } from '../../src/scenario/schema.ts';

const when = { indicator: 'workload', above: 1.1 };
const make = (strategy: Record<string, unknown>) =>
  Scenario.parse({
    meta: { name: 'levers' },
    pools: { film: { marginRate: 0.3 } },
    segments: { mass: { initialCustomers: 10, churn: { annualRate: 0.1 } } },
    journeys: { main: { stages: { use: {} } } },
    levers: {
      a: { kind: 'employeeSupport', response: { scale: 1000 } },
      b: { kind: 'automation', response: { scale: 1000 } },
      c: { kind: 'employeeSupport', response: { scale: 1000 } },
      d: { kind: 'automation', response: { scale: 1000 } },
    },
    strategies: { base: { baseline: true }, s: strategy },
  });
const active = (strategy: Record<string, unknown>) => activeLevers(make(strategy), 's');

describe('activeLevers', () => {
  it('a schedule counts when some step spends, whatever the budget', () => {
    expect(active({ schedules: { b: [[0, 0], [12, 50]], c: [[0, 0], [6, 0]] } })).toEqual(['b']);
    // a lever with a schedule is judged by its schedule only, not by its share
    expect(active({ budget: { perYear: 100, allocation: { a: 0.5 } }, schedules: { a: [[0, 0]] } })).toEqual([]);
  });

  it('a share counts when it is above 0 (or uncertain) and some year has budget', () => {
    expect(active({ budget: { perYear: 100, allocation: { a: 0.5, b: 0, c: { dist: 'uniform', min: 0, max: 0.2 } } } })).toEqual(['a', 'c']);
    expect(active({ budget: { perYear: 0, allocation: { a: 0.5 } } })).toEqual([]);
    expect(active({ budget: { perYear: [0, 0], allocation: { a: 0.5 } } })).toEqual([]);
    expect(active({ budget: { perYear: [0, 100], allocation: { a: 0.5 } } })).toEqual(['a']);
    expect(active({ budget: { perYear: { dist: 'uniform', min: 0, max: 10 }, allocation: { a: 0.5 } } })).toEqual(['a']);
  });

  it('a rule moving a share above 0 (or uncertain) to a lever counts, only with a budget', () => {
    const rules = [
      { when, move: { share: 0.5, from: 'a', to: 'b' } },
      { when, move: { share: 0, from: 'a', to: 'c' } },
      { when, move: { share: { dist: 'uniform', min: 0, max: 0.5 }, from: 'a', to: 'd' } },
    ];
    expect(active({ budget: { perYear: 100, allocation: { a: 0.5 } }, rules })).toEqual(['a', 'b', 'd']);
    expect(active({ budget: { perYear: 0, allocation: { a: 0.5 } }, rules })).toEqual([]);
    // the from lever does not become active through the rule
    expect(active({ budget: { perYear: 100, allocation: {} }, rules: [{ when, move: { share: 0.5, from: 'c', to: 'b' } }] })).toEqual(['b']);
  });

  it('refuses an unknown strategy with its name', () => {
    expect(() => activeLevers(make({}), 'nope')).toThrow(new Error('unknown strategy "nope"'));
  });
});

describe('withoutLevers', () => {
  it('switches the named levers off and keeps every other schedule', () => {
    const sc = make({ budget: { perYear: 100, allocation: { a: 0.5 } }, schedules: { b: [[0, 10], [12, 50]] } });
    const off = withoutLevers(sc, 's', ['a']);
    expect(off.strategies.s.schedules).toEqual({ b: [[0, 10], [12, 50]], a: [[0, 0]] });
    expect(activeLevers(off, 's')).toEqual(['b']);
  });
});
