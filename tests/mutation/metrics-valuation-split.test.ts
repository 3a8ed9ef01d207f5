/**
 * The value split and horizon robustness (src/metrics/valuation-split.ts) pinned to hand-computed
 * numbers on three replications (issue 17 items 2 and 4). t_{0.975,2} = 4.302652730 (table).
 */
import { describe, expect, it } from 'vitest';
import { horizonRobustness, valueSplit } from '../../src/metrics/valuation-split.ts';
import type { ReplicationResult } from '../../src/engine/result.ts';
import { makeResult } from '../helpers/replication-result.ts';

const T2 = 4.302652729749462;
const close = (actual: number | null | undefined, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
};
const closeAll = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, i) => close(x, expected[i]));
};

describe('valueSplit', () => {
  // net equity = within + run-off + closing; beyond = run-off + closing
  const rep = (strategy: string, k: number, within: number, runoff: number, closing: number) =>
    makeResult({ strategy, replication: k, steps: 12, totals: { netEquity: within + runoff + closing, netEquityWithinHorizon: within, netValueRunoff: runoff, netValueClosing: closing, netValueBeyondHorizon: runoff + closing } });
  const split = (within: Record<string, number[]>) => {
    const by = new Map<string, ReplicationResult[]>();
    for (const [id, w] of Object.entries(within)) by.set(id, w.map((x, k) => rep(id, k, x, id === 'base' ? 1 : 2 + k, id === 's2' ? 10 : 4)));
    return valueSplit(by, 'base');
  };

  it('splits each strategy and pairs the parts with the baseline', () => {
    // base: within 5, 6, 7, run-off 1, closing 4 → net 10, 11, 12
    // s1:   within 20, 22, 24, run-off 2, 3, 4, closing 4 → beyond 6, 7, 8, net 26, 29, 32
    // s2:   within 1, 2, 3, run-off 2, 3, 4, closing 10 → beyond 12, 13, 14, net 13, 15, 17
    const v = split({ base: [5, 6, 7], s1: [20, 22, 24], s2: [1, 2, 3] });
    expect(v.rule).toEqual(makeResult({ steps: 1 }).valuation);
    expect(v.strategies.map((s) => s.strategy)).toEqual(['base', 's1', 's2']);
    const [b, s1, s2] = v.strategies;
    expect([b.netEquity.mean, b.withinHorizon.mean, b.runoff.mean, b.closing.mean, b.beyondHorizon.mean]).toEqual([11, 6, 1, 4, 5]);
    expect([s1.netEquity.mean, s1.withinHorizon.mean, s1.runoff.mean, s1.closing.mean, s1.beyondHorizon.mean]).toEqual([29, 22, 3, 4, 7]);
    expect([s2.netEquity.mean, s2.withinHorizon.mean, s2.runoff.mean, s2.closing.mean, s2.beyondHorizon.mean]).toEqual([15, 2, 3, 10, 13]);
    // the intervals are those of the values: s1's net 26, 29, 32 has sd 3, se √3, 95% ± 4.302653 · √3
    close(s1.netEquity.meanCi95[0], 29 - T2 * Math.sqrt(3));
    close(s1.withinHorizon.meanCi95[1], 22 + T2 * (2 / Math.sqrt(3)));
    close(s2.closing.sd, 0);
    close(b.shareBeyondHorizon, 5 / 11);
    close(s1.shareBeyondHorizon, 7 / 29);
    close(s2.shareBeyondHorizon, 13 / 15);
    expect(b.vsBaseline).toBeNull();
    // s1 − base within: 15, 16, 17; beyond: 1, 2, 3
    expect(s1.vsBaseline!.withinHorizon.mean).toBe(16);
    expect(s1.vsBaseline!.beyondHorizon.mean).toBe(2);
    close(s1.vsBaseline!.beyondHorizon.se, 1 / Math.sqrt(3));
    // s2 − base within: −4, −4, −4; beyond: 7, 8, 9
    expect(s2.vsBaseline!.withinHorizon.mean).toBe(-4);
    expect(s2.vsBaseline!.withinHorizon.sd).toBe(0);
    expect(s2.vsBaseline!.beyondHorizon.mean).toBe(8);
    // by net: s1 29 > s2 15 > base 11; within: s1 22 > base 6 > s2 2
    expect(v.ranking).toEqual(['s1', 's2', 'base']);
    expect(v.rankingWithinHorizon).toEqual(['s1', 'base', 's2']);
    expect(v.rankingHoldsWithinHorizon).toBe(false);
    expect(v.bestHoldsWithinHorizon).toBe(true);
  });

  it('says when the best strategy or the whole ranking holds within the horizon', () => {
    // s2 ahead of s1 both in net equity and within the horizon
    const changed = split({ base: [5, 6, 7], s1: [20, 22, 24], s2: [30, 30, 30] });
    expect(changed.ranking).toEqual(['s2', 's1', 'base']); // net s2 = 30 + 3 + 10 = 43 > s1 29 > base 11
    const swapped = split({ base: [5, 6, 7], s1: [30, 32, 34], s2: [25, 25, 25] }); // net s1 39, s2 38; within s1 32, s2 25
    expect(swapped.ranking).toEqual(['s1', 's2', 'base']);
    expect(swapped.rankingWithinHorizon).toEqual(['s1', 's2', 'base']);
    expect(swapped.rankingHoldsWithinHorizon).toBe(true);
    expect(swapped.bestHoldsWithinHorizon).toBe(true);
    const best = split({ base: [5, 6, 7], s1: [20, 22, 24], s2: [23, 23, 23] }); // net s2 36 > s1 29; within s2 23 > s1 22
    expect(best.ranking).toEqual(['s2', 's1', 'base']);
    expect(best.bestHoldsWithinHorizon).toBe(true);
    const lost = split({ base: [5, 6, 7], s1: [20, 22, 24], s2: [19, 20, 21] }); // net s2 33 > s1 29; within s1 22 > s2 20
    expect(lost.ranking).toEqual(['s2', 's1', 'base']);
    expect(lost.rankingWithinHorizon).toEqual(['s1', 's2', 'base']);
    expect(lost.rankingHoldsWithinHorizon).toBe(false);
    expect(lost.bestHoldsWithinHorizon).toBe(false);
  });

  it('gives no share beyond the horizon when mean net equity is 0', () => {
    const by = new Map([['base', [rep('base', 0, -5, 1, 4), rep('base', 1, -6, 2, 4)]]]);
    const v = valueSplit(by, 'base');
    expect(v.strategies[0].netEquity.mean).toBe(0);
    expect(v.strategies[0].shareBeyondHorizon).toBeNull();
  });
});

describe('horizonRobustness over three year ends', () => {
  // 36 monthly steps, no discounting, margin m per step, value beyond year y = tv[y − 1]:
  // equity at year y < 3 = 12·y·m + tv[y − 1]; at year 3 the totals' net equity 36·m + tv[2].
  // Strategy − baseline per replication: margins differ by δ = 1, 2, 3 (mean 2, se 1/√3) and
  // the values beyond by c = 0, 20, 40 in every replication, so year y differs by 24·y + c[y − 1]
  // with half-width 12·y · 4.302653 / √3 = 29.8097·y; without values beyond by 24·y.
  const run = (strategy: string, k: number, margin: number, tv: number[]) =>
    makeResult({ strategy, replication: k, steps: 36, series: { margin }, terminalValueByYear: tv });
  const baseline = [0, 1, 2].map((k) => run('base', k, 10 + 5 * k, [100, 100, 100]));
  const ahead = [0, 1, 2].map((k) => run('s', k, 11 + 6 * k, [100, 120, 140]));
  const hw = (y: number) => (12 * y * T2) / Math.sqrt(3);

  it('pins every year end: mean, 95% interval, within-horizon mean; lead established from year 2', () => {
    const h = horizonRobustness(ahead, baseline, true);
    expect(h.strategy).toBe('s');
    expect(h.years).toEqual([1, 2, 3]);
    closeAll(h.mean, [24, 68, 112]);
    closeAll(h.lo95, [24 - hw(1), 68 - hw(2), 112 - hw(3)]); // −5.81 (includes 0), 8.38, 22.57
    closeAll(h.hi95, [24 + hw(1), 68 + hw(2), 112 + hw(3)]);
    closeAll(h.meanWithin, [24, 48, 72]);
    expect(h.leadAtHorizon).toBe(1);
    expect(h.establishedFromYear).toBe(2);
  });

  it('mirrors a lead behind the baseline', () => {
    const h = horizonRobustness(baseline.map((r) => ({ ...r, strategy: 'b' })), ahead, true);
    expect(h.strategy).toBe('b');
    closeAll(h.mean, [-24, -68, -112]);
    closeAll(h.hi95, [-24 + hw(1), -68 + hw(2), -112 + hw(3)]);
    expect(h.leadAtHorizon).toBe(-1);
    expect(h.establishedFromYear).toBe(2);
  });

  it('without the values beyond each year end: 24·y, never established at n = 3', () => {
    const h = horizonRobustness(ahead, baseline, false);
    closeAll(h.mean, [24, 48, 72]);
    closeAll(h.lo95, [24 - hw(1), 48 - hw(2), 72 - hw(3)]);
    expect(h.leadAtHorizon).toBe(0);
    expect(h.establishedFromYear).toBeNull();
  });

  it('established from year 1 when every year excludes 0, and pairs replications by index', () => {
    const early = [2, 0, 1].map((k) => run('s', k, 11 + 6 * k, [140, 140, 140])); // c = 40 every year, given out of order
    const h = horizonRobustness(early, baseline, true);
    closeAll(h.mean, [64, 88, 112]);
    expect(h.establishedFromYear).toBe(1);
    expect(h.leadAtHorizon).toBe(1);
  });

  it('no year end within a horizon shorter than a year', () => {
    const short = (strategy: string) => [0, 1].map((k) => makeResult({ strategy, replication: k, steps: 6, series: { margin: k } }));
    const h = horizonRobustness(short('s'), short('base'), true);
    expect(h).toEqual({ strategy: 's', years: [], mean: [], lo95: [], hi95: [], meanWithin: [], leadAtHorizon: 0, establishedFromYear: null });
  });
});

describe('value split and horizon robustness: ties', () => {
  it('a strategy identical to the baseline has no lead (its interval is exactly [0, 0])', () => {
    const same = (strategy: string) => [0, 1, 2].map((k) => makeResult({ strategy, replication: k, steps: 24, series: { margin: 10 + k }, terminalValueByYear: [5, 5] }));
    const h = horizonRobustness(same('s'), same('base'), true);
    expect(h.lo95).toEqual([0, 0]);
    expect(h.hi95).toEqual([0, 0]);
    expect(h.leadAtHorizon).toBe(0);
    expect(h.establishedFromYear).toBeNull();
  });
  it('compares whole rankings, not their ids run together ("x", "xx" against "xx", "x")', () => {
    const rep = (strategy: string, k: number, within: number, beyond: number) =>
      makeResult({ strategy, replication: k, steps: 12, totals: { netEquity: within + beyond, netEquityWithinHorizon: within, netValueBeyondHorizon: beyond } });
    // net: xx 12 > x 10; within: x 10 > xx 2
    const v = valueSplit(new Map([['x', [0, 1].map((k) => rep('x', k, 10, 0))], ['xx', [0, 1].map((k) => rep('xx', k, 2, 10))]]), 'x');
    expect(v.ranking).toEqual(['xx', 'x']);
    expect(v.rankingWithinHorizon).toEqual(['x', 'xx']);
    expect(v.rankingHoldsWithinHorizon).toBe(false);
  });
});

describe('horizon robustness: a year tied exactly before the lead', () => {
  // year 1 identical (interval [0, 0]), year 2: exactly 12 more (or less) in every replication
  const run = (strategy: string, k: number, extra: number) =>
    makeResult({ strategy, replication: k, steps: 24, series: { margin: Array.from({ length: 24 }, (_, t) => 10 + k + (t >= 12 ? extra : 0)) } });
  const baseline = [0, 1, 2].map((k) => run('base', k, 0));
  it('the lead is established from year 2, not from the tied year 1', () => {
    const h = horizonRobustness([0, 1, 2].map((k) => run('s', k, 1)), baseline, true);
    expect([h.lo95, h.hi95]).toEqual([[0, 12], [0, 12]]);
    expect([h.leadAtHorizon, h.establishedFromYear]).toEqual([1, 2]);
  });
  it('likewise when behind', () => {
    const h = horizonRobustness([0, 1, 2].map((k) => run('s', k, -1)), baseline, true);
    expect([h.leadAtHorizon, h.establishedFromYear]).toEqual([-1, 2]);
  });
});
