/**
 * `simulate(scenario, strategy, options)`: every replication of one strategy, in process
 * (synchronous). For worker threads use `runJobs` from src/run/jobs.ts: same jobs, same
 * results, bit for bit.
 */
import type { Scenario, StressShock } from '../scenario/schema.ts';
import { simulateReplication, type Job } from './replication.ts';
import type { ReplicationResult } from './result.ts';

export interface SimulateOptions {
  /** Replications (default: meta.replications). */
  replications?: number;
  /** Master seed (default: meta.seed). */
  seed?: number;
  /** Stress id from scenario.stresses. */
  stress?: string;
  /** Ad-hoc shocks. */
  shocks?: StressShock[];
  /** Keep per-customer detail. */
  customers?: boolean;
  /** Value each year end by its own run-off when valuation.yearEnds says so (Job.yearEnds). */
  yearEnds?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** The scenario with a different master seed (seeds are part of the scenario, so runs are replayable from it). */
export function withSeed(scenario: Scenario, seed: number | undefined): Scenario {
  return seed === undefined || seed === scenario.meta.seed ? scenario : { ...scenario, meta: { ...scenario.meta, seed } };
}

/** The jobs of one strategy: replications 0..n−1. */
export function jobsFor(scenario: Scenario, strategy: string, options: SimulateOptions = {}): Job[] {
  const sc = withSeed(scenario, options.seed);
  const n = options.replications ?? sc.meta.replications;
  return Array.from({ length: n }, (_, replication) => ({
    scenario: sc,
    strategy,
    replication,
    stress: options.stress,
    shocks: options.shocks,
    customers: options.customers,
    yearEnds: options.yearEnds,
  }));
}

export function simulate(scenario: Scenario, strategy: string, options: SimulateOptions = {}): ReplicationResult[] {
  const jobs = jobsFor(scenario, strategy, options);
  return jobs.map((job, k) => {
    const r = simulateReplication(job);
    options.onProgress?.(k + 1, jobs.length);
    return r;
  });
}
