/**
 * Runs jobs (replications × strategies × stresses) on worker threads, or in process with
 * `threads: 1`. Results come back in job order and are bit-identical whatever the number of
 * threads: each replication's random streams depend only on (seed, replication), never on
 * the thread or the order of completion.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { simulateReplication, type Job } from '../engine/replication.ts';
import type { ReplicationResult } from '../engine/result.ts';
import type { JobMessage, ResultMessage } from './replication-worker.ts';
import { workerSource } from './worker-bundle.ts';

export interface RunOptions {
  /** Worker threads (default: all cores; 1 = in process). */
  threads?: number;
  onProgress?: (done: number, total: number) => void;
}

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

export async function runJobs(jobs: Job[], options: RunOptions = {}): Promise<ReplicationResult[]> {
  const threads = Math.max(1, Math.min(options.threads ?? defaultThreads(), jobs.length));
  const results: ReplicationResult[] = new Array(jobs.length);
  let done = 0;
  if (threads === 1) {
    for (let k = 0; k < jobs.length; k++) {
      results[k] = simulateReplication(jobs[k]);
      done++;
      options.onProgress?.(done, jobs.length);
      // let the event loop breathe (progress bar, signals) between replications
      await new Promise((r) => setImmediate(r));
    }
    return results;
  }
  const source = await workerSource();
  const workers = Array.from({ length: threads }, () => new Worker(source, { eval: true, execArgv: [] }));
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (w: Worker) => {
        if (next >= jobs.length) return;
        const id = next++;
        w.postMessage({ id, job: jobs[id] } satisfies JobMessage);
      };
      for (const w of workers) {
        w.on('message', (msg: ResultMessage) => {
          if ('error' in msg) {
            reject(new Error(`replication ${jobs[msg.id].replication} of ${jobs[msg.id].strategy} failed in a worker:\n${msg.error}`));
            return;
          }
          results[msg.id] = msg.result;
          done++; // not inside the optional call below: `f?.(++x)` skips the increment when f is undefined
          options.onProgress?.(done, jobs.length);
          if (done === jobs.length) resolve();
          else feed(w);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (done < jobs.length) reject(new Error(`a worker thread stopped (exit code ${code}) before all replications were done`));
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
