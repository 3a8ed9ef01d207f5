/**
 * Pure scenario transforms for one-at-a-time and Morris sensitivity: the scenario as one
 * strategy sees it (its overrides merged, then cleared so they are not merged again over the
 * fixed values), the parameters that matter to it, and the same scenario with chosen
 * parameters fixed to numbers (every other distribution stays as it is or is fixed to its
 * median by the caller).
 */
import type { Distribution, Scenario } from '../scenario/schema.ts';
import { scenarioForStrategy } from '../scenario/strategy-scenario.ts';
import { uncertainParameters } from '../model/uncertainty.ts';
import { setAtPath } from './scenario-path.ts';

/** The scenario with the strategy's overrides applied and removed (so fixing a value sticks). */
export function strategyView(scenario: Scenario, strategy: string): Scenario {
  const merged = scenarioForStrategy(scenario, strategy);
  const st = merged.strategies[strategy];
  if (Object.keys(st.overrides).length === 0) return merged;
  return { ...merged, strategies: { ...merged.strategies, [strategy]: { ...st, overrides: {} } } };
}

/** Uncertain parameters that act on a run of `strategy` (not those of other strategies or of stresses). */
export function parametersOf(view: Scenario, strategy: string): { path: string; dist: Distribution }[] {
  return uncertainParameters(view).filter(
    (p) => !p.path.startsWith('stresses.') && !(p.path.startsWith('strategies.') && !p.path.startsWith(`strategies.${strategy}.`)),
  );
}

/** The scenario with each path set to its number. */
export function fixParameters(view: Scenario, values: Record<string, number>): Scenario {
  let out = view;
  for (const [path, v] of Object.entries(values)) out = setAtPath(out, path, v);
  return out;
}
