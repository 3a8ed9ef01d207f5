/**
 * A queue worker (what `cxsim worker` runs): takes batches of replications from the BullMQ
 * queue, runs them on its own worker threads (one per unit of concurrency), stores each
 * batch's encoded results in Redis under the batch id and completes the job.
 *
 * Faults: a job whose replication the engine cannot run (a scenario the worker cannot run)
 * fails at once, without retries (BullMQ's UnrecoverableError), with the engine's message; a
 * job from another cxsim build is refused the same way; a worker that dies mid-job (SIGKILL,
 * a lost machine) stops renewing its lock and another worker's stalled-job check puts the job
 * back to run elsewhere. Results are written under the batch id only when the whole batch is
 * done, so a retried batch can never add or drop a replication.
 */
import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job as QueueJob } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ReplicationResult } from '../../engine/result.ts';
import { checkVariant } from '../../finance/scenario-variant.ts';
import { incompatibility, QUEUE_NAME, thisBuild, type BatchData, type Build } from './protocol.ts';
import { encodeResults } from './result-codec.ts';
import { describeError, redisClient } from './connection.ts';
import { ReplicationFailure, ThreadSlot } from './thread-slot.ts';

/** Where a worker stores a batch's results (kept one day at most; the command deletes them once read). */
export const resultKey = (batchId: string) => `${QUEUE_NAME}:result:${batchId}`;
export const RESULT_TTL_SECONDS = 24 * 3600;

export interface WorkerOptions {
  url: string;
  /** Batches run at once, each on its own thread (default 1). */
  concurrency?: number;
  /** How long a job's lock lasts without renewal, ms (BullMQ lockDuration; default 30 000). */
  lockDuration?: number;
  /** How often this worker looks for stalled jobs of dead workers, ms (default 30 000). */
  stalledInterval?: number;
  /** Times a job may be recovered from dead workers before it fails (default 3). */
  maxStalledCount?: number;
  /** Pretend to be another build (tests of the refusal). */
  build?: Build;
  /** One line per event worth a log (started, refused, failed). */
  log?: (line: string) => void;
}

export interface QueueWorker {
  readonly name: string;
  /** Finishes the jobs in hand (or abandons them with force), then disconnects. */
  close(force?: boolean): Promise<void>;
}

/** Why a job's replication failed, in words a user can act on. */
function explainFailure(data: BatchData, replication: number, e: unknown): string {
  const check = checkVariant(data.scenario);
  const where = `replication ${replication} of strategy "${data.strategy}"${data.stress && data.stress !== 'none' ? ` under stress "${data.stress}"` : ''}`;
  if (!check.ok) return `${where}: the job's scenario is not valid: ${check.problems[0]}`;
  if (!(data.strategy in data.scenario.strategies)) return `${where}: the scenario has no strategy "${data.strategy}"`;
  return `${where} failed: ${e instanceof Error ? e.message : String(e)}`;
}

export async function startWorker(options: WorkerOptions): Promise<QueueWorker> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const build = options.build ?? (await thisBuild());
  const log = options.log ?? (() => {});
  const name = `${hostname()}:${process.pid}`;
  const connection: Redis = redisClient(options.url, `cxsim-worker ${name}`);
  let lastError = '';
  connection.on('error', (e: Error) => {
    const msg = describeError(e);
    if (msg !== lastError) log(`redis: ${msg} (reconnecting)`);
    lastError = msg;
  });
  connection.on('ready', () => {
    if (lastError !== '') log('redis: connected again');
    lastError = '';
  });
  const free: ThreadSlot[] = Array.from({ length: concurrency }, () => new ThreadSlot());
  const all = [...free];

  const processBatch = async (job: QueueJob<BatchData>): Promise<{ bytes: number; replications: number }> => {
    const data = job.data;
    const refusal = incompatibility(build, data);
    if (refusal !== null) {
      log(`refused ${job.id}: ${refusal}`);
      throw new UnrecoverableError(refusal);
    }
    const slot = free.pop();
    if (!slot) throw new Error('no free thread (concurrency exceeded)');
    try {
      const results: ReplicationResult[] = [];
      for (let replication = data.from; replication < data.to; replication++) {
        try {
          results.push(
            await slot.run({
              scenario: data.scenario,
              strategy: data.strategy,
              replication,
              ...(data.stress !== undefined ? { stress: data.stress } : {}),
              ...(data.shocks !== undefined ? { shocks: data.shocks } : {}),
              ...(data.customers ? { customers: true } : {}),
            }),
          );
        } catch (e) {
          if (e instanceof ReplicationFailure) {
            const why = explainFailure(data, replication, e);
            log(`failed ${job.id}: ${why}`);
            throw new UnrecoverableError(why);
          }
          throw e;
        }
      }
      const bytes = encodeResults(results);
      await connection.set(resultKey(job.id!), bytes, 'EX', RESULT_TTL_SECONDS);
      return { bytes: bytes.length, replications: results.length };
    } finally {
      free.push(slot);
    }
  };

  const worker = new Worker<BatchData>(QUEUE_NAME, processBatch, {
    connection,
    concurrency,
    name,
    lockDuration: options.lockDuration ?? 30_000,
    stalledInterval: options.stalledInterval ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 3,
  });
  worker.on('error', (e) => {
    const msg = describeError(e);
    if (msg !== lastError) log(`queue: ${msg}`);
    lastError = msg;
  });
  await worker.waitUntilReady();
  log(`worker ${name} (cxsim ${build.version}, engine ${build.engine}) takes jobs from ${QUEUE_NAME}, ${concurrency} at a time`);

  return {
    name,
    async close(force = false) {
      await worker.close(force);
      await Promise.all(all.map((s) => s.close()));
      connection.disconnect();
    },
  };
}
