/**
 * Review of the optimiser's optimality check (src/finance/optimise.ts, docs/finance.md
 * "Optimality check"): with --allow-unspent, leaving money unspent is one more option worth 0
 * per unit, so the Karush–Kuhn–Tucker conditions also need every lever in use to be worth at
 * least 0 on its last step, and — when budget is left unspent — no lever worth more than 0 on
 * its next step. Without those two checks the page says "the conditions hold" at an allocation
 * that unspending (or spending) one step would beat.
 */
import { describe, expect, it } from 'vitest';
import { checkOptimality } from '../../src/finance/optimise.ts';
import type { Interval } from '../../src/metrics/interval.ts';

const ci = (x: number, h: number): Interval => [x - h, x + h];
/** Two levers; forward and backward values per unit with a ± half width. */
function check(shares: number[], fwd: number[], back: (number | null)[], h: number, unspent?: boolean) {
  return checkOptimality(
    'mean',
    ['a', 'b'],
    shares,
    fwd.map((f, i) => ({ objectivePerUnit: f, backwardPerUnit: back[i], objectivePerUnitCi95: ci(f, h), backwardPerUnitCi95: back[i] === null ? null : ci(back[i]!, h) })),
    (j, i) => ({ mean: fwd[j] - back[i]!, ci95: ci(fwd[j] - back[i]!, h) }),
    (id) => id.toUpperCase(),
    0.05,
    unspent === undefined ? undefined : { allowUnspent: unspent, unspentShare: 1 - shares.reduce((a, x) => a + x, 0) },
  );
}

describe('optimality with budget allowed to stay unspent', () => {
  it('fails when a lever in use loses money on its last step (unspending it would raise the objective)', () => {
    // A and B share one marginal value, but it is clearly below 0: a step left unspent is worth more
    const c = check([0.5, 0.5], [-2, -2], [-1.5, -1.5], 0.2, true);
    expect(c.holds).toBe(false);
    expect(c.sentences[0]).toMatch(/leaving 5% of the budget unspent instead of on A would raise it/);
  });

  it('fails when budget is left unspent although a lever is clearly worth more than 0 on its next step', () => {
    const c = check([0.3, 0], [1.5, 0.2], [1.8, null], 0.2, true);
    expect(c.holds).toBe(false);
    expect(c.sentences[0]).toMatch(/spending 5% of the budget now unspent on A would raise it/);
  });

  it('holds when the levers in use are worth ≥ 0 and the unspent budget has nowhere better to go', () => {
    const c = check([0.3, 0], [-0.5, -0.8], [0.6, null], 0.2, true);
    expect(c.holds).toBe(true);
    expect(c.sentences[0]).toMatch(/Budget may stay unspent: every lever in use is worth at least 0 on its last step, and no lever is worth more than 0 on its next step while budget is unspent/);
  });

  it('without --allow-unspent the whole budget must be spent: a negative common value is no failure of the conditions', () => {
    const c = check([0.5, 0.5], [-2, -2], [-1.5, -1.5], 0.2, false);
    expect(c.holds).toBe(true);
  });
});
