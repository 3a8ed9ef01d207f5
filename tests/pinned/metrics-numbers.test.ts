/**
 * Numbers, not shapes (issue 17, item 2): every statistic src/metrics reports, pinned to a value
 * computed by hand (the arithmetic is in the comments) on a small fixed input. Quantiles of
 * Student's t are table values (t_{0.975,7} = 2.364624, t_{0.95,7} = 1.894579,
 * t_{0.975,2} = 4.302653, t_{0.975,4} = 2.776445); z_{0.975} = 1.959964, z_{0.8} = 0.841621.
 * Deterministic: no tolerance beyond floating-point rounding (1e-9 relative or better).
 */
import { describe, expect, it } from 'vitest';
import { summarise, tQuantile, t90, t95, wilsonInterval, Z90, Z95 } from '../../src/metrics/interval.ts';
import { pairByReplication, pairedDifference, withPBeats } from '../../src/metrics/paired-difference.ts';
import { roi, ROI_MATERIALITY } from '../../src/metrics/roi.ts';
import { MAX_REPLICATIONS_ESTIMATE, rankingIssues, replicationsNeeded } from '../../src/metrics/ranking-precision.ts';
import { bandsByStep, atHorizon, meanOverHorizon, seriesBand } from '../../src/metrics/series-bands.ts';
import { monthOfStep, monthsElapsedAfterStep, series, seriesFamily } from '../../src/metrics/series.ts';
import { cxSpendPerYear, cxSpendByLever, presentValue } from '../../src/metrics/cx-spend.ts';
import { poolShares } from '../../src/metrics/pool-share.ts';
import { retentionCurves } from '../../src/metrics/retention.ts';
import { serviceProfitChain } from '../../src/metrics/service-profit-chain.ts';
import { clvBy, clvOverall } from '../../src/metrics/clv.ts';
import { breakEven } from '../../src/metrics/break-even.ts';
import { shapleyValues, coalitionsToRun, coalitionKey } from '../../src/metrics/attribution.ts';
import { compareStrategies, strategyCostPV, visitCostPV } from '../../src/metrics/comparison.ts';
import { Scenario } from '../../src/scenario/schema.ts';
import { clvSummary, makeResult } from '../helpers/replication-result.ts';

const close = (actual: number | null | undefined, expected: number, rel = 1e-9) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
};

describe('interval summary of 9, 2, 4, 5, 4, 7, 4, 5 (n = 8, given unsorted)', () => {
  // sorted 2 4 4 4 5 5 7 9; mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32 → var 32/7,
  // sd √(32/7) = 2.1380899, se = sd/√8 = 0.7559289.
  // type-7 percentiles at h = 7p: p5 → 0.35 → 2 + 0.35·2 = 2.7; p95 → 6.65 → 7 + 0.65·2 = 8.3;
  // p2.5 → 0.175 → 2.35; p97.5 → 6.825 → 8.65; median → 3.5 → (4 + 5)/2 = 4.5.
const make_s = () => summarise([9, 2, 4, 5, 4, 7, 4, 5]);
  it('mean, sd, se, median', () => {
    const s = make_s();
    expect(s.n).toBe(8);
    close(s.mean, 5);
    close(s.sd, Math.sqrt(32 / 7));
    close(s.se, Math.sqrt(32 / 7) / Math.sqrt(8));
    close(s.median, 4.5);
  });
  it('every percentile of the 90% and 95% ranges', () => {
    const s = make_s();
    close(s.range90[0], 2.7);
    close(s.range90[1], 8.3);
    close(s.range95[0], 2.35);
    close(s.range95[1], 8.65);
  });
  it('t intervals of the mean with 7 degrees of freedom (not z)', () => {
    const s = make_s();
    const se = Math.sqrt(32 / 7) / Math.sqrt(8);
    close(s.meanCi95[0], 5 - 2.364624252 * se, 1e-8);
    close(s.meanCi95[1], 5 + 2.364624252 * se, 1e-8);
    close(s.meanCi90[0], 5 - 1.894578605 * se, 1e-8);
    close(s.meanCi90[1], 5 + 1.894578605 * se, 1e-8);
  });
  it('t quantiles: t95(n) = t_{0.975,n−1}, t90(n) = t_{0.95,n−1}, z at infinite degrees of freedom', () => {
    const s = make_s();
    close(t95(8), 2.364624252, 1e-8);
    close(t90(8), 1.894578605, 1e-8);
    close(t95(3), 4.302652730, 1e-8);
    expect(tQuantile(0.975, Infinity)).toBe(Z95);
    expect(tQuantile(0.95, Infinity)).toBe(Z90);
    close(tQuantile(0.9, Infinity), 1.2815515655, 1e-8); // z_{0.9}
    close(Z95, 1.959963984540054, 1e-15);
    close(Z90, 1.6448536269514722, 1e-15);
  });
  it('refuses n < 2 and a non-finite value anywhere', () => {
    const s = make_s();
    expect(() => summarise([])).toThrow(/found 0/);
    expect(() => summarise([1, 2, Infinity])).toThrow(/finite values, found Infinity/);
  });
});

describe('Wilson score interval (Wilson 1927)', () => {
  // p̂ = 0.3, n = 10, z² = 3.841459: centre (0.3 + 0.192073)/1.384146 = 0.355507,
  // half 1.959964/1.384146·√(0.021 + 0.009604) = 0.247716 → [0.107791, 0.603222]
  it('3 of 10 at 95% and at 90%', () => {
    const w = wilsonInterval(3, 10);
    close(w[0], 0.1077912674, 1e-8);
    close(w[1], 0.6032218525, 1e-8);
    const w90 = wilsonInterval(3, 10, Z90);
    close(w90[0], 0.1268765839, 1e-8);
    close(w90[1], 0.5583002041, 1e-8);
  });
  it('0 of 5: lower bound clipped to 0, upper z²/(n + z²) = 0.434482', () => {
    const w = wilsonInterval(0, 5);
    expect(w[0]).toBe(0);
    close(w[1], Z95 ** 2 / (5 + Z95 ** 2), 1e-12);
  });
  it('no trials: the whole [0, 1]', () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});

describe('paired difference of (10, 12, 9, 11, 15) and (9, 12, 10, 8, 10)', () => {
  // d = 1, 0, −1, 3, 5: mean 1.6, sd √(23.2/4) = 2.408319, se 1.077033;
  // wins 1 + ½ + 0 + 1 + 1 = 3.5 → P(beats) 0.7, SE √(0.7·0.3/5) = 0.204939,
  // Wilson(3.5, 5) = [0.298791, 0.927416]; t_{0.975,4} = 2.776445.
const make_p = () => pairedDifference([10, 12, 9, 11, 15], [9, 12, 10, 8, 10]);
  it('summary, P(beats), its SE and its Wilson interval', () => {
    const p = make_p();
    close(p.mean, 1.6);
    close(p.sd, Math.sqrt(23.2 / 4));
    close(p.se, Math.sqrt(23.2 / 4) / Math.sqrt(5));
    close(p.meanCi95[1], 1.6 + 2.776445105 * Math.sqrt(23.2 / 20), 1e-8);
    close(p.range90[0], -0.8); // sorted −1 0 1 3 5, h = 0.2 → −1 + 0.2·1
    close(p.pBeats, 0.7);
    close(p.pBeatsSe, Math.sqrt((0.7 * 0.3) / 5));
    close(p.pBeatsCi95[0], 0.2987910541, 1e-8);
    close(p.pBeatsCi95[1], 0.9274159600, 1e-8);
  });
  it('a loss counts 0, a tie ½, a win 1', () => {
    const p = make_p();
    expect(withPBeats([-1, -2]).pBeats).toBe(0);
    expect(withPBeats([0, 0, -1, 2]).pBeats).toBe(0.5);
  });
  it('refuses unequal lengths', () => {
    const p = make_p();
    expect(() => pairedDifference([1, 2], [1, 2, 3])).toThrow(/found 2 and 3/);
  });
  it('pairs results by replication index and refuses mismatched replications', () => {
    const p = make_p();
    const r = (replication: number) => makeResult({ steps: 1, replication });
    const [a, b] = pairByReplication([r(2), r(0), r(1)], [r(1), r(2), r(0)]);
    expect(a.map((x) => x.replication)).toEqual([0, 1, 2]);
    expect(b.map((x) => x.replication)).toEqual([0, 1, 2]);
    expect(() => pairByReplication([r(0), r(1)], [r(0), r(2)])).toThrow(/\[0,1\] vs \[0,2\]/);
  });
});

describe('ROI: ratio of means, delta-method SE, t_{n−1} interval', () => {
  // Δnet 100, 300, 260; Δcosts 50+0+0, 80+10+10, 100−20+10 = 50, 100, 90 → means 220 / 80 → R = 2.75;
  // residuals Δnet − R·Δcosts = −37.5, 25, 12.5 → sd √(2187.5/2) = 33.07189, se = sd/√3/80 = 0.2386758;
  // interval 2.75 ± 4.302653·0.2386758 = [1.723061, 3.776939].
const make_x = () => roi([100, 300, 260], { cxSpendPV: [50, 80, 100], workforceCostPV: [0, 10, -20], visitCostPV: [0, 10, 10] }, 1000);
  it('value, SE and interval', () => {
    const x = make_x();
    close(x.value, 2.75);
    close(x.se, 0.2386758174, 1e-8);
    close(x.meanCi95![0], 1.7230608425, 1e-8);
    close(x.meanCi95![1], 3.7769391575, 1e-8);
  });
  it('the parts of the denominator and the materiality band', () => {
    const x = make_x();
    close(x.deltaCostPV, 80);
    close(x.deltaCxSpendPV, 230 / 3);
    close(x.deltaWorkforceCostPV, -10 / 3);
    close(x.deltaVisitCostPV, 20 / 3);
    close(x.materiality, 10);
    expect(ROI_MATERIALITY).toBe(0.01);
  });
  it('a cost difference exactly at the band is "about the same cost"; the band uses |scale|', () => {
    const x = make_x();
    const cx = (c: number) => ({ cxSpendPV: [c, c], workforceCostPV: [0, 0], visitCostPV: [0, 0] });
    expect(roi([5, 5], cx(10), 1000).value).toBeNull();
    close(roi([5, 5], cx(10.001), 1000).value, 5 / 10.001);
    expect(roi([5, 5], cx(10), -1000).materiality).toBe(10);
    expect(roi([5, 5], cx(10), -1000).value).toBeNull();
    const less = roi([5, 5], cx(-50), 1000);
    expect(less.short).toBe('costs less');
    expect(less.note).toContain('Δ costs -50.0');
  });
  it('a single replication: the value with no spread', () => {
    const x = make_x();
    const one = roi([30], { cxSpendPV: [20], workforceCostPV: [0], visitCostPV: [0] }, 100);
    close(one.value, 1.5);
    expect(one.se).toBe(0);
    expect(one.meanCi95).toEqual([1.5, 1.5]);
  });
});

describe('replications needed and ranking messages', () => {
  it('n = ⌈((z_{0.975} + z_{0.8})·sd/|mean|)²⌉, at least 2, at most the cap', () => {
    // (2.8015852·3/1)² = 70.64 → 71, the same for a negative mean
    expect(replicationsNeeded(1, 3)).toBe(71);
    expect(replicationsNeeded(-1, 3)).toBe(71);
    expect(replicationsNeeded(100, 1)).toBe(2);
    expect(replicationsNeeded(5, 0)).toBe(2);
    expect(replicationsNeeded(0, 1)).toBe(MAX_REPLICATIONS_ESTIMATE);
    expect(replicationsNeeded(1e-6, 1)).toBe(MAX_REPLICATIONS_ESTIMATE);
    expect(MAX_REPLICATIONS_ESTIMATE).toBe(100_000);
  });
  it('a message with the paired difference, its t half-width and the replications needed', () => {
    // a − base = 1, −1, 3, 1: mean 1, sd √(8/3) = 1.632993, se 0.816497; t_{0.975,3}·se = 2.598469;
    // interval [−1.60, 3.60] contains 0; needed (2.8015852·1.632993)² = 20.93 → 21
    const issues = rankingIssues({ base: [0, 0, 0, 0], a: [1, -1, 3, 1] }, 'base', (v) => v.toFixed(2), (id) => id.toUpperCase());
    expect(issues).toHaveLength(1);
    const i = issues[0];
    expect([i.a, i.b, i.replications, i.needed]).toEqual(['a', 'base', 4, 21]);
    close(i.difference, 1);
    close(i.se, Math.sqrt(8 / 3) / 2);
    expect(i.message).toBe('A vs BASE: cannot rank at 4 replications — the paired difference in net equity is 1.00 ± 2.60 (95% CI); about 21 replications would be needed to separate them.');
  });
  it('says when two strategies are identical in every replication and when a difference is too small to resolve', () => {
    const same = rankingIssues({ base: [1, 2, 3], a: [1, 2, 3] }, 'base');
    expect(same[0].needed).toBeNull();
    expect(same[0].message).toContain('they give identical net equity in every replication');
    const tiny = rankingIssues({ base: [0, 0, 0, 0], a: [1, -1, 1, -1.000001] }, 'base');
    expect(tiny[0].needed).toBe(MAX_REPLICATIONS_ESTIMATE);
    expect(tiny[0].message).toContain('more than 100000 replications');
  });
  it('checks each strategy against the baseline and neighbours in the ranking, each pair once', () => {
    // means: hi 10, mid 9.75, base 0 ; hi − mid = 0.5, −0.5, 0.5, −0.5 → not separated; mid − base separated
    const issues = rankingIssues({ base: [0, 0, 0, 0], mid: [9.5, 10.5, 9.5, 9.5], hi: [10, 10, 10, 10] }, 'base');
    expect(issues.map((i) => [i.a, i.b])).toEqual([['hi', 'mid']]);
  });
});

describe('bands over replications', () => {
  // step 0 values 3, 1, 4, 1, 5 → sorted 1 1 3 4 5: mean 2.8, median 3,
  // h = 4p: p5 → 0.2 → 1; p95 → 3.8 → 4 + 0.8 = 4.8; p2.5 → 1; p97.5 → 3.9 → 4.9.
  // step 1 values 10, 20, 30, 40, 50: mean 30, p5 → 0.2 → 12, p95 → 48, p2.5 → 11, p97.5 → 49.
  const paths = [[3, 10], [1, 20], [4, 30], [1, 40], [5, 50]];
  it('per step: mean, median and the 90% and 95% ranges', () => {
    const b = bandsByStep(paths);
    expect(b.mean.map((v) => +v.toFixed(12))).toEqual([2.8, 30]);
    expect(b.median).toEqual([3, 30]);
    expect(b.lo90.map((v) => +v.toFixed(12))).toEqual([1, 12]);
    expect(b.hi90.map((v) => +v.toFixed(12))).toEqual([4.8, 48]);
    expect(b.lo95.map((v) => +v.toFixed(12))).toEqual([1, 11]);
    expect(b.hi95.map((v) => +v.toFixed(12))).toEqual([4.9, 49]);
    expect(() => bandsByStep([])).toThrow(/at least one/);
  });
  const rs = paths.map((p, k) =>
    makeResult({ replication: k, steps: 2, series: { 'share.film': p, 'retention.mass': [1, p[1] / 100], engagement: p, 'cxSpend.ads': p } }),
  );
  it('series bands, the value at the horizon and the mean over the horizon', () => {
    expect(seriesBand(rs, 'share.film').hi90.map((v) => +v.toFixed(12))).toEqual([4.8, 48]);
    close(atHorizon(rs, 'share.film').mean, 30);
    // means over the 2 steps: 6.5, 10.5, 17, 20.5, 27.5 → 16.4
    close(meanOverHorizon(rs, 'share.film').mean, 16.4);
    close(poolShares(rs)[0].atHorizon.median, 30);
    expect(poolShares(rs).map((p) => p.pool)).toEqual(['film']);
    expect(retentionCurves(rs).mass.mean.map((v) => +v.toFixed(12))).toEqual([1, 0.3]);
    const spc = serviceProfitChain(rs);
    close(spc.engagement!.meanOverHorizon.mean, 16.4);
    close(spc.engagement!.atHorizon.range90[1], 48);
    // makeResult fills turnover, workload, isq and serviceQuality with zeros: present, so summarised
    expect(Object.keys(spc)).toEqual(['isq', 'engagement', 'turnover', 'serviceQuality', 'workload']);
    const r0 = { ...rs[0], series: { ...rs[0].series } };
    delete r0.series.isq;
    expect(Object.keys(serviceProfitChain([r0, rs[1]]))).not.toContain('isq');
  });
  it('series access and families', () => {
    expect(seriesFamily(rs[0], 'cxSpend')).toEqual(['ads']);
    expect(() => series(rs[0], 'nope')).toThrow('result of strategy "base" replication 0 has no series "nope"');
    expect(monthOfStep(3, 4)).toBe(9);
    expect(monthsElapsedAfterStep(3, 4)).toBe(12);
    expect(monthsElapsedAfterStep(0, 12)).toBe(1);
  });
});

describe('CX spend per year and its present value', () => {
  it('splits a partial last year and averages over replications', () => {
    // 18 monthly steps: year 1 = steps 0–11, year 2 = steps 12–17 (6 steps)
    const rs = [1, 3].map((v, k) => makeResult({ replication: k, steps: 18, series: { 'cxSpend.ads': v } }));
    const rows = cxSpendPerYear(rs);
    expect(rows).toEqual([
      { lever: 'ads', year: 1, spend: 24 },
      { lever: 'ads', year: 2, spend: 12 },
    ]);
  });
  it('discounts each step by its factor', () => {
    // 2 quarterly steps at 10%/year: d = 1.1^(1/4) − 1, PV = 4·v + 8·v²
    const r = makeResult({ steps: 2, stepsPerYear: 4, discountRate: 0.1, series: { 'cxSpend.ads': [4, 8] } });
    const v = 1 / 1.1 ** 0.25;
    close(presentValue(r, 'cxSpend.ads'), 4 * v + 8 * v * v);
    close(cxSpendByLever([r, r]).ads.mean, 4 * v + 8 * v * v);
  });
});

describe('CLV groups', () => {
  it('averages every percentile over the replications with customers and counts the rest as 0', () => {
    const a = clvSummary([0, 10, 20, 30, 40]); // min 0, p5 2, p25 10, p50 20, p75 30, p95 38, max 40
    const b = clvSummary([100, 200]); // min 100, p5 105, p25 125, p50 150, p75 175, p95 195, max 200
    const rs = [a, b, undefined].map((s, k) => makeResult({ replication: k, steps: 1, clv: { all: s ?? clvSummary([1]), byCohort: s ? { c0: s } : {} } }));
    const g = clvBy(rs, 'byCohort').c0;
    expect(g.replications).toBe(2);
    close(g.count, 7 / 3);
    close(g.mean!.mean, (20 + 150) / 2);
    expect(g.distribution).toEqual({ min: 50, p5: 53.5, p25: 67.5, p50: 85, p75: 102.5, p95: 116.5, max: 120 });
    const all = clvOverall(rs);
    close(all.mean!.mean, (20 + 150 + 1) / 3);
    expect(all.count).toBe((5 + 2 + 1) / 3);
  });
});

describe('break-even month over replications', () => {
  it('median of replications breaking even at different months, odd and even n', () => {
    // paths (monthly): break-even steps 1, 2, 2 (a 0 is not ahead) → months 2, 3, 3 → median 3;
    // mean path −1, −1/3, 1 → step 2 → month 3
    const paths = [[-1, 1, 1], [-1, -1, 1], [-1, 0, 1]].map((p) => Float64Array.from(p));
    expect(breakEven(paths, 12)).toEqual({ month: 3, shareOfReplications: 1, medianMonth: 3 });
    // four paths breaking even at months 2, 3, never, 1 → sorted 1, 2, 3, ∞ → median (2 + 3)/2 = 2.5, share 3/4;
    // mean path (0, 2, 3)/4 → step 1 → month 2
    const four = [[-1, 1, 1], [-1, -1, 2], [1, 1, -1], [1, 1, 1]].map((p) => Float64Array.from(p));
    expect(breakEven(four, 12)).toEqual({ month: 2, shareOfReplications: 0.75, medianMonth: 2.5 });
    // the median replication never breaks even: null
    const late = [[1, 1, -1], [1, 1, -1], [-1, 1, 1]].map((p) => Float64Array.from(p));
    expect(breakEven(late, 12).medianMonth).toBeNull();
    // quarterly steps: step 2 ends at month 9
    expect(breakEven(paths, 4).month).toBe(9);
  });
});

describe('Shapley values', () => {
  // v(∅) 0, a 10, b 20, c 0, ab 40, ac 10, bc 20, abc 46 (weights: |T| = 0 or 2 → 1/3, |T| = 1 → 1/6)
  // φa = 10/3 + 20/6 + 10/6 + 26/3 = 17; φb = 20/3 + 30/6 + 20/6 + 36/3 = 27; φc = 6/3 = 2; sum 46.
  const table: Record<string, number> = { '': 0, a: 10, b: 20, c: 0, 'a,b': 40, 'a,c': 10, 'b,c': 20, 'a,b,c': 46 };
  const levers = ['a', 'b', 'c'];
  it('exact values of a three-lever game with interactions', () => {
    const g = shapleyValues(levers, (on) => [table[coalitionKey(on, levers)], 2 * table[coalitionKey(on, levers)]]);
    expect(g.method).toBe('shapley-exact');
    expect(g.permutations).toBeNull();
    expect(g.phi.get('a')!.map((v) => +v.toFixed(12))).toEqual([17, 34]);
    expect(g.phi.get('b')!.map((v) => +v.toFixed(12))).toEqual([27, 54]);
    expect(g.phi.get('c')!.map((v) => +v.toFixed(12))).toEqual([2, 4]);
    expect(g.samplingSe.get('a')).toBe(0);
  });
  it('lists every proper coalition for the exact method', () => {
    expect(coalitionsToRun(levers, 1).map((c) => c.join(','))).toEqual(['', 'a', 'b', 'a,b', 'c', 'a,c', 'b,c']);
  });
  it('sampled permutations (9 levers) of an additive game give each lever its own value with no sampling error', () => {
    const nine = ['l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'l8', 'l9'];
    const g = shapleyValues(nine, (on) => [on.reduce((s, l) => s + Number(l.slice(1)), 0)], 7);
    expect(g.method).toBe('shapley-sampled');
    expect(g.permutations).toBe(64);
    for (const l of nine) {
      close(g.phi.get(l)![0], Number(l.slice(1)));
      close(g.samplingSe.get(l), 0);
    }
  });
  it('sampled permutations of v(T) = |T|²: the values add up to v(all) = 81 and the sampling SE is that of uniform positions', () => {
    // lever at position j (0-based) adds (j+1)² − j² = 2j + 1; over random orders j is uniform on 0..8:
    // E = 9 for every lever, sd of 2j + 1 = 2·√((81 − 1)/12) = 5.164, so SE over 64 permutations ≈ 0.645
    const nine = ['l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'l8', 'l9'];
    const g = shapleyValues(nine, (on) => [on.length ** 2], 11);
    close(nine.reduce((s, l) => s + g.phi.get(l)![0], 0), 81);
    for (const l of nine) {
      const phi = g.phi.get(l)![0];
      const se = g.samplingSe.get(l)!;
      // each φ is a mean of 64 draws of 2j + 1 (an odd integer), so 64·φ is an integer of the same parity as 64·1
      close(phi * 64, Math.round(phi * 64));
      // SE within a factor 1.5 of the population value 5.164/8. Power table: over seeds, the sample SD of
      // 64 draws leaves [σ/1.5, 1.5σ] with probability < 2e-5 (0 of 200 000 simulated seeds); power against
      // a 2% bias ≈ 0 — this check is for the gross errors (the SD for the SE: ×8; a variance: ×5), not 2%.
      expect(se).toBeGreaterThan(0.645 / 1.5);
      expect(se).toBeLessThan(0.645 * 1.5);
    }
  });
});

describe('comparison edges: costs, seeds, stresses, fired rules', () => {
  const scenario = Scenario.parse({
    meta: { name: 'tiny', replications: 3 },
    pools: { film: { marginRate: 0.3 } },
    segments: { mass: { initialCustomers: 10, churn: { annualRate: 0.1 } } },
    journeys: { main: { stages: { use: {} } } },
    strategies: { today: {}, future: { baseline: true } },
  });
  it('visit costs are discounted into the strategy cost', () => {
    const r = makeResult({ steps: 2, discountRate: 0, series: { visitCost: [3, 4], cxSpend: 1, workforceCost: 2 } });
    expect(visitCostPV(r)).toBe(7);
    expect(strategyCostPV(r)).toBe(2 + 4 + 7);
    const noVisits = makeResult({ steps: 2 });
    expect(visitCostPV(noVisits)).toBe(0);
  });
  it('puts the baseline first, warns about unpaired seeds, summarises fired rules', () => {
    const mk = (strategy: string, k: number, seed: string, fired: { rule: number; name: string; month: number }[]) =>
      makeResult({ strategy, replication: k, seed, steps: 12, series: { margin: 10 + k + (strategy === 'today' ? 1 : 0) }, firedRules: fired });
    const results = [0, 1, 2, 3].flatMap((k) => [
      mk('future', k, `s${k}`, []),
      mk('today', k, k === 3 ? 'other' : `s${k}`, k < 2 ? [{ rule: 1, name: 'r1', month: 4 + 2 * k }, { rule: 0, name: 'r0', month: 1 }] : k === 2 ? [{ rule: 1, name: 'r1', month: 9 }] : []),
    ]);
    const c = compareStrategies({ scenario, results, strategies: ['today'] });
    expect(c.baseline).toBe('future');
    expect(c.strategies.map((s) => s.id)).toEqual(['future', 'today']);
    expect(c.warnings).toEqual(['today: replications 3 used other seeds than the baseline, so the differences are not paired under common random numbers.']);
    const today = c.headline.find((h) => h.strategy === 'today')!;
    // rule 0 fired in 2 of 4 replications at month 1; rule 1 in 3 of 4 at months 4, 6, 9 → median 6
    expect(today.firedRules).toEqual([
      { rule: 0, name: 'r0', share: 0.5, medianMonth: 1 },
      { rule: 1, name: 'r1', share: 0.75, medianMonth: 6 },
    ]);
    expect(c.scenario.replications).toBe(4);
    expect(c.stress).toBe('none');
  });
  it('refuses mixed stresses and strategies with fewer than 2 replications', () => {
    const a = [0, 1].map((k) => makeResult({ strategy: 'future', replication: k, steps: 1 }));
    const b = [0, 1].map((k) => makeResult({ strategy: 'today', replication: k, steps: 1, stress: k ? 'slump' : 'none' }));
    expect(() => compareStrategies({ scenario, results: [...a, ...b] })).toThrow(/mix stresses \(none, slump\)/);
    expect(() => compareStrategies({ scenario, results: [...a, b[0]] })).toThrow('strategy "today" has 1 replication(s); a comparison needs at least 2');
  });
});
