/**
 * A real comparison of the small compare fixture, simulated in process (3 replications,
 * attribution included), for report and chart tests. Cached per test file.
 */
import { readScenario } from '../../src/cli/scenario-file.ts';
import { planComparison } from '../../src/cli/commands/compare.ts';
import { simulateReplication } from '../../src/engine/replication.ts';
import { compareStrategies, type Comparison } from '../../src/metrics/comparison.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import type { ReplicationResult } from '../../src/engine/result.ts';

export const SMALL_FIXTURE = 'tests/fixtures/compare/small.yaml';

let cached: { scenario: Scenario; comparison: Comparison; results: ReplicationResult[] } | undefined;

export function smallComparison() {
  if (cached) return cached;
  const scenario = readScenario(SMALL_FIXTURE);
  const strategies = Object.keys(scenario.strategies);
  const plan = planComparison(scenario, strategies, true);
  const all = plan.jobs.map((job) => simulateReplication(job));
  const results = all.slice(0, plan.mainJobs);
  const attributionRuns = plan.coalitions.map((l) => ({ strategy: l.strategy, levers: l.levers, results: all.slice(l.from, l.to) }));
  cached = { scenario, results, comparison: compareStrategies({ scenario, results, strategies, attributionRuns, attributionLevers: plan.levers }) };
  return cached;
}
