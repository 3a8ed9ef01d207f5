/**
 * Review of the sensitivity ranges of beta-distributed parameters (src/finance/sensitivity.ts):
 * low, high and the median every other run holds a parameter at must be the distribution's
 * own quantiles — the engine draws an exact beta. The model's quantile function uses a normal
 * approximation for the beta (src/model/uncertainty.ts): for beta(1, 4) it gives P10 = 0
 * (clamped; exact 0.026) and a median of 0.200 (exact 0.159). Closed form for beta(1, b):
 * F(x) = 1 − (1 − x)^b, so the p-quantile is 1 − (1 − p)^(1/b).
 */
import { describe, expect, it } from 'vitest';
import { distributionFactor, factorValue } from '../../src/finance/sensitivity.ts';
import type { Distribution } from '../../src/scenario/schema.ts';

const q = (p: number, b: number) => 1 - (1 - p) ** (1 / b);

describe('beta parameters in sensitivity', () => {
  it('beta(1, 4) on [0, 1]: low, median and high are the exact P10, P50, P90', () => {
    const d = { dist: 'beta', alpha: 1, beta: 4, min: 0, max: 1 } as unknown as Distribution;
    const f = distributionFactor('x', d, [0.1, 0.9]);
    expect(f.low).toBeCloseTo(q(0.1, 4), 9);
    expect(f.centre).toBeCloseTo(q(0.5, 4), 9);
    expect(f.high).toBeCloseTo(q(0.9, 4), 9);
    // the unit coordinate maps through the same quantile function: u = 0.5 is the median
    expect(factorValue(f, 0.5)).toBeCloseTo(q(0.5, 4), 9);
    expect(factorValue(f, 0.25)).toBeCloseTo(q(0.3, 4), 9);
  });

  it('a scaled beta on [min, max]', () => {
    const d = { dist: 'beta', alpha: 1, beta: 2, min: 10, max: 30 } as unknown as Distribution;
    const f = distributionFactor('x', d, [0.1, 0.9]);
    expect(f.low).toBeCloseTo(10 + 20 * q(0.1, 2), 9);
    expect(f.centre).toBeCloseTo(10 + 20 * q(0.5, 2), 9);
  });

  it('other distributions keep the model quantile (uniform: exact)', () => {
    const d = { dist: 'uniform', min: 2, max: 4 } as unknown as Distribution;
    const f = distributionFactor('x', d, [0.1, 0.9]);
    expect([f.low, f.centre, f.high]).toEqual([2.2, 3, 3.8]);
  });
});

describe('truncated normal parameters in sensitivity', () => {
  it('normal(0.1, 0.1) truncated at 0: quantiles of the truncated distribution the engine draws, not the clamped normal', async () => {
    const { drawDistribution } = await import('../../src/model/uncertainty.ts');
    const { deriveStream } = await import('../../src/random/seeds.ts');
    const d = { dist: 'normal', mean: 0.1, sd: 0.1, min: 0 } as unknown as Distribution;
    const u = deriveStream(11, 'review-truncated-normal');
    const xs = Array.from({ length: 200_000 }, () => drawDistribution(d, u)).sort((a, b) => a - b);
    const f = distributionFactor('x', d, [0.1, 0.9]);
    // empirical quantiles of 200 000 engine draws: SE of the median ≈ 1.25·sd/√n ≈ 2e-4; tolerance 1e-3 (≥ 4 SE)
    const emp = (p: number) => xs[Math.round(p * (xs.length - 1))];
    expect(Math.abs(f.centre - emp(0.5))).toBeLessThan(1e-3);
    expect(Math.abs(f.low - emp(0.1))).toBeLessThan(1e-3);
    expect(Math.abs(f.high - emp(0.9))).toBeLessThan(1e-3);
    expect(f.low).toBeGreaterThan(0); // the clamped normal put P10 at the bound
  });
});
