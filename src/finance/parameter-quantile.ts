/**
 * Quantiles of an uncertain parameter's distribution, as the sensitivity analysis reads them
 * (its low, high, median and the unit-coordinate mapping of Morris and Sobol): the quantile
 * function of the distribution the engine actually draws from. The model's own quantile
 * function (src/model/uncertainty.ts) approximates the beta by a normal, which is far off for
 * skewed betas (beta(1, 4): P10 0 instead of 0.026, median 0.200 instead of 0.159); the beta
 * here is inverted exactly (regularised incomplete beta, @stdlib). A normal with bounds is
 * drawn truncated (values outside are redrawn), so its quantiles are those of the truncated
 * normal, μ + σ·Φ⁻¹(Φ(a) + q·(Φ(b) − Φ(a))) with a, b the standardised bounds — not the
 * untruncated quantile clamped to the bounds (normal(0.1, 0.1) above 0: median 0.120, not
 * 0.100; P10 0.030, not 0). Every other distribution uses the model's quantile function,
 * which is exact for them.
 */
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import type { Distribution } from '../scenario/schema.ts';
import { errorFunction } from 'simple-statistics';
import { distributionQuantile } from '../model/uncertainty.ts';
import { normalQuantile } from '../random/normal.ts';

/** Standard normal CDF. */
const phi = (x: number): number => (x === -Infinity ? 0 : x === Infinity ? 1 : 0.5 * (1 + errorFunction(x / Math.SQRT2)));

export function parameterQuantile(d: Distribution, q: number): number {
  if (d.dist === 'beta') return d.min + (d.max - d.min) * betaQuantile(q, d.alpha, d.beta);
  if (d.dist === 'normal' && (d.min !== undefined || d.max !== undefined) && d.sd > 0) {
    const lo = phi(((d.min ?? -Infinity) - d.mean) / d.sd);
    const hi = phi(((d.max ?? Infinity) - d.mean) / d.sd);
    if (hi > lo) {
      const p = Math.min(1 - 1e-15, Math.max(1e-15, lo + q * (hi - lo)));
      return Math.min(d.max ?? Infinity, Math.max(d.min ?? -Infinity, d.mean + d.sd * normalQuantile(p)));
    }
  }
  return distributionQuantile(d, q);
}
