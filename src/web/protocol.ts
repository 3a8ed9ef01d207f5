/** Messages between the page and its Web Workers (structured-clone data only). */
import type { Job } from '../engine/replication.ts';
import type { ReplicationResult } from '../engine/result.ts';
import type { Scenario } from '../scenario/schema.ts';

export interface RunRequest {
  type: 'run';
  /** Increasing id; a newer request cancels every older one. */
  runId: number;
  /** The validated, normalised scenario to run (agent scale and replications as planned). */
  scenario: Scenario;
  /** The two compared strategies, A first (differences are B − A). */
  strategies: [string, string];
  /** A stress id of the scenario, or "none". */
  stress: string;
  /** The replication indices this worker runs, in order. */
  replications: number[];
}

/**
 * The jobs a worker runs for replication k: A and B on the same random streams. The page
 * values year ends by the quick approximation (no `yearEnds: true`, whatever the file's
 * valuation.yearEnds says): the closing perpetuity of the customers alive at each year end,
 * not a run-off from each (which would make every replication about 1.8× dearer). The totals
 * do not depend on it; the page states it under its headline (valuation-note.ts), read from
 * the results' own valuation rule.
 */
export function replicationJobs(req: RunRequest, k: number): [Job, Job] {
  const stress = req.stress === 'none' ? undefined : req.stress;
  return [
    { scenario: req.scenario, strategy: req.strategies[0], replication: k, stress },
    { scenario: req.scenario, strategy: req.strategies[1], replication: k, stress },
  ];
}

/** Replication k of both strategies (common random numbers: the same k, the same random streams). */
export interface ReplicationDone {
  type: 'replication';
  runId: number;
  replication: number;
  a: ReplicationResult;
  b: ReplicationResult;
}

export interface RunFailed {
  type: 'error';
  runId: number;
  message: string;
}

export type WorkerReply = ReplicationDone | RunFailed;

/** Replication counts at which the page redraws: the first pass, doublings, the total. */
export function checkpoints(first: number, total: number): number[] {
  const out: number[] = [];
  for (let k = Math.max(2, first); k < total; k *= 2) out.push(k);
  out.push(total);
  return out;
}

/** Replications 0..total−1 dealt round-robin to `workers` workers (each list in increasing order). */
export function deal(total: number, workers: number): number[][] {
  const out: number[][] = Array.from({ length: workers }, () => []);
  for (let k = 0; k < total; k++) out[k % workers].push(k);
  return out;
}
