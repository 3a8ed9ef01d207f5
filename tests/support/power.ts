/**
 * Power of the Monte Carlo checks (issue 17 item 2). A check passes when |estimate − expected| < z·SE.
 *
 * - false-failure rate (a correct engine fails): P(|N(0,1)| > z) = 2(1 − Φ(z)), over the choice of seed;
 * - power against a relative bias b (the engine is off by b·expected): P(|N(b/SE_rel, 1)| > z)
 *   = Φ(b/SE_rel − z) + Φ(−b/SE_rel − z), with SE_rel = SE / expected;
 * - the sample size for power π: N ≥ ((z + Φ⁻¹(π))·cv / b)², cv = sd / expected of one draw.
 * Normal approximations (the estimates are means of thousands of independent customers).
 */
import { errorFunction, probit } from 'simple-statistics';

export const BIAS = 0.02;

export function normalCdf(x: number): number {
  return 0.5 * (1 + errorFunction(x / Math.SQRT2));
}

/** Probability that a correct engine fails a z-SE band. */
export function falseFailureRate(z: number): number {
  return 2 * (1 - normalCdf(z));
}

/** Power of a z-SE band against a relative bias `bias`, when the standard error is `relSe` of the expected value. */
export function power(relSe: number, z: number, bias = BIAS): number {
  const k = bias / relSe;
  return normalCdf(k - z) + normalCdf(-k - z);
}

/** Draws needed for power `target` against `bias` at a z-SE band, for one draw's coefficient of variation `cv`. */
export function sampleSizeFor(cv: number, z: number, bias = BIAS, target = 0.8): number {
  return Math.ceil((((z + probit(target)) * cv) / bias) ** 2);
}
