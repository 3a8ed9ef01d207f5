/**
 * Special functions of the customer-base models: log-gamma, log-beta and Gauss's
 * hypergeometric function ₂F₁. Log-gamma and the matrix inverse come from mathjs (its
 * single-file build, which loads in ~0.2 s instead of the ~1.5 s of the package entry);
 * ₂F₁ — which mathjs does not have — is summed as its power series with a convergence check.
 * Pure: no Node imports.
 */
import math from 'mathjs/lib/browser/math.js';

/** ln Γ(x) for x > 0. */
export const lnGamma = (x: number): number => math.lgamma(x);

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a+b). */
export const lnBeta = (a: number, b: number): number => math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b);

/** Inverse of a square matrix (the observed information → the covariance of the estimates). */
export const invert = (m: number[][]): number[][] => math.inv(m);

export class SeriesDidNotConverge extends Error {}

/**
 * Gauss's hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1 and c > 0 by its power series
 * Σₙ (a)ₙ(b)ₙ/(c)ₙ · zⁿ/n!. Terms are added until one is smaller than 1e-15 of the sum for
 * two terms in a row (the ratio of successive terms tends to z < 1, so the tail after that is
 * below 1e-15/(1−z) relative); at most `maxTerms` terms, else SeriesDidNotConverge is thrown
 * (z close to 1 needs ~ 35/(1−z) terms: 700 at z = 0.95). The BG/NBD uses it for E[X(t)] with
 * z = t/(α+t) and for conditional expectations with z = t/(α+T+t).
 */
export function hyp2f1(a: number, b: number, c: number, z: number, maxTerms = 1_000_000): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1: z must be in [0, 1), found ${z}`);
  let term = 1, sum = 1, small = 0;
  for (let n = 0; n < maxTerms; n++) {
    term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    sum += term;
    if (Math.abs(term) <= 1e-15 * Math.abs(sum)) {
      if (++small === 2) return sum;
    } else small = 0;
  }
  throw new SeriesDidNotConverge(`hyp2f1(${a}, ${b}; ${c}; ${z}) did not converge in ${maxTerms} terms`);
}

/** log(exp(x) + exp(y)) without overflow. */
export function logAddExp(x: number, y: number): number {
  if (x === -Infinity) return y;
  if (y === -Infinity) return x;
  const m = Math.max(x, y);
  return m + Math.log(Math.exp(x - m) + Math.exp(y - m));
}
