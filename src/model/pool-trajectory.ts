/**
 * Profit-pool wallet index walletIndex_p(t) (MODEL.md §2, docs/model.md §2): the market's
 * spend per participating customer relative to month 0. Deterministic trajectory × shocks ×
 * an optional mean-one log-normal random walk (per replication) × stress multipliers.
 */
import type { Resolved, Pool } from '../scenario/schema.ts';
import { interpolatePoints, stepToMonth, type Clock } from './time.ts';
import { normalQuantile } from '../random/normal.ts';

type ResolvedPool = Resolved<Pool>;

/** The deterministic trajectory at a month. */
export function trajectoryAt(pool: ResolvedPool, month: number): number {
  const t = pool.wallet.trajectory;
  switch (t.type) {
    case 'constant':
      return 1;
    case 'cagr':
      return Math.pow(1 + t.rate, month / 12);
    case 'logistic': {
      const f = (m: number) => t.from + (t.to - t.from) / (1 + Math.exp((-t.steepness * (m - t.midpointMonth)) / 12));
      const f0 = f(0);
      return f0 > 0 ? f(month) / f0 : 0;
    }
    case 'points':
      return interpolatePoints(t.points, month);
  }
}

/**
 * Index per step, evaluated at the start of each step. `walk` supplies uniforms for the
 * volatility random walk (one per step); `multiplier` is the stress multiplier per step;
 * `walkLevel[0]` receives the walk's level exp(logWalk) at the last step, `walkPath[t]` its level at every step. Beyond the horizon the
 * trajectory is evaluated as defined (CAGR continues, logistic tends to its asymptote, points
 * hold the last value) and the walk holds its level (src/model/valuation.ts).
 */
export function walletIndexSeries(pool: ResolvedPool, clock: Clock, walk: () => number, multiplier?: Float64Array, walkLevel?: Float64Array, walkPath?: Float64Array): Float64Array {
  const out = new Float64Array(clock.steps);
  const sigma = pool.wallet.volatility * Math.sqrt(clock.monthsPerStep / 12);
  let logWalk = 0;
  for (let t = 0; t < clock.steps; t++) {
    const month = stepToMonth(t, clock);
    let v = trajectoryAt(pool, month);
    for (const s of pool.wallet.shocks) {
      const end = s.durationMonths === undefined ? Infinity : s.month + s.durationMonths;
      if (month >= s.month && month < end) v *= s.factor;
    }
    if (sigma > 0 && t > 0) logWalk += sigma * normalQuantile(walk()) - 0.5 * sigma * sigma;
    out[t] = Math.max(0, v * Math.exp(logWalk) * (multiplier ? multiplier[t] : 1));
    if (walkPath) walkPath[t] = Math.exp(logWalk);
  }
  if (walkLevel) walkLevel[0] = Math.exp(logWalk);
  return out;
}
