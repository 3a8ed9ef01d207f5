/**
 * Samplers built on a uniform source `() => u in (0,1)`: Gamma (Marsaglia–Tsang), Beta,
 * log-normal and Poisson. Used when customers are created and for firm-level counts —
 * not in the per-customer, per-step loop, which uses counter.ts and normal.ts directly.
 */
import { normalQuantile } from './normal.ts';

export type Uniform01 = () => number;

/** Gamma(shape, scale=1) by Marsaglia & Tsang (2000); shape < 1 by the u^(1/shape) boost. */
export function gamma(shape: number, u: Uniform01): number {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
  if (shape < 1) return gamma(shape + 1, u) * Math.pow(u(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do {
      x = normalQuantile(u());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = u();
    if (w < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(α, β) as G₁/(G₁+G₂). */
export function beta(alpha: number, b: number, u: Uniform01): number {
  const x = gamma(alpha, u);
  const y = gamma(b, u);
  // With tiny shapes both draws can underflow to 0: the Beta is then a coin between 0 and 1.
  if (x + y === 0) return u() < alpha / (alpha + b) ? 1 : 0;
  return x / (x + y);
}

/** A positive draw with the given mean and coefficient of variation: Gamma with shape 1/cv². cv = 0 gives the mean. */
export function gammaMeanCv(mean: number, cv: number, u: Uniform01): number {
  if (cv <= 0 || mean <= 0) return mean;
  const shape = 1 / (cv * cv);
  return gamma(shape, u) * (mean / shape);
}

/** Log-normal with the given mean and coefficient of variation of the variable itself. cv = 0 gives the mean. */
export function lognormalMeanCv(mean: number, cv: number, u: Uniform01): number {
  if (cv <= 0 || mean <= 0) return mean;
  const s2 = Math.log(1 + cv * cv);
  return mean * Math.exp(-0.5 * s2 + Math.sqrt(s2) * normalQuantile(u()));
}

/**
 * Poisson(mean): inversion for mean ≤ 30 (exact), otherwise the normal approximation
 * rounded and clamped at 0 (relative error of the mean below 1e-3 at mean 30).
 */
export function poisson(mean: number, u: Uniform01): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normalQuantile(u())));
  let p = Math.exp(-mean);
  let c = p;
  const x = u();
  let k = 0;
  while (x > c && k < 1000) {
    k++;
    p *= mean / k;
    c += p;
  }
  return k;
}
