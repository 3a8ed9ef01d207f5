/** Messages between the page and its Web Workers (structured-clone data only). */
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
