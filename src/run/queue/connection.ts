/**
 * Connections to Redis for the queue: one URL (redis:// or rediss://), ioredis clients that
 * keep reconnecting, and a watch that turns "unreachable for too long" into one message.
 */
import { Redis } from 'ioredis';
import { UserError } from '../../cli/io.ts';

/** The queue could not be used (Redis unreachable, a refused or failed job): one message, no stack trace. */
export class QueueError extends UserError {
  constructor(message: string, exitCode: number) {
    super(message, exitCode);
    this.name = 'QueueError';
  }
}

/** Exit code when Redis cannot be reached: the run can be resumed by running the command again. */
export const EXIT_QUEUE_UNAVAILABLE = 3;

/** The URL checked (a clear message when it is not a Redis URL). */
export function checkRedisUrl(text: string, flag = '--redis'): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(`${flag}: expected a Redis URL such as redis://localhost:6379 or redis://:password@host:6379/0, found "${text}"`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new UserError(`${flag}: expected a URL starting with redis:// or rediss://, found "${redact(text)}"`);
  }
  if (url.hostname === '') throw new UserError(`${flag}: the URL "${redact(text)}" names no host`);
  return text;
}

/** The URL without its password, for messages. */
export function redact(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '***';
    return url.toString().replace(/\/$/, '');
  } catch {
    return '(unreadable URL)';
  }
}

/** A client for BullMQ (maxRetriesPerRequest: null, as it requires) that reconnects every ≤ 1 s. */
export function redisClient(url: string, name: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    connectionName: name,
    connectTimeout: 5000,
    retryStrategy: (times) => Math.min(100 * times, 1000),
  });
}

/**
 * Tracks whether a client is up: `downFor()` is how long it has been unreachable (0 when
 * up), `lastError` why. Keeps ioredis from printing "Unhandled error event".
 */
export class Reachability {
  private downSince: number | null;
  lastError = '';
  constructor(client: Redis) {
    this.downSince = client.status === 'ready' ? null : Date.now();
    client.on('ready', () => (this.downSince = null));
    client.on('error', (e: Error) => {
      this.lastError = describeError(e);
      this.downSince ??= Date.now();
    });
    client.on('close', () => (this.downSince ??= Date.now()));
  }
  downFor(now = Date.now()): number {
    return this.downSince === null ? 0 : now - this.downSince;
  }
}

export function describeError(e: unknown): string {
  const err = e as NodeJS.ErrnoException & { errors?: unknown[] };
  if (err && Array.isArray(err.errors) && err.errors.length > 0) return describeError(err.errors[0]);
  if (err?.code === 'ECONNREFUSED') return 'connection refused';
  if (err?.code === 'ENOTFOUND') return 'unknown host';
  if (err?.code === 'ETIMEDOUT') return 'timed out';
  return err instanceof Error ? err.message : String(e);
}

/** Milliseconds a command waits for Redis to come back before it stops (CXSIM_REDIS_GRACE_MS, default 30 s). */
export function graceMs(): number {
  const v = Number(process.env.CXSIM_REDIS_GRACE_MS);
  return Number.isFinite(v) && v > 0 ? v : 30_000;
}
