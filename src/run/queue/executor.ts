/**
 * Runs jobs on the Redis queue instead of local threads: the same `run(jobs, onResult)` as
 * the local ReplicationPool, the same results bit for bit, in job order.
 *
 * How: the jobs are grouped into batches (./protocol.ts) with ids that name their content;
 * batches already in the spool (./spool.ts, from an interrupted run) are taken from there;
 * the others are submitted and collected (./batch-collector.ts): a batch still queued or
 * running from an earlier submission is not submitted twice (same id); each batch's results
 * are read from Redis, written to the spool, handed to the caller and deleted from Redis.
 *
 * Redis unreachable for longer than the grace period (CXSIM_REDIS_GRACE_MS, 30 s) ends the
 * run with one message; finished batches stay in the spool, so running the command again
 * resumes. A successful run removes its spool files.
 */
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Job } from '../../engine/replication.ts';
import type { ReplicationResult } from '../../engine/result.ts';
import { planBatches, QUEUE_NAME, thisBuild, type Batch, type Build } from './protocol.ts';
import { decodeResults } from './result-codec.ts';
import { Spool } from './spool.ts';
import { EXIT_QUEUE_UNAVAILABLE, graceMs, QueueError, Reachability, redact, redisClient } from './connection.ts';
import { BatchCollector } from './batch-collector.ts';

export interface QueueExecutorOptions {
  spool?: Spool;
  /** Submit as another build (tests of the workers' refusal). */
  build?: Build;
  /** Notes for the user (default: stderr). */
  log?: (line: string) => void;
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

  private unavailable(what: string, saved: number, total: number, keptIn = this.spool.dir): QueueError {
    const why = this.reach?.lastError ? ` (${this.reach.lastError})` : '';
    const kept = total === 0 ? '' : ` ${saved} of ${total} batches are done and kept in ${keptIn}.`;
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
    const results: ReplicationResult[] = new Array(jobs.length);
    await this.stream(jobs, (index, r) => {
      results[index] = r;
      onResult?.(index, r);
    });
    return results;
  }

  /**
   * Runs the jobs, handing each replication to `onResult` as its batch arrives and keeping none.
   * `keptIn`: the folder where the caller keeps every result on disk itself
   * (src/run/result-spool.ts), so a batch's spool file is removed as soon as it is delivered
   * (a rerun asks the caller's spool, not this one, and the file would be left behind).
   */
  async stream(jobs: Job[], onResult: (index: number, result: ReplicationResult) => void, options: { keptIn?: string } = {}): Promise<void> {
    if (this.busy) throw new Error('QueueExecutor.run: one batch at a time');
    this.busy = true;
    try {
      await this.runBatches(jobs, onResult, options.keptIn);
    } finally {
      this.busy = false;
    }
  }

  private async runBatches(jobs: Job[], onResult: (index: number, result: ReplicationResult) => void, keptIn: string | undefined): Promise<void> {
    const build = this.buildOverride ?? (await thisBuild());
    const batches = planBatches(jobs, build);
    const deliver = (b: Batch, rs: ReplicationResult[]) => {
      b.targets.forEach((indices, k) =>
        indices.forEach((index, n) => {
          // a replication asked for twice gets its own copy (callers label results in place)
          onResult(index, n === 0 ? rs[k] : structuredClone(rs[k]));
        }),
      );
      if (keptIn !== undefined) this.spool.remove(b.id);
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
    if (outstanding.size > 0) await this.await(outstanding, batches.length, deliver, keptIn);
    for (const b of batches) this.spool.remove(b.id);
  }

  private async await(outstanding: Map<string, Batch>, total: number, deliver: (b: Batch, results: ReplicationResult[]) => void, keptIn: string | undefined): Promise<void> {
    const { conn, queue, events } = await this.connect();
    await new BatchCollector(
      {
        conn,
        queue,
        events,
        reach: this.reach!,
        spool: this.spool,
        graceMs: graceMs(),
        deliver,
        unavailable: (done) => this.unavailable('lost the connection to', done, total, keptIn),
        noWorkers: () => this.log(`waiting for workers: none is connected to ${redact(this.url)} (start some with: cxsim worker --redis URL)`),
      },
      outstanding,
      total,
    ).collect();
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
