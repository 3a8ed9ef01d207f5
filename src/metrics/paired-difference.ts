/**
 * Paired differences versus the baseline under common random numbers: replication k of every
 * strategy used the same random streams, so the difference is taken replication by
 * replication and most of the noise cancels (docs/metrics.md, "Paired differences").
 */
import type { ReplicationResult } from '../engine/result.ts';
import { summarise, wilsonInterval, type Interval, type IntervalSummary } from './interval.ts';

export interface PairedDifference extends IntervalSummary {
  /** P(strategy beats baseline): share of replications with a positive difference (ties count ½). */
  pBeats: number;
  /** Monte Carlo standard error of pBeats: √(p(1−p)/n) (0 at p = 0 or 1: use pBeatsCi95). */
  pBeatsSe: number;
  /** Wilson 95% interval of pBeats: honest at small n and at 0% / 100%. */
  pBeatsCi95: Interval;
}

/** The difference a_k − b_k for every replication k, summarised. */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>): PairedDifference {
  if (a.length !== b.length) throw new RangeError(`paired difference needs the same replications on both sides, found ${a.length} and ${b.length}`);
  const d = Array.from(a, (x, k) => x - b[k]);
  return withPBeats(d);
}

/** Summarises replication-wise differences and adds P(beats). */
export function withPBeats(differences: number[]): PairedDifference {
  const s = summarise(differences);
  let wins = 0;
  for (const x of differences) wins += x > 0 ? 1 : x === 0 ? 0.5 : 0;
  const p = wins / differences.length;
  return { ...s, pBeats: p, pBeatsSe: Math.sqrt((p * (1 - p)) / differences.length), pBeatsCi95: wilsonInterval(wins, differences.length) };
}

/**
 * Orders two strategies' results by replication index and checks that they pair up (the same
 * replication indices on both sides). Throws otherwise: an unpaired comparison would silently
 * lose the common-random-numbers variance reduction.
 */
export function pairByReplication(a: ReplicationResult[], b: ReplicationResult[]): [ReplicationResult[], ReplicationResult[]] {
  const sa = sortByReplication(a);
  const sb = sortByReplication(b);
  const ka = sa.map((r) => r.replication).join(',');
  const kb = sb.map((r) => r.replication).join(',');
  if (ka !== kb) {
    throw new RangeError(`cannot pair ${a[0]?.strategy ?? '?'} with ${b[0]?.strategy ?? '?'}: replications [${ka}] vs [${kb}]`);
  }
  return [sa, sb];
}

export function sortByReplication(rs: ReplicationResult[]): ReplicationResult[] {
  return rs.slice().sort((x, y) => x.replication - y.replication);
}
