/**
 * Budget allocations as the optimiser handles them: a total yearly CX budget and each lever's
 * share, turned into a strategy of the scenario built from a template strategy (its
 * overrides kept; its rules and schedules dropped, since they would move or add money the
 * optimiser does not control). Pure.
 */
import type { Scenario, Strategy } from '../scenario/schema.ts';

/** A strategy id not used by the scenario. */
export function freshStrategyId(scenario: Scenario, wanted: string): string {
  let id = wanted;
  for (let k = 2; id in scenario.strategies; k++) id = `${wanted}-${k}`;
  return id;
}

/** The template with a new budget: `perYear` in total, `spend[l]` of it (per year) on lever `levers[l]`. */
export function allocationStrategy(template: Strategy, name: string, levers: string[], spend: number[]): Strategy {
  const perYear = spend.reduce((a, x) => a + x, 0);
  const allocation: Record<string, number> = {};
  levers.forEach((l, i) => {
    if (spend[i] > 0) allocation[l] = perYear > 0 ? spend[i] / perYear : 0;
  });
  // shares are at most 1 in total by construction; guard the last bit of rounding
  const total = Object.values(allocation).reduce((a, x) => a + x, 0);
  if (total > 1) for (const k of Object.keys(allocation)) allocation[k] /= total;
  return { ...template, name, description: '', baseline: false, budget: { perYear, allocation }, schedules: {}, rules: [] };
}

/** The scenario with one more strategy. */
export function withStrategy(scenario: Scenario, id: string, strategy: Strategy): Scenario {
  return { ...scenario, strategies: { ...scenario.strategies, [id]: strategy } };
}

/** Levers a strategy spends on (allocation shares > 0 or a schedule), in the scenario's lever order. */
export function leversOf(scenario: Scenario, strategy: Strategy): string[] {
  return Object.keys(scenario.levers).filter((l) => {
    const share = strategy.budget.allocation[l];
    return (share !== undefined && (typeof share !== 'number' || share > 0)) || l in strategy.schedules;
  });
}

/** A strategy's yearly spend by lever in its first year (allocation × budget; schedules not counted). */
export function firstYearSpend(strategy: Strategy, levers: string[]): number[] {
  const perYear = Array.isArray(strategy.budget.perYear) ? strategy.budget.perYear[0] : strategy.budget.perYear;
  const b = typeof perYear === 'number' ? perYear : NaN;
  return levers.map((l) => {
    const share = strategy.budget.allocation[l] ?? 0;
    return typeof share === 'number' ? share * b : NaN;
  });
}
