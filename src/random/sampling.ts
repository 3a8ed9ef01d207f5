/**
 * Samplers built on a uniform source `() => u in (0,1)`: Gamma (Marsaglia–Tsang), Beta,
 * log-normal and Poisson. Used when customers are created and for firm-level counts —
 * not in the per-customer, per-step loop, which uses counter.ts and normal.ts directly.
 */
import { normalQuantile } from './normal.ts';

export type Uniform01 = () => number;

/** The constants of Gamma(shape) draws (Marsaglia–Tsang), computed once for many draws of one shape. */
export interface GammaShape {
  /** d = s − 1/3 and c = 1/√(9d), with s = shape, or shape + 1 below 1 (then boosted). */
  d: number;
  c: number;
  /** 1/shape when shape < 1 (the draw is multiplied by u^(1/shape)), else 0. */
  boost: number;
}

export function gammaShape(shape: number): GammaShape {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
  const d = (shape < 1 ? shape + 1 : shape) - 1 / 3;
  return { d, c: 1 / Math.sqrt(9 * d), boost: shape < 1 ? 1 / shape : 0 };
}

/** Gamma(shape, scale=1) by Marsaglia & Tsang (2000); shape < 1 by the u^(1/shape) boost. */
export function gammaDraw(g: GammaShape, u: Uniform01): number {
  const d = g.d, c = g.c;
  let draw: number;
  for (;;) {
    let x: number, v: number;
    do {
      x = normalQuantile(u());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = u();
    if (w < 1 - 0.0331 * x * x * x * x || Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
      draw = d * v;
      break;
    }
  }
  return g.boost > 0 ? draw * Math.pow(u(), g.boost) : draw;
}

/** Gamma(shape, scale=1): gammaDraw of gammaShape(shape). */
export function gamma(shape: number, u: Uniform01): number {
  return gammaDraw(gammaShape(shape), u);
}

/** Beta(α, β) as G₁/(G₁+G₂), the Gammas' constants given (α and β for the tie below). */
export function betaDraw(alpha: number, b: number, ga: GammaShape, gb: GammaShape, u: Uniform01): number {
  const x = gammaDraw(ga, u);
  const y = gammaDraw(gb, u);
  // With tiny shapes both draws can underflow to 0: the Beta is then a coin between 0 and 1.
  if (x + y === 0) return u() < alpha / (alpha + b) ? 1 : 0;
  return x / (x + y);
}

/** Beta(α, β) as G₁/(G₁+G₂). */
export function beta(alpha: number, b: number, u: Uniform01): number {
  return betaDraw(alpha, b, gammaShape(alpha), gammaShape(b), u);
}

/** A positive draw with the given mean and coefficient of variation: Gamma with shape 1/cv². cv = 0 gives the mean. */
export function gammaMeanCv(mean: number, cv: number, u: Uniform01): number {
  if (cv <= 0 || mean <= 0) return mean;
  const shape = 1 / (cv * cv);
  return gamma(shape, u) * (mean / shape);
}

/** The constants of log-normal draws with a given mean and coefficient of variation (cv = 0: the mean). */
export interface LognormalShape {
  mean: number;
  /** cv ≤ 0 or mean ≤ 0: the draw is the mean and takes no uniform. */
  fixed: boolean;
  /** −σ²/2 and σ, σ² = ln(1 + cv²). */
  a: number;
  sigma: number;
}

export function lognormalShape(mean: number, cv: number): LognormalShape {
  if (cv <= 0 || mean <= 0) return { mean, fixed: true, a: 0, sigma: 0 };
  const s2 = Math.log(1 + cv * cv);
  return { mean, fixed: false, a: -0.5 * s2, sigma: Math.sqrt(s2) };
}

export function lognormalDraw(l: LognormalShape, u: Uniform01): number {
  if (l.fixed) return l.mean;
  return l.mean * Math.exp(l.a + l.sigma * normalQuantile(u()));
}

/** Log-normal with the given mean and coefficient of variation of the variable itself. cv = 0 gives the mean. */
export function lognormalMeanCv(mean: number, cv: number, u: Uniform01): number {
  return lognormalDraw(lognormalShape(mean, cv), u);
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
