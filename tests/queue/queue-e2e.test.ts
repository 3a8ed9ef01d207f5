/**
 * The Redis queue end to end: a real redis-server (127.0.0.1, a free port, no persistence),
 * `cxsim worker`s as child processes, commands as child processes or through runJobs.
 *
 * - outputs of compare, stress, sweep, sensitivity and optimise on the queue (two workers) are
 *   byte-identical to local runs;
 * - a worker SIGKILLed while its first batch is active: the batch is recovered by another
 *   worker (stalled-job detection) and every replication arrives exactly once, bit-identical;
 * - a batch with a scenario the engine cannot run fails the command with that message, once
 *   (no retries); a worker refuses a batch of another cxsim build;
 * - Redis unreachable: one message, exit code 3; Redis restarted empty mid-run: the command
 *   stops with that message, and running it again resumes from the spool;
 * - a worker stops cleanly on SIGTERM.
 * Stalled intervals are short here (lock 2 s, check every 1 s) to keep the file fast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueEvents } from 'bullmq';
import { readScenario } from '../../src/cli/scenario-file.ts';
import { simulateReplication, type Job } from '../../src/engine/replication.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { runJobs } from '../../src/run/jobs.ts';
import { QueueExecutor } from '../../src/run/queue/executor.ts';
import { QUEUE_NAME } from '../../src/run/queue/protocol.ts';
import { Spool } from '../../src/run/queue/spool.ts';
import { QueueError } from '../../src/run/queue/connection.ts';
import { TestRedis, redisServerAvailable, freePort } from './redis-server.ts';
import { bits, firstDifference } from './bits.ts';

const SMALL = join(process.cwd(), 'tests/fixtures/compare/small.yaml');
const CLI = join(process.cwd(), 'bin/cxsim.js');
const available = redisServerAvailable();
if (!available) console.warn('queue tests skipped: redis-server is not installed (apt-get install redis-server)');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}
function cli(args: string[], env: Record<string, string> = {}, cwd = process.cwd()): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, CI: '1', ...env }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Every file of a folder (recursively), by relative path. */
function files(dir: string, base = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(join(dir, base), { withFileTypes: true })) {
    const rel = join(base, e.name);
    if (e.isDirectory()) Object.assign(out, files(dir, rel));
    else out[rel] = readFileSync(join(dir, rel), 'utf8');
  }
  return out;
}

describe.skipIf(!available)('the Redis queue', () => {
  const redis = new TestRedis();
  const tmp = mkdtempSync(join(tmpdir(), 'cxsim-queue-'));
  const spoolDir = join(tmp, 'spool');
  const env = { CXSIM_QUEUE_SPOOL: spoolDir };
  const workers: ChildProcess[] = [];
  const logs = new Map<ChildProcess, string>();

  /** Starts `cxsim worker` and waits until it takes jobs. */
  async function startWorker(concurrency = 1): Promise<ChildProcess> {
    const w = spawn(process.execPath, [CLI, 'worker', '--redis', redis.url, '--concurrency', String(concurrency), '--lock-duration', '2000', '--stalled-interval', '1000'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...env },
    });
    workers.push(w);
    logs.set(w, '');
    await new Promise<void>((resolve, reject) => {
      w.stderr!.on('data', (d: Buffer) => {
        logs.set(w, logs.get(w)! + d.toString());
        if (logs.get(w)!.includes('takes jobs from')) resolve();
      });
      w.once('exit', (code) => reject(new Error(`worker exited (${code}): ${logs.get(w)}`)));
    });
    return w;
  }
  const alive = () => workers.filter((w) => w.exitCode === null && w.signalCode === null);
  /** At least n running workers (earlier tests may have started some). */
  async function ensureWorkers(n: number): Promise<void> {
    while (alive().length < n) await startWorker(1);
  }
  const exited = (w: ChildProcess) => new Promise<number | null>((resolve) => (w.exitCode !== null || w.signalCode !== null ? resolve(w.exitCode) : w.once('exit', (code) => resolve(code))));

  let events: QueueEvents;
  const spoolBefore = process.env.CXSIM_QUEUE_SPOOL;
  beforeAll(async () => {
    process.env.CXSIM_QUEUE_SPOOL = spoolDir; // runJobs in this process too
    await redis.start();
    events = new QueueEvents(QUEUE_NAME, { connection: { url: redis.url } });
    events.on('error', () => {}); // Redis is stopped on purpose below
    await events.waitUntilReady();
  }, 30_000);
  afterAll(async () => {
    if (spoolBefore === undefined) delete process.env.CXSIM_QUEUE_SPOOL;
    else process.env.CXSIM_QUEUE_SPOOL = spoolBefore;
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await Promise.all(workers.map(exited));
    await Promise.race([events?.close(), new Promise((r) => setTimeout(r, 2000))]);
    await redis.dispose();
    rmSync(tmp, { recursive: true, force: true });
  }, 30_000);

  it('an unreachable Redis: one message, exit code 3, no stack trace (and a URL that is not one: exit code 2)', async () => {
    const port = await freePort();
    const [r, bad] = await Promise.all([
      cli(['compare', SMALL, '--redis', `redis://127.0.0.1:${port}`, '--out', join(tmp, 'unreachable')], { ...env, CXSIM_REDIS_GRACE_MS: '1000' }),
      cli(['compare', SMALL, '--redis', `127.0.0.1:${port}`, '--out', join(tmp, 'bad-url')], env),
    ]);
    expect([bad.code, bad.stderr]).toEqual([2, `cxsim: --redis: expected a Redis URL such as redis://localhost:6379 or redis://:password@host:6379/0, found "127.0.0.1:${port}"\n`]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`cannot reach Redis at redis://127.0.0.1:${port} (connection refused). Start Redis (or fix --redis / CXSIM_REDIS) and run the same command again.`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('a worker SIGKILLed during its first batch: the batch runs elsewhere, every replication exactly once, bit-identical', async () => {
    // big enough that a batch takes a while: 4 replications of 30,000 customers × 24 months (about a second)
    const base = readScenario(SMALL);
    const heavy: Scenario = { ...base, meta: { ...base.meta, agentScale: 1 }, segments: Object.fromEntries(Object.entries(base.segments).map(([k, s]) => [k, { ...s, initialCustomers: s.initialCustomers * 10 }])) };
    const jobs: Job[] = ['today', 'future'].flatMap((strategy) => Array.from({ length: 4 }, (_, replication) => ({ scenario: heavy, strategy, replication })));
    const victim = await startWorker(1);
    const activeIds: string[] = [];
    const stalled: string[] = [];
    const completed: string[] = [];
    const onActive = ({ jobId }: { jobId: string }) => {
      activeIds.push(jobId);
      // kill the first worker as soon as its first batch is running, then bring in two others
      if (activeIds.length === 1) {
        victim.kill('SIGKILL');
        void exited(victim).then(() => Promise.all([startWorker(1), startWorker(1)]));
      }
    };
    const onStalled = ({ jobId }: { jobId: string }) => stalled.push(jobId);
    const onCompleted = ({ jobId }: { jobId: string }) => completed.push(jobId);
    events.on('active', onActive);
    events.on('stalled', onStalled);
    events.on('completed', onCompleted);
    try {
      const got = await runJobs(jobs, { redis: redis.url });
      expect(victim.signalCode).toBe('SIGKILL');
      // the killed worker's batch was detected as stalled and completed by another worker
      expect(stalled).toEqual([activeIds[0]]);
      expect(completed).toContain(activeIds[0]);
      // each batch completed exactly once; every replication present once, in job order
      expect(new Set(completed).size).toBe(completed.length);
      expect(got.map((r) => `${r.strategy}/${r.replication}`)).toEqual(jobs.map((j) => `${j.strategy}/${j.replication}`));
      const local = jobs.map((j) => simulateReplication(j));
      expect(firstDifference(got, local)).toBeNull();
      expect(bits(got).length).toBeGreaterThan(10000);
      // nothing left behind: spool files of a finished run are removed
      expect(readdirSync(spoolDir).filter((f) => f.endsWith('.bin'))).toEqual([]);
    } finally {
      events.off('active', onActive);
      events.off('stalled', onStalled);
      events.off('completed', onCompleted);
    }
  }, 90_000);

  it('compare, stress, sweep, sensitivity and optimise on the queue (two workers) write byte-identical outputs to local runs', async () => {
    // reports print their command line: the same command, in two working folders, the queue chosen by CXSIM_REDIS
    const commands = [
      ['compare', SMALL, '--replications', '4', '--out', 'compare', '--format', 'json'],
      ['stress', SMALL, '--shock', 'budget:-50%@6', '--replications', '4', '--out', 'stress', '--format', 'csv'],
      ['sweep', SMALL, '--param', 'pools.digital.bass.q=0.4,0.8', '--strategies', 'today,future', '--replications', '3', '--out', 'sweep'],
      ['sensitivity', SMALL, '--param', 'pools.film.marginRate=0.4:0.6', '--replications', '2', '--trajectories', '2', '--morris-replications', '1', '--grid', '3', '--out', 'sensitivity', '--format', 'csv'],
      ['optimise', SMALL, '--budget', '30000', '--chunks', '2', '--refinements', '0', '--search-replications', '2', '--replications', '2', '--out', 'optimise', '--format', 'csv'],
    ];
    const [l, q] = [join(tmp, 'l'), join(tmp, 'q')];
    mkdirSync(l);
    mkdirSync(q);
    await ensureWorkers(2);
    const [local, queued] = await Promise.all([
      Promise.all(commands.map((c) => cli(c, {}, l))),
      Promise.all(commands.map((c) => cli(c, { ...env, CXSIM_REDIS: redis.url }, q))),
    ]);
    commands.forEach((c, k) => {
      // compare and stress share batches (the unstressed replications): one may find the other's in the spool
      // and a slow run (a loaded machine) prints a progress line every 10 s: timing, not output
      const stderr = queued[k].stderr
        .replace(/^wrote .*\n/m, '')
        .replace(/^resuming: \d+ of \d+ batches are already done .*\n/m, '')
        .replace(/^.*: \d+\/\d+ \S+ \(\d+%\) · .* elapsed · .*\n/gm, '');
      expect({ command: c[0], code: queued[k].code, stderr }).toEqual({ command: c[0], code: 0, stderr: '' });
      expect(queued[k].stdout).toBe(local[k].stdout);
    });
    const a = files(l);
    expect(Object.keys(a).length).toBeGreaterThan(20);
    expect(a['sweep/results.csv'].split('\n').length).toBeGreaterThan(10);
    expect(files(q)).toEqual(a);
  }, 180_000);

  it('a batch whose scenario the engine cannot run fails the command with that message, without retries', async () => {
    const base = readScenario(SMALL);
    // a scenario no cxsim would accept (a negative horizon) naming a strategy it lacks
    const { today: _gone, ...others } = base.strategies;
    const broken = { ...base, meta: { ...base.meta, horizonMonths: -5 }, strategies: others } as Scenario;
    await ensureWorkers(1);
    const failed: string[] = [];
    const onFailed = ({ jobId }: { jobId: string }) => failed.push(jobId);
    events.on('failed', onFailed);
    try {
      const err = await runJobs([0, 1].map((replication) => ({ scenario: broken, strategy: 'today', replication })), { redis: redis.url }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(QueueError);
      expect((err as QueueError).exitCode).toBe(2);
      expect((err as Error).message).toMatch(/^a worker could not run replications 0–1 of strategy "today" \(queue job r[0-9a-f]+\): replication 0 of strategy "today": the job's scenario is not valid: meta\.horizonMonths /);
      expect(failed).toHaveLength(1); // failed once, not retried
    } finally {
      events.off('failed', onFailed);
    }
  }, 60_000);

  it('a worker refuses a batch of another cxsim build', async () => {
    await ensureWorkers(1);
    const q = new QueueExecutor(redis.url, { build: { version: '0.0.0-other', engine: 'feedfacefeedface' }, spool: new Spool(spoolDir) });
    try {
      const sc = readScenario(SMALL);
      const err = await q.run([{ scenario: sc, strategy: 'today', replication: 0 }]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(QueueError);
      expect((err as Error).message).toContain('refused a job from cxsim 0.0.0-other (engine feedfacefeedface, protocol 1): run workers of the same cxsim build as the command');
    } finally {
      await q.close();
    }
  }, 60_000);

  it('Redis restarted empty mid-run: the lost batches run again, identical; Redis gone for longer: one message (exit 3), and running the command again resumes from the spool', async () => {
    for (const w of alive()) w.kill('SIGKILL');
    await Promise.all(workers.map(exited));
    // ten times the simulated customers of the small fixture, batches of 5 replications (a few tenths of a second each)
    const scenario = join(tmp, 'small-x10.yaml');
    writeFileSync(scenario, readFileSync(SMALL, 'utf8').replace(/agentScale: 10\b/, 'agentScale: 1'));
    const args = (out: string) => ['compare', scenario, '--replications', '20', '--no-attribution', '--strategies', 'today', '--out', join(tmp, out), '--format', 'csv'];
    const queueEnv = { ...env, CXSIM_QUEUE_BATCH: '5' };
    const local = await cli([...args('resumed-local'), '--threads', '1']);
    mkdirSync(spoolDir, { recursive: true });
    /** Runs `action` once the command has its first batch in the spool. */
    const onFirstSpooled = (action: () => void) => {
      const watcher = watch(spoolDir, (_, name) => {
        if (name?.endsWith('.bin')) {
          watcher.close();
          action();
        }
      });
      return watcher;
    };

    // 1. Redis restarts (empty) while the command waits: what was lost is submitted again
    let w = await startWorker(1);
    const restart = onFirstSpooled(() => void redis.stop().then(() => redis.start()));
    const r0 = await cli([...args('restarted'), '--redis', redis.url], queueEnv);
    restart.close();
    expect(r0.code).toBe(0);
    expect(r0.stdout).toBe(local.stdout);
    expect(files(join(tmp, 'restarted'))).toEqual(files(join(tmp, 'resumed-local')));

    // 2. Redis goes away for longer than the grace period: one message, the finished batches kept
    const stop = onFirstSpooled(() => void redis.stop());
    const r1 = await cli([...args('resumed'), '--redis', redis.url], { ...queueEnv, CXSIM_REDIS_GRACE_MS: '1500' });
    stop.close();
    w.kill('SIGKILL');
    expect(r1.code).toBe(3);
    expect(r1.stderr).toMatch(/lost the connection to Redis at redis:\/\/127\.0\.0\.1:\d+ \(.*\)\. [1-9]\d* of \d+ batches are done and kept in .*\.resumed\.cxsim-spool\. Start Redis .* run the same command again to resume\./);
    expect(r1.stderr.trim().split('\n')).toHaveLength(1);
    // ... and the same command, once Redis is back, resumes from them
    await redis.start();
    w = await startWorker(2);
    const r2 = await cli([...args('resumed'), '--redis', redis.url], queueEnv);
    // the replications of the batches that arrived are in compare's result spool (beside --out): only the rest is submitted
    expect(r2.stderr).toMatch(/resuming: [1-9]\d* of 20 replications already done \(kept in .*\.resumed\.cxsim-spool\)/);
    expect(r2.code).toBe(0);
    expect(r2.stdout).toBe(local.stdout);
    expect(files(join(tmp, 'resumed'))).toEqual(files(join(tmp, 'resumed-local')));
  }, 120_000);

  it('a worker stops cleanly on SIGTERM', async () => {
    const w = await startWorker(1);
    w.kill('SIGTERM');
    expect(await exited(w)).toBe(0);
    expect(logs.get(w)).toMatch(/SIGTERM: finishing the batches in hand[\s\S]*stopped/);
  }, 30_000);
});
