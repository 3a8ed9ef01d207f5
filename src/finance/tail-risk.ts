/**
 * Tail-risk measures of a Monte Carlo quantity (one value per replication), as a risk analyst
 * reads them (docs/finance.md, "Tail risk"):
 *
 * - P5: the 5th percentile — reused from the interval summary (src/metrics/interval.ts,
 *   `range90[0]`), so the report and `cxsim compare` agree on percentiles.
 * - CVaR 5% (expected shortfall): the mean of the worst 5% of replications, with the
 *   fractional weighting of Acerbi & Tasche (2002) so it is defined for any n:
 *     ES = (x₍₁₎ + … + x₍⌊αn⌋₎ + (αn − ⌊αn⌋)·x₍⌊αn⌋₊₁₎) / (αn),   x₍ᵢ₎ ascending.
 *   With fewer than 1/α = 20 replications it is the single worst replication.
 *   Its Monte Carlo standard error uses the asymptotic variance
 *     Var(ES) ≈ (Var(X | X ≤ VaR) + (1 − α)(ES − VaR)²) / (nα),
 *   estimated from the ⌈αn⌉ worst values (null with fewer than 2 of them: not estimable).
 * - P(X < threshold): the share of replications below, with its binomial standard error.
 */

export interface TailRisk {
  /** 5th percentile. */
  p5: number;
  /** Expected shortfall at 5%. */
  cvar5: number;
  /** Monte Carlo standard error of cvar5; null when fewer than 2 replications are in the tail. */
  cvar5Se: number | null;
}

/** Expected shortfall (CVaR) at level alpha: mean of the worst alpha share of the values. */
export function expectedShortfall(values: ArrayLike<number>, alpha = 0.05): number {
  const xs = Array.from(values).sort((a, b) => a - b);
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

/** Standard error of the expected-shortfall estimate (see the header), or null. */
export function expectedShortfallSe(values: ArrayLike<number>, alpha = 0.05): number | null {
  const xs = Array.from(values).sort((a, b) => a - b);
  const n = xs.length;
  const m = Math.ceil(alpha * n);
  if (m < 2) return null;
  const tail = xs.slice(0, m);
  const mean = tail.reduce((a, x) => a + x, 0) / m;
  const varTail = tail.reduce((a, x) => a + (x - mean) ** 2, 0) / (m - 1);
  const es = expectedShortfall(xs, alpha);
  const valueAtRisk = xs[m - 1];
  return Math.sqrt((varTail + (1 - alpha) * (es - valueAtRisk) ** 2) / (n * alpha));
}

export function tailRisk(values: ArrayLike<number>, p5: number): TailRisk {
  return { p5, cvar5: expectedShortfall(values, 0.05), cvar5Se: expectedShortfallSe(values, 0.05) };
}

/** Share of values strictly below the threshold, with its binomial standard error √(p(1−p)/n). */
export function probabilityBelow(values: ArrayLike<number>, threshold: number): { p: number; se: number } {
  const n = values.length;
  let below = 0;
  for (let i = 0; i < n; i++) if (values[i] < threshold) below++;
  const p = below / n;
  return { p, se: Math.sqrt((p * (1 - p)) / n) };
}
