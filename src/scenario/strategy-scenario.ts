/**
 * The scenario as one strategy sees it: the strategy's `overrides` deep-merged over the
 * base scenario, then normalised again by the schema (so overrides get the same defaults
 * and the same validation as the file itself).
 */
import { deepMerge, own } from './merge.ts';
import { Scenario } from './schema.ts';

export function scenarioForStrategy(scenario: Scenario, strategyId: string): Scenario {
  const strategy = own(scenario.strategies, strategyId);
  if (!strategy) throw new Error(`unknown strategy "${strategyId}"`);
  if (Object.keys(strategy.overrides).length === 0) return scenario;
  return Scenario.parse(deepMerge(scenario, strategy.overrides));
}
