/**
 * The optimiser on a stub runner instead of simulations (tests/mutation/finance-optimise*): a
 * replication's results are a closed form of the candidate's spend, so every number the
 * optimiser reports can be computed by hand.
 *
 * Scenario `levered` (tests/finance/levered.ts); levers fix and ready; yearly spend
 * s_l = share_l × budget (first year, as the strategy states it). For replication k, with
 * m_k = 0.9, 1.0, 1.1 for k mod 3 = 0, 1, 2 (a common random factor, mean 1, sd 0.1):
 *   customer equity = m_k · (20·√s_fix + 10·√s_ready)
 *   CX spend PV     = Σ over every lever of share × budget (what the strategy spends a year)
 *   net equity      = customer equity − CX spend PV
 * For a budget of 100 the best split is s_fix = 80, s_ready = 20 (10/√x = 5/√(100 − x)).
 */
import type { Job } from '../../src/engine/replication.ts';
import type { ReplicationResult } from '../../src/engine/result.ts';
import { firstYearSpend } from '../../src/finance/allocation.ts';

export const factor = (k: number) => [0.9, 1, 1.1][k % 3];

export function stubResult(job: Job): ReplicationResult {
  const st = job.scenario.strategies[job.strategy];
  const levers = Object.keys(job.scenario.levers);
  const spend = firstYearSpend(st, levers);
  const at = (l: string) => spend[levers.indexOf(l)];
  const customerEquity = factor(job.replication) * (20 * Math.sqrt(at('fix')) + 10 * Math.sqrt(at('ready')));
  const cxSpendPV = spend.reduce((a, x) => a + x, 0);
  return { strategy: job.strategy, replication: job.replication, seed: `r${job.replication}`, totals: { netEquity: customerEquity - cxSpendPV, customerEquity, cxSpendPV } } as unknown as ReplicationResult;
}

/** Results in job order, but each call's list reversed within itself is not allowed: the optimiser reads results by position. */
export const stubRun = async (jobs: Job[]): Promise<ReplicationResult[]> => jobs.map(stubResult);
