/**
 * Interval summaries of a Monte Carlo quantity: one value per replication in, the mean, its
 * Monte Carlo standard error and two kinds of interval out (docs/metrics.md, "Intervals").
 *
 * - `range90` / `range95`: percentile intervals of the replication distribution — where the
 *   middle 90% / 95% of replications fall (outcome risk; does not shrink with more runs).
 * - `meanCi90` / `meanCi95`: normal confidence intervals of the mean, mean ± z·SE (how well
 *   the expected value is known; shrinks like 1/√n).
 */
import { mean, quantileSorted, sampleStandardDeviation } from 'simple-statistics';

/** Standard normal quantiles z_{0.95} and z_{0.975} (exact to double precision). */
export const Z90 = 1.6448536269514722;
export const Z95 = 1.959963984540054;

export type Interval = [number, number];

export interface IntervalSummary {
  /** Replications. */
  n: number;
  mean: number;
  /** Sample standard deviation across replications. */
  sd: number;
  /** Monte Carlo standard error of the mean: sd/√n. */
  se: number;
  median: number;
  /** Percentiles 5 and 95 of the replications (type-7 interpolation). */
  range90: Interval;
  /** Percentiles 2.5 and 97.5 of the replications. */
  range95: Interval;
  /** mean ± 1.645·se. */
  meanCi90: Interval;
  /** mean ± 1.960·se. */
  meanCi95: Interval;
}

/** Summarises one value per replication. Needs at least two replications (else no error estimate). */
export function summarise(values: ArrayLike<number>): IntervalSummary {
  const xs = Array.from(values);
  const n = xs.length;
  if (n < 2) throw new RangeError(`an interval summary needs at least 2 replications, found ${n}`);
  for (const x of xs) if (!Number.isFinite(x)) throw new RangeError(`an interval summary needs finite values, found ${x}`);
  const m = mean(xs);
  const sd = sampleStandardDeviation(xs);
  const se = sd / Math.sqrt(n);
  const sorted = xs.slice().sort((a, b) => a - b);
  const q = (p: number) => quantileSorted(sorted, p);
  return {
    n,
    mean: m,
    sd,
    se,
    median: q(0.5),
    range90: [q(0.05), q(0.95)],
    range95: [q(0.025), q(0.975)],
    meanCi90: [m - Z90 * se, m + Z90 * se],
    meanCi95: [m - Z95 * se, m + Z95 * se],
  };
}
