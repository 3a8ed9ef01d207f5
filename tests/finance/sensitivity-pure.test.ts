/**
 * Sensitivity without simulation: the Morris design and elementary effects follow their
 * definitions; parameters are fixed by a pure transform that strategy overrides cannot undo;
 * declared ranges are parsed and checked. (Split from sensitivity.test.ts, whose other tests
 * simulate: these run in milliseconds and are on the mutation test list, mutation.folders.mjs.)
 */
import { describe, expect, it } from 'vitest';
import { Scenario } from '../../src/scenario/schema.ts';
import { strategyView, parametersOf, fixParameters } from '../../src/finance/fixed-parameters.ts';
import { buildFactors, parseRangeParam } from '../../src/finance/sensitivity-factors.ts';
import { elementaryEffects, morrisDelta, morrisTrajectories } from '../../src/finance/morris.ts';
import { uncertainParameters } from '../../src/model/uncertainty.ts';

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
