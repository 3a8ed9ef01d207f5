/**
 * Gamma-Gamma model of spend per transaction (Fader, Hardie and Lee, "RFM and CLV: Using
 * Iso-Value Curves for Customer Base Analysis", Journal of Marketing Research, 2005;
 * Colombo and Jiang 1999). A customer's transaction values are Gamma(p, ν), ν ~ Gamma(q, γ)
 * across customers, independent of the purchase process; with x repeat transactions of mean
 * m the density of m is
 *   f(m | x) = Γ(px+q)/(Γ(px)Γ(q)) · γ^q · m^(px−1) · x^(px) / (γ + m x)^(px+q).
 * The mean spend per transaction across customers is E[ζ] = pγ/(q−1) (q > 1), its squared
 * coefficient of variation across customers 1/(q−2) (q > 2); the expected mean spend of a
 * customer given (x, m) is (γ + m x)p/(px + q − 1). Pure.
 */
import { maximiseLikelihood, value, type FitSummary } from './fit.ts';
import { lnGamma } from './special.ts';

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  model: 'gammagamma';
  fit: FitSummary;
  /** Customers with at least one repeat transaction (the ones the model is fitted to). */
  customers: number;
}

export interface SpendData {
  /** Repeat transactions (≥ 1). */
  x: Float64Array;
  /** Their mean value (> 0). */
  meanValue: Float64Array;
}

export function gammaGammaLogLik(params: GammaGammaParams, d: SpendData): number {
  return prepareGammaGammaLogLik(d)(params);
}

/** ln L with ln m per customer computed once, and the ln Γ terms once per distinct x. */
export function prepareGammaGammaLogLik(d: SpendData): (p: GammaGammaParams) => number {
  const logM = d.meanValue.map(Math.log);
  const xs = [...new Set(d.x)];
  return ({ p, q, gamma }: GammaGammaParams): number => {
    const lgq = lnGamma(q), lgamma = Math.log(gamma);
    const c = new Map<number, number>();
    for (const x of xs) c.set(x, lnGamma(p * x + q) - lnGamma(p * x) - lgq + p * x * Math.log(x) + q * lgamma);
    let ll = 0;
    for (let i = 0; i < d.x.length; i++) {
      const x = d.x[i], m = d.meanValue[i];
      ll += c.get(x)! + (p * x - 1) * logM[i] - (p * x + q) * Math.log(gamma + m * x);
    }
    return ll;
  };
}

export function fitGammaGamma(d: SpendData): GammaGammaFit {
  if (d.x.length === 0) throw new RangeError('Gamma-Gamma: no customer has a repeat transaction with a positive value');
  const ll = prepareGammaGammaLogLik(d);
  const fit = maximiseLikelihood(['p', 'q', 'gamma'], [1, 1, 1], ([p, q, gamma]) => ll({ p, q, gamma }), d.x.length);
  return { model: 'gammagamma', fit, customers: d.x.length, p: value(fit, 'p'), q: value(fit, 'q'), gamma: value(fit, 'gamma') };
}

/** E[ζ]: mean spend per transaction across customers (Infinity when q ≤ 1). */
export function gammaGammaMean({ p, q, gamma }: GammaGammaParams): number {
  return q > 1 ? (p * gamma) / (q - 1) : Infinity;
}

/** Coefficient of variation of ζ across customers (Infinity when q ≤ 2). */
export function gammaGammaCv({ q }: GammaGammaParams): number {
  return q > 2 ? Math.sqrt(1 / (q - 2)) : Infinity;
}

/** E[ζ | x, m]: a customer's expected spend per transaction given x transactions of mean m. */
export function gammaGammaConditional({ p, q, gamma }: GammaGammaParams, x: number, m: number): number {
  return ((gamma + m * x) * p) / (p * x + q - 1);
}
