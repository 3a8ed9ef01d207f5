/**
 * A sensitivity analysis on a stub runner (tests/mutation/finance-sensitivity*): the output is
 * a closed form of the two parameters, so every number can be computed by hand.
 *
 * Scenario `levered` (tests/finance/levered.ts); strategies spend and zero (the
 * baseline); parameters pools.core.marginRate (declared: 0.2 to 0.4, file value 0.3) and
 * pools.core.costToServe (a uniform(0, 1) distribution swung between its P10 0.1 and P90 0.9,
 * median 0.5). For replication k, with e_k = −1, 0, 1, 0 for k mod 4 = 0, 1, 2, 3:
 *   net equity of spend = 1000·(marginRate − 0.25) + 100·(costToServe − 0.5) + 10 + e_k
 *   net equity of zero  = 10
 * so the difference spend − zero is 1000·(mr − 0.25) + 100·(cts − 0.5) + e_k (mean over 4
 * replications: the same without e_k; SD √(2/3), SE √(2/3)/2 = 0.40825).
 */
import type { Job } from '../../src/engine/replication.ts';
import type { ReplicationResult } from '../../src/engine/result.ts';
import { analyseSensitivity, distributionFactor, planSensitivity, type Factor, type SensitivityOutput } from '../../src/finance/sensitivity.ts';
import type { Distribution } from '../../src/scenario/schema.ts';
import { levered } from '../finance/levered.ts';

export const noise = (k: number) => [-1, 0, 1, 0][k % 4];

export function stubResult(j: Job): ReplicationResult {
  const mr = j.scenario.pools.core.marginRate as number;
  const cts = j.scenario.pools.core.costToServe as number;
  const net = j.strategy === 'spend' ? 1000 * (mr - 0.25) + 100 * (cts - 0.5) + 10 + noise(j.replication) : 10;
  return { strategy: j.strategy, replication: j.replication, seed: `r${j.replication}`, totals: { netEquity: net, customerEquity: net + 5, cxSpendPV: j.strategy === 'spend' ? 3 : 0 } } as unknown as ReplicationResult;
}

export function factors(): Factor[] {
  return [
    { path: 'pools.core.marginRate', source: 'declared', low: 0.2, high: 0.4, centre: 0.3 },
    distributionFactor('pools.core.costToServe', { dist: 'uniform', min: 0, max: 1 } as unknown as Distribution, [0.1, 0.9]),
  ];
}

export function sensitivityFixture(output: SensitivityOutput, trajectories = 0, grid = 5) {
  const sc = levered();
  const views = { strategy: sc, baseline: sc };
  const settings = { replications: 4, grid, trajectories, morrisReplications: 4, levels: 4, sobol: 0, sobolReplications: 2 };
  const fs = factors();
  const plan = planSensitivity(views, 'spend', 'zero', fs, settings, output);
  // results in job order, each slice reversed (the analysis sorts by replication)
  const results: ReplicationResult[] = new Array(plan.jobs.length);
  for (const sl of plan.slices) for (const part of [sl.strategy, sl.baseline]) {
    if (!part) continue;
    for (let i = part.from; i < part.to; i++) results[part.to - 1 - (i - part.from)] = stubResult(plan.jobs[i]);
  }
  return { plan, results, s: analyseSensitivity(views, fs, settings, plan, results) };
}
