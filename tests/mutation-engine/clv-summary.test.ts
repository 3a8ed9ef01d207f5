/**
 * src/engine/clv-summary.ts and sorted-order.ts pinned to hand-computed summaries: mean, the
 * n − 1 standard deviation, quantiles by linear interpolation between order statistics
 * (h = (n − 1)·p, simple-statistics' quantileSorted), groups by segment, portfolio and cohort.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { summariseClv } from '../../src/engine/clv-summary.ts';
import { sortedOrder } from '../../src/engine/sorted-order.ts';

/** The summary of one group of values: summariseClv's `all`. */
function summarise(values: ArrayLike<number>) {
  const n = values.length;
  return summariseClv(Float32Array.from(values), new Uint8Array(n), new Uint8Array(n), new Int16Array(n).fill(-1), ['a'], ['x']).all;
}

describe('summarise (one group)', () => {
  it('1, 2, 3, 4, 10 (given unsorted)', () => {
    const s = summarise(Float64Array.from([10, 3, 1, 4, 2]));
    // mean 4; squares 9 + 4 + 1 + 0 + 36 = 50; sd √(50/4)
    expect(s.count).toBe(5);
    expect(s.mean).toBe(4);
    expect(s.sd).toBeCloseTo(Math.sqrt(12.5), 14);
    expect(s.min).toBe(1);
    expect(s.max).toBe(10);
    expect(s.p5).toBeCloseTo(1.2, 14); // h = 0.2
    expect(s.p25).toBe(2);
    expect(s.p50).toBe(3);
    expect(s.p75).toBe(4);
    expect(s.p95).toBeCloseTo(8.8, 14); // h = 3.8: 4 + 0.8·6
  });
  it('one value: sd 0; none: all zero', () => {
    expect(summarise(Float32Array.from([7]))).toEqual({ count: 1, mean: 7, sd: 0, min: 7, p5: 7, p25: 7, p50: 7, p75: 7, p95: 7, max: 7 });
    expect(summarise(new Float32Array(0))).toEqual({ count: 0, mean: 0, sd: 0, min: 0, p5: 0, p25: 0, p50: 0, p75: 0, p95: 0, max: 0 });
  });
});

describe('summariseClv', () => {
  const clv = Float32Array.from([10, 3, 1, 4, 2, -2]);
  const seg = Uint8Array.from([1, 1, 0, 1, 0, 2]);
  const port = Uint8Array.from([0, 0, 0, 0, 0, 0]);
  const cohort = Int16Array.from([-1, 1, -1, 1, 3, -1]);
  let r: ReturnType<typeof summariseClv>;
  beforeEach(() => {
    r = summariseClv(clv, seg, port, cohort, ['a', 'b', 'c'], ['x', 'y']);
  });
  it('all customers', () => {
    expect(r.all.count).toBe(6);
    expect(r.all.mean).toBe(3);
    // squares 49 + 0 + 4 + 1 + 1 + 25 = 80
    expect(r.all.sd).toBeCloseTo(4, 14);
    expect(r.all.min).toBe(-2);
    expect(r.all.max).toBe(10);
    expect(r.all.p50).toBeCloseTo(2.5, 14); // h = 2.5 between 2 and 3
    expect(r.all.p25).toBeCloseTo(1.25, 14); // h = 1.25 between 1 and 2
  });
  it('by segment: a = {1, 2}, b = {3, 4, 10}, c = {−2}', () => {
    expect(Object.keys(r.bySegment).sort()).toEqual(['a', 'b', 'c']);
    expect(r.bySegment.a).toMatchObject({ count: 2, mean: 1.5, min: 1, max: 2, p50: 1.5 });
    expect(r.bySegment.a.sd).toBeCloseTo(Math.SQRT1_2, 14);
    expect(r.bySegment.b).toMatchObject({ count: 3, mean: 17 / 3, min: 3, max: 10, p50: 4, p75: 7 });
    expect(r.bySegment.c).toEqual({ count: 1, mean: -2, sd: 0, min: -2, p5: -2, p25: -2, p50: -2, p75: -2, p95: -2, max: -2 });
  });
  it('by portfolio: only the portfolios with customers', () => {
    expect(Object.keys(r.byPortfolio)).toEqual(['x']);
    expect(r.byPortfolio.x).toEqual(r.all);
  });
  it('by cohort: initial for −1, y(k+1) for year k; empty years left out', () => {
    expect(Object.keys(r.byCohort)).toEqual(['initial', 'y2', 'y4']);
    expect(r.byCohort.initial).toMatchObject({ count: 3, mean: 3, min: -2, max: 10, p50: 1 });
    expect(r.byCohort.y2).toMatchObject({ count: 2, mean: 3.5, min: 3, max: 4 });
    expect(r.byCohort.y4).toMatchObject({ count: 1, mean: 2 });
  });
  it('groups whose ids start above 0', () => {
    const g = summariseClv(Float32Array.from([5, 1, 3]), Uint8Array.from([2, 2, 1]), Uint8Array.from([1, 1, 1]), Int16Array.from([0, 0, 0]), ['a', 'b', 'c'], ['x', 'y']);
    expect(g.bySegment).toEqual({ b: g.bySegment.b, c: g.bySegment.c });
    expect(g.bySegment.c).toMatchObject({ count: 2, mean: 3, min: 1, max: 5 });
    expect(g.bySegment.b).toMatchObject({ count: 1, mean: 3 });
    expect(Object.keys(g.byCohort)).toEqual(['y1']);
    expect(Object.keys(g.byPortfolio)).toEqual(['y']);
  });
});

describe('sortedOrder', () => {
  it('ascending: −∞, negatives, −0 before +0, positives, +∞, NaN last', () => {
    const v = Float32Array.from([3.5, NaN, -0, -1, Infinity, 0, -Infinity, 2 ** 20, -(2 ** 20), 1e-40]);
    expect(Array.from(sortedOrder(v))).toEqual([6, 8, 3, 2, 5, 9, 0, 7, 4, 1]);
  });
  it('values differing only in each 11-bit digit of their bits', () => {
    const bits = Uint32Array.from([0x3f800003, 0x3f800001, 0x3f800802, 0x3f800800, 0x3fc00000, 0x3f900000]);
    const v = new Float32Array(bits.buffer);
    expect(Array.from(sortedOrder(v))).toEqual([1, 0, 3, 2, 5, 4]);
  });
  it('uses the work array given', () => {
    const work = new Uint32Array(3);
    const order = sortedOrder(Float32Array.from([2, 1, 3]), work);
    expect(Array.from(order)).toEqual([1, 0, 2]);
  });
});
