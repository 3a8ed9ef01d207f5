/**
 * Sensitivity: the tornado ranks parameters in the order a hand-built scenario makes obvious,
 * and switching values recover a break-even budget (simulated). The Morris design, fixing
 * parameters and declared ranges are in sensitivity-pure.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Scenario } from '../../src/scenario/schema.ts';
import { strategyView } from '../../src/finance/fixed-parameters.ts';
import { analyseSensitivity, planSensitivity, type Sensitivity } from '../../src/finance/sensitivity.ts';
import { buildFactors, parseRangeParam } from '../../src/finance/sensitivity-factors.ts';
import { runInProcess } from './small-scenarios.ts';

/**
 * Net equity here is (almost) customers × months × wallet × share of wallet × marginRate −
 * costToServe, with no CX effects. Swings between the 10th and 90th percentiles:
 *   marginRate ~ U(0.1, 0.5): 0.32 × 100 × 0.5        = 16    a customer-month
 *   wallet mean ~ U(98, 102): 3.2 × 0.5 × 0.3 (median) = 0.48
 *   costToServe ~ U(0, 0.1):  0.08                     = 0.08
 * so the order must be marginRate ≫ wallet > costToServe (a factor 33, then 6).
 */
const dominant = () =>
  Scenario.parse({
    meta: { name: 'dominant', horizonMonths: 12, seed: 3, replications: 6 },
    behaviour: { satisfactionReference: 0.6, promoterThreshold: 2 },
    pools: { core: { marginRate: { dist: 'uniform', min: 0.1, max: 0.5 }, costToServe: { dist: 'uniform', min: 0, max: 0.1 } } },
    segments: { s: { initialCustomers: 600, churn: { annualRate: 0.3 }, wallet: { core: { mean: { dist: 'uniform', min: 98, max: 102 }, cv: 0.3 } }, serviceNeed: 0, initialSatisfaction: 0.6 } },
    journeys: { j: { stages: { only: {} } } },
    strategies: { none: { baseline: true } },
  });

describe('tornado and Morris on a scenario where one parameter obviously dominates', () => {
  const sc = dominant();
  const view = strategyView(sc, 'none');
  const views = { strategy: view, baseline: view };
  const built = buildFactors(view, 'none', [], [0.1, 0.9]);
  if (!built.ok) throw new Error(built.message);
  const settings = { replications: 6, grid: 2, trajectories: 6, morrisReplications: 2, levels: 4, sobol: 0, sobolReplications: 1 };
  const plan = planSensitivity(views, 'none', 'none', built.factors, settings, 'equity');
  let s: Sensitivity;
  beforeAll(async () => {
    s = analyseSensitivity(views, built.factors, settings, plan, await runInProcess(plan.jobs));
  });

  it('orders the tornado marginRate, wallet, costToServe — each gap beyond 3 standard errors', () => {
    expect(s.tornado.map((b) => b.path)).toEqual(['pools.core.marginRate', 'segments.s.wallet.core.mean', 'pools.core.costToServe']);
    for (let i = 0; i + 1 < s.tornado.length; i++) {
      const [a, b] = [s.tornado[i], s.tornado[i + 1]];
      expect(a.swing - b.swing).toBeGreaterThan(3 * Math.hypot(a.difference.se, b.difference.se));
    }
    // signs: more margin and more wallet raise equity, more cost lowers it
    expect(s.tornado.map((b) => Math.sign(b.difference.mean))).toEqual([1, 1, -1]);
    // low/high are the 10th and 90th percentiles, the centre the median
    expect([s.tornado[0].low, s.tornado[0].centre, s.tornado[0].high]).toEqual([0.14, 0.3, 0.46].map((x) => expect.closeTo(x, 12)));
  });

  it('Morris ranks them the same way, with r·(k+1) points', () => {
    expect(s.morris!.map((m) => m.path)).toEqual(s.tornado.map((b) => b.path));
    expect(plan.points.filter((p) => p.kind === 'morris')).toHaveLength(6 * 4);
    expect(s.settings.morrisRuns).toBe(6 * 4 * 2); // equity output: the strategy only
    expect(s.runs).toBe(plan.jobs.length);
  });
});

describe('sensitivity on the decision: switching values', () => {
  // Two strategies with the same customers (their one lever acts on a touchpoint already without friction, so spend changes
  // nothing but cost): net equity of "fixed" − "flex" = a·(B − 1.2M), with B the yearly budget
  // of "flex" and a the monthly annuity factor. The break-even is B = 1.2M exactly.
  // The pool's margin rate is uncertain and moves both strategies alike.
  const sc = Scenario.parse({
    meta: { name: 'break-even', horizonMonths: 12, seed: 9, replications: 4 },
    pools: { core: { marginRate: { dist: 'uniform', min: 0.2, max: 0.4 } } },
    segments: { s: { initialCustomers: 500, churn: { annualRate: 0.2 }, wallet: { core: { mean: 50 } } } },
    journeys: { j: { stages: { only: { touchpoints: { smooth: { visitProbability: 0.5, friction: 0, floor: 0, pool: 'core' } } } } } },
    levers: { idle: { kind: 'friction', targets: ['smooth'], response: { scale: 1e6 } } },
    strategies: {
      flex: { baseline: true, budget: { perYear: 1e6, allocation: { idle: 1 } } },
      fixed: { budget: { perYear: 1.2e6, allocation: { idle: 1 } } },
    },
  });
  const views = { strategy: strategyView(sc, 'fixed'), baseline: strategyView(sc, 'flex') };
  const built = buildFactors(views.strategy, 'fixed', [parseRangeParam('strategies.flex.budget.perYear=500000:2000000') as never], [0.1, 0.9]);
  if (!built.ok) throw new Error(built.message);
  const settings = { replications: 3, grid: 5, trajectories: 0, morrisReplications: 1, levels: 4, sobol: 0, sobolReplications: 1 };
  const plan = planSensitivity(views, 'fixed', 'flex', built.factors, settings, 'difference');
  let s: Sensitivity;
  beforeAll(async () => {
    s = analyseSensitivity(views, built.factors, settings, plan, await runInProcess(plan.jobs));
  });

  it('recovers the break-even budget as the switching value', () => {
    const sw = s.switching.find((x) => x.path === 'strategies.flex.budget.perYear')!;
    expect(sw.value).toBeCloseTo(1.2e6, 0);
    expect(sw.preferredAtLow).toBe('flex');
    expect(sw.preferredAtHigh).toBe('fixed');
    expect(sw.text).toMatch(/switches from flex to fixed at 1\.20e\+6/);
  });
  it('a parameter that moves both strategies alike cannot change the decision: no swing on the difference, no switch', () => {
    const margin = s.tornado.find((b) => b.path === 'pools.core.marginRate')!;
    expect(Math.abs(margin.difference.mean)).toBeLessThan(1e-6);
    expect(s.switching.find((x) => x.path === 'pools.core.marginRate')!.value).toBeNull();
    expect(s.switching.find((x) => x.path === 'pools.core.marginRate')!.text).toMatch(/no switch in range: flex is preferred/);
    // while the strategy's own net equity does move with it
    const i = plan.points.findIndex((p) => p.kind === 'grid' && p.factor === built.factors.findIndex((f) => f.path === 'pools.core.marginRate') && p.u === 1);
    expect(i).toBeGreaterThan(0);
    expect(s.tornado[0].path).toBe('strategies.flex.budget.perYear');
  });
});
