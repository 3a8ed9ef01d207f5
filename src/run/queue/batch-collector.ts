/**
 * Waiting for a run's outstanding batches on the queue: submits them, takes each batch's
 * results as its completion event arrives (from Redis, or from the spool when another command
 * on this machine took them first), and reconciles every few seconds what events may have
 * missed — results waiting, a batch that vanished (Redis restarted without its data: submitted
 * again), a failed batch (the run fails with its reason). Redis unreachable for longer than
 * the grace period ends the run with one message.
 */
import type { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ReplicationResult } from '../../engine/result.ts';
import type { Batch, BatchData } from './protocol.ts';
import { decodeResults } from './result-codec.ts';
import type { Spool } from './spool.ts';
import { QueueError, type Reachability } from './connection.ts';
import { resultKey } from './worker.ts';

/** Failed jobs are kept an hour for inspection (a resubmission replaces them). */
const KEEP_FAILED = { age: 3600 };

export function describeBatch(d: BatchData): string {
  const reps = d.to - d.from === 1 ? `replication ${d.from}` : `replications ${d.from}–${d.to - 1}`;
  return `${reps} of strategy "${d.strategy}"${d.stress && d.stress !== 'none' ? ` under stress "${d.stress}"` : ''}`;
}

export interface CollectorContext {
  conn: Redis;
  queue: Queue;
  events: QueueEvents;
  reach: Reachability;
  spool: Spool;
  graceMs: number;
  /** The run's results arrived for a batch. */
  deliver: (b: Batch, results: ReplicationResult[]) => void;
  /** The error to end with when Redis stays away (given batches done so far). */
  unavailable: (done: number) => Error;
  /** No worker connected while nothing has finished. */
  noWorkers: () => void;
}

export class BatchCollector {
  private finished = false;
  private reconciling = false;
  private lastReconcile = Date.now(); // the first check follows the submission
  private warnedNoWorkers = false;
  private readonly started = Date.now();
  private readonly inflight = new Set<string>();
  private readonly total: number;
  private timer: NodeJS.Timeout | undefined;
  private settle: { resolve: () => void; reject: (e: Error) => void } | undefined;

  constructor(
    private readonly ctx: CollectorContext,
    private readonly outstanding: Map<string, Batch>,
    total: number,
  ) {
    this.total = total;
  }

  private readonly onCompleted = ({ jobId }: { jobId: string }) => void this.take(jobId);
  private readonly onFailed = ({ jobId, failedReason }: { jobId: string; failedReason: string }) => {
    const b = this.outstanding.get(jobId);
    if (b) this.fail(b, failedReason);
  };

  /** Resolves when every outstanding batch has been delivered; rejects with the first failure. */
  collect(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
      this.ctx.events.on('completed', this.onCompleted);
      this.ctx.events.on('failed', this.onFailed);
      this.timer = setInterval(() => this.tick(), 250);
      this.submit([...this.outstanding.values()])
        .then(() => this.reconcile())
        .catch(() => {
          // Redis away while submitting: reconciling submits what is missing once it is back
        });
    });
  }

  private finish(err?: Error): void {
    if (this.finished) return;
    this.finished = true;
    clearInterval(this.timer);
    this.ctx.events.off('completed', this.onCompleted);
    this.ctx.events.off('failed', this.onFailed);
    if (err) this.settle!.reject(err);
    else this.settle!.resolve();
  }

  private fail(b: Batch, reason: string): void {
    this.finish(new QueueError(`a worker could not run ${describeBatch(b.data)} (queue job ${b.id}): ${reason}`, 2));
  }

  /** Takes a batch's results if they are available; false when they are not (yet). */
  private async take(id: string): Promise<boolean> {
    const b = this.outstanding.get(id);
    if (!b || this.inflight.has(id) || this.finished) return true;
    const { conn, spool } = this.ctx;
    this.inflight.add(id);
    try {
      // in Redis, or already taken by another command on this machine that needed the same batch
      const bytes = (await conn.getBuffer(resultKey(id))) ?? (spool.has(id) ? spool.read(id) : null);
      if (bytes === null) return false;
      if (this.finished || !this.outstanding.has(id)) return true;
      let results: ReplicationResult[];
      try {
        results = decodeResults(bytes, b.data.to - b.data.from);
      } catch (e) {
        throw new QueueError(`the results of ${describeBatch(b.data)} (queue job ${id}) are not readable: ${(e as Error).message}`, 1);
      }
      spool.write(id, bytes);
      this.outstanding.delete(id);
      this.ctx.deliver(b, results);
      if (this.outstanding.size === 0) this.finish();
      // best effort: results left behind (Redis away just now) expire after a day
      conn.del(resultKey(id)).catch(() => {});
      return true;
    } catch (e) {
      if (e instanceof QueueError || !(this.ctx.reach.downFor() > 0)) this.finish(e as Error);
      return true; // Redis is away: the watch decides
    } finally {
      this.inflight.delete(id);
    }
  }

  private async submit(list: Batch[]): Promise<void> {
    const { queue } = this.ctx;
    for (let i = 0; i < list.length; i += 200) {
      const chunk = list.slice(i, i + 200);
      // a failed job of an earlier run keeps its id: remove it so the batch runs again
      const states = await Promise.all(chunk.map((b) => queue.getJobState(b.id)));
      await Promise.all(chunk.filter((_, k) => states[k] === 'failed').map((b) => queue.remove(b.id)));
      await queue.addBulk(chunk.map((b) => ({ name: 'batch', data: b.data, opts: { jobId: b.id, removeOnComplete: true, removeOnFail: KEEP_FAILED, attempts: 1 } })));
    }
  }

  /** What events may have missed: waiting results, vanished jobs, failed jobs. */
  private async reconcile(): Promise<void> {
    if (this.reconciling || this.finished) return;
    this.reconciling = true;
    this.lastReconcile = Date.now();
    const { queue } = this.ctx;
    try {
      const lost: Batch[] = [];
      for (const [id, b] of [...this.outstanding]) {
        if (this.finished) return;
        if (await this.take(id)) continue;
        const state = await queue.getJobState(id);
        if (state === 'unknown') {
          // gone without results: Redis lost it (restarted without its data) or another command took them
          if (!(await this.take(id))) lost.push(b);
        } else if (state === 'failed') {
          const job = await queue.getJob(id);
          return this.fail(b, job?.failedReason ?? 'failed');
        }
      }
      if (lost.length > 0 && !this.finished) await this.submit(lost);
    } catch {
      // Redis away: the watch decides when to give up
    } finally {
      this.reconciling = false;
    }
  }

  private tick(): void {
    const now = Date.now();
    if (this.ctx.reach.downFor(now) > this.ctx.graceMs) return this.finish(this.ctx.unavailable(this.total - this.outstanding.size));
    if (now - this.lastReconcile > Math.max(2000, this.outstanding.size * 5)) void this.reconcile();
    if (!this.warnedNoWorkers && this.outstanding.size === this.total && now - this.started > 5000) {
      this.warnedNoWorkers = true;
      this.ctx.queue
        .getWorkersCount()
        .then((n) => {
          if (n === 0 && !this.finished) this.ctx.noWorkers();
        })
        .catch(() => {});
    }
  }
}
