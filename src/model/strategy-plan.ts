/**
 * A strategy's budget plan (MODEL.md §7, docs/model.md §7): CX budget per step and its
 * allocation across levers, explicit schedules, and trigger rules that reallocate when a
 * leading indicator crosses a threshold. The plan is compiled once; the rules' state lives
 * in the replication (a copy of the allocation that rules move budget within).
 */
import type { Resolved, Strategy } from '../scenario/schema.ts';
import { stepFunction, stepToMonth, type Clock } from './time.ts';
import { own } from '../scenario/merge.ts';

export interface CompiledRule {
  name: string;
  indicator: string;
  above: number | undefined;
  below: number | undefined;
  share: number;
  from: number;
  to: number;
  once: boolean;
}

export interface CompiledPlan {
  /** Total allocatable budget per step (before stresses). */
  budget: Float64Array;
  /**
   * Initial allocation share per lever. A scheduled lever's spend is its schedule, never its
   * share; validation rejects a share for a scheduled lever, except that attribution's
   * lever-off transform (src/metrics/without-lever.ts) keeps the share of a switched-off lever
   * here, unspent, so money a rule moves *from* it still reaches the rule's other lever.
   */
  allocation: Float64Array;
  /** Scheduled spend per lever per step (lever-major: [lever * steps + t]); NaN where the lever has no schedule. */
  scheduled: Float64Array;
  rules: CompiledRule[];
}

export function compilePlan(strategy: Resolved<Strategy>, leverIds: readonly string[], clock: Clock): CompiledPlan {
  const T = clock.steps;
  const L = leverIds.length;
  const budget = new Float64Array(T);
  const perYear = Array.isArray(strategy.budget.perYear) ? strategy.budget.perYear : [strategy.budget.perYear];
  for (let t = 0; t < T; t++) {
    const year = Math.floor(stepToMonth(t, clock) / 12);
    budget[t] = perYear[Math.min(year, perYear.length - 1)] / clock.stepsPerYear;
  }
  const allocation = new Float64Array(L);
  const scheduled = new Float64Array(L * T).fill(NaN);
  leverIds.forEach((id, l) => {
    const points = own(strategy.schedules, id);
    if (points) {
      for (let t = 0; t < T; t++) scheduled[l * T + t] = stepFunction(points, stepToMonth(t, clock)) * clock.monthsPerStep;
    }
    allocation[l] = own(strategy.budget.allocation, id) ?? 0;
  });
  const rules = strategy.rules.map((r, i) => ({
    name: r.name ?? `rule ${i + 1}`,
    indicator: r.when.indicator,
    above: r.when.above,
    below: r.when.below,
    share: r.move.share,
    from: leverIds.indexOf(r.move.from),
    to: leverIds.indexOf(r.move.to),
    once: r.once,
  }));
  return { budget, allocation, scheduled, rules };
}

/** Whether a rule's condition holds for an indicator value. */
export function ruleHolds(rule: CompiledRule, value: number): boolean {
  return (rule.above === undefined || value > rule.above) && (rule.below === undefined || value < rule.below);
}
