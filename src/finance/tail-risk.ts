/**
 * Tail-risk measures of a Monte Carlo quantity (one value per replication), as a risk analyst
 * reads them (docs/finance.md, "Tail risk"):
 *
 * - P5: the 5th percentile — reused from the interval summary (src/metrics/interval.ts,
 *   `range90[0]`), so the report and `cxsim compare` agree on percentiles.
 * - CVaR 5% (expected shortfall): the mean of the worst 5% of replications, with the
 *   fractional weighting of Acerbi & Tasche (2002):
 *     ES = (x₍₁₎ + … + x₍⌊αn⌋₎ + (αn − ⌊αn⌋)·x₍⌊αn⌋₊₁₎) / (αn),   x₍ᵢ₎ ascending.
 *   It is only reported when at least 10 replications fall in the tail (n ≥ 10/α: 200 for
 *   5%); below that it would be the mean of one or two runs, and every command prints "not
 *   enough replications" instead of a number — never a ranking by one run.
 *   Its interval is a percentile bootstrap (B = 2000 resamples with a fixed seed, so outputs
 *   are reproducible); the asymptotic standard error
 *     Var(ES) ≈ (Var(X | X ≤ VaR) + (1 − α)(ES − VaR)²) / (nα)
 *   is given beside it.
 * - P(X < threshold): the share of replications below, with its Wilson 95% interval.
 */
import { deriveStream } from '../random/seeds.ts';
import { wilsonInterval, type Interval } from '../metrics/interval.ts';

/** Replications that must fall in the tail before a tail measure is reported. */
export const TAIL_MIN_RUNS = 10;
/** Replications needed for a tail measure at level alpha: ⌈10/α⌉ (200 at 5%). */
export const tailReplicationsNeeded = (alpha = 0.05): number => Math.ceil(TAIL_MIN_RUNS / alpha - 1e-9);
/** Bootstrap resamples for the interval of the expected shortfall. */
export const ES_BOOTSTRAP = 2000;

export interface TailRisk {
  /** 5th percentile. */
  p5: number;
  /** Replications. */
  n: number;
  /** Replications needed for CVaR 5% (200). */
  needed: number;
  /** Expected shortfall at 5%; null when n < needed ("not enough replications"). */
  cvar5: number | null;
  /** Asymptotic Monte Carlo standard error of cvar5; null with it. */
  cvar5Se: number | null;
  /** Percentile-bootstrap 95% interval of cvar5; null with it. */
  cvar5Ci95: Interval | null;
}

/** Expected shortfall (CVaR) at level alpha: mean of the worst alpha share of the values (any n; callers check n ≥ 10/α). */
export function expectedShortfall(values: ArrayLike<number>, alpha = 0.05): number {
  const xs = Array.from(values).sort((a, b) => a - b);
  return esSorted(xs, alpha);
}

function esSorted(xs: number[], alpha: number): number {
  const n = xs.length;
  if (n === 0) throw new RangeError('expected shortfall of no values');
  const k = alpha * n;
  if (k <= 1) return xs[0];
  const whole = Math.floor(k);
  let sum = 0;
  for (let i = 0; i < whole; i++) sum += xs[i];
  if (whole < n) sum += (k - whole) * xs[whole];
  return sum / k;
}

/** Whether there are enough replications for a tail measure at level alpha. */
export const enoughForTail = (n: number, alpha = 0.05): boolean => n >= tailReplicationsNeeded(alpha);

/** Standard error of the expected-shortfall estimate (see the header), or null with fewer than 2 values in the tail. */
export function expectedShortfallSe(values: ArrayLike<number>, alpha = 0.05): number | null {
  const xs = Array.from(values).sort((a, b) => a - b);
  const n = xs.length;
  const m = Math.ceil(alpha * n);
  if (m < 2) return null;
  const tail = xs.slice(0, m);
  const mean = tail.reduce((a, x) => a + x, 0) / m;
  const varTail = tail.reduce((a, x) => a + (x - mean) ** 2, 0) / (m - 1);
  const es = esSorted(xs, alpha);
  const valueAtRisk = xs[m - 1];
  return Math.sqrt((varTail + (1 - alpha) * (es - valueAtRisk) ** 2) / (n * alpha));
}

/** Percentile-bootstrap 95% interval of the expected shortfall (fixed seed: reproducible). */
export function expectedShortfallCi(values: ArrayLike<number>, alpha = 0.05, resamples = ES_BOOTSTRAP, seed = 20020101): Interval {
  const xs = Array.from(values);
  const n = xs.length;
  const u = deriveStream(seed, 'es-bootstrap', n);
  const stats = new Float64Array(resamples);
  const sample = new Array<number>(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) sample[i] = xs[Math.min(n - 1, Math.floor(u() * n))];
    stats[b] = esSorted(sample.slice().sort((p, q) => p - q), alpha);
  }
  stats.sort();
  const q = (p: number) => {
    const h = (resamples - 1) * p;
    const lo = Math.floor(h);
    return stats[lo] + (h - lo) * ((stats[Math.min(resamples - 1, lo + 1)] ?? stats[lo]) - stats[lo]);
  };
  return [q(0.025), q(0.975)];
}

/**
 * Paired percentile-bootstrap 95% interval of ES(a) − ES(b) for two quantities measured in the
 * same replications (common random numbers): each resample draws replication indices once and
 * uses them on both sides, so what the two share cancels (fixed seed: reproducible).
 */
export function expectedShortfallDifferenceCi(a: ArrayLike<number>, b: ArrayLike<number>, alpha = 0.05, resamples = ES_BOOTSTRAP, seed = 20020101): Interval {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`a paired CVaR difference needs the same replications on both sides, found ${n} and ${b.length}`);
  const u = deriveStream(seed, 'es-difference-bootstrap', n);
  const stats = new Float64Array(resamples);
  const sa = new Array<number>(n);
  const sb = new Array<number>(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const k = Math.min(n - 1, Math.floor(u() * n));
      sa[i] = a[k];
      sb[i] = b[k];
    }
    stats[r] = esSorted(sa.slice().sort((p, q) => p - q), alpha) - esSorted(sb.slice().sort((p, q) => p - q), alpha);
  }
  stats.sort();
  const q = (p: number) => {
    const h = (resamples - 1) * p;
    const lo = Math.floor(h);
    return stats[lo] + (h - lo) * ((stats[Math.min(resamples - 1, lo + 1)] ?? stats[lo]) - stats[lo]);
  };
  return [q(0.025), q(0.975)];
}

export function tailRisk(values: ArrayLike<number>, p5: number, alpha = 0.05): TailRisk {
  const n = values.length;
  const needed = tailReplicationsNeeded(alpha);
  if (n < needed) return { p5, n, needed, cvar5: null, cvar5Se: null, cvar5Ci95: null };
  return { p5, n, needed, cvar5: expectedShortfall(values, alpha), cvar5Se: expectedShortfallSe(values, alpha), cvar5Ci95: expectedShortfallCi(values, alpha) };
}

/** "not enough replications (20 of 200)" — what a tail cell says instead of a number. */
export function notEnoughForTail(n: number, alpha = 0.05): string {
  return `not enough replications (${n} of ${tailReplicationsNeeded(alpha)})`;
}

/** Share of values strictly below the threshold, with its binomial standard error √(p(1−p)/n) and Wilson 95% interval. */
export function probabilityBelow(values: ArrayLike<number>, threshold: number): { p: number; se: number; ci95: Interval } {
  const n = values.length;
  let below = 0;
  for (let i = 0; i < n; i++) if (values[i] < threshold) below++;
  const p = below / n;
  return { p, se: Math.sqrt((p * (1 - p)) / n), ci95: wilsonInterval(below, n) };
}
