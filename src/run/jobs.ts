/**
 * Runs jobs (replications × strategies × stresses) on worker threads, or in process with
 * `threads: 1`: a one-batch ReplicationPool. Results come back in job order and are
 * bit-identical whatever the number of threads.
 */
import { availableParallelism } from 'node:os';
import type { Job } from '../engine/replication.ts';
import type { ReplicationResult } from '../engine/result.ts';
import { ReplicationPool } from './pool.ts';

export interface RunOptions {
  /** Worker threads (default: all cores; 1 = in process). */
  threads?: number;
  onProgress?: (done: number, total: number) => void;
  /** Run on the Redis queue at this URL (`cxsim worker`s do the work); default: --redis, else CXSIM_REDIS, else threads. */
  redis?: string;
  /** The folder where the caller keeps every result on disk itself (src/run/result-spool.ts): the queue's own spool copy is removed once delivered. */
  keptIn?: string;
}

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Work small enough to finish faster in process than it takes to start worker threads
 * (≈ 0.3 s each, bundle included): below about 20 million customer-steps in all.
 */
const SMALL_WORK = 2e7;

function customerSteps(job: Job): number {
  const sc = job.scenario;
  const customers = Object.values(sc.segments).reduce((a, s) => a + s.initialCustomers, 0) / sc.meta.agentScale;
  return customers * sc.meta.horizonMonths;
}

export async function runJobs(jobs: Job[], options: RunOptions = {}): Promise<ReplicationResult[]> {
  const results: ReplicationResult[] = new Array(jobs.length);
  await streamJobs(jobs, (index, result) => (results[index] = result), options);
  return results;
}

/**
 * Runs jobs like runJobs but keeps no result: each is handed to `onResult` as it finishes
 * (completion order, with its job index), e.g. to write it to disk (./result-spool.ts).
 */
export async function streamJobs(jobs: Job[], onResult: (index: number, result: ReplicationResult) => void, options: RunOptions = {}): Promise<void> {
  const small = jobs.reduce((a, j) => a + customerSteps(j), 0) < SMALL_WORK;
  const threads = options.threads ?? (small ? 1 : defaultThreads());
  const pool = new ReplicationPool(Math.max(1, Math.min(threads, jobs.length)), { redis: options.redis });
  let done = 0;
  try {
    await pool.stream(
      jobs,
      (index, result) => {
        onResult(index, result);
        done++;
        options.onProgress?.(done, jobs.length);
      },
      { keptIn: options.keptIn },
    );
  } finally {
    await pool.close();
  }
}
