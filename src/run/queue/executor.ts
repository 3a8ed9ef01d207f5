/**
 * Runs jobs on the Redis queue instead of local threads: the same `run(jobs, onResult)` as
 * the local ReplicationPool, the same results bit for bit, in job order.
 *
 * How: the jobs are grouped into batches (./protocol.ts) with ids that name their content;
 * batches already in the spool (./spool.ts, from an interrupted run) are taken from there;
 * the others are submitted (a batch still queued or running from an earlier submission is
 * not submitted twice: same id). Completions arrive as queue events; each batch's results
 * are read from Redis, written to the spool, handed to the caller and deleted from Redis. A
 * periodic check reconciles what events may have missed: a batch whose results are waiting
 * is taken, a batch that vanished (Redis restarted without its data) is submitted again, a
 * failed batch fails the run with its reason.
 *
 * Redis unreachable for longer than the grace period (CXSIM_REDIS_GRACE_MS, 30 s) ends the
 * run with one message; finished batches stay in the spool, so running the command again
 * resumes. A successful run removes its spool files.
 */
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Job } from '../../engine/replication.ts';
import type { ReplicationResult } from '../../engine/result.ts';
import { planBatches, QUEUE_NAME, thisBuild, type Batch, type BatchData, type Build } from './protocol.ts';
import { decodeResults } from './result-codec.ts';
import { Spool } from './spool.ts';
import { EXIT_QUEUE_UNAVAILABLE, graceMs, QueueError, Reachability, redact, redisClient } from './connection.ts';
import { resultKey } from './worker.ts';

export interface QueueExecutorOptions {
  spool?: Spool;
  /** Submit as another build (tests of the workers' refusal). */
  build?: Build;
  /** Notes for the user (default: stderr). */
  log?: (line: string) => void;
}

/** Failed jobs are kept an hour for inspection (a resubmission replaces them). */
const KEEP_FAILED = { age: 3600 };

function describeBatch(d: BatchData): string {
  const reps = d.to - d.from === 1 ? `replication ${d.from}` : `replications ${d.from}–${d.to - 1}`;
  return `${reps} of strategy "${d.strategy}"${d.stress && d.stress !== 'none' ? ` under stress "${d.stress}"` : ''}`;
}

export class QueueExecutor {
  readonly url: string;
  private readonly spool: Spool;
  private readonly log: (line: string) => void;
  private readonly buildOverride?: Build;
  private conn: Redis | null = null;
  private reach: Reachability | null = null;
  private queue: Queue | null = null;
  private events: QueueEvents | null = null;
  private eventsConn: Redis | null = null;
  private busy = false;

  constructor(url: string, options: QueueExecutorOptions = {}) {
    this.url = url;
    this.spool = options.spool ?? new Spool();
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.buildOverride = options.build;
  }

  private unavailable(what: string, saved: number, total: number): QueueError {
    const why = this.reach?.lastError ? ` (${this.reach.lastError})` : '';
    const kept = total === 0 ? '' : ` ${saved} of ${total} batches are done and kept in ${this.spool.dir}.`;
    return new QueueError(
      `${what} Redis at ${redact(this.url)}${why}.${kept} Start Redis (or fix --redis / CXSIM_REDIS) and run the same command again${total === 0 ? '' : ' to resume'}.`,
      EXIT_QUEUE_UNAVAILABLE,
    );
  }

  /** Connects (once), waiting up to the grace period for Redis to answer. */
  private async connect(): Promise<{ conn: Redis; queue: Queue; events: QueueEvents }> {
    if (this.conn && this.queue && this.events) return { conn: this.conn, queue: this.queue, events: this.events };
    const conn = redisClient(this.url, 'cxsim-submit');
    this.conn = conn;
    this.reach = new Reachability(conn);
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), Math.min(graceMs(), 10_000));
      conn.once('ready', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!ready) throw this.unavailable('cannot reach', 0, 0);
    const queue = new Queue(QUEUE_NAME, { connection: conn });
    this.eventsConn = conn.duplicate();
    this.eventsConn.on('error', () => {});
    const events = new QueueEvents(QUEUE_NAME, { connection: this.eventsConn });
    // errors are reported by the reachability watch; without listeners they would print stacks
    queue.on('error', () => {});
    events.on('error', () => {});
    await events.waitUntilReady();
    this.queue = queue;
    this.events = events;
    return { conn, queue, events };
  }

  /** Runs the jobs; results in job order. `onResult` is called as each replication arrives. */
  async run(jobs: Job[], onResult?: (index: number, result: ReplicationResult) => void): Promise<ReplicationResult[]> {
    if (this.busy) throw new Error('QueueExecutor.run: one batch at a time');
    this.busy = true;
    try {
      return await this.runBatches(jobs, onResult);
    } finally {
      this.busy = false;
    }
  }

  private async runBatches(jobs: Job[], onResult?: (index: number, result: ReplicationResult) => void): Promise<ReplicationResult[]> {
    const build = this.buildOverride ?? (await thisBuild());
    const batches = planBatches(jobs, build);
    const results: ReplicationResult[] = new Array(jobs.length);
    const deliver = (b: Batch, rs: ReplicationResult[]) => {
      b.targets.forEach((indices, k) =>
        indices.forEach((index, n) => {
          // a replication asked for twice gets its own copy (callers label results in place)
          const r = n === 0 ? rs[k] : structuredClone(rs[k]);
          results[index] = r;
          onResult?.(index, r);
        }),
      );
    };
    const outstanding = new Map<string, Batch>();
    for (const b of batches) {
      if (this.spool.has(b.id)) {
        let saved: ReplicationResult[] | null = null;
        try {
          saved = decodeResults(this.spool.read(b.id), b.data.to - b.data.from);
        } catch {
          this.spool.remove(b.id); // unreadable: run it again
        }
        if (saved) {
          deliver(b, saved);
          continue;
        }
      }
      outstanding.set(b.id, b);
    }
    const resumed = batches.length - outstanding.size;
    if (resumed > 0 && outstanding.size > 0) this.log(`resuming: ${resumed} of ${batches.length} batches are already done (kept in ${this.spool.dir})`);
    if (outstanding.size > 0) await this.await(outstanding, batches.length, deliver);
    for (const b of batches) this.spool.remove(b.id);
    return results;
  }

  private async await(outstanding: Map<string, Batch>, total: number, deliver: (b: Batch, results: ReplicationResult[]) => void): Promise<void> {
    const { conn, queue, events } = await this.connect();
    const reach = this.reach!;
    const grace = graceMs();
    const started = Date.now();
    let warnedNoWorkers = false;

    await new Promise<void>((resolve, reject) => {
      let finished = false;
      let reconciling = false;
      let lastReconcile = 0;
      const inflight = new Set<string>();
      const finish = (err?: Error) => {
        if (finished) return;
        finished = true;
        clearInterval(timer);
        events.off('completed', onCompleted);
        events.off('failed', onFailed);
        if (err) reject(err);
        else resolve();
      };
      const fail = (b: Batch, reason: string) =>
        finish(new QueueError(`a worker could not run ${describeBatch(b.data)} (queue job ${b.id}): ${reason}`, 2));

      /** Takes a batch's results if they are in Redis; false when they are not (yet). */
      const take = async (id: string): Promise<boolean> => {
        const b = outstanding.get(id);
        if (!b || inflight.has(id) || finished) return true;
        inflight.add(id);
        try {
          // in Redis, or already taken by another command on this machine that needed the same batch
          const bytes = (await conn.getBuffer(resultKey(id))) ?? (this.spool.has(id) ? this.spool.read(id) : null);
          if (bytes === null) return false;
          if (finished || !outstanding.has(id)) return true;
          let results: ReplicationResult[];
          try {
            results = decodeResults(bytes, b.data.to - b.data.from);
          } catch (e) {
            throw new QueueError(`the results of ${describeBatch(b.data)} (queue job ${id}) in Redis are not readable: ${(e as Error).message}`, 1);
          }
          this.spool.write(id, bytes);
          outstanding.delete(id);
          deliver(b, results);
          await conn.del(resultKey(id));
          if (outstanding.size === 0) finish();
          return true;
        } catch (e) {
          if (e instanceof QueueError || !(reach.downFor() > 0)) finish(e as Error);
          return true; // Redis is away: the watch decides
        } finally {
          inflight.delete(id);
        }
      };

      const submit = async (list: Batch[]) => {
        for (let i = 0; i < list.length; i += 200) {
          const chunk = list.slice(i, i + 200);
          // a failed job of an earlier run keeps its id: remove it so the batch runs again
          const states = await Promise.all(chunk.map((b) => queue.getJobState(b.id)));
          await Promise.all(chunk.filter((_, k) => states[k] === 'failed').map((b) => queue.remove(b.id)));
          await queue.addBulk(
            chunk.map((b) => ({ name: 'batch', data: b.data, opts: { jobId: b.id, removeOnComplete: true, removeOnFail: KEEP_FAILED, attempts: 1 } })),
          );
        }
      };

      /** What events may have missed: waiting results, vanished jobs, failed jobs. */
      const reconcile = async () => {
        if (reconciling || finished) return;
        reconciling = true;
        lastReconcile = Date.now();
        try {
          const lost: Batch[] = [];
          for (const [id, b] of [...outstanding]) {
            if (finished) return;
            if (await take(id)) continue;
            const state = await queue.getJobState(id);
            if (state === 'unknown') {
              // gone without results: Redis lost it (restarted without its data) or another command took them
              if (!(await take(id))) lost.push(b);
            } else if (state === 'failed') {
              const job = await queue.getJob(id);
              return fail(b, job?.failedReason ?? 'failed');
            }
          }
          if (lost.length > 0 && !finished) await submit(lost);
        } catch {
          // Redis away: the watch below decides when to give up
        } finally {
          reconciling = false;
        }
      };

      const onCompleted = ({ jobId }: { jobId: string }) => void take(jobId);
      const onFailed = ({ jobId, failedReason }: { jobId: string; failedReason: string }) => {
        const b = outstanding.get(jobId);
        if (b) fail(b, failedReason);
      };
      events.on('completed', onCompleted);
      events.on('failed', onFailed);

      const timer = setInterval(() => {
        const now = Date.now();
        if (reach.downFor(now) > grace) return finish(this.unavailable('lost the connection to', total - outstanding.size, total));
        if (now - lastReconcile > Math.max(2000, outstanding.size * 5)) void reconcile();
        if (!warnedNoWorkers && outstanding.size === total && now - started > 5000) {
          warnedNoWorkers = true;
          queue
            .getWorkersCount()
            .then((n) => {
              if (n === 0 && !finished) this.log(`waiting for workers: none is connected to ${redact(this.url)} (start some with: cxsim worker --redis URL)`);
            })
            .catch(() => {});
        }
      }, 250);

      submit([...outstanding.values()])
        .then(() => reconcile())
        .catch(() => {
          // Redis away while submitting: the reconcile loop submits what is missing once it is back
        });
    });
  }

  /** Disconnects (always call it, e.g. in a finally block). */
  async close(): Promise<void> {
    const { queue, events, conn, eventsConn } = this;
    this.queue = null;
    this.events = null;
    this.conn = null;
    this.eventsConn = null;
    // closing waits for Redis; when it is away, give up after a second and just disconnect
    const closing = Promise.allSettled([events?.close(), queue?.close()]);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closing, new Promise((r) => (timer = setTimeout(r, 1000)))]);
    clearTimeout(timer);
    eventsConn?.disconnect();
    conn?.disconnect();
  }
}
