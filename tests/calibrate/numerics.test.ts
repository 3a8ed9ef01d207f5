/**
 * The numerical pieces against closed forms and against each other: ₂F₁ special cases, the
 * models' probability functions summing to 1 and agreeing with their closed-form means, the
 * Beta moment matching, and maximum likelihood recovering known parameters (fast-check).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hyp2f1, SeriesDidNotConverge, lnBeta } from '../../src/calibrate/special.ts';
import { bgnbdExpected, bgnbdPmf, bgnbdConditional, bgnbdLogLik, prepareBgNbdLogLik } from '../../src/calibrate/bgnbd.ts';
import { bgbbExpected, bgbbPmf } from '../../src/calibrate/bgbb.ts';
import { fitSbg, sbgChurnProbabilities, sbgSurvival, sbgRetention } from '../../src/calibrate/sbg.ts';
import { annualChurnBeta, betaFromMoments } from '../../src/calibrate/segments.ts';
import { hessian } from '../../src/calibrate/fit.ts';
import type { RfmData } from '../../src/calibrate/rfm.ts';

describe('₂F₁ power series', () => {
  it.each([0, 0.1, 0.5, 0.9, 0.99])('₂F₁(1, 1; 2; z) = −ln(1−z)/z at z = %f', (z) => {
    const exact = z === 0 ? 1 : -Math.log(1 - z) / z;
    expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(exact, 12);
  });
  it.each([0.3, 0.8, 0.95])('₂F₁(a, b; b; z) = (1−z)^−a at z = %f', (z) => {
    expect(hyp2f1(0.7, 2.3, 2.3, z) / Math.pow(1 - z, -0.7)).toBeCloseTo(1, 12);
  });
  it('says when it does not converge instead of returning a wrong number', () => {
    expect(() => hyp2f1(1, 1, 2, 0.999, 100)).toThrow(SeriesDidNotConverge);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });
});

describe('model functions agree with their closed forms', () => {
  const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  it.each([1, 10, 39, 78])('BG/NBD: P(X(t)=x) sums to 1 and Σ x·P = E[X(t)] at t = %i weeks', (t) => {
    const p = bgnbdPmf(bg, t, 400);
    const total = p.reduce((s, v) => s + v, 0);
    const mean = p.reduce((s, v, x) => s + x * v, 0);
    expect(total).toBeCloseTo(1, 6);
    expect(mean).toBeCloseTo(bgnbdExpected(bg, t), 4);
  });
  it('BG/NBD: a new customer (x = 0, T = 0) is expected to buy E[X(t)]', () => {
    expect(bgnbdConditional(bg, 39, 0, 0, 0)).toBeCloseTo(bgnbdExpected(bg, 39), 10);
  });
  it('BG/NBD: the pooled likelihood equals the customer-by-customer sum', () => {
    const d: RfmData = { ids: ['a', 'b', 'c', 'd'], x: Float64Array.of(0, 2, 5, 0), tx: Float64Array.of(0, 10, 30.5, 0), T: Float64Array.of(38, 38, 36.2, 36.2), meanValue: new Float64Array(4), holdout: new Float64Array(4), holdoutLength: 0 };
    let direct = 0;
    for (let i = 0; i < 4; i++) {
      const { r, alpha, a, b } = bg;
      const x = d.x[i];
      const lA = lnBeta(a, b + x) - lnBeta(a, b) + stirlingLnGamma(r + x) - stirlingLnGamma(r) + r * Math.log(alpha);
      const body = Math.pow(alpha + d.T[i], -(r + x)) + (x > 0 ? (a / (b + x - 1)) * Math.pow(alpha + d.tx[i], -(r + x)) : 0);
      direct += lA + Math.log(body);
    }
    expect(bgnbdLogLik(bg, d)).toBeCloseTo(direct, 9);
    expect(prepareBgNbdLogLik(d)(bg)).toBeCloseTo(direct, 9);
  });
  it.each([1, 3, 6, 11])('BG/BB: P(X(n)=x) sums to 1 and its mean is the closed form, n = %i', (n) => {
    const m = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
    const p = bgbbPmf(m, n);
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 10);
    expect(p.reduce((s, v, x) => s + x * v, 0)).toBeCloseTo(bgbbExpected(m, n), 10);
  });
  it('sBG: churn probabilities and survival add up, retention is S(t)/S(t−1)', () => {
    const p = sbgChurnProbabilities(0.7, 1.2, 20), S = sbgSurvival(0.7, 1.2, 20), r = sbgRetention(0.7, 1.2, 20);
    expect(p.reduce((s, v) => s + v, 0) + S[20]).toBeCloseTo(1, 12);
    for (let t = 1; t <= 20; t++) {
      expect(S[t]).toBeCloseTo(Math.exp(lnBeta(0.7, 1.2 + t) - lnBeta(0.7, 1.2)), 12);
      expect(r[t - 1]).toBeCloseTo(S[t] / S[t - 1], 12);
    }
  });
});

function stirlingLnGamma(x: number): number {
  // Stirling-series ln Γ, independent of mathjs, for the cross-check above
  let s = 0;
  while (x < 10) { s -= Math.log(x); x += 1; }
  return s + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
}

describe('Beta moment matching', () => {
  it('one period a year: the annual churn Beta is the fitted Beta', () => {
    expect(annualChurnBeta({ alpha: 0.704, beta: 1.182 }, 1)).toEqual({ alpha: 0.704, beta: 1.182 });
  });
  it('betaFromMoments inverts the Beta mean and variance', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 20, noNaN: true }), fc.double({ min: 0.05, max: 20, noNaN: true }), (a, b) => {
        const m = a / (a + b), v = (a * b) / ((a + b) ** 2 * (a + b + 1));
        const r = betaFromMoments(m, v);
        return Math.abs(r.alpha / a - 1) < 1e-8 && Math.abs(r.beta / b - 1) < 1e-8;
      }),
    );
  });
  it('k periods a year: the annual Beta has the mean of 1 − (1−θ)^k', () => {
    const r = annualChurnBeta({ alpha: 0.7, beta: 1.2 }, 12);
    const m1 = Math.exp(lnBeta(0.7, 1.2 + 12) - lnBeta(0.7, 1.2));
    expect(r.alpha / (r.alpha + r.beta)).toBeCloseTo(1 - m1, 12);
  });
  it('refuses moments no Beta has', () => expect(() => betaFromMoments(0.5, 0.3)).toThrow(RangeError));
});

describe('maximum likelihood', () => {
  it('recovers (α, β) from a cohort whose survivors follow the sBG exactly (fast-check)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.3, max: 5, noNaN: true }), fc.double({ min: 0.5, max: 8, noNaN: true }), (alpha, beta) => {
        const S = sbgSurvival(alpha, beta, 8);
        const alive = S.map((s) => 1e6 * s);
        const f = fitSbg({ name: 'x', alive });
        return Math.abs(f.alpha / alpha - 1) < 1e-3 && Math.abs(f.beta / beta - 1) < 1e-3 && f.fit.converged;
      }),
      { numRuns: 25, seed: 13 },
    );
  });
  it('the numerical Hessian of a quadratic is exact', () => {
    const H = hessian(([x, y]) => 3 * x * x + 2 * x * y + 5 * y * y, [1, 2]);
    expect(H[0][0]).toBeCloseTo(6, 4);
    expect(H[0][1]).toBeCloseTo(2, 4);
    expect(H[1][1]).toBeCloseTo(10, 4);
  });
});
