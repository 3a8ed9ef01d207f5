/**
 * One worker thread of a queue worker: runs replications one at a time on the engine bundle
 * (the same thread code as the local pool, src/run/replication-worker.ts), so the worker's
 * main thread stays free to renew its job locks while a batch computes.
 */
import { Worker } from 'node:worker_threads';
import type { Job } from '../../engine/replication.ts';
import type { ReplicationResult } from '../../engine/result.ts';
import type { JobMessage, ResultMessage } from '../replication-worker.ts';
import { workerSource } from '../worker-bundle.ts';

/** A replication failed in the engine (the message, without the thread's stack). */
export class ReplicationFailure extends Error {}

export class ThreadSlot {
  private thread: Worker | null = null;
  private next = 0;

  private async start(): Promise<Worker> {
    this.thread ??= new Worker(await workerSource(), { eval: true, execArgv: [] });
    return this.thread;
  }

  /** Runs one replication; rejects with ReplicationFailure when the engine throws. */
  async run(job: Job): Promise<ReplicationResult> {
    const thread = await this.start();
    const id = this.next++;
    return new Promise<ReplicationResult>((resolve, reject) => {
      const done = () => {
        thread.off('message', onMessage);
        thread.off('error', onError);
        thread.off('exit', onExit);
      };
      const onMessage = (msg: ResultMessage) => {
        if (msg.id !== id) return;
        done();
        if ('error' in msg) reject(new ReplicationFailure(msg.error.split('\n')[0].replace(/^\w*Error: /, '')));
        else resolve(msg.result);
      };
      const onError = (e: Error) => {
        done();
        this.thread = null;
        reject(e);
      };
      const onExit = (code: number) => {
        done();
        this.thread = null;
        reject(new Error(`a worker thread stopped (exit code ${code})`));
      };
      thread.on('message', onMessage);
      thread.on('error', onError);
      thread.on('exit', onExit);
      thread.postMessage({ id, job } satisfies JobMessage);
    });
  }

  async close(): Promise<void> {
    const t = this.thread;
    this.thread = null;
    await t?.terminate();
  }
}
