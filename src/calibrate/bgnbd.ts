/**
 * BG/NBD model of non-contractual repeat purchasing (Fader, Hardie and Lee, "Counting your
 * customers the easy way: an alternative to the Pareto/NBD model", Marketing Science, 2005).
 * While alive a customer buys at rate λ ~ Gamma(r, α); after each repeat purchase they drop
 * out with probability p ~ Beta(a, b). With x repeat purchases, the last at t_x, in (0, T]:
 *   L = Γ(r+x)αʳ/Γ(r) · B(a, b+x)/B(a, b) · [ (α+T)^−(r+x) + 1{x>0} a/(b+x−1) (α+t_x)^−(r+x) ].
 * Expectations use Gauss's ₂F₁ (special.ts):
 *   E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))ʳ ₂F₁(r, b; a+b−1; t/(α+t))]   (a ≠ 1);
 *   E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *                         / [1 + 1{x>0} a/(b+x−1) ((α+T)/(α+t_x))^(r+x)].
 * Both are evaluated after Euler's transformation ₂F₁(A, B; C; z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z),
 * which turns (1−z)^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z) into (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z):
 * the same number, without the underflow × overflow (0·∞ = NaN) of the original pair for a
 * customer with ~1,000 or more repeat purchases, and a series that converges faster.
 * Pure.
 */
import { maximiseLikelihood, value, type FitSummary } from './fit.ts';
import { distinctCounts, logRisingFactorials, type RfmData } from './rfm.ts';
import { hyp2f1, lnBeta, logAddExp } from './special.ts';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit extends BgNbdParams {
  model: 'bgnbd';
  fit: FitSummary;
}

export function bgnbdLogLik(p: BgNbdParams, d: RfmData): number {
  return prepareBgNbdLogLik(d)(p);
}

/**
 * ln L as a function of the parameters, with the data pre-arranged once: customers without
 * repeat purchases are pooled by T, and the distinct values of T and t_x (few: one per day)
 * get their logarithms once per evaluation, so an evaluation costs one exp and one log per
 * repeat buyer.
 */
export function prepareBgNbdLogLik(d: RfmData): (p: BgNbdParams) => number {
  const { maxX } = distinctCounts(d.x);
  const times = [...new Set([...d.T, ...d.tx])].sort((a, b) => a - b);
  const at = new Map(times.map((t, i) => [t, i]));
  const zeroByT = new Float64Array(times.length);
  let zeros = 0;
  const buyers: number[] = [];
  for (let i = 0; i < d.x.length; i++) {
    if (d.x[i] === 0) {
      zeroByT[at.get(d.T[i])!]++;
      zeros++;
    } else buyers.push(i);
  }
  const bx = Int32Array.from(buyers, (i) => d.x[i]);
  const bT = Int32Array.from(buyers, (i) => at.get(d.T[i])!);
  const btx = Int32Array.from(buyers, (i) => at.get(d.tx[i])!);
  const headSum = (h: Float64Array): number => {
    let s = zeros * h[0];
    for (let j = 0; j < bx.length; j++) s += h[bx[j]];
    return s;
  };
  const logT = new Float64Array(times.length);
  const logB = new Float64Array(maxX + 1);
  return ({ r, alpha, a, b }: BgNbdParams): number => {
    const lr = logRisingFactorials(r, maxX), lb = logRisingFactorials(b, maxX), lab = logRisingFactorials(a + b, maxX);
    const h = new Float64Array(maxX + 1);
    for (let x = 0; x <= maxX; x++) h[x] = lr[x] + lb[x] - lab[x];
    for (let k = 0; k < times.length; k++) logT[k] = Math.log(alpha + times[k]);
    for (let x = 1; x <= maxX; x++) logB[x] = Math.log(b + x - 1);
    const la = Math.log(a);
    let ll = d.x.length * r * Math.log(alpha) + headSum(h);
    for (let k = 0; k < times.length; k++) if (zeroByT[k] > 0) ll -= zeroByT[k] * r * logT[k];
    for (let j = 0; j < bx.length; j++) {
      const x = bx[j];
      ll += logAddExp(-(r + x) * logT[bT[j]], la - logB[x] - (r + x) * logT[btx[j]]);
    }
    return ll;
  };
}

export function fitBgNbd(d: RfmData): BgNbdFit {
  if (d.x.length === 0) throw new RangeError('BG/NBD: no customers to fit');
  const ll = prepareBgNbdLogLik(d);
  const fit = maximiseLikelihood(['r', 'alpha', 'a', 'b'], [1, 1, 1, 1], ([r, alpha, a, b]) => ll({ r, alpha, a, b }), d.x.length);
  return { model: 'bgnbd', fit, r: value(fit, 'r'), alpha: value(fit, 'alpha'), a: value(fit, 'a'), b: value(fit, 'b') };
}

/** E[X(t)]: expected repeat purchases in (0, t] of a customer who made the first purchase at 0. */
export function bgnbdExpected({ r, alpha, a, b }: BgNbdParams, t: number): number {
  if (t <= 0) return 0;
  const z = t / (alpha + t);
  return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b - 1, z));
}

/** P(X(t) = x), x = 0..maxX. */
export function bgnbdPmf({ r, alpha, a, b }: BgNbdParams, t: number, maxX: number): number[] {
  // no time yet (first purchase on the last calibration day): no repeat for sure (ln 0 would make every term NaN)
  if (t <= 0) return Array.from({ length: maxX + 1 }, (_, x) => (x === 0 ? 1 : 0));
  const lbab = lnBeta(a, b);
  const q = Math.log(alpha / (alpha + t)), z = Math.log(t / (alpha + t));
  const out: number[] = [];
  // ln[Γ(r+j)/(Γ(r) j!)]
  let lc = 0, cumulative = 0;
  for (let x = 0; x <= maxX; x++) {
    if (x > 0) lc += Math.log(r + x - 1) - Math.log(x);
    const nbd = Math.exp(lc + r * q + x * z);
    let p = Math.exp(lnBeta(a, b + x) - lbab) * nbd;
    if (x > 0) p += Math.exp(lnBeta(a + 1, b + x - 1) - lbab) * (1 - cumulative);
    cumulative += nbd;
    out.push(p);
  }
  return out;
}

/** P(alive at T | x, t_x, T). */
export function bgnbdPAlive({ r, alpha, a, b }: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  return 1 / (1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x));
}

/** E[Y(t) | x, t_x, T]: expected repeat purchases in (T, T+t]. */
export function bgnbdConditional({ r, alpha, a, b }: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  const z = t / (alpha + T + t);
  const num = ((a + b + x - 1) / (a - 1)) * (1 - Math.pow((alpha + T) / (alpha + T + t), a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z));
  const den = x > 0 ? 1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 1;
  return num / den;
}
