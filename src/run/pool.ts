/**
 * The pool of replication workers: the one mechanism that runs jobs on threads. Workers start
 * once and serve every batch (stress cells, sensitivity points, sweep cells, optimiser
 * candidates), and each result is reported as it finishes (a sweep persists finished cells).
 * `runJobs` (./jobs.ts) is a one-batch pool. Results are bit-identical to an in-process run,
 * whatever the number of threads: each replication's streams depend only on its job, never on
 * the thread or the order of completion.
 *
 * With a Redis URL (`--redis`, CXSIM_REDIS or the `redis` option: ./queue/select.ts) the pool
 * hands every batch to the queue executor instead (./queue/executor.ts, loaded only then):
 * `cxsim worker`s on any machines run the replications, with the same results.
 */
import { Worker } from 'node:worker_threads';
import { simulateReplication, type Job } from '../engine/replication.ts';
import type { ReplicationResult } from '../engine/result.ts';
import type { JobMessage, ResultMessage } from './replication-worker.ts';
import { workerSource } from './worker-bundle.ts';
import { queueUrl } from './queue/select.ts';
import type { QueueExecutor } from './queue/executor.ts';
import { PopulationLimitError } from '../engine/population-limit.ts';

export class ReplicationPool {
  readonly threads: number;
  private workers: Worker[] = [];
  private busy = false;
  private readonly redis?: string;
  private queue: QueueExecutor | null = null;

  /**
   * @param threads worker threads; 1 runs every job in process.
   * @param options.redis run on the Redis queue at this URL (default: --redis, else CXSIM_REDIS, else threads).
   */
  constructor(threads: number, options: { redis?: string } = {}) {
    this.threads = Math.max(1, Math.floor(threads));
    this.redis = options.redis;
  }

  /**
   * Runs jobs; results in job order. `onResult` is called as each job finishes (in completion
   * order), e.g. to persist finished work before the batch ends.
   */
  async run(jobs: Job[], onResult?: (index: number, result: ReplicationResult) => void): Promise<ReplicationResult[]> {
    const results: ReplicationResult[] = new Array(jobs.length);
    await this.stream(jobs, (index, result) => {
      results[index] = result;
      onResult?.(index, result);
    });
    return results;
  }

  /**
   * Runs jobs and hands each result to `onResult` as it finishes (completion order), keeping
   * none: what a caller does not keep is freed at once (./result-spool.ts streams them to disk).
   * `keptIn`: the folder where the caller keeps each result on disk (the queue need not keep its own copy).
   */
  async stream(jobs: Job[], onResult: (index: number, result: ReplicationResult) => void, options: { keptIn?: string } = {}): Promise<void> {
    if (this.busy) throw new Error('ReplicationPool.run: one batch at a time');
    this.busy = true;
    try {
      const url = queueUrl(this.redis);
      if (url !== undefined) {
        this.queue ??= new (await import('./queue/executor.ts')).QueueExecutor(url);
        return await this.queue.stream(jobs, onResult, options);
      }
      return this.threads === 1 || jobs.length <= 1 ? await this.inProcess(jobs, onResult) : await this.onWorkers(jobs, onResult);
    } finally {
      this.busy = false;
    }
  }

  private async inProcess(jobs: Job[], onResult: (index: number, result: ReplicationResult) => void): Promise<void> {
    for (let k = 0; k < jobs.length; k++) {
      onResult(k, simulateReplication(jobs[k]));
      // let the event loop breathe (progress bar, signals) between replications
      await new Promise((r) => setImmediate(r));
    }
  }

  private async start(): Promise<Worker[]> {
    if (this.workers.length < this.threads) {
      // the same esbuild bundle of the engine as src/run/jobs.ts (plain JavaScript in threads)
      const source = await workerSource();
      while (this.workers.length < this.threads) this.workers.push(new Worker(source, { eval: true, execArgv: [] }));
    }
    return this.workers;
  }

  private async onWorkers(jobs: Job[], onResult: (index: number, result: ReplicationResult) => void): Promise<void> {
    const workers = (await this.start()).slice(0, Math.min(this.threads, jobs.length));
    let next = 0;
    let done = 0;
    return new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        for (const w of workers) {
          w.removeAllListeners('message');
          w.removeAllListeners('error');
          w.removeAllListeners('exit');
        }
      };
      const fail = (e: Error) => {
        cleanup();
        // workers may still be busy with this batch: stop them so a later batch starts clean
        void this.close();
        reject(e);
      };
      const feed = (w: Worker) => {
        if (next >= jobs.length) return;
        const id = next++;
        w.postMessage({ id, job: jobs[id] } satisfies JobMessage);
      };
      for (const w of workers) {
        w.on('message', (msg: ResultMessage) => {
          if ('error' in msg) {
            if (msg.populationLimit) return fail(new PopulationLimitError(msg.populationLimit.limit, msg.populationLimit.step));
            fail(new Error(`replication ${jobs[msg.id].replication} of ${jobs[msg.id].strategy} failed in a worker:\n${msg.error}`));
            return;
          }
          done++;
          try {
            onResult(msg.id, msg.result);
          } catch (e) {
            fail(e as Error);
            return;
          }
          if (done === jobs.length) {
            cleanup();
            resolve();
          } else feed(w);
        });
        w.on('error', fail);
        w.on('exit', (code) => fail(new Error(`a worker thread stopped (exit code ${code}) before all replications were done`)));
        feed(w);
      }
    });
  }

  /** Stops the workers (always call it, e.g. in a finally block). */
  async close(): Promise<void> {
    const ws = this.workers;
    const q = this.queue;
    this.workers = [];
    this.queue = null;
    await Promise.all([...ws.map((w) => w.terminate()), q?.close()]);
  }
}
