/**
 * From fitted models to the `segments:` of a cxsim scenario (docs/calibration.md states the
 * mapping and its assumptions). Pure.
 *
 * Contractual (sBG): θ ~ Beta(α, β) per fitted period is cxsim's churn propensity. With one
 * period per year it is used as it is; with k periods per year the annual propensity
 * 1 − (1−θ)^k is not Beta, and a Beta with its mean and variance is written instead
 * (E[(1−θ)^j] = B(α, β+j)/B(α, β)).
 *
 * Non-contractual (BG/NBD + Gamma-Gamma): a customer buys at rate λ per time unit and drops
 * out after each repeat purchase with probability p, so the time to drop-out is exponential
 * with rate λp (a geometric number of exponential gaps); cxsim's annual churn propensity is
 * therefore θ = 1 − exp(−λpU) (U time units per year), and its monthly hazard
 * 1 − (1−θ)^(1/12) = 1 − exp(−λpU/12) is the BG/NBD drop-out hazard exactly. While alive,
 * the customer spends λ·U/12 transactions per month times ζ per transaction (Gamma-Gamma),
 * which is cxsim's spend with us; cxsim's wallet is the spend in the market, of which a base
 * share of wallet (behaviour.shareOfWallet.base, 0.5 by default) is ours at reference
 * satisfaction, so wallet.mean = E[λ]·U/12·E[ζ] / share. Because churn and spend both rise
 * with λ, one segment would lose that correlation; the customers are therefore split into
 * `classes` equal-sized purchase-rate classes (quantiles of λ), each a segment with its own
 * Beta (fitted to the mean and variance of θ within the class) and its own wallet
 * (coefficient of variation from λ within the class and ζ across customers:
 * cv² = (1+cv_λ²)(1+cv_ζ²) − 1). The within-class moments are computed from a fixed,
 * seeded sample of (λ, p) draws (`draws`, default 400,000).
 *
 * BG/BB: θ ~ Beta(γ, δ) is the drop-out per opportunity — with one opportunity a year the
 * annual churn propensity directly (else moment-matched as for the sBG); the spend per month
 * is E[p]·opportunities per year/12 · amount per transaction / share, with cv of p across
 * customers, cv² = β/(α(α+β+1)).
 */
import { beta as drawBeta, gamma as drawGamma } from '../random/sampling.ts';
import { deriveStream } from '../random/seeds.ts';
import type { BgNbdParams } from './bgnbd.ts';
import type { GammaGammaParams } from './gamma-gamma.ts';
import { gammaGammaCv, gammaGammaMean } from './gamma-gamma.ts';
import type { BgBbParams } from './bgbb.ts';
import { lnBeta } from './special.ts';

/** A segment as written in a scenario (the fields calibration sets). */
export interface SegmentOut {
  name: string;
  initialCustomers: number;
  churn: { alpha: number; beta: number } | { annualRate: number };
  wallet: Record<string, { mean: number; cv: number }>;
}

export interface BetaShape {
  alpha: number;
  beta: number;
}

/** Beta with a given mean m and variance v (requires 0 < v < m(1−m)). */
export function betaFromMoments(m: number, v: number): BetaShape {
  const k = (m * (1 - m)) / v - 1;
  if (!(m > 0 && m < 1 && k > 0)) throw new RangeError(`no Beta has mean ${m} and variance ${v}`);
  return { alpha: m * k, beta: (1 - m) * k };
}

/** The annual churn Beta of a per-period θ ~ Beta(α, β) with k periods a year. */
export function annualChurnBeta({ alpha, beta }: BetaShape, periodsPerYear: number): BetaShape {
  if (periodsPerYear === 1) return { alpha, beta };
  const k = periodsPerYear;
  const m1 = Math.exp(lnBeta(alpha, beta + k) - lnBeta(alpha, beta));
  const m2 = Math.exp(lnBeta(alpha, beta + 2 * k) - lnBeta(alpha, beta));
  return betaFromMoments(1 - m1, m2 - m1 * m1);
}

const round = (x: number, digits = 6): number => Number(x.toPrecision(digits));

export interface SbgSegmentOptions {
  name: string;
  customers: number;
  periodsPerYear: number;
  pool: string;
  /** Spend per month with us of an active customer, if known (adds a wallet). */
  monthlySpend?: number;
  shareOfWallet: number;
}

export function sbgSegment(fit: BetaShape, o: SbgSegmentOptions): SegmentOut {
  const churn = annualChurnBeta(fit, o.periodsPerYear);
  return {
    name: o.name,
    initialCustomers: o.customers,
    churn: { alpha: round(churn.alpha), beta: round(churn.beta) },
    wallet: o.monthlySpend !== undefined ? { [o.pool]: { mean: round(o.monthlySpend / o.shareOfWallet), cv: 0 } } : {},
  };
}

export interface RateClass {
  /** Share of the customers in the class. */
  share: number;
  /** Mean purchase rate while alive, per time unit, and its coefficient of variation within the class. */
  rate: number;
  rateCv: number;
  /** Mean and variance of the annual churn propensity θ = 1 − exp(−λpU) within the class. */
  churnMean: number;
  churnVariance: number;
  churn: BetaShape;
  /** Spend with us per month of an active customer: E[λ]·U/12·E[ζ]. */
  monthlySpend: number;
  walletCv: number;
}

export interface BgNbdMappingOptions {
  /** Time units per year (52.18 for weeks). */
  unitsPerYear: number;
  classes: number;
  draws?: number;
  seed?: number;
}

/** Purchase-rate classes of a BG/NBD + Gamma-Gamma fit (see the module comment). */
export function bgnbdRateClasses(m: BgNbdParams, gg: GammaGammaParams, o: BgNbdMappingOptions): RateClass[] {
  const N = o.draws ?? 400_000;
  const u = deriveStream(o.seed ?? 1, 'calibrate', 'bgnbd-classes');
  // λ is drawn and sorted first; p, independent of λ, is drawn for each sorted λ
  const lam = new Float64Array(N), theta = new Float64Array(N);
  for (let i = 0; i < N; i++) lam[i] = drawGamma(m.r, u) / m.alpha;
  lam.sort();
  for (let i = 0; i < N; i++) theta[i] = -Math.expm1(-lam[i] * drawBeta(m.a, m.b, u) * o.unitsPerYear);
  const zeta = gammaGammaMean(gg), zetaCv = gammaGammaCv(gg);
  if (!Number.isFinite(zeta)) throw new RangeError(`Gamma-Gamma q = ${gg.q} ≤ 1: the mean spend per transaction is infinite`);
  const zcv2 = Number.isFinite(zetaCv) ? zetaCv * zetaCv : 4;
  const out: RateClass[] = [];
  for (let k = 0; k < o.classes; k++) {
    const lo = Math.floor((k * N) / o.classes), hi = Math.floor(((k + 1) * N) / o.classes);
    let sl = 0, st = 0, st2 = 0;
    for (let i = lo; i < hi; i++) {
      sl += lam[i]; st += theta[i]; st2 += theta[i] * theta[i];
    }
    const n = hi - lo;
    const rate = sl / n;
    // cv² of λ from λ/rate (λ² underflows in the classes of near-zero buyers a small r gives: 0/0 was NaN)
    let rcv2 = 0;
    if (rate > 0) {
      for (let i = lo; i < hi; i++) rcv2 += (lam[i] / rate - 1) ** 2;
      rcv2 /= n;
    }
    // such a class has θ ~ 1e-20: the variance is floored relative to its mean, not at an absolute 1e-12
    // above m(1−m) (no Beta has that); a mean below 1e-12 a year (never churns) is written as Beta(1, 10¹²)
    const rawMean = st / n;
    const churnMean = Math.max(rawMean, 1e-12);
    const churnVariance =
      rawMean > 1e-12 ? Math.min(0.999 * churnMean * (1 - churnMean), Math.max(st2 / n - rawMean * rawMean, 1e-6 * churnMean * churnMean)) : (churnMean * churnMean * (1 - churnMean)) / (1 + churnMean);
    out.push({
      share: n / N,
      rate,
      rateCv: Math.sqrt(rcv2),
      churnMean,
      churnVariance,
      churn: betaFromMoments(churnMean, churnVariance),
      monthlySpend: (rate * o.unitsPerYear * zeta) / 12,
      walletCv: Math.sqrt((1 + rcv2) * (1 + zcv2) - 1),
    });
  }
  return out;
}

/** Segments for the rate classes; customer counts are split by largest remainders so they add up. */
export function bgnbdSegments(classes: RateClass[], customers: number, o: { idPrefix: string; name: string; pool: string; shareOfWallet: number; unitName: string }): Record<string, SegmentOut> {
  const raw = classes.map((c) => c.share * customers);
  const counts = raw.map(Math.floor);
  let left = customers - counts.reduce((s, v) => s + v, 0);
  const byRemainder = raw.map((v, i) => [v - Math.floor(v), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of byRemainder) if (left-- > 0) counts[i]++;
  const out: Record<string, SegmentOut> = {};
  classes.forEach((c, k) => {
    out[`${o.idPrefix}-rate${k + 1}`] = {
      name: `${o.name}, purchase-rate class ${k + 1} of ${classes.length} (${round(c.rate, 3)} purchases per ${o.unitName} while active)`,
      initialCustomers: counts[k],
      churn: { alpha: round(c.churn.alpha), beta: round(c.churn.beta) },
      wallet: { [o.pool]: { mean: round(c.monthlySpend / o.shareOfWallet), cv: round(c.walletCv, 4) } },
    };
  });
  return out;
}

export interface BgBbSegmentOptions {
  name: string;
  customers: number;
  opportunitiesPerYear: number;
  amountPerTransaction: number;
  pool: string;
  shareOfWallet: number;
}

export function bgbbSegment(m: BgBbParams, o: BgBbSegmentOptions): SegmentOut {
  const churn = annualChurnBeta({ alpha: m.gamma, beta: m.delta }, o.opportunitiesPerYear);
  const meanP = m.alpha / (m.alpha + m.beta);
  const cv = Math.sqrt(m.beta / (m.alpha * (m.alpha + m.beta + 1)));
  return {
    name: o.name,
    initialCustomers: o.customers,
    churn: { alpha: round(churn.alpha), beta: round(churn.beta) },
    wallet: { [o.pool]: { mean: round((meanP * o.opportunitiesPerYear * o.amountPerTransaction) / 12 / o.shareOfWallet), cv: round(cv, 4) } },
  };
}
