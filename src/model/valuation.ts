/**
 * Compiled valuation rules (docs/model.md §11 "Valuation"; scenario block `valuation:`).
 *
 * - Payment timing (§11.1): arrears — a step's margin is received at its end from the
 *   customers who survive it, discount D_end[t] = δ^(t+1); advance — at its start from every
 *   customer alive then, D_start[t] = δ^t. Lever spend is paid at the start of a step (it builds
 *   capital there), acquisition cost and workforce cost at its end; offers and portfolio
 *   treatments go with the margin.
 * - Long-run growth (§11.3): g_p per year of each pool's wallet index in the closing
 *   perpetuity — `wallet.longRunGrowth` when given, else the CAGR of a `cagr` trajectory, 0 for
 *   constant, logistic (asymptote) and points (flat after the last point). Per step:
 *   (1+g_p)^(1/stepsPerYear) − 1.
 * - Run-off model (§11.2): the same scenario compiled on the run-off clock
 *   (runoffStepsPerYear) over horizon + runoffYears, so that pool trajectories, shocks, Bass
 *   diffusion, competitor paths and stresses are defined beyond the horizon; the wallet
 *   random walk holds its level at the horizon (a mean-one martingale: its expectation).
 *   The run-off reads that model from step T₀ = horizonMonths / monthsPerRunoffStep on.
 */
import type { Resolved, Pool, Scenario } from '../scenario/schema.ts';

export const BEYOND_NONE = 0, BEYOND_PERPETUITY = 1, BEYOND_RUNOFF = 2;

export interface CompiledValuation {
  /** 0 none, 1 perpetuity, 2 runoff. */
  beyond: number;
  advance: boolean;
  /** Costs continue beyond the horizon at the last year's run-rate. */
  costsRunRate: boolean;
  runoffYears: number;
  /** Steps per year of the run-off actually used (the requested one when it divides the horizon, else 12). */
  runoffStepsPerYear: number;
  /** Long-run annual growth of each pool's wallet index beyond the horizon. */
  growthPerYear: Float64Array;
  /** Value each year end inside the horizon by a full run-off (else by the closing perpetuity). */
  yearEndRunoff: boolean;
}

/** Long-run annual growth of a pool's wallet index (Gordon's g): wallet.longRunGrowth, else a cagr trajectory's rate, else 0. */
export function longRunGrowth(pool: Resolved<Pool>): number {
  if (pool.wallet.longRunGrowth !== undefined) return pool.wallet.longRunGrowth;
  const t = pool.wallet.trajectory;
  return t.type === 'cagr' ? t.rate : 0;
}

/** Per-step growth factor minus one: (1+g)^(1/stepsPerYear) − 1. */
export function growthPerStep(gYear: number, stepsPerYear: number): number {
  return Math.pow(1 + gYear, 1 / stepsPerYear) - 1;
}

export function compileValuation(sc: Resolved<Scenario>): CompiledValuation {
  const v = sc.valuation;
  const monthsPerRunoffStep = 12 / v.runoffStepsPerYear;
  const divides = sc.meta.horizonMonths % monthsPerRunoffStep === 0;
  return {
    beyond: v.beyondHorizon === 'runoff' ? BEYOND_RUNOFF : v.beyondHorizon === 'perpetuity' ? BEYOND_PERPETUITY : BEYOND_NONE,
    advance: v.paymentTiming === 'advance',
    costsRunRate: v.costsBeyondHorizon === 'run-rate',
    runoffYears: v.runoffYears,
    runoffStepsPerYear: divides ? v.runoffStepsPerYear : 12,
    growthPerYear: Float64Array.from(Object.values(sc.pools).map((p) => longRunGrowth(p as Resolved<Pool>))),
    yearEndRunoff: v.yearEnds === 'runoff' && v.beyondHorizon === 'runoff',
  };
}

/**
 * The scenario on the run-off clock: horizon extended by the run-off, steps of the run-off,
 * wallet volatility removed (the engine multiplies by the walk's level at the horizon).
 */
export function runoffScenario(scenario: Scenario, stepsPerYear: number): Scenario {
  const pools = Object.fromEntries(
    Object.entries(scenario.pools).map(([id, p]) => [id, { ...p, wallet: { ...p.wallet, volatility: 0 } }]),
  ) as Scenario['pools'];
  return {
    ...scenario,
    meta: { ...scenario.meta, stepsPerYear: stepsPerYear as Scenario['meta']['stepsPerYear'], horizonMonths: scenario.meta.horizonMonths + 12 * scenario.valuation.runoffYears },
    pools,
  };
}
