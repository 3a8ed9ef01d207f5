/**
 * What the finance commands (stress, sensitivity, sweep, optimise) share at the edge: option
 * checks that end in one clear UserError, a progress bar with time remaining (stderr, only on
 * a terminal), running batches on a persistent worker pool, and the command line to
 * reproduce a run.
 */
import { availableParallelism } from 'node:os';
import type { Job } from '../engine/replication.ts';
import type { ReplicationResult } from '../engine/result.ts';
import type { Scenario } from '../scenario/schema.ts';
import { parseAmount } from '../finance/amount.ts';
import { UserError } from './io.ts';
import { ReplicationPool } from '../run/pool.ts';
import { Progress } from './progress.ts';
import { strategyId } from './strategy-arg.ts';
import { withoutQueueArgs } from '../run/queue/select.ts';

export { Progress };

export function parseThreads(value: number | undefined): number {
  if (value === undefined) return availableParallelism();
  if (!Number.isInteger(value) || value < 1) throw new UserError(`--threads: expected a whole number ≥ 1, found ${value}`);
  return value;
}

/** A whole number in [min, max] for an option, or its default. */
export function parseCount(flag: string, value: number | undefined, fallback: number, min: number, max = 100000): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min || n > max) throw new UserError(`${flag}: expected a whole number from ${min} to ${max}, found ${value ?? n}`);
  return n;
}

/** An amount of money (3e6, 3M, 500k); a UserError naming the flag otherwise. */
export function parseMoneyOption(flag: string, text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  const x = typeof text === 'number' ? text : parseAmount(text);
  if (x === null || !Number.isFinite(x)) throw new UserError(`${flag}: expected an amount such as 3000000, 3e6, 3M or 500k, found "${text}"`);
  return x;
}

export function withSeedOption(scenario: Scenario, seed: number | undefined): Scenario {
  if (seed === undefined) return scenario;
  if (!Number.isInteger(seed) || seed < 0) throw new UserError(`--seed: expected a whole number ≥ 0, found ${seed}`);
  return { ...scenario, meta: { ...scenario.meta, seed } };
}

/** A strategy id of the scenario, or a UserError listing them. */
export function checkStrategy(scenario: Scenario, id: string, flag = '--strategy'): string {
  return strategyId(scenario, id, flag);
}

/** Runs a batch on the pool, ticking the progress bar per finished replication. */
export function runBatch(
  pool: ReplicationPool,
  jobs: Job[],
  progress: Progress,
  onResult?: (index: number, result: ReplicationResult) => void,
): Promise<ReplicationResult[]> {
  return pool.run(jobs, (i, r) => {
    progress.tick();
    onResult?.(i, r);
  });
}

/** A repeatable flag: yargs gives a string for one use, an array for several. */
export function listOf(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The command as typed, quoted for a POSIX shell, to print in reports. */
export function commandLine(argv = withoutQueueArgs(process.argv.slice(2))): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return ['cxsim', ...argv.map(quote)].join(' ');
}

export { ReplicationPool };
