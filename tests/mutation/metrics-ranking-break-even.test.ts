/**
 * src/metrics/ranking-precision.ts, break-even.ts, paired-difference.ts (pairing) and clv.ts,
 * pinned to numbers worked out by hand on small inputs: which pairs of strategies are checked and
 * in what order (every strategy against the baseline in the input's order, then neighbours in the
 * ranking, each pair once whichever way round), the median break-even month at an odd number of
 * replications, the messages of an unpairable comparison, and which replications a CLV group
 * counts (those where the group has customers).
 */
import { describe, expect, it } from 'vitest';
import { rankingIssues } from '../../src/metrics/ranking-precision.ts';
import { breakEven, valuedBreakEvenYear } from '../../src/metrics/break-even.ts';
import { pairByReplication, sortByReplication } from '../../src/metrics/paired-difference.ts';
import { clvBy, clvOverall } from '../../src/metrics/clv.ts';
import { clvSummary, makeResult } from '../helpers/replication-result.ts';

describe('rankingIssues: the pairs checked', () => {
  // base ≡ 0, so each difference against it is the strategy's own net equity.
  // x = [2, −1, 2, −1]: mean 0.5, sd √3 (deviations ±1.5, 9/3), se √3/2 = 0.866; t(0.975, 3) = 3.1824
  // gives ± 2.756, so the interval holds 0; needed = ⌈((1.95996 + 0.84162)·√3 / 0.5)²⌉ = ⌈94.19⌉ = 95.
  // z = −x: mean −0.5, the same sd, needed 95. w = [5, 6, 5, 6] is separated from base (and from x:
  // w − x = [3, 7, 3, 7], mean 5 ± 3.18·1.155 = 3.68). Ranking: w, x, base, z.
  const netEquity = { z: [-2, 1, -2, 1], x: [2, -1, 2, -1], base: [0, 0, 0, 0], w: [5, 6, 5, 6] };
  const fmt = (v: number) => v.toFixed(2);

  it('baseline pairs in the input order; the neighbour pairs (x, base) and (base, z) are not checked twice', () => {
    const issues = rankingIssues(netEquity, 'base', fmt);
    expect(issues.map((i) => [i.a, i.b, i.difference, i.needed, i.replications])).toEqual([
      ['z', 'base', -0.5, 95, 4],
      ['x', 'base', 0.5, 95, 4],
    ]);
    expect(issues[1].se).toBeCloseTo(Math.sqrt(3) / 2, 12);
    // the default name is the id
    expect(issues[0].message).toBe('z vs base: cannot rank at 4 replications — the paired difference in net equity is -0.50 ± 2.76 (95% CI); about 95 replications would be needed to separate them.');
  });

  it('a strategy ranked below the baseline is one issue, not two', () => {
    const issues = rankingIssues({ base: [0, 0, 0, 0], z: netEquity.z }, 'base', fmt);
    expect(issues.map((i) => [i.a, i.b])).toEqual([['z', 'base']]);
  });

  it('a neighbour pair after another neighbour pair is still checked; a strategy clearly below the baseline is not an issue', () => {
    // base ≡ 0; hi = [10, 11, 10, 11] is separated from everything; mid = [3, 0, 3, 0] (mean 1.5, sd √3,
    // needed ⌈7.8489·3/1.5²⌉ = ⌈10.47⌉ = 11); lo = [−1, 2, −1, 2] (mean 0.5, sd √3, needed 95);
    // mid − lo = [4, −2, 4, −2] (mean 1, sd √12, needed ⌈7.8489·12⌉ = 95); v = [−10, −11, −10, −11]
    // lies wholly below the baseline (interval < 0). Ranking hi, mid, lo, base, v: neighbour pairs
    // (hi, mid) separated, (mid, lo) an issue, (lo, base) and (base, v) already checked.
    const issues = rankingIssues({ hi: [10, 11, 10, 11], mid: [3, 0, 3, 0], lo: [-1, 2, -1, 2], v: [-10, -11, -10, -11], base: [0, 0, 0, 0] }, 'base', fmt);
    expect(issues.map((i) => [i.a, i.b, i.difference, i.needed])).toEqual([
      ['mid', 'base', 1.5, 11],
      ['lo', 'base', 0.5, 95],
      ['mid', 'lo', 1, 95],
    ]);
  });
});

describe('breakEven and valuedBreakEvenYear', () => {
  it('odd number of replications: the median is the middle break-even month', () => {
    // monthly steps; break-even steps 1, 2, 3 → months elapsed 2, 3, 4; mean path [−1, −1/3, 1/3, 1] → step 2, month 3
    const paths = [[-1, 1, 1, 1], [-1, -1, 1, 1], [-1, -1, -1, 1]].map((p) => Float64Array.from(p));
    expect(breakEven(paths, 12)).toEqual({ month: 3, shareOfReplications: 1, medianMonth: 3 });
    // quarterly steps: months 6, 9, 12, median 9
    expect(breakEven(paths, 4).medianMonth).toBe(9);
  });

  it('no replications: no break-even month, no median, the share 0/0', () => {
    const b = breakEven([], 12);
    expect(b.month).toBeNull();
    expect(b.medianMonth).toBeNull();
    expect(b.shareOfReplications).toBeNaN();
    expect(valuedBreakEvenYear([], [])).toBeNull();
  });
});

describe('pairByReplication and sortByReplication', () => {
  const r = (strategy: string, replication: number) => makeResult({ strategy, replication, steps: 1 });

  it('names both strategies and both replication lists when they do not pair', () => {
    expect(() => pairByReplication([r('S', 1), r('S', 0)], [r('B', 0), r('B', 2)])).toThrow(new RangeError('cannot pair S with B: replications [0,1] vs [0,2]'));
  });

  it('an empty side is named "?"', () => {
    expect(() => pairByReplication([], [r('B', 0)])).toThrow(new RangeError('cannot pair ? with B: replications [] vs [0]'));
    expect(() => pairByReplication([r('S', 0)], [])).toThrow(new RangeError('cannot pair S with ?: replications [0] vs []'));
  });

  it('sorts a copy: the caller\'s array keeps its order', () => {
    const rs = [r('S', 2), r('S', 0), r('S', 1)];
    expect(sortByReplication(rs).map((x) => x.replication)).toEqual([0, 1, 2]);
    expect(rs.map((x) => x.replication)).toEqual([2, 0, 1]);
  });
});

describe('CLV groups count the replications where the group has customers', () => {
  // replication 0 has no customers in the group (count 0); 1 has CLVs 10, 20; 2 has 30, 50, 70, 90
  const none = { ...clvSummary([0]), count: 0 };
  const s1 = clvSummary([10, 20]);
  const s2 = clvSummary([30, 50, 70, 90]);
  const results = [none, s1, s2].map((all, k) =>
    makeResult({ replication: k, steps: 1, clv: { all, bySegment: k === 0 ? { b: none } : { a: none, b: all } } }),
  );

  it('overall: 2 replications with customers, 2 customers on average over all 3', () => {
    const g = clvOverall(results);
    expect(g.replications).toBe(2);
    expect(g.count).toBe(2);
    expect(g.mean!.mean).toBe(37.5); // (15 + 60) / 2
    expect(g.mean!.n).toBe(2);
    expect(g.distribution).toEqual({ min: 20, p5: (s1.p5 + s2.p5) / 2, p25: (s1.p25 + s2.p25) / 2, p50: 37.5, p75: (s1.p75 + s2.p75) / 2, p95: (s1.p95 + s2.p95) / 2, max: 55 });
  });

  it('by segment: keys in first-seen order; a segment never with customers has no mean and no distribution', () => {
    const by = clvBy(results, 'bySegment');
    expect(Object.keys(by)).toEqual(['b', 'a']);
    expect(by.a).toEqual({ mean: null, count: 0, replications: 0, distribution: null });
    expect(by.b.replications).toBe(2);
  });
});
