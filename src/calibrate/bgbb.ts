/**
 * BG/BB model of repeat transactions at discrete opportunities (Fader, Hardie and Shang,
 * "Customer-Base Analysis in a Discrete-Time Noncontractual Setting", Marketing Science,
 * 2010). While alive a customer transacts at each opportunity with probability
 * p ~ Beta(α, β); before each opportunity after the first they drop out with probability
 * θ ~ Beta(γ, δ). For x transactions in n opportunities, the last at t_x:
 *   L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
 *     + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ).
 * Pure.
 */
import { maximiseLikelihood, value, type FitSummary } from './fit.ts';
import { lnBeta, lnGamma } from './special.ts';

export interface BgBbRow {
  frequency: number;
  recency: number;
  periods: number;
  /** Customers with this (frequency, recency, periods). */
  count: number;
}

export interface BgBbParams {
  alpha: number;
  beta: number;
  gamma: number;
  delta: number;
}

export interface BgBbFit extends BgBbParams {
  model: 'bgbb';
  fit: FitSummary;
}

function logSumExp(xs: number[]): number {
  const m = Math.max(...xs);
  if (m === -Infinity) return m;
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}

export function bgbbRowLogLik({ alpha, beta, gamma, delta }: BgBbParams, x: number, tx: number, n: number): number {
  const lab = lnBeta(alpha, beta), lgd = lnBeta(gamma, delta);
  const terms = [lnBeta(alpha + x, beta + n - x) - lab + lnBeta(gamma, delta + n) - lgd];
  for (let i = 0; i <= n - tx - 1; i++) terms.push(lnBeta(alpha + x, beta + tx - x + i) - lab + lnBeta(gamma + 1, delta + tx + i) - lgd);
  return logSumExp(terms);
}

export function bgbbLogLik(p: BgBbParams, rows: BgBbRow[]): number {
  let ll = 0;
  for (const row of rows) ll += row.count * bgbbRowLogLik(p, row.frequency, row.recency, row.periods);
  return ll;
}

export function fitBgBb(rows: BgBbRow[]): BgBbFit {
  const n = rows.reduce((s, r) => s + r.count, 0);
  if (n === 0) throw new RangeError('BG/BB: no customers to fit');
  const fit = maximiseLikelihood(['alpha', 'beta', 'gamma', 'delta'], [1, 1, 1, 1], ([alpha, beta, gamma, delta]) => bgbbLogLik({ alpha, beta, gamma, delta }, rows), n);
  return { model: 'bgbb', fit, alpha: value(fit, 'alpha'), beta: value(fit, 'beta'), gamma: value(fit, 'gamma'), delta: value(fit, 'delta') };
}

const lnChoose = (n: number, k: number): number => lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);

/** P(X(n) = x), x = 0..n: transactions in the first n opportunities. */
export function bgbbPmf({ alpha, beta, gamma, delta }: BgBbParams, n: number): number[] {
  const lab = lnBeta(alpha, beta), lgd = lnBeta(gamma, delta);
  const out: number[] = [];
  for (let x = 0; x <= n; x++) {
    let p = Math.exp(lnChoose(n, x) + lnBeta(alpha + x, beta + n - x) - lab + lnBeta(gamma, delta + n) - lgd);
    for (let i = x; i <= n - 1; i++) p += Math.exp(lnChoose(i, x) + lnBeta(alpha + x, beta + i - x) - lab + lnBeta(gamma + 1, delta + i) - lgd);
    out.push(p);
  }
  return out;
}

/** Expected transactions in the first n opportunities: α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)Γ(1+δ+n)/(Γ(γ+δ+n)Γ(1+δ))]. */
export function bgbbExpected({ alpha, beta, gamma, delta }: BgBbParams, n: number): number {
  const ratio = Math.exp(lnGamma(gamma + delta) + lnGamma(1 + delta + n) - lnGamma(gamma + delta + n) - lnGamma(1 + delta));
  return (alpha / (alpha + beta)) * (delta / (gamma - 1)) * (1 - ratio);
}
