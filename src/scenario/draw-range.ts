/**
 * The range of values a parameter can actually take in a run: its number, or the smallest
 * and largest draw the engine's sampler can return for its distribution, evaluated in
 * floating point (src/model/uncertainty.ts, docs/model.md §1.7). The mathematical support of
 * a distribution can hide what the arithmetic does: a log-normal is positive, but
 * `exp(ln mean − s²/2 + s·z)` underflows to 0 or overflows to ∞ when s is large; a uniform
 * on [−1e308, 1e308] is finite, but `min + (max − min)·u` is not. Pure, no imports of the
 * schema's values (only its types), so the schema and the bounds checks can both use it.
 */
import { normalQuantile } from '../random/normal.ts';
import type { Distribution, Param } from './schema.ts';

/**
 * The largest |z| a normal draw can take. Parameter draws use seedrandom's alea, whose
 * uniforms are multiples of about 2⁻⁵³ in (0, 1); the counter-based draws of the customer
 * loop are (k + ½)·2⁻³² (docs/model.md §1.5). So |z| ≤ −Φ⁻¹(2⁻⁵³) ≈ 8.21 for both.
 */
export const Z_MAX = -normalQuantile(2 ** -53);

/** Smallest and largest of a list, without spreading it into arguments (lists can be long). */
export function minMax(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * [lo, hi]: every value the engine's draw of `d` can return lies in it. Infinite or NaN ends
 * mean the draw itself can be non-finite.
 */
export function drawRange(d: Distribution): [number, number] {
  switch (d.dist) {
    case 'normal': {
      // redrawn until inside [min, max], else the mean clamped: never outside the bounds
      const lo = d.mean - d.sd * Z_MAX;
      const hi = d.mean + d.sd * Z_MAX;
      return [d.min !== undefined ? Math.max(d.min, Math.min(lo, d.mean)) : lo, d.max !== undefined ? Math.min(d.max, Math.max(hi, d.mean)) : hi];
    }
    case 'lognormal': {
      if (d.sd === 0) return [d.mean, d.mean];
      const s2 = Math.log(1 + (d.sd * d.sd) / (d.mean * d.mean));
      const s = Math.sqrt(s2);
      const mu = Math.log(d.mean) - s2 / 2;
      return [Math.exp(mu - s * Z_MAX), Math.exp(mu + s * Z_MAX)];
    }
    case 'triangular': {
      // a + √(u·(b − a)·(c − a)) or b − √((1 − u)·(b − a)·(b − c)): the products must be finite
      const w = d.max - d.min;
      if (!Number.isFinite(w * (d.mode - d.min)) || !Number.isFinite(w * (d.max - d.mode))) return [-Infinity, Infinity];
      return [d.min, d.max];
    }
    case 'uniform':
    case 'beta': {
      // min + (max − min)·x with x in [0, 1]: the width itself must be a finite number
      const width = d.max - d.min;
      return Number.isFinite(width) ? [d.min, d.max] : [d.min, d.min + width];
    }
    case 'empirical':
      return minMax(d.values);
  }
}

/** The range of a parameter: [x, x] for a number. */
export function paramRange(p: Param): [number, number] {
  return typeof p === 'number' ? [p, p] : drawRange(p);
}

export const paramHi = (p: Param): number => paramRange(p)[1];
export const paramLo = (p: Param): number => paramRange(p)[0];
