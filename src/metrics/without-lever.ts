/**
 * Pure scenario transforms for attribution: the same scenario with levers switched off in one
 * strategy. Switching a lever off removes its spend wherever that spend comes from:
 *
 * - its allocation share is not spent (that part of the budget is not handed to other levers);
 * - an explicit schedule becomes zero spend;
 * - money trigger rules move *to* it is not spent either;
 * - money a rule would move *from* it still moves to the rule's other lever, out of the
 *   switched-off lever's (unspent) allocation — so switching the from lever off does not also
 *   remove the money the rule hands to another lever (no double counting).
 *
 * Mechanically the lever gets a zero schedule while keeping its allocation share: a scheduled
 * lever's spend is its schedule, and its share stays in the allocation the rules move budget
 * within (src/model/strategy-plan.ts). Validation never lets a user write a lever with both a
 * schedule and a share, so this state only arises here. Everything else — other strategies,
 * the lever's definition, rule indices — is unchanged, and the input is not modified.
 */
import type { Scenario, Strategy } from '../scenario/schema.ts';

export function withoutLever(scenario: Scenario, strategyId: string, leverId: string): Scenario {
  return withoutLevers(scenario, strategyId, [leverId]);
}

/** The strategy with every lever in `off` switched off (see the header). */
export function withoutLevers(scenario: Scenario, strategyId: string, off: readonly string[]): Scenario {
  const strategy = scenario.strategies[strategyId];
  if (!strategy) throw new Error(`unknown strategy "${strategyId}"`);
  for (const leverId of off) if (!scenario.levers[leverId]) throw new Error(`unknown lever "${leverId}"`);
  const s: Strategy = { ...strategy, schedules: { ...strategy.schedules } };
  for (const leverId of off) s.schedules[leverId] = [[0, 0]];
  return { ...scenario, strategies: { ...scenario.strategies, [strategyId]: s } };
}

/**
 * The levers a strategy can spend on: an explicit schedule with some spend, or (without a
 * schedule) a non-zero allocation share of a budget that is not zero or a trigger rule moving
 * budget to it. In scenario lever order.
 */
export function activeLevers(scenario: Scenario, strategyId: string): string[] {
  const s = scenario.strategies[strategyId];
  if (!s) throw new Error(`unknown strategy "${strategyId}"`);
  const perYear = Array.isArray(s.budget.perYear) ? s.budget.perYear : [s.budget.perYear];
  const hasBudget = perYear.some((b) => typeof b !== 'number' || b > 0);
  return Object.keys(scenario.levers).filter((id) => {
    if (Object.hasOwn(s.schedules, id)) return s.schedules[id].some(([, spend]) => spend !== 0);
    const share = s.budget.allocation[id];
    if (hasBudget && share !== undefined && (typeof share !== 'number' || share > 0)) return true;
    return hasBudget && s.rules.some((r) => r.move.to === id && (typeof r.move.share !== 'number' || r.move.share > 0));
  });
}
