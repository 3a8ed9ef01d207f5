/**
 * A scenario changed by a finance tool is checked again (src/finance/scenario-variant.ts): one
 * message per problem, naming the parameter (issue 17 item 4; the finance CLI tests that reach
 * this code run in child processes, invisible to mutation testing).
 */
import { describe, expect, it } from 'vitest';
import { adhocShockProblems, budgetProblems, checkVariant } from '../../src/finance/scenario-variant.ts';
import type { Scenario, StressShock } from '../../src/scenario/schema.ts';
import { levered, leveredInput } from '../finance/levered.ts';

describe('a changed scenario checked again', () => {
  it('valid: normalised (defaults filled in)', () => {
    const c = checkVariant(leveredInput());
    expect(c.ok).toBe(true);
    if (c.ok) expect(c.scenario.meta.currency).toBe('USD');
  });
  it('out of range in the schema: the path and the message', () => {
    const bad = leveredInput();
    (bad.pools as Record<string, { marginRate: number }>).core.marginRate = 1.5;
    expect(checkVariant(bad)).toEqual({ ok: false, problems: ['pools.core.marginRate  expected a number in [0, 1], found 1.5'] });
  });
  it('a broken cross-reference: the path and the message', () => {
    const bad = leveredInput() as unknown as { journeys: { j: { stages: { use: { touchpoints: { shop: { pool: string } } } } } } };
    bad.journeys.j.stages.use.touchpoints.shop.pool = 'nope';
    expect(checkVariant(bad)).toEqual({ ok: false, problems: ['journeys.j.stages.use.touchpoints.shop.pool  expected a pool id (core, next), found "nope"'] });
  });
});

describe('ad-hoc shocks checked as a named stress', () => {
  const sc = levered();
  it('acceptable shocks: no problems', () => {
    expect(adhocShockProblems(sc, [{ kind: 'recession', fromMonth: 1, walletFactor: 0.5 }])).toEqual([]);
  });
  it('problems are named from the shock list, without the stress they were checked as', () => {
    expect(adhocShockProblems(sc, [{ kind: 'recession', fromMonth: 1, walletFactor: -2 }])).toEqual(['shocks[0].walletFactor  expected a number ≥ 0, found -2']);
    expect(adhocShockProblems(sc, [{ kind: 'poolCollapse', pool: 'nope', month: 1, factor: 0.5 } as StressShock])).toEqual(['shocks[0].pool  expected a pool id (core, next), found "nope"']);
  });
  it("another stress's problems are not the shocks'; a problem outside the stresses is shown as it is", () => {
    const input = leveredInput() as unknown as { stresses: Record<string, { shocks: unknown[] }>; pools: Record<string, { marginRate: number }> };
    input.stresses.slump.shocks = [{ kind: 'recession', fromMonth: 6, walletFactor: -1 }];
    input.pools.core.marginRate = 2;
    expect(adhocShockProblems(input as unknown as Scenario, [{ kind: 'recession', fromMonth: 1, walletFactor: 0.5 }])).toEqual(['pools.core.marginRate  expected a number in [0, 1], found 2']);
  });
});

describe("a budget checked as the template's own", () => {
  const sc = levered();
  it('acceptable: none; negative: the path and the message', () => {
    expect(budgetProblems(sc, 'spend', 1000)).toEqual([]);
    expect(budgetProblems(sc, 'spend', -5)).toEqual(['strategies.spend.budget.perYear  expected a number ≥ 0, found -5']);
  });
});
