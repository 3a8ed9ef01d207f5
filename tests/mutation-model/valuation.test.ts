/** src/model/valuation.ts pinned: Gordon's g per pool, per-step growth, the compiled rules, the run-off scenario. */
import { describe, expect, it } from 'vitest';
import { BEYOND_NONE, BEYOND_PERPETUITY, BEYOND_RUNOFF, compileValuation, growthPerStep, longRunGrowth, runoffScenario } from '../../src/model/valuation.ts';
import { Pool, Scenario, type Resolved } from '../../src/scenario/schema.ts';
import { neutral } from '../engine/neutral.ts';

const pool = (wallet: Record<string, unknown>) => Pool.parse({ marginRate: 0.3, wallet }) as Resolved<Pool>;

describe('long-run growth', () => {
  it('wallet.longRunGrowth when given (also 0), else a cagr rate, else 0', () => {
    expect(longRunGrowth(pool({ longRunGrowth: 0.02, trajectory: { type: 'cagr', rate: 0.05 } }))).toBe(0.02);
    expect(longRunGrowth(pool({ longRunGrowth: 0, trajectory: { type: 'cagr', rate: 0.05 } }))).toBe(0);
    expect(longRunGrowth(pool({ trajectory: { type: 'cagr', rate: 0.05 } }))).toBe(0.05);
    expect(longRunGrowth(pool({ trajectory: { type: 'cagr', rate: -0.1 } }))).toBe(-0.1);
    expect(longRunGrowth(pool({}))).toBe(0);
    expect(longRunGrowth(pool({ trajectory: { type: 'logistic', from: 1, to: 2, midpointMonth: 6, steepness: 1 } }))).toBe(0);
  });
  it('per step: (1 + g)^(1/stepsPerYear) − 1', () => {
    expect(growthPerStep(0.21, 2)).toBeCloseTo(0.1, 14);
    expect(growthPerStep(0.4641, 4)).toBeCloseTo(0.1, 14);
    expect(growthPerStep(0, 12)).toBe(0);
  });
});

describe('compileValuation', () => {
  const sc = (valuation: Record<string, unknown>, horizonMonths = 36) =>
    neutral({ meta: { horizonMonths }, valuation, pools: { core: { wallet: { trajectory: { type: 'cagr', rate: 0.03 } } }, other: { marginRate: 0.2, wallet: { longRunGrowth: -0.01 } } } }) as Resolved<Scenario>;
  it('runoff with a run-off step that divides the horizon', () => {
    const v = compileValuation(sc({ beyondHorizon: 'runoff', runoffStepsPerYear: 4, runoffYears: 7, paymentTiming: 'advance', costsBeyondHorizon: 'run-rate', yearEnds: 'runoff' }));
    expect(v).toEqual({ beyond: BEYOND_RUNOFF, advance: true, costsRunRate: true, runoffYears: 7, runoffStepsPerYear: 4, growthPerYear: Float64Array.from([0.03, -0.01]), yearEndRunoff: true });
  });
  it('a run-off step that does not divide the horizon falls back to monthly', () => {
    expect(compileValuation(sc({ beyondHorizon: 'runoff', runoffStepsPerYear: 4 }, 31)).runoffStepsPerYear).toBe(12);
    expect(compileValuation(sc({ beyondHorizon: 'runoff', runoffStepsPerYear: 1 }, 30)).runoffStepsPerYear).toBe(12);
    expect(compileValuation(sc({ beyondHorizon: 'runoff', runoffStepsPerYear: 1 }, 24)).runoffStepsPerYear).toBe(1);
  });
  it('perpetuity and none; arrears; no run-rate costs; year ends by the full rule only with a run-off', () => {
    const p = compileValuation(sc({ beyondHorizon: 'perpetuity', paymentTiming: 'arrears', costsBeyondHorizon: 'none', yearEnds: 'runoff' }));
    expect([p.beyond, p.advance, p.costsRunRate, p.yearEndRunoff]).toEqual([BEYOND_PERPETUITY, false, false, false]);
    const n = compileValuation(sc({ beyondHorizon: 'none' }));
    expect(n.beyond).toBe(BEYOND_NONE);
    expect([BEYOND_NONE, BEYOND_PERPETUITY, BEYOND_RUNOFF]).toEqual([0, 1, 2]);
    expect(compileValuation(sc({ beyondHorizon: 'runoff', yearEnds: 'approximate' })).yearEndRunoff).toBe(false);
  });
});

describe('runoffScenario', () => {
  it('extends the horizon by the run-off, sets its steps and removes wallet volatility, leaving the scenario alone', () => {
    const s = neutral({ meta: { horizonMonths: 24, stepsPerYear: 12 }, valuation: { beyondHorizon: 'runoff', runoffYears: 5 }, pools: { core: { wallet: { volatility: 0.3, trajectory: { type: 'cagr', rate: 0.02 } } } } });
    const r = runoffScenario(s, 4);
    expect(r.meta.horizonMonths).toBe(24 + 60);
    expect(r.meta.stepsPerYear).toBe(4);
    expect(r.meta.seed).toBe(s.meta.seed);
    expect(r.pools.core.wallet.volatility).toBe(0);
    expect(r.pools.core.wallet.trajectory).toEqual({ type: 'cagr', rate: 0.02 });
    expect(r.pools.core.marginRate).toBe(0.3);
    expect(r.segments).toBe(s.segments);
    expect(s.meta.horizonMonths).toBe(24);
    expect(s.meta.stepsPerYear).toBe(12);
    expect(s.pools.core.wallet.volatility).toBe(0.3);
  });
});
