/**
 * Valuation checks zod alone cannot see (docs/metrics.md, "Valuation"): the value beyond the
 * horizon is a Gordon perpetuity per customer, Σ_k m·((1+g)ρ/(1+d))^k, which is finite only when
 * (1+g)·ρ < 1+d. ρ ≤ 1 − θ_min (annual survival at the lowest churn propensity a segment can
 * have), so a scenario is refused when some pool grows so fast — or some segment can churn so
 * little — that (1+g)(1−θ_min) ≥ 1+d; with Beta churn (θ_min = 0) also when g = d and α ≤ 1,
 * where the expected value is infinite (E[1/θ] = ∞). Pure.
 */
import { distributionSupport, type Param, type Scenario } from './schema.ts';
import type { Finding } from './errors.ts';

const upper = (p: Param): number => (typeof p === 'number' ? p : distributionSupport(p)[1]);
const lower = (p: Param): number => (typeof p === 'number' ? p : distributionSupport(p)[0]);
const pct = (x: number) => `${Number((100 * x).toPrecision(4))}%`;

export function valuationFindings(scenario: Scenario): Finding[] {
  const rule = scenario.valuation.beyondHorizon;
  if (rule === 'none') return [];
  const d = scenario.meta.discountRate;
  const out: Finding[] = [];
  for (const [pid, pool] of Object.entries(scenario.pools)) {
    const t = pool.wallet.trajectory;
    const g = pool.wallet.longRunGrowth !== undefined ? upper(pool.wallet.longRunGrowth) : t.type === 'cagr' ? upper(t.rate) : 0;
    for (const [sid, seg] of Object.entries(scenario.segments)) {
      const churn = seg.churn as { annualRate?: Param; alpha?: Param; beta?: Param };
      const fixed = churn.annualRate !== undefined;
      const thetaMin = fixed ? lower(churn.annualRate!) : 0;
      const alphaMin = fixed ? Infinity : lower(churn.alpha!);
      const diverges = fixed ? (1 + g) * (1 - thetaMin) >= 1 + d : 1 + g > 1 + d || (g >= d && alphaMin <= 1);
      if (!diverges) continue;
      const churnText = fixed ? `an annual churn of ${pct(thetaMin)} (segments.${sid}.churn.annualRate)` : `Beta churn (segments.${sid}.churn, α from ${alphaMin}) with propensities near 0`;
      out.push({
        path: ['meta', 'discountRate'],
        message:
          `expected a discount rate at which the value beyond the horizon (valuation.beyondHorizon: ${rule}) is finite, found ${pct(d)}: ` +
          `pool ${pid} grows up to ${pct(g)} a year for ever (pools.${pid}.wallet.${pool.wallet.longRunGrowth !== undefined ? 'longRunGrowth' : 'trajectory'}) and ${churnText} keeps customers for ever, so (1+g)(1−θ) ≥ 1+d; ` +
          'raise meta.discountRate, set the pool’s wallet.longRunGrowth below it, lower the customers’ survival, or set valuation.beyondHorizon: none',
      });
      return out;
    }
  }
  return out;
}
