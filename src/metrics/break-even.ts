/**
 * Break-even month of a strategy versus the baseline: the first month after which the
 * cumulative discounted difference in net value (margin − acquisition cost − CX spend −
 * workforce cost, no value beyond the horizon) stays positive until the horizon — a discounted payback
 * period of the strategy's extra investment (docs/metrics.md, "Break-even").
 */
import type { ReplicationResult } from '../engine/result.ts';
import { cumulativeNetValue } from './cumulative-value.ts';
import { pairByReplication } from './paired-difference.ts';
import { monthsElapsedAfterStep } from './series.ts';

export interface BreakEven {
  /** Months elapsed when the mean paired difference turns positive for good; null: not within the horizon. */
  month: number | null;
  /** Share of replications whose own difference path breaks even within the horizon. */
  shareOfReplications: number;
  /** Median over replications of their own break-even month; null when the median replication does not break even. */
  medianMonth: number | null;
}

/** The first step t with path[s] > 0 for every s ≥ t, or null. */
export function breakEvenStep(path: ArrayLike<number>): number | null {
  let t = path.length;
  while (t > 0 && path[t - 1] > 0) t--;
  return t === path.length ? null : t;
}

/** Per-replication paths of the cumulative discounted net difference, strategy − baseline, in replication order. */
export function pairedNetDifferencePaths(strategy: ReplicationResult[], baseline: ReplicationResult[]): Float64Array[] {
  const [a, b] = pairByReplication(strategy, baseline);
  return a.map((ra, k) => {
    const ca = cumulativeNetValue(ra);
    const cb = cumulativeNetValue(b[k]);
    return ca.map((x, t) => x - cb[t]);
  });
}

export function breakEven(paths: Float64Array[], stepsPerYear: number): BreakEven {
  const n = paths.length;
  const steps = paths[0]?.length ?? 0;
  const meanPath = new Float64Array(steps);
  for (const p of paths) for (let t = 0; t < steps; t++) meanPath[t] += p[t] / n;
  const toMonth = (t: number | null) => (t === null ? null : monthsElapsedAfterStep(t, stepsPerYear));
  const months = paths.map((p) => toMonth(breakEvenStep(p)));
  const sorted = months.map((m) => m ?? Infinity).sort((x, y) => x - y);
  const mid = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return {
    month: toMonth(breakEvenStep(meanPath)),
    shareOfReplications: months.filter((m) => m !== null).length / n,
    medianMonth: Number.isFinite(mid) ? mid : null,
  };
}

/**
 * The valued break-even: the first year y after which the mean paired difference in net
 * equity *if valued at the end of year y* (the customers alive then valued by the scenario's rule, equity-over-time.ts
 * included) stays positive. A strategy that builds future value can be ahead in equity long
 * before its cash pays back. `strategy[k][y−1]` and `baseline[k][y−1]`: net equity of
 * replication k valued at year y. Null when not within the horizon.
 */
export function valuedBreakEvenYear(strategy: number[][], baseline: number[][]): number | null {
  const n = strategy.length;
  const years = strategy[0]?.length ?? 0;
  const mean = Array.from({ length: years }, (_, y) => strategy.reduce((a, p, k) => a + p[y] - baseline[k][y], 0) / n);
  const t = breakEvenStep(mean);
  return t === null ? null : t + 1;
}
