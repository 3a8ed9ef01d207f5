/**
 * Robustness of a decision across stresses (src/finance/robustness.ts) with three strategies,
 * pinned to hand-computed numbers (issue 17 item 4; written against the survivors of the first
 * mutation run, whose fixture had two strategies).
 *
 * Strategies b (the baseline), x, y; stresses none, s1, s2; 3 replications. Mean net equity
 * (b is the same in every replication; x adds −1, 0, 1 and y adds 4, 0, −4):
 *
 *   |   | none | s1 | s2 |
 *   |---|------|----|----|
 *   | b | 100  | 80 | 90 |
 *   | x | 110  | 70 | 95 |
 *   | y | 105  | 85 | 60 |
 *
 * - preferred: none x, s1 y, s2 x; the decision flips under s1 (y − x = 20, 15, 10: mean 15,
 *   SE 5/√3, 95% CI 15 ± 4.3027·2.887 = [2.58, 27.4], clear).
 * - Δ vs b: x +10, −10, +5 (SE 1/√3: intervals exclude 0); y +5, +5, −30 (SE 4/√3: the
 *   unstressed lead's interval [−4.94, 14.9] contains 0).
 * - flips: x under s1 (clear); y under s2 (possible: the unstressed interval contains 0).
 * - regret (best − own): b 10 (none), 5, 5; x 0, 15 (s1), 0; y 5, 0, 35 (s2) → ranks b, x, y.
 * - worst case: b 80, x 70 (s1); y 60 (s2). Largest loss vs unstressed: b 20 (s1), x 40 (s1), y 45 (s2).
 * - leaders: expected x over y (margin 0, 5, 10: CI [−7.42, 17.4], not established); minimax
 *   regret b over x (b's −9, −10, −11 minus x's −20, −15, −10 = 11, 5, −1: not established);
 *   worst case b over x (80 − 69, 70, 71 = 11, 10, 9: established); no tail leader at n = 3.
 */
import { describe, expect, it } from 'vitest';
import { robustness, type CellValues } from '../../src/finance/robustness.ts';

const MEAN: Record<string, Record<string, number>> = { b: { none: 100, s1: 80, s2: 90 }, x: { none: 110, s1: 70, s2: 95 }, y: { none: 105, s1: 85, s2: 60 } };
const OFFSET: Record<string, number[]> = { b: [0, 0, 0], x: [-1, 0, 1], y: [4, 0, -4] };
const cells = (n = 3): CellValues[] => ['b', 'x', 'y'].flatMap((s) => ['none', 's1', 's2'].map((z) => ({ strategy: s, stress: z, values: OFFSET[s].slice(0, n).map((e) => MEAN[s][z] + e) })));
const close = (a: number, b: number, tol = 1e-9) => expect(Math.abs(a - b)).toBeLessThan(tol);
const t2 = 4.302652729749464;

describe('robustness with three strategies', () => {
  it('preferred strategies, the ranking by largest regret, worst cases and losses', () => {
    const r = robustness(cells(), ['b', 'x', 'y'], 'b');
    expect(r.preferred).toEqual([{ stress: 'none', strategy: 'x' }, { stress: 's1', strategy: 'y' }, { stress: 's2', strategy: 'x' }]);
    expect(r.rows.map((w) => [w.rank, w.strategy, w.expected, w.maxRegret.stress, w.worstCase, w.largestLoss])).toEqual([
      [1, 'b', 100, 'none', { stress: 's1', mean: 80 }, { stress: 's1', mean: 20 }],
      [2, 'x', 110, 's1', { stress: 's1', mean: 70 }, { stress: 's1', mean: 40 }],
      [3, 'y', 105, 's2', { stress: 's2', mean: 60 }, { stress: 's2', mean: 45 }],
    ]);
    close(r.rows[0].maxRegret.mean, 10);
    close(r.rows[1].maxRegret.mean, 15);
    close(r.rows[2].maxRegret.mean, 35);
    close(r.rows[2].maxRegret.ci95![0], 35 - (t2 * 5) / Math.sqrt(3), 1e-9); // x − y under s2: 30, 35, 40
    expect(r.rows.map((w) => [w.worstDelta.stress, Math.round(w.worstDelta.mean)])).toEqual([['none', 0], ['s1', -10], ['s2', -30]]);
    expect(r.rows[0].worstDelta.ci95).toBeNull();
    expect(r.rows.map((w) => w.worstTail)).toEqual([null, null, null]);
  });

  it('flips: clear when both intervals exclude 0, possible when the unstressed one does not', () => {
    const r = robustness(cells(), ['b', 'x', 'y'], 'b');
    expect(r.rows.map((w) => [w.strategy, w.flips])).toEqual([['b', []], ['x', [{ stress: 's1', clear: true }]], ['y', [{ stress: 's2', clear: false }]]]);
    expect(r.decisionFlips.map((f) => [f.stress, f.before, f.after, f.clear])).toEqual([['s1', 'x', 'y', true]]);
    close(r.decisionFlips[0].margin.mean, 15);
    close(r.decisionFlips[0].margin.meanCi95[0], 15 - (t2 * 5) / Math.sqrt(3));
  });

  it('leaders with their paired margins', () => {
    const r = robustness(cells(), ['b', 'x', 'y'], 'b');
    expect(r.leaders.map((l) => [l.criterion, l.strategy, l.runnerUp, l.established])).toEqual([
      ['expected', 'x', 'y', false],
      ['minimaxRegret', 'b', 'x', false],
      ['worstCase', 'b', 'x', true],
      ['worstTail', null, null, null],
    ]);
    close(r.leaders[0].margin!.mean, 5);
    close(r.leaders[0].margin!.meanCi95[0], 5 - (t2 * 5) / Math.sqrt(3));
    close(r.leaders[1].margin!.mean, 5);
    close(r.leaders[1].margin!.sd, 6);
    close(r.leaders[2].margin!.mean, 10);
    close(r.leaders[2].margin!.meanCi95[1], 10 + t2 / Math.sqrt(3));
  });

  it('two replications (the fewest the stress command accepts) are enough for paired differences', () => {
    const two = robustness(cells(2), ['b', 'x', 'y'], 'b');
    // x − b under s1 with offsets −1, 0: −11, −10
    expect(two.rows.find((w) => w.strategy === 'x')!.worstDelta.stress).toBe('s1');
    close(two.rows.find((w) => w.strategy === 'x')!.worstDelta.mean, -10.5);
    expect(two.rows.find((w) => w.strategy === 'x')!.worstDelta.ci95).not.toBeNull();
    close(two.rows.find((w) => w.strategy === 'y')!.maxRegret.mean, 32.5); // x − y under s2: 30, 35
    expect(two.leaders.slice(0, 3).every((l) => l.margin !== null)).toBe(true);
  });

  it('with 200 replications: the tail leader by its worst CVaR 5%, whatever the regret ranking', () => {
    // q leads unstressed (v + 10) but falls to v − 2 under x; p: v + 3 and v + 1. CVaR 5% of v = 1..200 is 5.5:
    // worst tails p 6.5, q 3.5 (both under x); regret q 3 (x), p 7 (none): ranks q, p; tail leader p by 3
    const v = Array.from({ length: 200 }, (_, k) => k + 1);
    const c: CellValues[] = [
      { strategy: 'q', stress: 'none', values: v.map((a) => a + 10) },
      { strategy: 'q', stress: 'x', values: v.map((a) => a - 2) },
      { strategy: 'p', stress: 'none', values: v.map((a) => a + 3) },
      { strategy: 'p', stress: 'x', values: v.map((a) => a + 1) },
    ];
    const r = robustness(c, ['q', 'p'], 'q');
    expect(r.rows.map((w) => [w.rank, w.strategy, w.worstTail])).toEqual([
      [1, 'q', { stress: 'x', cvar5: 3.5 }],
      [2, 'p', { stress: 'x', cvar5: 6.5 }],
    ]);
    const tail = r.leaders[3];
    expect([tail.strategy, tail.runnerUp, tail.established, tail.margin]).toEqual(['p', 'q', true, null]);
    expect(tail.note).toBe("CVaR 5% under each one's worst stress; margin over the runner-up with a paired-bootstrap 95% interval");
    close(tail.tailMargin!.value, 3);
    close(tail.tailMargin!.ci95[0], 3, 1e-9);
  });
});
