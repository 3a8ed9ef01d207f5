/**
 * The calibration models' numbers pinned on small fixed inputs (issue 17: numbers, not shapes;
 * written against the surviving mutants of `npm run mutation -- --folder calibrate`).
 * Expected values are either closed forms worked by hand (shown next to each value) or the
 * published formulas evaluated independently with mpmath at 30 digits (marked "mpmath":
 * the original, un-transformed formulas of the papers, not the code's rewritten ones).
 * Tolerances are relative 1e-9 (floating point only) unless stated.
 */
import { describe, expect, it } from 'vitest';
import { lnBeta, lnGamma, logAddExp, invert, hyp2f1, SeriesDidNotConverge } from '../../src/calibrate/special.ts';
import { sbgChurnProbabilities, sbgSurvival, sbgRetention, sbgLogLik, fitSbg } from '../../src/calibrate/sbg.ts';
import { gammaGammaLogLik, gammaGammaMean, gammaGammaCv, gammaGammaConditional, fitGammaGamma } from '../../src/calibrate/gamma-gamma.ts';
import { bgnbdExpected, bgnbdPmf, bgnbdPAlive, bgnbdConditional, bgnbdLogLik, fitBgNbd } from '../../src/calibrate/bgnbd.ts';
import { bgbbRowLogLik, bgbbLogLik, bgbbPmf, bgbbExpected, fitBgBb } from '../../src/calibrate/bgbb.ts';
import { parseDay, detectDateFormat, formatDay } from '../../src/calibrate/dates.ts';
import { distinctCounts, logRisingFactorials, subset, type RfmData } from '../../src/calibrate/rfm.ts';
import { betaFromMoments, annualChurnBeta, sbgSegment, bgbbSegment, bgnbdSegments, bgnbdRateClasses, type RateClass } from '../../src/calibrate/segments.ts';
import { sbgTable, bgnbdHistogram, bgnbdTracking, bgnbdConditionalTable, gammaGammaTable, bgbbHistogram } from '../../src/calibrate/goodness-of-fit.ts';
import { hessian, maximiseLikelihood, value } from '../../src/calibrate/fit.ts';
import { minimisePositive } from '../../src/calibrate/optimiser.ts';
import { formatDataProblem, DataError } from '../../src/calibrate/data-error.ts';
import { splitRow } from '../../src/calibrate/line-reader.ts';

const close = (x: number, y: number, rel = 1e-9) => expect(Math.abs(x - y)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(y)));
const rfm = (x: number[], tx: number[], T: number[]): RfmData => ({
  ids: x.map((_, i) => `c${i}`), x: Float64Array.from(x), tx: Float64Array.from(tx), T: Float64Array.from(T),
  meanValue: new Float64Array(x.length), holdout: new Float64Array(x.length), holdoutLength: 0,
});

describe('special functions', () => {
  it('ln B(2, 3) = ln(1/12), ln Γ(5) = ln 24', () => {
    close(lnBeta(2, 3), Math.log(1 / 12));
    close(lnGamma(5), Math.log(24));
  });
  it('log(e^x + e^y): ln 2 ⊕ ln 3 = ln 5; −∞ on either side; no overflow at 1000', () => {
    close(logAddExp(Math.log(2), Math.log(3)), Math.log(5));
    close(logAddExp(Math.log(3), Math.log(2)), Math.log(5));
    expect(logAddExp(-Infinity, 1.5)).toBe(1.5);
    expect(logAddExp(1.5, -Infinity)).toBe(1.5);
    close(logAddExp(1000, 1000), 1000 + Math.LN2);
    close(logAddExp(-1000, -1001), -1000 + Math.log1p(Math.exp(-1)));
    expect(logAddExp(-Infinity, -Infinity)).toBe(-Infinity);
    // 800 apart: shifting by the smaller one would overflow exp
    expect(logAddExp(0, -800)).toBe(0);
    expect(logAddExp(-800, 0)).toBe(0);
  });
  it('₂F₁: 1 at z = 0; (1−z)^−a when b = c; −ln(1−z)/z at a = b = 1, c = 2; z outside [0, 1) and a series that does not converge refused', () => {
    expect(hyp2f1(0.3, 0.7, 1.1, 0)).toBe(1);
    close(hyp2f1(0.7, 2.3, 2.3, 0.8), Math.pow(0.2, -0.7));
    close(hyp2f1(1, 1, 2, 0.5), 2 * Math.LN2);
    close(hyp2f1(1, 1, 2, 0.99), -Math.log(0.01) / 0.99);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow('hyp2f1: z must be in [0, 1), found 1');
    expect(() => hyp2f1(1, 1, 2, -0.1)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 2, NaN)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 2, 0.999, 100)).toThrow(SeriesDidNotConverge);
    expect(() => hyp2f1(1, 1, 2, 0.999, 100)).toThrow('hyp2f1(1, 1; 2; 0.999) did not converge in 100 terms');
    // at z = ½ the series needs 45 terms (two in a row below 1e-15 of the sum): 44 is not enough
    close(hyp2f1(1, 1, 2, 0.5, 45), 2 * Math.LN2);
    expect(() => hyp2f1(1, 1, 2, 0.5, 44)).toThrow(SeriesDidNotConverge);
  });
  it('inverse of [[4, 1], [1, 2]] is [[2, −1], [−1, 4]]/7', () => {
    const m = invert([[4, 1], [1, 2]]);
    close(m[0][0], 2 / 7); close(m[0][1], -1 / 7); close(m[1][1], 4 / 7);
  });
});

describe('sBG (Fader & Hardie 2007)', () => {
  it('α = β = 1 (θ uniform): P(T = t) = 1/(t(t+1)), S(t) = 1/(t+1), r(t) = t/(t+1)', () => {
    const p = sbgChurnProbabilities(1, 1, 4), S = sbgSurvival(1, 1, 4), r = sbgRetention(1, 1, 4);
    [1 / 2, 1 / 6, 1 / 12, 1 / 20].forEach((v, i) => close(p[i], v));
    [1, 1 / 2, 1 / 3, 1 / 4, 1 / 5].forEach((v, i) => close(S[i], v));
    [1 / 2, 2 / 3, 3 / 4, 4 / 5].forEach((v, i) => close(r[i], v));
  });
  it('α = 2, β = 3: P(1) = 2/5, P(2) = 2/5·3/6, P(3) = P(2)·4/7; r(1) = 3/5, r(2) = 4/6', () => {
    const p = sbgChurnProbabilities(2, 3, 3);
    close(p[0], 0.4); close(p[1], 0.2); close(p[2], 0.8 / 7);
    const r = sbgRetention(2, 3, 2);
    close(r[0], 3 / 5); close(r[1], 4 / 6);
  });
  it('ln L of survivors 10, 6, 3 at α = β = 1: 4 ln ½ + 3 ln ⅙ + 3 ln ⅓; a period with no loss adds nothing', () => {
    close(sbgLogLik(1, 1, [10, 6, 3]), 4 * Math.log(1 / 2) + 3 * Math.log(1 / 6) + 3 * Math.log(1 / 3));
    close(sbgLogLik(1, 1, [10, 10, 5]), 5 * Math.log(1 / 6) + 5 * Math.log(1 / 3));
  });
  it('a fit names its cohort and its periods; fewer than two periods is refused', () => {
    const f = fitSbg({ name: 'c', alive: [1000, 500, 333, 250] });
    expect(f).toMatchObject({ model: 'sbg', cohort: 'c', periods: 3 });
    expect(() => fitSbg({ name: 'c', alive: [1000] })).toThrow(/cohort c: at least two periods/);
  });
});

describe('Gamma-Gamma (Fader, Hardie & Lee 2005)', () => {
  const g = { p: 2, q: 3, gamma: 4 };
  it('E[ζ] = pγ/(q−1) = 4; cv = 1/√(q−2) = 1; E[ζ | x = 2, m = 5] = (γ + mx)p/(px + q − 1) = 28/6', () => {
    close(gammaGammaMean(g), 4);
    close(gammaGammaCv(g), 1);
    close(gammaGammaCv({ p: 1, q: 6, gamma: 1 }), 0.5);
    close(gammaGammaConditional(g, 2, 5), 28 / 6);
  });
  it('infinite mean at q ≤ 1 and infinite cv at q ≤ 2', () => {
    expect(gammaGammaMean({ p: 2, q: 0.5, gamma: 4 })).toBe(Infinity);
    expect(gammaGammaMean({ p: 2, q: 1, gamma: 4 })).toBe(Infinity);
    expect(gammaGammaCv({ p: 2, q: 1.5, gamma: 4 })).toBe(Infinity);
  });
  it('ln L: p = 1, q = 2, γ = 1, x = 2, m = 1: Γ(4)/(Γ(2)Γ(2))·2²/3⁴ = 24/81; three customers (mpmath)', () => {
    close(gammaGammaLogLik({ p: 1, q: 2, gamma: 1 }, { x: Float64Array.of(2), meanValue: Float64Array.of(1) }), Math.log(24 / 81));
    const d = { x: Float64Array.of(3, 1, 3), meanValue: Float64Array.of(4.2, 0.7, 2.2) };
    close(gammaGammaLogLik({ p: 2.5, q: 3.5, gamma: 1.5 }, d), -6.15460906797419865266290785293);
  });
  it('a fit counts its customers, maximises ln L (its ln L is the likelihood at its estimates, and no nearby point beats it); no customers is refused', () => {
    const d = { x: Float64Array.of(1, 2, 3, 1, 2), meanValue: Float64Array.of(10, 12, 9, 15, 11) };
    const f = fitGammaGamma(d);
    expect(f.model).toBe('gammagamma');
    expect(f.customers).toBe(5);
    const at = (p: number, q: number, gamma: number) => gammaGammaLogLik({ p, q, gamma }, d);
    close(f.fit.logLik, at(f.p, f.q, f.gamma));
    for (const [dp, dq, dg] of [[1.05, 1, 1], [0.95, 1, 1], [1, 1.05, 1], [1, 0.95, 1], [1, 1, 1.05], [1, 1, 0.95]])
      expect(at(f.p * dp, f.q * dq, f.gamma * dg)).toBeLessThan(f.fit.logLik);
    expect(f.fit.logLik).toBeGreaterThan(at(1, 1, 1));
    expect(() => fitGammaGamma({ x: new Float64Array(0), meanValue: new Float64Array(0) })).toThrow(/no customer has a repeat transaction/);
  });
});

describe('BG/NBD (Fader, Hardie & Lee 2005)', () => {
  const m = { r: 0.5, alpha: 2, a: 1.5, b: 2.5 };
  it('E[X(3)] (mpmath, the paper’s ₂F₁(r, b; a+b−1; t/(α+t)) form); E[X(1)] = 2(1 − ln 2) at r = α = b = 1, a = 2; 0 at t ≤ 0', () => {
    close(bgnbdExpected(m, 3), 0.548599593621329326622483592516);
    close(bgnbdExpected({ r: 1, alpha: 1, a: 2, b: 1 }, 1), 2 * (1 - Math.LN2));
    expect(bgnbdExpected(m, 0)).toBe(0);
    expect(bgnbdExpected(m, -1)).toBe(0);
  });
  it('P(X(3) = x), x = 0..3 (mpmath); P(X(0) = 0) = 1', () => {
    const p = bgnbdPmf(m, 3, 3);
    [0.63245553203367588395394605177, 0.25641458774368576737009327957227, 0.0706933689275304851164274610279093, 0.024117029646554082142507734723015].forEach((v, i) => close(p[i], v));
    expect(bgnbdPmf(m, 0, 2)).toEqual([1, 0, 0]);
  });
  it('P(alive): 1 without repeat purchases; 1/(1 + 1·(4/2)²) = 1/5 at r = α = a = b = 1, x = 1, t_x = 1, T = 3', () => {
    expect(bgnbdPAlive(m, 0, 0, 10)).toBe(1);
    close(bgnbdPAlive({ r: 1, alpha: 1, a: 1, b: 1 }, 1, 1, 3), 1 / 5);
    close(bgnbdPAlive({ r: 1, alpha: 1, a: 2, b: 3 }, 2, 1, 3), 1 / (1 + (2 / 4) * 2 ** 3));
  });
  it('E[Y(4) | x, t_x, T = 10] for x = 3, t_x = 5 and x = 0 (mpmath, original form)', () => {
    close(bgnbdConditional(m, 4, 3, 5, 10), 0.315378040161669999913832284884);
    close(bgnbdConditional(m, 4, 0, 0, 10), 0.152901542438101641338605887128);
  });
  it('ln L of three customers (x, t_x, T) = (0, 0, 10), (3, 5, 10), (1, 2, 8) (mpmath, the paper’s likelihood)', () => {
    close(bgnbdLogLik(m, rfm([0, 3, 1], [0, 5, 2], [10, 10, 8])), -11.6245159578640573135599410482);
  });
  it('no customers is refused', () => expect(() => fitBgNbd(rfm([], [], []))).toThrow(/BG\/NBD: no customers/));
});

describe('BG/BB (Fader, Hardie & Shang 2010)', () => {
  const m = { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 };
  it('row ln L at α = β = γ = δ = 1, x = 0, n = 1: ¼ (alive, no purchase) + ½ (gone) = ¾', () => {
    close(bgbbRowLogLik({ alpha: 1, beta: 1, gamma: 1, delta: 1 }, 0, 0, 1), Math.log(0.75));
    close(bgbbLogLik({ alpha: 1, beta: 1, gamma: 1, delta: 1 }, [{ frequency: 0, recency: 0, periods: 1, count: 3 }]), 3 * Math.log(0.75));
  });
  it('row ln L for (x, t_x, n) = (2, 4, 6), (0, 0, 6), (6, 6, 6) (mpmath)', () => {
    close(bgbbRowLogLik(m, 2, 4, 6), -5.19429872300078705527959597327);
    close(bgbbRowLogLik(m, 0, 0, 6), -1.16626427856442621082274238835);
    close(bgbbRowLogLik(m, 6, 6, 6), -2.18490779289300350492737292028);
    close(bgbbLogLik(m, [{ frequency: 2, recency: 4, periods: 6, count: 2 }, { frequency: 0, recency: 0, periods: 6, count: 5 }]), 2 * -5.19429872300078705527959597327 + 5 * -1.16626427856442621082274238835);
  });
  it('P(X(1) = 0) = ¾, P(X(1) = 1) = ¼ at all-ones; E[X(1)] = ½·1·(1 − Γ(3)Γ(3)/(Γ(4)Γ(2))) = 1/6 at γ = 2, δ = 1', () => {
    const p = bgbbPmf({ alpha: 1, beta: 1, gamma: 1, delta: 1 }, 1);
    close(p[0], 0.75); close(p[1], 0.25);
    const q = bgbbPmf({ alpha: 1, beta: 1, gamma: 2, delta: 1 }, 1);
    close(q[1], 1 / 6);
    close(bgbbExpected({ alpha: 1, beta: 1, gamma: 2, delta: 1 }, 1), 1 / 6);
    // n = 2 at all-ones, by enumeration: P(X = 2) = E[p²]·E[(1−θ)] = ⅓·½; P(X=1) = 2·E[p(1−p)]·½ + E[p]·(½ − ⅓) ... summed with the pmf
    const r = bgbbPmf({ alpha: 1, beta: 1, gamma: 1, delta: 1 }, 2);
    close(r[2], 1 / 3 * 1 / 3);
    close(r[0] + r[1] + r[2], 1);
  });
  it('P(X(n) = x) sums to 1 and Σ x·P is the closed-form E[X(n)] away from the all-ones case (n = 4)', () => {
    const p = bgbbPmf(m, 4);
    expect(p.length).toBe(5);
    close(p.reduce((s, v) => s + v, 0), 1);
    close(p.reduce((s, v, x) => s + x * v, 0), bgbbExpected(m, 4));
    close(bgbbExpected({ alpha: 1, beta: 1, gamma: 3, delta: 1 }, 1), 0.5 * 0.5 * (1 - Math.exp(lnGamma(4) + lnGamma(3) - lnGamma(5) - lnGamma(2))));
  });
  it('a fit over 1,000 customers: one opportunity identifies only P(X = 1) = ¼, so ln L is the two-cell maximum 750 ln ¾ + 250 ln ¼', () => {
    const rows = [{ frequency: 0, recency: 0, periods: 1, count: 750 }, { frequency: 1, recency: 1, periods: 1, count: 250 }];
    const f = fitBgBb(rows);
    expect(f.model).toBe('bgbb');
    expect(f.fit.n).toBe(1000);
    expect(f.fit.estimates.map((e) => e.name)).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    close(f.fit.logLik, 750 * Math.log(0.75) + 250 * Math.log(0.25), 1e-6);
    close(bgbbLogLik({ alpha: f.alpha, beta: f.beta, gamma: f.gamma, delta: f.delta }, rows), f.fit.logLik);
  });
  it('no customers is refused', () => expect(() => fitBgBb([{ frequency: 0, recency: 0, periods: 1, count: 0 }])).toThrow(/BG\/BB: no customers/));
});

describe('dates', () => {
  it('1997-01-01 is day 9862 in every format; 31 Jan 1997 is 9892', () => {
    expect(parseDay('19970101', 'yyyymmdd')).toBe(9862);
    expect(parseDay('1997-01-01', 'iso')).toBe(9862);
    expect(parseDay('1997-01-01T10:30:00', 'iso')).toBe(9862);
    expect(parseDay('1997-01-01 10:30', 'iso')).toBe(9862);
    expect(parseDay('01/31/1997', 'mdy')).toBe(9892);
    expect(parseDay('31/01/1997', 'dmy')).toBe(9892);
    expect(parseDay('1/2/1997', 'mdy')).toBe(9863);
    expect(parseDay('1/2/1997', 'dmy')).toBe(9893);
    expect(formatDay(9862)).toBe('1997-01-01');
    expect(formatDay(9892)).toBe('1997-01-31');
  });
  it('the edges of the calendar: month 1 and 12, day 1 and 31, years 1000 and 9999 accepted', () => {
    expect(parseDay('19971231', 'yyyymmdd')).toBe(9862 + 364);
    expect(parseDay('10000101', 'yyyymmdd')).toBe(Date.UTC(1000, 0, 1) / 86_400_000);
    expect(parseDay('99991231', 'yyyymmdd')).toBe(Date.UTC(9999, 11, 31) / 86_400_000);
  });
  it.each([
    ['19970230', 'yyyymmdd'], ['19971301', 'yyyymmdd'], ['19970001', 'yyyymmdd'], ['19970100', 'yyyymmdd'], ['19970132', 'yyyymmdd'], ['09990101', 'yyyymmdd'],
    ['1997011', 'yyyymmdd'], ['199701011', 'yyyymmdd'], ['1997-101', 'yyyymmdd'], ['1997-1-01', 'iso'], ['x1997-01-01', 'iso'], ['1997-01-01x', 'iso'],
    ['31/01/1997', 'mdy'], ['01/31/1997', 'dmy'], ['1/2/97', 'mdy'], ['x1/2/1997', 'dmy'], ['1/2/1997x', 'mdy'], ['04/31/1997', 'mdy'],
  ] as const)('%s is not a %s date', (s, f) => expect(parseDay(s, f)).toBeNull());
  it('detects the format, and says when d/m and m/d are both possible', () => {
    expect(detectDateFormat('19970101')).toBe('yyyymmdd');
    expect(detectDateFormat('1997-01-01')).toBe('iso');
    expect(detectDateFormat('01/02/1997')).toBe('ambiguous');
    expect(detectDateFormat('01/31/1997')).toBe('mdy');
    expect(detectDateFormat('31/01/1997')).toBe('dmy');
    expect(detectDateFormat('soon')).toBeNull();
  });
});

describe('RFM helpers', () => {
  it('distinct counts sorted, with the largest', () => {
    expect(distinctCounts(Float64Array.of(3, 1, 3, 0, 12, 2))).toEqual({ values: [0, 1, 2, 3, 12], maxX: 12 });
    expect(distinctCounts(Float64Array.of(0, 0))).toEqual({ values: [0], maxX: 0 });
  });
  it('Σ_{j<x} ln(2 + j) = ln Γ(2+x) − ln Γ(2): 0, ln 2, ln 6, ln 24', () => {
    const l = logRisingFactorials(2, 3);
    expect(l.length).toBe(4);
    [0, Math.log(2), Math.log(6), Math.log(24)].forEach((v, i) => close(l[i], v));
  });
  it('subset keeps the chosen customers in every column', () => {
    const d: RfmData = { ids: ['a', 'b', 'c'], x: Float64Array.of(0, 2, 5), tx: Float64Array.of(0, 3, 9), T: Float64Array.of(10, 11, 12), meanValue: Float64Array.of(0, 7, 8), holdout: Float64Array.of(1, 2, 3), holdoutLength: 39 };
    const s = subset(d, (i) => d.x[i] > 0);
    expect(s.ids).toEqual(['b', 'c']);
    expect([...s.x, ...s.tx, ...s.T, ...s.meanValue, ...s.holdout]).toEqual([2, 5, 3, 9, 11, 12, 7, 8, 2, 3]);
    expect(s.holdoutLength).toBe(39);
    expect(subset(d, () => true).x).toEqual(d.x);
  });
});

describe('from fits to segments (docs/calibration.md)', () => {
  it('Beta from moments: mean ½, variance 1/12 is Beta(1, 1); mean ¼, variance 3/80 is Beta(1, 3); impossible moments refused', () => {
    const u = betaFromMoments(0.5, 1 / 12);
    close(u.alpha, 1); close(u.beta, 1);
    const b = betaFromMoments(0.25, 3 / 80);
    close(b.alpha, 1); close(b.beta, 3);
    expect(() => betaFromMoments(0, 0.01)).toThrow(RangeError);
    expect(() => betaFromMoments(1, 0.01)).toThrow(RangeError);
    expect(() => betaFromMoments(0.5, 0.25)).toThrow(/no Beta has mean 0.5 and variance 0.25/);
  });
  it('two periods a year, θ uniform: 1 − (1−θ)² has mean ⅔ and variance 1/5 − 1/9, i.e. Beta(1, ½)', () => {
    const a = annualChurnBeta({ alpha: 1, beta: 1 }, 2);
    close(a.alpha, 1); close(a.beta, 0.5);
  });
  it('sBG segment: annual churn Beta, wallet = monthly spend / share of wallet (none without a spend)', () => {
    const s = sbgSegment({ alpha: 1, beta: 1 }, { name: 'regular', customers: 100, periodsPerYear: 2, pool: 'core', monthlySpend: 30, shareOfWallet: 0.5 });
    expect(s).toEqual({ name: 'regular', initialCustomers: 100, churn: { alpha: 1, beta: 0.5 }, wallet: { core: { mean: 60, cv: 0 } } });
    expect(sbgSegment({ alpha: 0.7041234567, beta: 1.2 }, { name: 'r', customers: 5, periodsPerYear: 1, pool: 'core', shareOfWallet: 0.5 })).toEqual({ name: 'r', initialCustomers: 5, churn: { alpha: 0.704123, beta: 1.2 }, wallet: {} });
  });
  it('BG/BB segment: θ ~ Beta(γ, δ) a year; wallet = E[p]·opportunities·amount/12/share, cv² = β/(α(α+β+1))', () => {
    const s = bgbbSegment({ alpha: 1, beta: 3, gamma: 1, delta: 1 }, { name: 'donors', customers: 11104, opportunitiesPerYear: 1, amountPerTransaction: 12, pool: 'gifts', shareOfWallet: 0.5 });
    expect(s).toEqual({ name: 'donors', initialCustomers: 11104, churn: { alpha: 1, beta: 1 }, wallet: { gifts: { mean: 0.5, cv: 0.7746 } } });
    const t = bgbbSegment({ alpha: 2, beta: 2, gamma: 1, delta: 1 }, { name: 'd', customers: 1, opportunitiesPerYear: 2, amountPerTransaction: 24, pool: 'g', shareOfWallet: 0.25 });
    expect(t.churn).toEqual({ alpha: 1, beta: 0.5 });
    expect(t.wallet.g).toEqual({ mean: 8, cv: 0.4472 }); // 0.5·2·24/12/0.25 = 8; √(2/(2·5)) = 0.44721
  });
  it('rate-class segments: customers split by largest remainders (10 in thirds: 4, 3, 3), names and wallets', () => {
    const cls = (rate: number, spend: number, cv: number): RateClass => ({ share: 1 / 3, rate, rateCv: 0, churnMean: 0.2, churnVariance: 0.01, churn: { alpha: 3, beta: 12 }, monthlySpend: spend, walletCv: cv });
    const s = bgnbdSegments([cls(0.01234, 3, 0.51234), cls(0.1, 6, 0.5), cls(1, 9, 0.5)], 10, { idPrefix: 'cd', name: 'CDNOW', pool: 'music', shareOfWallet: 0.5, unitName: 'week' });
    expect(Object.keys(s)).toEqual(['cd-rate1', 'cd-rate2', 'cd-rate3']);
    expect(Object.values(s).map((x) => x.initialCustomers)).toEqual([4, 3, 3]);
    expect(s['cd-rate1']).toEqual({ name: 'CDNOW, purchase-rate class 1 of 3 (0.0123 purchases per week while active)', initialCustomers: 4, churn: { alpha: 3, beta: 12 }, wallet: { music: { mean: 6, cv: 0.5123 } } });
    const u = bgnbdSegments([{ ...cls(1, 1, 0), share: 0.25 }, { ...cls(1, 1, 0), share: 0.75 }], 7, { idPrefix: 'x', name: 'x', pool: 'p', shareOfWallet: 1, unitName: 'day' });
    expect(Object.values(u).map((x) => x.initialCustomers)).toEqual([2, 5]); // 1.75 → 2, 5.25 → 5
  });
  it('rate classes: spend and wallet cv follow from the class rate exactly; the class rates average E[λ] = r/α within 4 SE', () => {
    const m = { r: 2, alpha: 4, a: 2, b: 3 }, gg = { p: 2, q: 6, gamma: 10 };
    const N = 40_000, U = 52;
    const classes = bgnbdRateClasses(m, gg, { unitsPerYear: U, classes: 4, draws: N, seed: 7 });
    expect(classes.map((c) => c.share)).toEqual([0.25, 0.25, 0.25, 0.25]);
    for (const c of classes) {
      close(c.monthlySpend, (c.rate * U * 4) / 12); // E[ζ] = pγ/(q−1) = 4
      close(c.walletCv, Math.sqrt((1 + c.rateCv ** 2) * (1 + 1 / 4) - 1)); // cv_ζ² = 1/(q−2)
      close(c.churn.alpha / (c.churn.alpha + c.churn.beta), c.churnMean);
      expect(c.churnVariance).toBeGreaterThan(0);
    }
    for (let k = 1; k < 4; k++) expect(classes[k].rate).toBeGreaterThan(classes[k - 1].rate);
    const mean = classes.reduce((s, c) => s + c.share * c.rate, 0);
    // λ ~ Gamma(r = 2, α = 4): E = 0.5, SD = √2/4; the mean of N draws has SE SD/√N
    expect(Math.abs(mean - 0.5)).toBeLessThan((4 * Math.SQRT2) / 4 / Math.sqrt(N));
    // within a class the λ spread is smaller than across everyone (cv 1/√r = 0.707)
    for (const c of classes) expect(c.rateCv).toBeLessThan(1 / Math.SQRT2);
  });
  it('rate classes: cv of ζ infinite (q ≤ 2) counts as cv² = 4; mean infinite (q ≤ 1) is refused', () => {
    const m = { r: 2, alpha: 4, a: 2, b: 3 };
    const [c] = bgnbdRateClasses(m, { p: 2, q: 1.5, gamma: 10 }, { unitsPerYear: 52, classes: 1, draws: 2000, seed: 7 });
    close(c.walletCv, Math.sqrt((1 + c.rateCv ** 2) * 5 - 1));
    expect(() => bgnbdRateClasses(m, { p: 2, q: 1, gamma: 10 }, { unitsPerYear: 52, classes: 1, draws: 100 })).toThrow(/q = 1 ≤ 1/);
  });
  it('rate classes of buyers who (almost) never buy: Beta(1, 10¹²) for a class with θ below 1e-12 a year', () => {
    const classes = bgnbdRateClasses({ r: 0.002, alpha: 1, a: 1, b: 1 }, { p: 2, q: 6, gamma: 10 }, { unitsPerYear: 52, classes: 10, draws: 2000, seed: 3 });
    const low = classes[0];
    expect(low.churnMean).toBe(1e-12);
    close(low.churn.alpha, 1, 1e-6);
    close(low.churn.beta, 1e12, 1e-6);
    for (const c of classes) expect(Number.isFinite(c.walletCv) && Number.isFinite(c.rateCv)).toBe(true);
  });
});

describe('goodness of fit tables', () => {
  it('sBG at α = β = 1 over 100, 50, 30 customers with one fitted period', () => {
    const t = sbgTable(1, 1, [100, 50, 30], 1);
    expect(t.map((r) => r.part)).toEqual(['calibration', 'calibration', 'hold-out']);
    expect(t[0]).toEqual({ period: 0, part: 'calibration', observed: 100, expected: 100, observedRetention: null, expectedRetention: null });
    close(t[1].expected, 50); close(t[1].observedRetention!, 0.5); close(t[1].expectedRetention!, 0.5);
    close(t[2].expected, 100 / 3); close(t[2].observedRetention!, 0.6); close(t[2].expectedRetention!, 2 / 3);
  });
  it('BG/NBD histogram with 7+ bucket: observed counts and Σ P(X(T) = x) over customers', () => {
    const m = { r: 0.5, alpha: 2, a: 1.5, b: 2.5 };
    const d = rfm([0, 1, 9, 2], [0, 1, 2, 2], [3, 3, 3, 5]);
    const h = bgnbdHistogram(m, d, 2);
    expect(h.map((r) => r.bucket)).toEqual(['0', '1', '2+']);
    expect(h.map((r) => r.observed)).toEqual([1, 1, 2]);
    const p3 = bgnbdPmf(m, 3, 1), p5 = bgnbdPmf(m, 5, 1);
    close(h[0].expected, 3 * p3[0] + p5[0]);
    close(h[1].expected, 3 * p3[1] + p5[1]);
    close(h[2].expected, 3 * (1 - p3[0] - p3[1]) + (1 - p5[0] - p5[1]));
    close(h[0].expected, 3 * 0.63245553203367588395394605177 + p5[0]);
  });
  it('BG/NBD tracking: expected cumulative = Σ births·E[X(age)], ages (u+1)·7 − 1 − d days', () => {
    const m = { r: 0.5, alpha: 2, a: 1.5, b: 2.5 };
    // 2 first purchases on day 0, none on day 1, 1 on day 3; weeks of 7 days, 1 calibration week
    const rows = bgnbdTracking(m, [2, 0, 0, 1], [1, 4, 2], 7, 1);
    const E = (days: number) => (days > 0 ? bgnbdExpected(m, days / 7) : 0);
    const cum = [0, 1, 2].map((u) => 2 * E((u + 1) * 7 - 1) + E((u + 1) * 7 - 1 - 3));
    expect(rows.map((r) => r.part)).toEqual(['calibration', 'hold-out', 'hold-out']);
    expect(rows.map((r) => r.unit)).toEqual([1, 2, 3]);
    expect(rows.map((r) => r.observedCumulative)).toEqual([1, 5, 7]);
    expect(rows.map((r) => r.observed)).toEqual([1, 4, 2]);
    rows.forEach((r, u) => close(r.expectedCumulative, cum[u]));
    close(rows[1].expected, cum[1] - cum[0]);
    close(rows[0].expected, cum[0]);
    close(rows[0].expectedCumulative, 2 * bgnbdExpected(m, 6 / 7) + bgnbdExpected(m, 3 / 7));
    // a customer born on the last day of a unit has age 0 there: no expected purchase
    const born = bgnbdTracking(m, [0, 0, 0, 0, 0, 0, 1], [0], 7, 1);
    expect(born[0].expectedCumulative).toBe(0);
  });
  it('conditional expectations by frequency: mean hold-out purchases, observed and E[Y | x, t_x, T]', () => {
    const m = { r: 0.5, alpha: 2, a: 1.5, b: 2.5 };
    const d = rfm([0, 3, 3, 9], [0, 5, 6, 9], [10, 10, 10, 10]);
    d.holdout = Float64Array.of(0, 2, 1, 6);
    d.holdoutLength = 4;
    const t = bgnbdConditionalTable(m, d, 3);
    expect(t.map((r) => r.bucket)).toEqual(['0', '3+']);
    expect(t.map((r) => r.customers)).toEqual([1, 3]);
    close(t[0].expected, 0.152901542438101641338605887128);
    close(t[1].observed, 3);
    close(t[1].expected, (0.315378040161669999913832284884 + bgnbdConditional(m, 4, 3, 6, 10) + bgnbdConditional(m, 4, 9, 9, 10)) / 3);
  });
  it('Gamma-Gamma table: mean of mean spend by frequency (1, …, 4+) and overall; E[ζ] on every row', () => {
    const t = gammaGammaTable({ p: 2, q: 3, gamma: 4 }, Float64Array.of(0, 1, 1, 2, 5, 4, 3), Float64Array.of(9, 10, 20, 30, 40, 0, 50), 4);
    expect(t).toEqual([
      { bucket: '1', customers: 2, observedMean: 15, expectedMean: 4 },
      { bucket: '2', customers: 1, observedMean: 30, expectedMean: 4 },
      { bucket: '3', customers: 1, observedMean: 50, expectedMean: 4 },
      { bucket: '4+', customers: 1, observedMean: 40, expectedMean: 4 },
      { bucket: 'all', customers: 5, observedMean: 30, expectedMean: 4 },
    ]);
    // a frequency nobody has gets no row
    expect(gammaGammaTable({ p: 2, q: 3, gamma: 4 }, Float64Array.of(1, 3), Float64Array.of(10, 20), 4).map((r) => r.bucket)).toEqual(['1', '3', 'all']);
  });
  it('BG/BB histogram over the rows with the most opportunities: count × P(X(n) = x)', () => {
    const m = { alpha: 1, beta: 1, gamma: 1, delta: 1 };
    const h = bgbbHistogram(m, [
      { frequency: 0, recency: 0, periods: 1, count: 6 }, { frequency: 1, recency: 1, periods: 1, count: 2 },
      { frequency: 0, recency: 0, periods: 0, count: 100 },
    ]);
    expect(h.map((r) => [r.bucket, r.observed])).toEqual([['0', 6], ['1', 2]]);
    close(h[0].expected, 8 * 0.75);
    close(h[1].expected, 8 * 0.25);
  });
});

describe('maximum likelihood', () => {
  // ln L = −½ (p − μ)ᵀ A (p − μ) with μ = (2, 3), A = [[4, 1], [1, 2]]: the MLE is μ, the
  // covariance A⁻¹ = [[2, −1], [−1, 4]]/7, ln L at the optimum 0
  const A = [[4, 1], [1, 2]], mu = [2, 3];
  const ll = (p: number[]) => -0.5 * [0, 1].reduce((s, i) => s + [0, 1].reduce((t, j) => t + (p[i] - mu[i]) * A[i][j] * (p[j] - mu[j]), 0), 0);
  it('estimates, standard errors from the inverse Hessian, 95% Wald intervals, AIC = 2k − 2 ln L, BIC = k ln n − 2 ln L', () => {
    const f = maximiseLikelihood(['x', 'y'], [1, 1], ll, 10);
    expect(f.estimates.map((e) => e.name)).toEqual(['x', 'y']);
    close(value(f, 'x'), 2, 1e-5); close(value(f, 'y'), 3, 1e-5);
    const se = [Math.sqrt(2 / 7), Math.sqrt(4 / 7)];
    f.estimates.forEach((e, i) => {
      close(e.se!, se[i], 1e-4);
      close(e.lower95!, e.value - 1.959964 * e.se!, 1e-12);
      close(e.upper95!, e.value + 1.959964 * e.se!, 1e-12);
    });
    close(f.logLik, 0, 1e-9);
    close(f.aic, 4 - 2 * f.logLik, 1e-12);
    close(f.bic, 2 * Math.log(10) - 2 * f.logLik, 1e-12);
    expect(f.n).toBe(10);
    expect(f.converged).toBe(true);
    expect(() => value(f, 'z')).toThrow(/no estimate z/);
  });
  it('no standard error where the information is not positive (a parameter the likelihood ignores)', () => {
    const f = maximiseLikelihood(['x', 'y'], [1, 1], (p) => -((p[0] - 2) ** 2), 5);
    close(value(f, 'x'), 2, 1e-5);
    for (const e of f.estimates.slice(1)) expect([e.se, e.lower95, e.upper95]).toEqual([null, null, null]);
  });
  it('Hessian of x³ + 2xy + 5y² at (1, 2) by central differences: [[6, 2], [2, 10]]', () => {
    const H = hessian(([x, y]) => x * x * x + 2 * x * y + 5 * y * y, [1, 2]);
    close(H[0][0], 6, 1e-5); close(H[0][1], 2, 1e-5); close(H[1][0], 2, 1e-5); close(H[1][1], 10, 1e-5);
  });
  it('the optimiser finds (2, 0.5) of (x−2)² + (y−½)² from (1, 1), treats non-finite values as huge, and says when it ran out of restarts', () => {
    const r = minimisePositive(([x, y]) => (x - 2) ** 2 + (y - 0.5) ** 2, [1, 1]);
    close(r.x[0], 2, 1e-5); close(r.x[1], 0.5, 1e-5);
    expect(r.converged).toBe(true);
    expect(r.fx).toBeLessThan(1e-10);
    const s = minimisePositive(([x]) => (x > 3 ? NaN : (x - 2) ** 2), [1]);
    close(s.x[0], 2, 1e-5);
    const once = minimisePositive(([x, y]) => (x - 2) ** 2 + (y - 0.5) ** 2, [1, 1], 1);
    expect(once).toMatchObject({ converged: false, restarts: 1 });
  });
});

describe('data problems and table rows', () => {
  it('file:line:column, the column at least 1; the file alone when no line', () => {
    expect(formatDataProblem({ file: 'a.csv', line: 3, column: 0, message: 'bad' })).toBe('a.csv:3:1  bad');
    expect(formatDataProblem({ file: 'a.csv', line: 3, column: 7, message: 'bad' })).toBe('a.csv:3:7  bad');
    expect(formatDataProblem({ file: 'a.csv', line: 0, column: 0, message: 'empty' })).toBe('a.csv  empty');
    const e = new DataError([{ file: 'a', line: 1, column: 2, message: 'x' }, { file: 'a', line: 0, column: 0, message: 'y' }]);
    expect(e.message).toBe('a:1:2  x\na  y');
    expect(e.name).toBe('DataError');
  });
  it('rows split at tab, else comma, else semicolon, else whitespace; quotes removed', () => {
    expect(splitRow('a\tb c,d')).toEqual(['a', 'b c,d']);
    expect(splitRow(' a , "b" ,c')).toEqual(['a', 'b', 'c']);
    expect(splitRow('a;b; c')).toEqual(['a', 'b', 'c']);
    expect(splitRow('  a   b  c ')).toEqual(['a', 'b', 'c']);
  });
});
