/**
 * Levers (MODEL.md §7, docs/model.md §7): money → capital that decays → effect with
 * diminishing returns.
 *   C_t = C_{t−1}·(1−δ)^(months per step) + efficiency·spend_{t−lag}
 *   effect = max·(1 − exp(−C/scale))            (exponential)
 *   effect = max·Cⁿ/(Cⁿ + scaleⁿ)                (Hill)
 */
import type { Lever, Resolved } from '../scenario/schema.ts';
import type { Clock } from './time.ts';

export type ResolvedLever = Resolved<Lever>;

export function leverEffect(lever: ResolvedLever, capital: number): number {
  const { curve, scale, shape, max } = lever.response;
  if (capital <= 0) return 0;
  if (curve === 'hill') {
    const cn = Math.pow(capital, shape);
    return (max * cn) / (cn + Math.pow(scale, shape));
  }
  return max * (1 - Math.exp(-capital / scale));
}

/** Per-step capital retention (1−δ)^(months per step). */
export function capitalRetention(lever: ResolvedLever, clock: Clock): number {
  return Math.pow(1 - lever.decayPerMonth, clock.monthsPerStep);
}

/** Lag in steps. */
export function lagSteps(lever: ResolvedLever, clock: Clock): number {
  return Math.round(lever.lagMonths / clock.monthsPerStep);
}
