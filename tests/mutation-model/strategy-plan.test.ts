/** src/model/strategy-plan.ts pinned: budget per step by plan year, allocation, schedules per step, rules. */
import { describe, expect, it } from 'vitest';
import { compilePlan, ruleHolds, type CompiledRule } from '../../src/model/strategy-plan.ts';
import { makeClock } from '../../src/model/time.ts';
import { Strategy, type Resolved } from '../../src/scenario/schema.ts';

const strategy = (s: Record<string, unknown>) => Strategy.parse(s) as Resolved<Strategy>;

describe('compilePlan', () => {
  const quarterly = makeClock(36, 4, 0); // 12 steps of 3 months
  it('a list of yearly budgets, spread evenly over the steps of each year, the last one repeating', () => {
    const p = compilePlan(strategy({ budget: { perYear: [1200, 2400] } }), [], quarterly);
    expect(Array.from(p.budget)).toEqual([300, 300, 300, 300, 600, 600, 600, 600, 600, 600, 600, 600]);
  });
  it('one yearly budget: perYear / stepsPerYear at every step', () => {
    const p = compilePlan(strategy({ budget: { perYear: 1200 } }), [], makeClock(3, 12, 0));
    expect(Array.from(p.budget)).toEqual([100, 100, 100]);
  });
  it('allocation by lever in lever order, 0 for a lever without a share', () => {
    const p = compilePlan(strategy({ budget: { perYear: 100, allocation: { b: 0.7, a: 0.3 } } }), ['a', 'b', 'c'], quarterly);
    expect(Array.from(p.allocation)).toEqual([0.3, 0.7, 0]);
  });
  it('schedules: per-month spend as a step function, times months per step; NaN for unscheduled levers', () => {
    const p = compilePlan(strategy({ schedules: { b: [[0, 100], [6, 50], [9, 0]] } }), ['a', 'b'], quarterly);
    const T = 12;
    expect(p.scheduled.length).toBe(2 * T);
    expect(Array.from(p.scheduled.subarray(0, T)).every(Number.isNaN)).toBe(true);
    expect(Array.from(p.scheduled.subarray(T, T + 5))).toEqual([300, 300, 150, 0, 0]);
  });
  it('a schedule fills its own lever\'s steps only: the next lever stays unscheduled', () => {
    const p = compilePlan(strategy({ schedules: { a: [[0, 10]] } }), ['a', 'b'], makeClock(6, 12, 0));
    expect(Array.from(p.scheduled)).toEqual([10, 10, 10, 10, 10, 10, NaN, NaN, NaN, NaN, NaN, NaN]);
  });
  it('rules: default names, lever indices, thresholds and once', () => {
    const p = compilePlan(
      strategy({
        rules: [
          { when: { indicator: 'satisfaction', below: 0.5 }, move: { share: 0.25, from: 'b', to: 'a' } },
          { name: 'late', when: { indicator: 'month', above: 12 }, move: { share: 1, from: 'a', to: 'c' }, once: false },
        ],
      }),
      ['a', 'b', 'c'],
      quarterly,
    );
    expect(p.rules).toEqual([
      { name: 'rule 1', indicator: 'satisfaction', above: undefined, below: 0.5, share: 0.25, from: 1, to: 0, once: true },
      { name: 'late', indicator: 'month', above: 12, below: undefined, share: 1, from: 0, to: 2, once: false },
    ]);
  });
});

describe('ruleHolds', () => {
  const rule = (above?: number, below?: number): CompiledRule => ({ name: 'r', indicator: 'x', above, below, share: 1, from: 0, to: 1, once: true });
  it('above is strict', () => {
    expect(ruleHolds(rule(0.5), 0.6)).toBe(true);
    expect(ruleHolds(rule(0.5), 0.5)).toBe(false);
    expect(ruleHolds(rule(0.5), 0.4)).toBe(false);
  });
  it('below is strict', () => {
    expect(ruleHolds(rule(undefined, 0.3), 0.2)).toBe(true);
    expect(ruleHolds(rule(undefined, 0.3), 0.3)).toBe(false);
    expect(ruleHolds(rule(undefined, 0.3), 0.4)).toBe(false);
  });
  it('both: inside the open interval only; neither: always', () => {
    expect(ruleHolds(rule(0.2, 0.8), 0.5)).toBe(true);
    expect(ruleHolds(rule(0.2, 0.8), 0.1)).toBe(false);
    expect(ruleHolds(rule(0.2, 0.8), 0.9)).toBe(false);
    expect(ruleHolds(rule(), -1e9)).toBe(true);
  });
});
