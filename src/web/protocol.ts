/** Messages between the page and its Web Worker (structured-clone data only). */
import type { Scenario } from '../scenario/schema.ts';
import type { View } from './results.ts';

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
  /** Replications of the first pass; later passes add more up to scenario.meta.replications. */
  firstPass: number;
}

export interface RunUpdate {
  type: 'update';
  runId: number;
  /** Replications done (of `total`). */
  done: number;
  total: number;
  /** Milliseconds from receiving the request to this update, in the worker. */
  workerMs: number;
  view: View;
}

export interface RunFailed {
  type: 'error';
  runId: number;
  message: string;
}

export type WorkerReply = RunUpdate | RunFailed;
