/**
 * `cxsim worker --redis URL [--concurrency N]`: a long-running worker that takes batches of
 * replications from the Redis queue (what `--redis` on compare, stress, sweep, sensitivity
 * and optimise submits) and returns their results. Run any number, on any machines with the
 * same cxsim build. Stops cleanly on SIGINT/SIGTERM (finishes the batches in hand; a second
 * signal abandons them to other workers).
 */
import type { Argv, CommandModule } from 'yargs';
import { availableParallelism } from 'node:os';
import { checkRedisUrl, redact } from '../../run/queue/connection.ts';
import { startWorker } from '../../run/queue/worker.ts';
import { parseCount } from '../finance-cli.ts';
import { UserError } from '../io.ts';
import { COMMANDS } from './index.ts';

interface Args {
  redis?: string;
  concurrency?: number;
  'lock-duration': number;
  'stalled-interval': number;
}

export const workerCommand: CommandModule<{}, Args> = {
  command: COMMANDS.worker.command,
  describe: COMMANDS.worker.describe,
  builder: (y: Argv<{}>) =>
    y
      .option('redis', { type: 'string', requiresArg: true, defaultDescription: '$CXSIM_REDIS', describe: 'Redis URL of the queue (redis://host:6379, rediss:// for TLS, redis://:password@host:6379/0)' })
      .option('concurrency', { type: 'number', defaultDescription: 'all cores of this machine', describe: 'Batches run at once, each on its own thread' })
      .option('lock-duration', { type: 'number', default: 30000, describe: 'Milliseconds a batch stays claimed without a sign of life; after that a dead worker\'s batch runs elsewhere' })
      .option('stalled-interval', { type: 'number', default: 30000, describe: 'Milliseconds between this worker\'s checks for batches of dead workers' })
      .example('$0 worker --redis redis://queue-host:6379', 'serve the queue with every core of this machine')
      .example('$0 worker --redis redis://:secret@queue-host:6379 --concurrency 2', 'two batches at a time, password-protected Redis')
      .example('$0 worker --concurrency 1', 'the URL from CXSIM_REDIS; one batch at a time')
      .epilogue('Then, on any machine with the same cxsim build: cxsim stress my.yaml --redis redis://queue-host:6379 (also compare, run, sweep, sensitivity, optimise). Workers refuse jobs from another cxsim build (the version and engine fingerprint travel with every job). Ctrl-C (SIGINT) or SIGTERM: finish the batches in hand, then stop; a second signal stops at once. Guide: docs/scale-out.md.') as unknown as Argv<Args>,
  handler: async (args) => {
    const raw = args.redis ?? process.env.CXSIM_REDIS;
    if (raw === undefined || raw === '') throw new UserError('--redis: give the Redis URL of the queue (or set CXSIM_REDIS), e.g. --redis redis://localhost:6379');
    const url = checkRedisUrl(raw, args.redis === undefined ? 'CXSIM_REDIS' : '--redis');
    const concurrency = parseCount('--concurrency', args.concurrency, availableParallelism(), 1, 256);
    const lockDuration = parseCount('--lock-duration', args['lock-duration'], 30000, 500, 3_600_000);
    const stalledInterval = parseCount('--stalled-interval', args['stalled-interval'], 30000, 200, 3_600_000);
    const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
    // signals first: a SIGTERM while still connecting (nothing in hand) stops at once
    let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
    let stop: (signal: NodeJS.Signals) => void = () => {};
    let signals = 0;
    const stopped = new Promise<void>((resolve) => {
      stop = (signal) => {
        signals++;
        if (signals === 1) log(`${signal}: finishing the batches in hand, then stopping (send it again to stop at once)`);
        else log(`${signal} again: stopping now; the batches in hand go to other workers`);
        if (worker) {
          void worker.close(signals > 1).finally(resolve);
          // a second signal stops at once, even when closing waits for an unreachable Redis
          if (signals > 1) setTimeout(() => process.exit(1), 2000).unref();
        } else {
          // still connecting: nothing in hand, nothing to finish
          log('stopped before taking any job');
          process.exit(0);
        }
      };
    });
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    log(`connecting to ${redact(url)}`);
    worker = await startWorker({ url, concurrency, lockDuration, stalledInterval, log });
    await stopped;
    log('stopped');
  },
};
