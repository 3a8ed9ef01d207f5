/**
 * Quantiles of an uncertain parameter's distribution, as the sensitivity analysis reads them
 * (its low, high, median and the unit-coordinate mapping of Morris and Sobol): the quantile
 * function of the distribution the engine actually draws from. The model's own quantile
 * function (src/model/uncertainty.ts) approximates the beta by a normal, which is far off for
 * skewed betas (beta(1, 4): P10 0 instead of 0.026, median 0.200 instead of 0.159); the beta
 * here is inverted exactly (regularised incomplete beta, @stdlib). Every other distribution
 * uses the model's quantile function, which is exact for them.
 */
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import type { Distribution } from '../scenario/schema.ts';
import { distributionQuantile } from '../model/uncertainty.ts';

export function parameterQuantile(d: Distribution, q: number): number {
  if (d.dist === 'beta') return d.min + (d.max - d.min) * betaQuantile(q, d.alpha, d.beta);
  return distributionQuantile(d, q);
}
