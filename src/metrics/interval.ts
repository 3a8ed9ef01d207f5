/**
 * Interval summaries of a Monte Carlo quantity: one value per replication in, the mean, its
 * Monte Carlo standard error and two kinds of interval out (docs/metrics.md, "Intervals").
 *
 * - `range90` / `range95`: percentile intervals of the replication distribution — where the
 *   middle 90% / 95% of replications fall (outcome risk; does not shrink with more runs).
 * - `meanCi90` / `meanCi95`: Student-t confidence intervals of the mean, mean ± t_{n−1}·SE
 *   (how well the expected value is known; shrinks like 1/√n). At small n the t quantile is
 *   the right one (t_{0.975,19} = 2.093 is 7% wider than z = 1.960); it tends to z as n grows.
 */
import { mean, quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import tQuantileFn from '@stdlib/stats-base-dists-t-quantile';

/** Standard normal quantiles z_{0.95} and z_{0.975} (exact to double precision). */
export const Z90 = 1.6448536269514722;
export const Z95 = 1.959963984540054;

/** Quantile p of Student's t distribution with df degrees of freedom (z for df = ∞). */
export function tQuantile(p: number, df: number): number {
  if (!Number.isFinite(df)) return p === 0.975 ? Z95 : p === 0.95 ? Z90 : tQuantileFn(p, 1e12);
  return tQuantileFn(p, df);
}

/** The two-sided 95% multiplier for a mean of n replications: t_{0.975, n−1}. */
export const t95 = (n: number): number => tQuantile(0.975, n - 1);
/** The two-sided 90% multiplier for a mean of n replications: t_{0.95, n−1}. */
export const t90 = (n: number): number => tQuantile(0.95, n - 1);

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
  /** mean ± t_{0.95, n−1}·se. */
  meanCi90: Interval;
  /** mean ± t_{0.975, n−1}·se. */
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
  const h90 = t90(n) * se;
  const h95 = t95(n) * se;
  return {
    n,
    mean: m,
    sd,
    se,
    median: q(0.5),
    range90: [q(0.05), q(0.95)],
    range95: [q(0.025), q(0.975)],
    meanCi90: [m - h90, m + h90],
    meanCi95: [m - h95, m + h95],
  };
}

/**
 * Wilson score interval for a proportion p̂ = successes/n (Wilson 1927): unlike p̂ ± z·√(p̂(1−p̂)/n)
 * it never collapses to a point at p̂ = 0 or 1 and stays inside [0, 1] — "20 out of 20" reads
 * [83.9%, 100%], not "100% ± 0". Successes may be fractional (ties counted ½).
 */
export function wilsonInterval(successes: number, n: number, z = Z95): Interval {
  if (n <= 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
