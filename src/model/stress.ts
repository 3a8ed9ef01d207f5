/**
 * Stresses (docs/model.md §7): shocks applied on top of any strategy, compiled to per-step
 * multipliers and additions. Pure; the scenario itself is not changed.
 */
import type { Resolved, StressShock } from '../scenario/schema.ts';
import { stepToMonth, type Clock } from './time.ts';

export interface StressModifiers {
  /** Multiplier on every lever's spend, per step. */
  budget: Float64Array;
  /** Multiplier on the wallet index per pool, per step. */
  wallet: Record<string, Float64Array>;
  /** Added to competitors' experience level per pool, per step. */
  competitor: Record<string, Float64Array>;
  /** Multiplier on the customer churn hazard, per step. */
  churn: Float64Array;
  /** Multiplier on employee turnover, per step. */
  turnover: Float64Array;
}

export function compileStress(shocks: readonly Resolved<StressShock>[], poolIds: readonly string[], clock: Clock): StressModifiers {
  const ones = () => new Float64Array(clock.steps).fill(1);
  const m: StressModifiers = {
    budget: ones(),
    wallet: Object.fromEntries(poolIds.map((p) => [p, ones()])),
    competitor: Object.fromEntries(poolIds.map((p) => [p, new Float64Array(clock.steps)])),
    churn: ones(),
    turnover: ones(),
  };
  const within = (month: number, from: number, to: number | undefined) => month >= from && month < (to ?? Infinity);
  for (let t = 0; t < clock.steps; t++) {
    const month = stepToMonth(t, clock);
    for (const s of shocks) {
      switch (s.kind) {
        case 'budgetCut':
          if (within(month, s.fromMonth, s.toMonth)) m.budget[t] *= 1 - s.cut;
          break;
        case 'poolCollapse':
          if (month >= s.month && Object.hasOwn(m.wallet, s.pool)) m.wallet[s.pool][t] *= s.factor;
          break;
        case 'competitorLeap':
          if (month >= s.month && Object.hasOwn(m.competitor, s.pool)) m.competitor[s.pool][t] += s.increase;
          break;
        case 'recession':
          if (within(month, s.fromMonth, s.toMonth)) for (const p of poolIds) m.wallet[p][t] *= s.walletFactor;
          break;
        case 'attritionSpike':
          if (within(month, s.fromMonth, s.toMonth)) (s.target === 'employees' ? m.turnover : m.churn)[t] *= s.multiplier;
          break;
      }
    }
  }
  return m;
}
