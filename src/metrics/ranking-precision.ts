/**
 * Is the Monte Carlo error small enough to rank the strategies? For each pair that matters
 * (every strategy against the baseline, and strategies next to each other in the ranking),
 * the paired difference in net equity is checked: when its 95% confidence interval contains 0
 * the order is not established, and the replications needed are estimated from the paired
 * SD (docs/metrics.md, "Replications needed"):
 *
 *   n ≈ ((z_0.975 + z_0.8) · sd / |mean|)²
 *
 * — enough for the 95% interval to exclude zero with 80% probability if the true difference
 * equals the current estimate.
 */
import { pairedDifference } from './paired-difference.ts';
import { t95, Z95 } from './interval.ts';

const Z_POWER80 = 0.8416212335729143;
/** Above this many replications the estimate is reported as "more than". */
export const MAX_REPLICATIONS_ESTIMATE = 100_000;

export interface RankingIssue {
  a: string;
  b: string;
  /** Mean of a − b (net equity). */
  difference: number;
  se: number;
  replications: number;
  /** Estimated replications to separate them; null when they are identical in every replication. */
  needed: number | null;
  message: string;
}

/** Replications needed to separate a paired difference of this mean and SD. */
export function replicationsNeeded(meanDiff: number, sd: number): number | null {
  if (sd === 0) return meanDiff === 0 ? null : 2;
  if (meanDiff === 0) return MAX_REPLICATIONS_ESTIMATE;
  return Math.min(MAX_REPLICATIONS_ESTIMATE, Math.max(2, Math.ceil((((Z95 + Z_POWER80) * sd) / Math.abs(meanDiff)) ** 2)));
}

/**
 * @param netEquity per strategy, net equity by replication (replication order, paired).
 * @param baseline the baseline strategy id (every other strategy is checked against it).
 */
export function rankingIssues(
  netEquity: Record<string, number[]>,
  baseline: string,
  fmt: (x: number) => string = String,
  name: (id: string) => string = (id) => id,
): RankingIssue[] {
  const ids = Object.keys(netEquity);
  const meanOf = (id: string) => netEquity[id].reduce((a, x) => a + x, 0) / netEquity[id].length;
  const ranked = ids.slice().sort((x, y) => meanOf(y) - meanOf(x));
  const pairs: [string, string][] = [];
  const add = (a: string, b: string) => {
    if (a === b || pairs.some(([x, y]) => (x === a && y === b) || (x === b && y === a))) return;
    pairs.push([a, b]);
  };
  for (const id of ids) if (id !== baseline) add(id, baseline);
  for (let i = 0; i + 1 < ranked.length; i++) add(ranked[i], ranked[i + 1]);
  const issues: RankingIssue[] = [];
  for (const [a, b] of pairs) {
    const d = pairedDifference(netEquity[a], netEquity[b]);
    const [lo, hi] = d.meanCi95;
    if (lo > 0 || hi < 0) continue;
    const needed = replicationsNeeded(d.mean, d.sd);
    const n = d.n;
    const how =
      needed === null
        ? 'they give identical net equity in every replication'
        : needed >= MAX_REPLICATIONS_ESTIMATE
          ? `the difference is too small to resolve (more than ${MAX_REPLICATIONS_ESTIMATE} replications)`
          : `about ${needed} replications would be needed to separate them`;
    issues.push({
      a,
      b,
      difference: d.mean,
      se: d.se,
      replications: n,
      needed,
      message: `${name(a)} vs ${name(b)}: cannot rank at ${n} replications — the paired difference in net equity is ${fmt(d.mean)} ± ${fmt(t95(n) * d.se)} (95% CI); ${how}.`,
    });
  }
  return issues;
}
