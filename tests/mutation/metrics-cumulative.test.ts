/**
 * Cumulative discounted value flows and equity at each year end, pinned on a hand-made
 * replication with round numbers (issue 17: numbers, not shapes; written for the mutation run
 * of src/metrics/cumulative-value.ts and equity-over-time.ts). Discount factors are given
 * directly (end of step e[t], start of step s[t]) so every expected value is a short sum
 * worked in the comments.
 */
import { describe, expect, it } from 'vitest';
import { cumulativeCustomerValue, cumulativeNetValue, cumulativeCxSpend, discountOf, discountedAcquisitionCost } from '../../src/metrics/cumulative-value.ts';
import { equityByYear } from '../../src/metrics/equity-over-time.ts';
import { makeResult } from '../helpers/replication-result.ts';
import type { ReplicationResult } from '../../src/engine/result.ts';

const close = (a: ArrayLike<number>, b: number[]) => {
  expect(a.length).toBe(b.length);
  b.forEach((v, i) => expect(a[i]).toBeCloseTo(v, 10));
};

/** 4 steps, 2 a year: end-of-step factors 0.9, 0.8, 0.7, 0.6; start-of-step 1, 0.9, 0.8, 0.7. */
function result(timing: 'arrears' | 'advance', withCustomerCx = true): ReplicationResult {
  const r = makeResult({
    steps: 4,
    stepsPerYear: 2,
    series: {
      margin: [100, 100, 100, 100],
      acquisitionCost: [10, 0, 20, 0],
      cxSpend: [30, 30, 0, 30], // of which offers 5 and treatment 5 in steps 0 and 1
      workforceCost: [1, 2, 3, 4],
      ...(withCustomerCx ? { 'cxSpend.offers': [5, 5, 0, 0], 'cxSpend.treatment': [5, 5, 0, 0] } : {}),
    },
    terminalValueByYear: [0, 0],
  });
  r.series.discount = Float64Array.of(0.9, 0.8, 0.7, 0.6);
  r.series['discount.start'] = Float64Array.of(1, 0.9, 0.8, 0.7);
  r.valuation = { ...r.valuation!, paymentTiming: timing };
  return r;
}

describe('cumulative discounted flows', () => {
  it('in arrears: margin and acquisition at the end of the step, lever spend at its start, offers and treatments with the margin', () => {
    const r = result('arrears');
    // customer value: 100·e − acq·e → 90 − 9 = 81; +80 → 161; +70 − 14 → 217; +60 → 277
    close(cumulativeCustomerValue(r), [81, 161, 217, 277]);
    // CX: lever part (cx − offers − treatment) at the start, customer part at the end:
    // step 0: 20·1 + 10·0.9 = 29; step 1: 20·0.9 + 10·0.8 = 26; step 2: 0; step 3: 30·0.7 = 21
    close(cumulativeCxSpend(r), [29, 55, 55, 76]);
    // net = customer − CX − workforce·e: workforce 0.9, 1.6, 2.1, 2.4
    close(cumulativeNetValue(r), [81 - 29 - 0.9, 161 - 55 - 2.5, 217 - 55 - 4.6, 277 - 76 - 7]);
  });
  it('in advance: margin, offers and treatments at the start of the step', () => {
    const r = result('advance');
    // customer value: 100·s − acq·e → 100 − 9 = 91; +90 → 181; +80 − 14 → 247; +70 → 317
    close(cumulativeCustomerValue(r), [91, 181, 247, 317]);
    // CX: all at the start: 30, 27, 0, 21
    close(cumulativeCxSpend(r), [30, 57, 57, 78]);
  });
  it('without offer or treatment series all CX spend is lever spend, at the start', () => {
    close(cumulativeCxSpend(result('arrears', false)), [30, 57, 57, 78]);
  });
  it('without start-of-step factors the end-of-step ones are used', () => {
    const r = result('advance', false);
    delete r.series['discount.start'];
    close(cumulativeCxSpend(r), [27, 51, 51, 69]);
    close(cumulativeCustomerValue(r), [81, 161, 217, 277]);
  });
  it('the discount factor of each series', () => {
    const a = result('arrears'), b = result('advance');
    close(discountOf(a, 'margin'), [0.9, 0.8, 0.7, 0.6]);
    close(discountOf(b, 'margin'), [1, 0.9, 0.8, 0.7]);
    close(discountOf(b, 'margin.core'), [1, 0.9, 0.8, 0.7]);
    close(discountOf(a, 'cxSpend.offers'), [0.9, 0.8, 0.7, 0.6]);
    close(discountOf(a, 'cxSpend.treatment'), [0.9, 0.8, 0.7, 0.6]);
    close(discountOf(b, 'cxSpend.treatment'), [1, 0.9, 0.8, 0.7]);
    close(discountOf(a, 'cxSpend.training'), [1, 0.9, 0.8, 0.7]);
    close(discountOf(a, 'acquisitionCost'), [0.9, 0.8, 0.7, 0.6]);
    close(discountOf(a, 'workforceCost'), [0.9, 0.8, 0.7, 0.6]);
    // the total: (lever·s + customer·e)/total; step 2 has no spend: the start factor
    close(discountOf(a, 'cxSpend'), [29 / 30, 26 / 30, 0.8, 0.7]);
    close(discountOf(result('arrears', false), 'cxSpend'), [1, 0.9, 0.8, 0.7]);
  });
  it('the acquisition cost of one step, discounted', () => {
    const r = result('arrears');
    expect(discountedAcquisitionCost(r, 2)).toBeCloseTo(14, 12);
    expect(discountedAcquisitionCost(r, 1)).toBe(0);
  });
});

describe('equity at each year end', () => {
  it('three years of 2 steps: months 12, 24, 36', () => {
    const r = makeResult({ steps: 6, stepsPerYear: 2, series: { margin: 1 }, terminalValueByYear: [0, 0, 0] });
    expect(equityByYear(r).map((x) => [x.year, x.month])).toEqual([[1, 12], [2, 24], [3, 36]]);
  });
  it('year 1: flows through its last step, that step’s acquisition added back, value and costs beyond; the last year is the totals', () => {
    const r = result('arrears');
    r.valueBeyondByYear = Float64Array.of(500, 400);
    r.costsBeyondByYear = Float64Array.of(-50, -40);
    r.totals = { ...r.totals, customerEquity: 1234, netEquity: 987 };
    const e = equityByYear(r);
    expect(e.map((x) => [x.year, x.month])).toEqual([[1, 12], [2, 24]]);
    // step 1 (the year's last): customer 161 + 0 acquisition that step + 500 − 50
    expect(e[0].customerEquity).toBeCloseTo(161 + 0 + 500 - 50, 10);
    expect(e[0].netEquity).toBeCloseTo(161 - 55 - 2.5 + 500, 10);
    expect(e[1]).toEqual({ year: 2, month: 24, customerEquity: 1234, netEquity: 987 });
  });
  it('a late acquisition is added back (those customers join after the valuation date)', () => {
    const r = result('arrears');
    r.series.acquisitionCost = Float64Array.of(0, 10, 0, 0);
    r.valueBeyondByYear = Float64Array.of(0, 0);
    const [y1] = equityByYear(r, false);
    // customer value through step 1: 90 + 80 − 10·0.8 = 162; + 8 back
    expect(y1.customerEquity).toBeCloseTo(170, 10);
    // net: 170 − CX 55 − workforce 2.5
    expect(y1.netEquity).toBeCloseTo(170 - 55 - 2.5, 10);
  });
  it('within the horizon only: no value or costs beyond, and the last year from the flows too', () => {
    const r = result('arrears');
    r.valueBeyondByYear = Float64Array.of(500, 400);
    r.costsBeyondByYear = Float64Array.of(-50, -40);
    r.totals = { ...r.totals, customerEquity: 1234, netEquity: 987 };
    const e = equityByYear(r, false);
    expect(e[0].customerEquity).toBeCloseTo(161, 10);
    expect(e[1].customerEquity).toBeCloseTo(277, 10);
    expect(e[1].netEquity).toBeCloseTo(277 - 76 - 7, 10);
  });
  it('a horizon that ends inside a year: whole years only, none of them the totals; no more years than values beyond', () => {
    const r = result('arrears');
    r.steps = 3;
    r.valueBeyondByYear = Float64Array.of(500);
    r.costsBeyondByYear = Float64Array.of(0);
    const e = equityByYear(r);
    expect(e.length).toBe(1);
    expect(e[0].customerEquity).toBeCloseTo(161 + 500, 10);
    const s = result('arrears');
    s.valueBeyondByYear = Float64Array.of(500);
    s.costsBeyondByYear = Float64Array.of(0);
    expect(equityByYear(s).length).toBe(1);
    // values beyond for more years than the horizon has whole years: only the whole years
    const u = result('arrears');
    u.steps = 3;
    u.valueBeyondByYear = Float64Array.of(500, 400);
    u.costsBeyondByYear = Float64Array.of(0, 0);
    expect(equityByYear(u).map((x) => x.year)).toEqual([1]);
    expect(equityByYear(s)[0].customerEquity).toBeCloseTo(661, 10);
  });
});
