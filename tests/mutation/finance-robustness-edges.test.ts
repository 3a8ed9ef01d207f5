/**
 * Robustness of a decision (src/finance/robustness.ts) at its edges, each case small enough to
 * check by hand (issue 17 item 4; written against the survivors of the three-strategy test in
 * finance-robustness.test.ts): ties (the first in the given order is kept), differences that are
 * exactly 0 in every replication (a 95% interval [0, 0] establishes nothing), a strategy that
 * is preferred everywhere (no regret and no interval), gains under every stress, an unstressed
 * column that is not the first, a missing cell, a single strategy, ties of the worst tail.
 * Values are listed per replication; differences that are the same in every replication have
 * SE 0 and the interval [d, d].
 */
import { describe, expect, it } from 'vitest';
import { robustness, type CellValues } from '../../src/finance/robustness.ts';

/** Cells from { strategy: { stress: values } }, in the order written. */
const table = (t: Record<string, Record<string, number[]>>): CellValues[] => Object.entries(t).flatMap(([strategy, row]) => Object.entries(row).map(([stress, values]) => ({ strategy, stress, values })));
const close = (a: number, b: number, tol = 1e-9) => expect(Math.abs(a - b)).toBeLessThan(tol);

describe('differences of exactly 0', () => {
  it('a strategy equal to the baseline unstressed: its flips under stress are never clear', () => {
    // s − b: none 0, 0 (interval [0, 0]); up +5, +5 (clearly ahead); down −5, −5 (clearly behind)
    const r = robustness(table({ b: { none: [10, 20], up: [10, 20], down: [10, 20] }, s: { none: [10, 20], up: [15, 25], down: [5, 15] } }), ['b', 's'], 'b');
    const s = r.rows.find((w) => w.strategy === 's')!;
    expect(s.flips).toEqual([{ stress: 'up', clear: false }, { stress: 'down', clear: false }]);
  });

  it('a stressed difference of exactly 0 is no flip', () => {
    // s − b: none +5, +7; flat 0, 0; down −1, −3
    const r = robustness(table({ b: { none: [10, 20], flat: [10, 20], down: [10, 20] }, s: { none: [15, 27], flat: [10, 20], down: [9, 17] } }), ['b', 's'], 'b');
    expect(r.rows.find((w) => w.strategy === 's')!.flips.map((f) => f.stress)).toEqual(['down']);
  });

  it('leaders tied in every replication: named (the first given), not established', () => {
    const r = robustness(table({ a: { none: [10, 20], z: [5, 6] }, c: { none: [10, 20], z: [5, 6] } }), ['a', 'c'], 'a');
    expect(r.preferred).toEqual([{ stress: 'none', strategy: 'a' }, { stress: 'z', strategy: 'a' }]);
    expect(r.leaders.slice(0, 3).map((l) => [l.criterion, l.strategy, l.runnerUp, l.established, l.margin!.meanCi95])).toEqual([
      ['expected', 'a', 'c', false, [0, 0]],
      ['minimaxRegret', 'a', 'c', false, [0, 0]],
      ['worstCase', 'a', 'c', false, [0, 0]],
    ]);
    // ranks: equal regret (0) and equal expected value keep the given order
    expect(r.rows.map((w) => w.strategy)).toEqual(['a', 'c']);
  });

  it('a decision flip to a strategy tied with the unstressed favourite is not clear', () => {
    // unstressed x leads; under z, y and x are equal in every replication and y comes first: y is preferred
    const r = robustness(table({ y: { none: [1, 2], z: [5, 7] }, x: { none: [3, 4], z: [5, 7] } }), ['y', 'x'], 'x');
    expect(r.preferred).toEqual([{ stress: 'none', strategy: 'x' }, { stress: 'z', strategy: 'y' }]);
    expect(r.decisionFlips.map((f) => [f.stress, f.before, f.after, f.margin.mean, f.margin.meanCi95, f.clear])).toEqual([['z', 'x', 'y', 0, [0, 0], false]]);
  });
});

describe('ties and orders', () => {
  it('the worst Δ vs the baseline is the lowest, wherever it is', () => {
    // s − b: none −5, s1 −10, s2 −3 (every replication)
    const r = robustness(table({ b: { none: [0, 0], s1: [0, 0], s2: [0, 0] }, s: { none: [-5, -5], s1: [-10, -10], s2: [-3, -3] } }), ['b', 's'], 'b');
    const s = r.rows.find((w) => w.strategy === 's')!;
    expect(s.worstDelta).toEqual({ stress: 's1', mean: -10, ci95: [-10, -10] });
    // its regret (b − s): 5, 10, 3 → s1; b is preferred everywhere: regret 0, no interval
    expect(s.maxRegret).toEqual({ stress: 's1', mean: 10, ci95: [10, 10] });
    expect(r.rows.find((w) => w.strategy === 'b')!.maxRegret).toEqual({ stress: 'none', mean: 0, ci95: null });
    // losses of s vs unstressed: s1 5, s2 −2 (a gain) → s1
    expect(s.largestLoss).toEqual({ stress: 's1', mean: 5 });
  });

  it('equal regrets, worst cases and losses: the first stress keeps the place', () => {
    // b − s: none 0, p 4, q 4 → max regret p; s's means 10, 6, 6 → worst case p; loss 4 under p and q → p
    const r = robustness(table({ b: { none: [10, 10], p: [10, 10], q: [10, 10] }, s: { none: [10, 10], p: [6, 6], q: [6, 6] } }), ['b', 's'], 'b');
    const s = r.rows.find((w) => w.strategy === 's')!;
    expect([s.maxRegret.stress, s.worstCase, s.largestLoss]).toEqual(['p', { stress: 'p', mean: 6 }, { stress: 'p', mean: 4 }]);
  });

  it('gains under every stress: the largest loss is the smallest gain, not the unstressed 0', () => {
    const r = robustness(table({ b: { none: [10, 10], g1: [13, 13], g2: [11, 11] } }), ['b'], 'b');
    expect(r.rows[0].largestLoss).toEqual({ stress: 'g2', mean: -1 });
  });

  it('equal largest regrets rank the higher expected value first', () => {
    // p and q both regret 2 at most; q's unstressed mean is higher
    const r = robustness(table({ p: { none: [10, 10], z: [6, 6] }, q: { none: [12, 12], z: [4, 4] }, w: { none: [8, 8], z: [8, 8] } }), ['p', 'q', 'w'], 'p');
    // regret: p (none 2, z 2), q (none 0, z 4), w (none 4, z 0) → p 2; q 4; w 4 (q first: higher expected)
    expect(r.rows.map((x) => [x.rank, x.strategy, x.maxRegret.mean])).toEqual([[1, 'p', 2], [2, 'q', 4], [3, 'w', 4]]);
  });

  it('the unstressed column need not come first', () => {
    // cells written stress first: b's delta d0 is the unstressed one, not the first cell's
    const cells: CellValues[] = [
      { strategy: 'b', stress: 'z', values: [0, 0] },
      { strategy: 'b', stress: 'none', values: [0, 0] },
      { strategy: 's', stress: 'z', values: [-3, -3] },
      { strategy: 's', stress: 'none', values: [2, 2] },
    ];
    const r = robustness(cells, ['b', 's'], 'b');
    const s = r.rows.find((w) => w.strategy === 's')!;
    expect(s.flips).toEqual([{ stress: 'z', clear: true }]);
    expect(s.expected).toBe(2);
    expect(s.largestLoss).toEqual({ stress: 'z', mean: 5 });
  });
});

describe('incomplete inputs', () => {
  // (the stress command makes every cell; robustness() still skips a missing one where it can)
  it('a strategy without a cell under a stress is left out of that column', () => {
    const cells = table({ b: { none: [5, 5], z: [1, 1] }, s: { none: [3, 3] } });
    const r = robustness(cells, ['b', 's'], 'b');
    expect(r.preferred).toEqual([{ stress: 'none', strategy: 'b' }, { stress: 'z', strategy: 'b' }]);
    expect(r.rows.map((w) => [w.strategy, w.maxRegret.stress, w.maxRegret.mean, w.flips, w.largestLoss])).toEqual([
      ['b', 'none', 0, [], { stress: 'z', mean: 4 }],
      ['s', 'none', 2, [], { stress: 'none', mean: 0 }],
    ]);
  });

  it('the baseline without a cell under a stress: no Δ there, no flip', () => {
    const cells = table({ b: { none: [1, 1] }, s: { none: [3, 3], z: [0, 0] } });
    const r = robustness(cells, ['b', 's'], 'b');
    const s = r.rows.find((w) => w.strategy === 's')!;
    expect(s.flips).toEqual([]);
    expect(s.worstDelta).toEqual({ stress: 'z', mean: 0, ci95: null });
  });

  it('a strategy without an unstressed cell: no expected value, no losses, no flips', () => {
    const cells = table({ b: { none: [1, 1], z: [1, 1] }, s: { z: [0, 0] } });
    const r = robustness(cells, ['b', 's'], 'b');
    const s = r.rows.find((w) => w.strategy === 's')!;
    expect([s.expected, s.largestLoss, s.flips, s.worstDelta.mean]).toEqual([NaN, { stress: 'none', mean: 0 }, [], -1]);
    expect(r.leaders[0].margin).toBeNull();
  });

  it('a single strategy: leaders without a runner-up', () => {
    const r = robustness(table({ b: { none: [1, 2], z: [0, 1] } }), ['b'], 'b');
    expect(r.leaders.map((l) => [l.criterion, l.strategy, l.runnerUp, l.margin, l.established])).toEqual([
      ['expected', 'b', null, null, null],
      ['minimaxRegret', 'b', null, null, null],
      ['worstCase', 'b', null, null, null],
      ['worstTail', null, null, null, null],
    ]);
    const v = Array.from({ length: 200 }, (_, k) => k);
    const tail = robustness(table({ b: { none: v } }), ['b'], 'b').leaders[3];
    expect([tail.strategy, tail.runnerUp, tail.established, tail.tailMargin]).toEqual(['b', null, null, undefined]);
  });
});

describe('the worst tail (200 replications)', () => {
  const v = Array.from({ length: 200 }, (_, k) => k + 1); // CVaR 5% of 1..200: 5.5

  it('the lowest CVaR wherever it is; a tie keeps the first', () => {
    const r = robustness(table({ p: { none: v.map((x) => x - 4), z: v, y: v.map((x) => x + 1) }, q: { none: v, z: v.map((x) => x + 2), y: v } }), ['p', 'q'], 'p');
    expect(r.rows.find((w) => w.strategy === 'p')!.worstTail).toEqual({ stress: 'none', cvar5: 1.5 });
    // q: none 5.5, z 7.5, y 5.5 → none (the first of the tie)
    expect(r.rows.find((w) => w.strategy === 'q')!.worstTail).toEqual({ stress: 'none', cvar5: 5.5 });
  });

  it('two strategies with the same tail in every replication: named, not established (interval [0, 0])', () => {
    const r = robustness(table({ p: { none: v }, q: { none: v } }), ['p', 'q'], 'p');
    const tail = r.leaders[3];
    expect([tail.strategy, tail.runnerUp, tail.established]).toEqual(['p', 'q', false]);
    expect(tail.tailMargin).toEqual({ value: 0, ci95: [0, 0] });
    close(r.leaders[0].margin!.mean, 0);
  });
});
