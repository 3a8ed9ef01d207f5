/**
 * Quantiles of uncertain parameters as the sensitivity analysis reads them
 * (src/finance/parameter-quantile.ts), pinned to numbers (issue 17 item 4; written against the
 * surviving mutants of `npm run mutation -- --folder finance`).
 *
 * Expected values are the quantiles of the truncated normal, μ + σ·Φ⁻¹(Φ(a) + q·(Φ(b) − Φ(a)))
 * with a, b the standardised bounds, computed independently (scipy.stats.norm.cdf/ppf, double
 * precision). The code's Φ is simple-statistics' erf (fractional error < 1.2e-7), so a quantile
 * of N(μ, σ) agrees to about σ·1.2e-7/φ(z) < 1e-6 here: tolerance 1e-5 (toBeCloseTo(·, 5)).
 */
import { describe, expect, it } from 'vitest';
import { parameterQuantile } from '../../src/finance/parameter-quantile.ts';
import type { Distribution } from '../../src/scenario/schema.ts';

const dist = (d: Record<string, unknown>) => d as unknown as Distribution;

describe('a normal truncated on both sides', () => {
  // N(3, 2) on [2, 5]: a = −0.5, b = 1 (mean and sd both ≠ 0 and ≠ 1, so a swapped sign or a
  // × for ÷ in the standardisation moves the numbers)
  const d = dist({ dist: 'normal', mean: 3, sd: 2, min: 2, max: 5 });
  it.each([
    [0.25, 2.706878360914714],
    [0.5, 3.37793646441155],
    [0.9, 4.599443773080701],
  ])('N(3, 2) on [2, 5] at q = %s is %s', (q, x) => {
    expect(parameterQuantile(d, q)).toBeCloseTo(x, 5);
  });

  it('N(0, 1) on [−1, 1]: symmetric, P10 = −P90 = −0.7490, P75 = 0.4418', () => {
    const s = dist({ dist: 'normal', mean: 0, sd: 1, min: -1, max: 1 });
    expect(parameterQuantile(s, 0.1)).toBeCloseTo(-0.7490145989695701, 5);
    expect(parameterQuantile(s, 0.9)).toBeCloseTo(0.7490145989695702, 5);
    expect(parameterQuantile(s, 0.75)).toBeCloseTo(0.44177054668658144, 5);
    expect(parameterQuantile(s, 0.5)).toBeCloseTo(0, 6);
  });
});

describe('a normal truncated on one side', () => {
  it('below only: N(3, 2) above 2 has median 3 + 2·Φ⁻¹(Φ(−0.5) + ½(1 − Φ(−0.5))) = 3.7937', () => {
    expect(parameterQuantile(dist({ dist: 'normal', mean: 3, sd: 2, min: 2 }), 0.5)).toBeCloseTo(3.793742350179089, 5);
  });

  it('above only: N(3, 2) below 4 has median 3 + 2·Φ⁻¹(½·Φ(0.5)) = 2.2063', () => {
    expect(parameterQuantile(dist({ dist: 'normal', mean: 3, sd: 2, max: 4 }), 0.5)).toBeCloseTo(2.2062576498209108, 5);
  });

  it('the half-normal N(10, 2) above 10: quantile q is 10 + 2·Φ⁻¹((1 + q)/2)', () => {
    const d = dist({ dist: 'normal', mean: 10, sd: 2, min: 10 });
    expect(parameterQuantile(d, 0.5)).toBeCloseTo(10 + 2 * 0.6744897501960817, 5);
    expect(parameterQuantile(d, 0.1)).toBeCloseTo(10 + 2 * 0.12566134685507416, 5);
    expect(parameterQuantile(d, 0.9)).toBeCloseTo(10 + 2 * 1.6448536269514722, 5);
  });

  it('never below the lower bound: the smallest quantile levels of N(3, 2) above 2 are exactly 2', () => {
    // Φ⁻¹ of the approximate Φ(−0.5) lands a hair below −0.5; the bound holds the value at 2
    const d = dist({ dist: 'normal', mean: 3, sd: 2, min: 2 });
    expect(parameterQuantile(d, 1e-12)).toBe(2);
    expect(parameterQuantile(dist({ dist: 'normal', mean: 5, sd: 1, min: 4.5 }), 1e-12)).toBe(4.5);
  });

  it('the largest quantile level below 1 stays finite: Φ⁻¹(1 − 1e-15) = 7.9414, not Φ⁻¹(1)', () => {
    // N(0, 1) above −1: lo + q·(1 − lo) rounds to 1 at q = 1 − 2⁻⁵³; the level is capped at 1 − 1e-15
    const x = parameterQuantile(dist({ dist: 'normal', mean: 0, sd: 1, min: -1 }), 1 - 2 ** -53);
    expect(x).toBeCloseTo(7.941444487415979, 4);
  });
});

describe('distributions the truncation does not apply to', () => {
  it('a lognormal keeps its own quantile: mean 1, sd 0.5 → median exp(−s²/2) with s² = ln 1.25', () => {
    const s2 = Math.log(1.25);
    const d = dist({ dist: 'lognormal', mean: 1, sd: 0.5 });
    expect(parameterQuantile(d, 0.5)).toBeCloseTo(Math.exp(-s2 / 2), 9);
    // P90: exp(−s²/2 + s·1.2815515655446004)
    expect(parameterQuantile(d, 0.9)).toBeCloseTo(Math.exp(-s2 / 2 + Math.sqrt(s2) * 1.2815515655446004), 7);
  });

  it('a degenerate normal (sd 0) with a bound is its mean', () => {
    expect(parameterQuantile(dist({ dist: 'normal', mean: 0.4, sd: 0, min: 0, max: 1 }), 0.3)).toBe(0.4);
  });

  it('an untruncated normal: μ + σ·Φ⁻¹(q)', () => {
    expect(parameterQuantile(dist({ dist: 'normal', mean: 3, sd: 2 }), 0.9)).toBeCloseTo(3 + 2 * 1.2815515655446004, 7);
  });

  it('a beta on [10, 30]: beta(2, 1) has F(x) = x², so the q-quantile is 10 + 20·√q', () => {
    const d = dist({ dist: 'beta', alpha: 2, beta: 1, min: 10, max: 30 });
    expect(parameterQuantile(d, 0.25)).toBeCloseTo(20, 9);
    expect(parameterQuantile(d, 0.81)).toBeCloseTo(28, 9);
  });
});
