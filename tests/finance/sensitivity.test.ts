/**
 * Sensitivity: the tornado ranks parameters in the order a hand-built scenario makes obvious;
 * the Morris design and elementary effects follow their definitions; parameters are fixed by
 * a pure transform that strategy overrides cannot undo.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Scenario } from '../../src/scenario/schema.ts';
import { strategyView, parametersOf, fixParameters } from '../../src/finance/fixed-parameters.ts';
import { analyseSensitivity, planSensitivity, type Sensitivity } from '../../src/finance/sensitivity.ts';
import { buildFactors, parseRangeParam } from '../../src/finance/sensitivity-factors.ts';
import { elementaryEffects, morrisDelta, morrisTrajectories } from '../../src/finance/morris.ts';
import { uncertainParameters } from '../../src/model/uncertainty.ts';
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

describe('Morris design and elementary effects', () => {
  it('each trajectory moves every parameter exactly once by ±Δ and stays on the grid', () => {
    const trs = morrisTrajectories(5, 20, 42, 4);
    const delta = morrisDelta(4);
    expect(delta).toBeCloseTo(2 / 3, 12);
    for (const tr of trs) {
      expect(tr.points).toHaveLength(6);
      expect(tr.moves.map((m) => m.factor).sort()).toEqual([0, 1, 2, 3, 4]);
      tr.moves.forEach((m, j) => {
        expect(Math.abs(m.delta)).toBeCloseTo(delta, 12);
        const diff = tr.points[j + 1].map((x, i) => x - tr.points[j][i]);
        diff.forEach((d, i) => (i === m.factor ? expect(d).toBeCloseTo(m.delta, 12) : expect(d).toBe(0)));
      });
      for (const p of tr.points) for (const x of p) expect([0, 1 / 3, 2 / 3, 1].some((g) => Math.abs(g - x) < 1e-12)).toBe(true);
    }
    expect(morrisTrajectories(5, 20, 42, 4)).toEqual(trs); // seeded
  });

  it('with an odd number of levels each recorded move is the move actually made (clamped at the edges)', () => {
    for (const tr of morrisTrajectories(3, 30, 7, 3)) {
      tr.moves.forEach((m, j) => {
        expect(tr.points[j + 1][m.factor] - tr.points[j][m.factor]).toBeCloseTo(m.delta, 12);
        expect(m.delta).not.toBe(0);
      });
    }
  });

  it('a linear function: μ* = |coefficient| and σ = 0; a product has σ > 0', () => {
    const trs = morrisTrajectories(3, 10, 7);
    const linear = (u: number[]) => 5 * u[0] - 2 * u[1] + 0 * u[2];
    const e = elementaryEffects(trs, trs.map((t) => t.points.map(linear)), 3);
    expect(e.map((x) => x.muStar)).toEqual([5, 2, 0].map((c) => expect.closeTo(c, 9)));
    expect(e.map((x) => x.mu)).toEqual([5, -2, 0].map((c) => expect.closeTo(c, 9)));
    expect(e.every((x) => x.sigma < 1e-9)).toBe(true);
    const product = elementaryEffects(trs, trs.map((t) => t.points.map((u) => u[0] * u[1])), 3);
    expect(product[0].sigma).toBeGreaterThan(0.1);
    expect(product[2].muStar).toBe(0);
  });
});

describe('fixing parameters', () => {
  const sc = Scenario.parse({
    meta: { name: 'overrides' },
    pools: { core: { marginRate: 0.3 } },
    segments: { s: { initialCustomers: 10, churn: { annualRate: 0.2 }, wallet: { core: { mean: 50 } } } },
    journeys: { j: { stages: { only: {} } } },
    strategies: {
      base: { baseline: true },
      risky: { overrides: { pools: { core: { marginRate: { dist: 'uniform', min: 0.2, max: 0.4 } } } } },
      other: { budget: { perYear: { dist: 'uniform', min: 0, max: 10 } } },
    },
  });

  it('a strategy override with a distribution is a parameter of that strategy only, and fixing it sticks', () => {
    expect(uncertainParameters(sc).map((p) => p.path)).toEqual(['strategies.other.budget.perYear']);
    const view = strategyView(sc, 'risky');
    expect(parametersOf(view, 'risky').map((p) => p.path)).toEqual(['pools.core.marginRate']);
    const fixed = fixParameters(view, { 'pools.core.marginRate': 0.25 });
    expect(fixed.pools.core.marginRate).toBe(0.25);
    expect(fixed.strategies.risky.overrides).toEqual({});
    expect(view.pools.core.marginRate).toEqual({ dist: 'uniform', min: 0.2, max: 0.4 }); // pure: the input is unchanged
  });

  it('declared ranges: parsed, checked against the schema, and reported with one message', () => {
    const view = strategyView(sc, 'base');
    expect(parseRangeParam('pools.core.marginRate=0.2:0.4')).toEqual({ text: 'pools.core.marginRate=0.2:0.4', path: 'pools.core.marginRate', low: 0.2, high: 0.4 });
    expect(parseRangeParam('pools.core.marginRate=0.4')).toBe('--param "pools.core.marginRate=0.4": expected PATH=LOW:HIGH (e.g. pools.digital.bass.q=0.3:0.6), found "0.4"');
    expect(parseRangeParam('x=3:1')).toBe('--param "x=3:1": expected LOW below HIGH, found 3:1');
    const bad = buildFactors(view, 'base', [parseRangeParam('pools.core.marginRate=0.2:1.4') as never], [0.1, 0.9]);
    expect(bad).toEqual({ ok: false, message: '--param "pools.core.marginRate=0.2:1.4": pools.core.marginRate  expected a number in [0, 1], found 1.4' });
    const missing = buildFactors(view, 'base', [parseRangeParam('pools.kore.marginRate=0.2:0.4') as never], [0.1, 0.9]);
    expect(missing).toEqual({ ok: false, message: '--param "pools.kore.marginRate=0.2:0.4": the scenario has no pools.kore.marginRate; pools has core' });
    const good = buildFactors(view, 'base', [parseRangeParam('pools.core.marginRate=0.2:0.4') as never], [0.1, 0.9]);
    expect(good.ok && good.factors.map((f) => [f.path, f.source, f.low, f.centre, f.high])).toEqual([['pools.core.marginRate', 'declared', 0.2, 0.3, 0.4]]);
  });
});
