/**
 * A pure scenario transform for attribution: the same scenario with one lever switched off
 * in one strategy. The lever's allocation share becomes 0 (that part of the budget is not
 * spent — it is not handed to the other levers), an explicit schedule becomes zero spend, and
 * trigger rules that would move budget to the lever move nothing (share 0, so rule indices
 * keep their meaning). Everything else — other strategies, the lever's definition — is
 * unchanged, and the input is not modified.
 */
import type { Scenario, Strategy } from '../scenario/schema.ts';

export function withoutLever(scenario: Scenario, strategyId: string, leverId: string): Scenario {
  const strategy = scenario.strategies[strategyId];
  if (!strategy) throw new Error(`unknown strategy "${strategyId}"`);
  if (!scenario.levers[leverId]) throw new Error(`unknown lever "${leverId}"`);
  const off: Strategy = {
    ...strategy,
    budget: { ...strategy.budget, allocation: { ...strategy.budget.allocation } },
    schedules: { ...strategy.schedules },
    rules: strategy.rules.map((rule) => (rule.move.to === leverId ? { ...rule, move: { ...rule.move, share: 0 } } : rule)),
  };
  if (leverId in off.budget.allocation) off.budget.allocation[leverId] = 0;
  if (leverId in off.schedules) off.schedules[leverId] = [[0, 0]];
  return { ...scenario, strategies: { ...scenario.strategies, [strategyId]: off } };
}

/**
 * The levers a strategy can spend on: a non-zero allocation share of a budget that is not
 * zero, an explicit schedule with some spend, or a trigger rule moving budget to it.
 * In scenario lever order.
 */
export function activeLevers(scenario: Scenario, strategyId: string): string[] {
  const s = scenario.strategies[strategyId];
  if (!s) throw new Error(`unknown strategy "${strategyId}"`);
  const perYear = Array.isArray(s.budget.perYear) ? s.budget.perYear : [s.budget.perYear];
  const hasBudget = perYear.some((b) => typeof b !== 'number' || b > 0);
  return Object.keys(scenario.levers).filter((id) => {
    const share = s.budget.allocation[id];
    if (hasBudget && share !== undefined && (typeof share !== 'number' || share > 0)) return true;
    if (s.schedules[id]?.some(([, spend]) => spend !== 0)) return true;
    return s.rules.some((r) => r.move.to === id && (typeof r.move.share !== 'number' || r.move.share > 0));
  });
}
