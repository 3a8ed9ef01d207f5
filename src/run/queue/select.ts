/**
 * Which executor runs a command's replications: local threads, or the Redis queue when a URL
 * is given — by `--redis URL` (the one option definition every simulating command adds,
 * `redisOption`), by the caller (`RunOptions.redis`), or by the CXSIM_REDIS environment
 * variable, in that order. The option takes effect as it is parsed, so a command only adds
 * the option line: its handler and the pool need no other change.
 */
import { checkRedisUrl } from './connection.ts';

let selected: string | undefined;

/** The Redis URL to run on, or undefined for local threads. */
export function queueUrl(explicit?: string): string | undefined {
  if (explicit !== undefined && explicit !== '') return checkRedisUrl(explicit, 'redis');
  if (selected !== undefined) return checkRedisUrl(selected);
  const env = process.env.CXSIM_REDIS;
  return env !== undefined && env !== '' ? checkRedisUrl(env, 'CXSIM_REDIS') : undefined;
}

/** Chooses the queue for the rest of this process (what `--redis URL` does; checked when first used, as one clear message). */
export function selectQueue(url: string): string {
  selected = String(url);
  return selected;
}

/** The `--redis` option of the simulating commands (compare, run, stress, sweep, sensitivity, optimise). */
export const redisOption = {
  type: 'string',
  requiresArg: true,
  defaultDescription: '$CXSIM_REDIS, else local threads',
  describe: 'Run the replications as jobs on a Redis queue (redis://host:6379) served by `cxsim worker`s, on any machines; the outputs are byte-identical to a local run (docs/scale-out.md)',
  coerce: (url: string) => selectQueue(url),
} as const;

/** The command line without --redis (it does not change the results, so reports print the local equivalent). */
export function withoutQueueArgs(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--redis') i++;
    else if (!argv[i].startsWith('--redis=')) out.push(argv[i]);
  }
  return out;
}
