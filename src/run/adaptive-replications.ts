/**
 * Replications in batches until the sequential rule (src/metrics/sequential-stop.ts) stops:
 * batch k runs replications [n_{k−1}, n_k) of every strategy, the paired net-equity differences
 * are checked, and the loop stops on precision, an established ranking, or the cap. The
 * replications are 0..N−1 exactly as `--replications N` would run them (same seeds, same
 * results); the returned results are strategy-major, replication order, like a comparison plan's
 * main jobs.
 */
import type { Job } from '../engine/replication.ts';
import type { ReplicationResult } from '../engine/result.ts';
import type { Scenario } from '../scenario/schema.ts';
import { checkPlan, replicationsAtLook, sequentialDecision, type SequentialPlan, type StopDecision } from '../metrics/sequential-stop.ts';

export interface AdaptiveOutcome {
  /** Strategy-major: strategy s's replications 0..N−1 at [s·N, (s+1)·N). */
  results: ReplicationResult[];
  replications: number;
  batches: number;
  decision: StopDecision;
}

export async function runAdaptive(
  scenario: Scenario,
  strategies: string[],
  baseline: string,
  plan: SequentialPlan,
  run: (jobs: Job[]) => Promise<ReplicationResult[]>,
  fmt: (x: number) => string = String,
  onBatch?: (d: StopDecision) => void,
  /** Fields every job carries, as the fixed plan's main jobs do (e.g. `yearEnds: true` in compare). */
  jobFields: Partial<Job> = {},
): Promise<AdaptiveOutcome> {
  checkPlan(plan);
  const byStrategy: Record<string, ReplicationResult[]> = Object.fromEntries(strategies.map((s) => [s, []]));
  let done = 0;
  for (let look = 1; ; look++) {
    const upto = replicationsAtLook(plan, look);
    const jobs: Job[] = strategies.flatMap((strategy) => Array.from({ length: upto - done }, (_x, k) => ({ ...jobFields, scenario, strategy, replication: done + k })));
    const results = await run(jobs);
    results.forEach((r, j) => byStrategy[strategies[Math.floor(j / (upto - done))]].push(r));
    done = upto;
    const net = Object.fromEntries(strategies.map((s) => [s, byStrategy[s].map((r) => r.totals.netEquity)]));
    const decision = sequentialDecision(net, baseline, plan, fmt);
    onBatch?.(decision);
    if (decision.stop) return { results: strategies.flatMap((s) => byStrategy[s]), replications: done, batches: look, decision };
  }
}
