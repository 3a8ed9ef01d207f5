/**
 * From fitted models to scenario segments (src/calibrate/segments.ts) on small fixed inputs
 * (issue 17 item 4: written against the surviving mutants of
 * `npm run mutation -- --folder calibrate`).
 *
 * The purchase-rate classes are checked draw by draw: the test takes the same seeded draws the
 * module comment describes (λ ~ Gamma(r)/α, N of them, sorted; then p ~ Beta(a, b) for each
 * sorted λ; θ = 1 − exp(−λpU); stream `calibrate/bgnbd-classes` of the seed) and works out each
 * class's mean rate, cv of λ, mean and variance of θ and wallet from those few numbers, so the
 * class statistics are pinned exactly (relative 1e-12: floating point only) — and with them
 * the seed, the draw order and the default number of draws. Closed forms are shown next to the
 * other values. The variance floor (1e-6·m²), cap (0.999·m(1−m)) and the "never churns" rule
 * (mean below 1e-12 a year: Beta(1, 10¹² − 1)) are each reached by a chosen input.
 */
import { describe, expect, it } from 'vitest';
import { beta as drawBeta, gamma as drawGamma } from '../../src/random/sampling.ts';
import { deriveStream } from '../../src/random/seeds.ts';
import { annualChurnBeta, betaFromMoments, bgnbdRateClasses, bgnbdSegments, type RateClass } from '../../src/calibrate/segments.ts';
import type { BgNbdParams } from '../../src/calibrate/bgnbd.ts';

const close = (x: number, y: number, rel = 1e-12) => expect(Math.abs(x - y)).toBeLessThanOrEqual(rel * Math.abs(y));

/** The draws of bgnbdRateClasses, taken here in the order the module comment gives. */
function draws(m: BgNbdParams, n: number, unitsPerYear: number, seed: number) {
  const u = deriveStream(seed, 'calibrate', 'bgnbd-classes');
  const lam: number[] = [];
  for (let i = 0; i < n; i++) lam.push(drawGamma(m.r, u) / m.alpha);
  lam.sort((x, y) => x - y);
  const theta = lam.map((l) => -Math.expm1(-l * drawBeta(m.a, m.b, u) * unitsPerYear));
  return { lam, theta };
}
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('Beta from moments and the annual churn Beta', () => {
  it('a mean outside (0, 1) is refused even where k = m(1−m)/v − 1 comes out positive (negative variance)', () => {
    // m = −½, v = −0.1: k = (−0.75)/(−0.1) − 1 = 6.5; m = 1.5, v = −0.1: the same k
    expect(() => betaFromMoments(-0.5, -0.1)).toThrow('no Beta has mean -0.5 and variance -0.1');
    expect(() => betaFromMoments(1.5, -0.1)).toThrow('no Beta has mean 1.5 and variance -0.1');
  });
  it('one period a year: the fitted Beta itself, not a moment-matched copy', () => {
    expect(annualChurnBeta({ alpha: 0.7, beta: 1.3 }, 1)).toEqual({ alpha: 0.7, beta: 1.3 });
    expect(annualChurnBeta({ alpha: 0.123456789, beta: 9.87654321 }, 1)).toEqual({ alpha: 0.123456789, beta: 9.87654321 });
  });
  it('θ ~ Beta(2, 3), two periods a year: E(1−θ)² = B(2,5)/B(2,3) = 2/5, E(1−θ)⁴ = B(2,7)/B(2,3) = 3/14 → Beta(39/19, 26/19)', () => {
    // mean 1 − 2/5 = 3/5, variance 3/14 − 4/25 = 19/350, k = (6/25)/(19/350) − 1 = 65/19
    const b = annualChurnBeta({ alpha: 2, beta: 3 }, 2);
    close(b.alpha, 39 / 19);
    close(b.beta, 26 / 19);
  });
});

describe('purchase-rate classes, draw by draw', () => {
  // one time unit a year keeps θ = 1 − e^(−λp) well inside (0, 1) (E[λ] = ½, E[p] = ⅖)
  const m = { r: 2, alpha: 4, a: 2, b: 3 }, gg = { p: 2, q: 6, gamma: 10 }, U = 1;
  // Gamma-Gamma: E[ζ] = pγ/(q−1) = 4; cv_ζ² = 1/(q−2) = 1/4
  it('6 draws in 2 classes of 3: rate, cv of λ, mean and variance of θ, Beta, spend and wallet cv of each', () => {
    const { lam, theta } = draws(m, 6, U, 7);
    const classes = bgnbdRateClasses(m, gg, { unitsPerYear: U, classes: 2, draws: 6, seed: 7 });
    expect(classes.length).toBe(2);
    classes.forEach((c, k) => {
      const l = lam.slice(3 * k, 3 * k + 3), t = theta.slice(3 * k, 3 * k + 3);
      const rate = mean(l), tm = mean(t), tv = mean(t.map((x) => x * x)) - tm * tm;
      const rcv2 = mean(l.map((x) => (x / rate - 1) ** 2));
      // neither the floor nor the cap applies to these draws
      expect(tv).toBeGreaterThan(1e-6 * tm * tm);
      expect(tv).toBeLessThan(0.999 * tm * (1 - tm));
      expect(c.share).toBe(0.5);
      close(c.rate, rate);
      close(c.rateCv, Math.sqrt(rcv2));
      close(c.churnMean, tm);
      close(c.churnVariance, tv, 1e-9);
      const b = betaFromMoments(tm, tv);
      close(c.churn.alpha, b.alpha, 1e-9);
      close(c.churn.beta, b.beta, 1e-9);
      close(c.monthlySpend, (rate * U * 4) / 12);
      close(c.walletCv, Math.sqrt((1 + rcv2) * (1 + 1 / 4) - 1));
    });
    // the draws are spread: the classes differ, and the cv of λ within each is not 0
    expect(classes[1].rate).toBeGreaterThan(classes[0].rate);
    for (const c of classes) expect(c.rateCv).toBeGreaterThan(0);
  });
  it('the seed matters and defaults to 1', () => {
    const o = { unitsPerYear: U, classes: 2, draws: 6 };
    expect(bgnbdRateClasses(m, gg, o)).toEqual(bgnbdRateClasses(m, gg, { ...o, seed: 1 }));
    expect(bgnbdRateClasses(m, gg, { ...o, seed: 8 })[0].rate).not.toBe(bgnbdRateClasses(m, gg, { ...o, seed: 7 })[0].rate);
  });
  it('class sizes are ⌊kN/K⌋ to ⌊(k+1)N/K⌋: 10 draws in 3 classes are 3, 3, 4', () => {
    expect(bgnbdRateClasses(m, gg, { unitsPerYear: U, classes: 3, draws: 10 }).map((c) => c.share)).toEqual([0.3, 0.3, 0.4]);
  });
  it('one draw per class: the variance of θ is floored at 1e-6·m²', () => {
    const { theta } = draws(m, 3, U, 7);
    const classes = bgnbdRateClasses(m, gg, { unitsPerYear: U, classes: 3, draws: 3, seed: 7 });
    classes.forEach((c, k) => {
      expect(c.churnMean).toBe(theta[k]);
      expect(c.churnVariance).toBe(1e-6 * theta[k] * theta[k]);
      expect(c.rateCv).toBe(0);
    });
  });
  it('a class of one buyer who churns for certain (θ = 1) and one who never does (θ ≈ 4e-14): the variance is capped at 0.999·m(1−m)', () => {
    // r = 0.05 spreads λ over many orders of magnitude; at seed 5 the two draws are 9e-16 and 166 per unit
    const w = { r: 0.05, alpha: 1e-3, a: 1, b: 1 };
    const { theta } = draws(w, 2, 52, 5);
    expect(theta[1]).toBe(1);
    expect(theta[0]).toBeLessThan(1e-12);
    const [c] = bgnbdRateClasses(w, gg, { unitsPerYear: 52, classes: 1, draws: 2, seed: 5 });
    const tm = (theta[0] + theta[1]) / 2;
    expect(c.churnMean).toBe(tm);
    expect(c.churnVariance).toBe(0.999 * tm * (1 - tm));
    // Beta with k = 1/0.999 − 1: α = β = ½·k ≈ 5.005e-4
    close(c.churn.alpha, (tm * (1 / 0.999 - 1)), 1e-9);
  });
  it('a class that never churns (mean θ ≤ 1e-12 a year, also exactly 1e-12) is Beta(1, 10¹² − 1): variance m²(1−m)/(1+m)', () => {
    const never = (cls: RateClass) => {
      expect(cls.churnMean).toBe(1e-12);
      expect(cls.churnVariance).toBe((1e-24 * (1 - 1e-12)) / (1 + 1e-12));
      close(cls.churn.alpha, 1, 1e-13);
      close(cls.churn.beta, 1e12 - 1, 1e-13);
    };
    // r = 0.002: almost every λ underflows to ~0
    const low = bgnbdRateClasses({ r: 0.002, alpha: 1, a: 1, b: 1 }, gg, { unitsPerYear: 52, classes: 10, draws: 2000, seed: 3 });
    expect(low[0].churnMean).toBe(1e-12);
    never(low[0]);
    // one draw, and the units per year chosen (to the last bit) so that θ = 1 − e^(−λpU) is exactly 1e-12
    const { lam } = draws(m, 1, 1, 7);
    const u = deriveStream(7, 'calibrate', 'bgnbd-classes');
    drawGamma(m.r, u);
    const p = drawBeta(m.a, m.b, u);
    let unitsPerYear = 0;
    const u0 = (1e-12 + 5e-25) / (lam[0] * p);
    for (let j = 0; j <= 4000 && !unitsPerYear; j++) {
      for (const s of [1, -1]) {
        const cand = u0 * (1 + s * j * Number.EPSILON);
        if (-Math.expm1(-lam[0] * p * cand) === 1e-12) unitsPerYear = cand;
      }
    }
    expect(unitsPerYear).toBeGreaterThan(0);
    const [exact] = bgnbdRateClasses(m, gg, { unitsPerYear, classes: 1, draws: 1, seed: 7 });
    never(exact);
  });
});

describe('customers split by largest remainders', () => {
  it('shares 0.3, 0.1, 0.6 of 7: 2.1, 0.7, 4.2 → 2, 1, 4 (the one left over goes to the largest remainder, the second class)', () => {
    const cls = (share: number): RateClass => ({ share, rate: 1, rateCv: 0, churnMean: 0.2, churnVariance: 0.01, churn: { alpha: 3, beta: 12 }, monthlySpend: 1, walletCv: 0 });
    const s = bgnbdSegments([cls(0.3), cls(0.1), cls(0.6)], 7, { idPrefix: 'x', name: 'x', pool: 'p', shareOfWallet: 1, unitName: 'week' });
    expect(Object.values(s).map((x) => x.initialCustomers)).toEqual([2, 1, 4]);
    // two left over: 0.31, 0.25, 0.26, 0.18 of 10 → 3.1, 2.5, 2.6, 1.8 → 3, 2, 2, 1 and remainders .1, .5, .6, .8 → the last two get one more
    const t = bgnbdSegments([cls(0.31), cls(0.25), cls(0.26), cls(0.18)], 10, { idPrefix: 'x', name: 'x', pool: 'p', shareOfWallet: 1, unitName: 'week' });
    expect(Object.values(t).map((x) => x.initialCustomers)).toEqual([3, 2, 3, 2]);
  });
});
