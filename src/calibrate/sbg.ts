/**
 * Shifted-beta-geometric (sBG) model of contractual retention (Fader and Hardie, "How to
 * Project Customer Retention", Journal of Interactive Marketing, 2007): each customer has a
 * churn probability θ per period, θ ~ Beta(α, β) across customers, so
 *   P(T = t) = B(α+1, β+t−1)/B(α, β),   S(t) = B(α, β+t)/B(α, β),
 * computed by the recursions P(1) = α/(α+β), P(t) = P(t−1)(β+t−2)/(α+β+t−1) and
 * S(t) = S(t−1) − P(t). ln L = Σₜ (n₍ₜ₋₁₎ − nₜ) ln P(t) + n_T ln S(T) for a cohort whose
 * survivors n₀ ≥ n₁ ≥ … ≥ n_T are counted at the start of each period. Pure.
 */
import { maximiseLikelihood, value, type FitSummary } from './fit.ts';

export interface SurvivalCohort {
  /** Name of the cohort (the column of the survival table). */
  name: string;
  /** Customers alive at the start of each period 0..T (n₀ = the cohort size). */
  alive: number[];
}

export interface SbgFit {
  model: 'sbg';
  cohort: string;
  /** Periods used for the fit (1..T). */
  periods: number;
  fit: FitSummary;
  alpha: number;
  beta: number;
}

/** P(T = t) for t = 1..T. */
export function sbgChurnProbabilities(alpha: number, beta: number, T: number): number[] {
  const p: number[] = [];
  let pt = alpha / (alpha + beta);
  for (let t = 1; t <= T; t++) {
    if (t > 1) pt *= (beta + t - 2) / (alpha + beta + t - 1);
    p.push(pt);
  }
  return p;
}

/** S(t) for t = 0..T (S(0) = 1). */
export function sbgSurvival(alpha: number, beta: number, T: number): number[] {
  const s = [1];
  const p = sbgChurnProbabilities(alpha, beta, T);
  for (let t = 1; t <= T; t++) s.push(s[t - 1] - p[t - 1]);
  return s;
}

/** Retention rate r(t) = S(t)/S(t−1) = (β+t−1)/(α+β+t−1), t = 1..T. */
export function sbgRetention(alpha: number, beta: number, T: number): number[] {
  return Array.from({ length: T }, (_, i) => (beta + i) / (alpha + beta + i));
}

export function sbgLogLik(alpha: number, beta: number, alive: number[]): number {
  const T = alive.length - 1;
  const p = sbgChurnProbabilities(alpha, beta, T);
  let ll = 0, s = 1;
  for (let t = 1; t <= T; t++) {
    const lost = alive[t - 1] - alive[t];
    if (lost > 0) ll += lost * Math.log(p[t - 1]);
    s -= p[t - 1];
  }
  return ll + alive[T] * Math.log(s);
}

/** Fits α, β to a cohort's survivors (periods 0..T). */
export function fitSbg(cohort: SurvivalCohort): SbgFit {
  const { alive } = cohort;
  if (alive.length < 2) throw new RangeError(`cohort ${cohort.name}: at least two periods (0 and 1) are needed`);
  const fit = maximiseLikelihood(['alpha', 'beta'], [1, 1], ([a, b]) => sbgLogLik(a, b, alive), alive[0]);
  return { model: 'sbg', cohort: cohort.name, periods: alive.length - 1, fit, alpha: value(fit, 'alpha'), beta: value(fit, 'beta') };
}
