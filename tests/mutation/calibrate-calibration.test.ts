/**
 * A calibration run as data (src/calibrate/calibration.ts) on small fixed inputs (issue 17
 * item 4: written against the surviving mutants of `npm run mutation -- --folder calibrate`):
 * every assumption sentence of the event-log mapping word for word, units other than days and
 * weeks, several survival cohorts whose full tables come in another order, and ids from free
 * text. Fits are on the exact sBG cohorts of tests/mutation/calibrate-outputs.test.ts
 * (10⁶·S(t), S(t) = 1/(t+1) at α = β = 1; and 10⁶·S(t)² for a second cohort).
 */
import { describe, expect, it } from 'vitest';
import { calibrateEventLog, calibrateSurvival, toId } from '../../src/calibrate/calibration.ts';
import type { EventLogSummary } from '../../src/calibrate/event-log.ts';

const mapping = { pool: 'core', shareOfWallet: 0.5, prefix: 'shop' };

/** 8 customers; 5 repeat buyers, one with zero spend. */
function log(unitDays: number): EventLogSummary {
  const x = [0, 0, 0, 1, 2, 3, 1, 2];
  return {
    file: 'log.csv', rows: 20, header: null, columns: { customer: 1, date: 2, amount: 3, segment: null }, dateFormat: 'iso', unitDays,
    firstDay: '1997-01-01', lastDay: '1997-03-01', calibrationEnd: '1997-02-01', holdoutEnd: '1997-03-01', calibrationUnits: 3, excludedCustomers: 0, rowsAfterHoldout: 0,
    rfm: {
      ids: x.map((_, i) => `c${i}`), x: Float64Array.from(x), tx: Float64Array.from([0, 0, 0, 1, 2, 2.5, 0.5, 1.5]), T: Float64Array.from([3, 3, 2.5, 3, 3, 3, 2, 2.5]),
      meanValue: Float64Array.from([0, 0, 0, 10, 12, 9, 0, 11]), holdout: Float64Array.from([0, 1, 0, 1, 1, 2, 0, 1]), holdoutLength: 2,
    },
    segment: null, repeatByUnit: [2, 3, 4, 3, 2], firstPurchasesByDay: [4, 0, 0, 4],
  };
}

describe('event-log calibration', () => {
  it('every assumption, word for word: 7-day units, 3 classes, share of wallet ½', () => {
    const r = calibrateEventLog(log(7), { ...mapping, model: 'bgnbd', classes: 3, seed: 1 }, { file: 'log.csv' });
    expect(r.assumptions).toEqual([
      'Time: one unit is 7 days; 52.18 units per year. Same-day purchases are one transaction; the first purchase is the acquisition, not a repeat.',
      'Churn: a BG/NBD customer drops out after a repeat purchase with probability p, so the drop-out time is exponential with rate λp; the annual churn propensity is θ = 1 − exp(−λp·units per year), whose monthly hazard in cxsim is the BG/NBD hazard exactly.',
      'Segments: 3 equal-sized classes of the purchase rate λ (quantiles of its Gamma(r, α)), each with the Beta matching the mean and variance of θ within the class (moments from a fixed seeded sample of 400,000 draws of (λ, p)), so that heavier buyers churn faster, as in the model.',
      "Spend: an active customer spends λ·units per year/12 transactions per month times the Gamma-Gamma mean spend per transaction pγ/(q−1); wallet.mean = that / share of wallet 0.5 (cxsim's wallet is the market spend); the wallet cv combines λ within the class and spend per transaction across customers.",
      'Customers start at the reference satisfaction without service contacts, so the simulated churn and spend are the fitted ones until CX effects move them. All customers start at month 0 (the acquisition).',
    ]);
    expect(r.data).toEqual({ file: 'log.csv', zeroSpendCustomers: 1 });
    expect(r.pool).toBe('core');
    expect(r.groups[0].customers).toBe(8);
    expect(r.groups[0].models[1].fit.n).toBe(4); // 5 repeat buyers, one with zero spend
  });
  it('14-day units: 26.09 units a year, classes per "14 days"', () => {
    const r = calibrateEventLog(log(14), { ...mapping, model: 'bgnbd', classes: 2, seed: 1 }, {});
    expect(r.assumptions[0]).toBe('Time: one unit is 14 days; 26.09 units per year. Same-day purchases are one transaction; the first purchase is the acquisition, not a repeat.');
    expect(r.segments['shop-rate1'].name).toMatch(/^shop, purchase-rate class 1 of 2 \(.* purchases per 14 days while active\)$/);
  });
});

describe('survival calibration of several cohorts', () => {
  const S = (k: number) => [0, 1, 2, 3, 4].map((t) => 1e6 / (t + 1) ** k);
  it('each cohort gets its own full table (listed in another order), its own segment and customers', () => {
    const fitted = [{ name: 'first', alive: S(1).slice(0, 4) }, { name: 'second', alive: S(2).slice(0, 4) }];
    const full = [{ name: 'second', alive: S(2) }, { name: 'first', alive: S(1) }];
    const r = calibrateSurvival(fitted, full, { ...mapping, periodsPerYear: 1 }, {});
    expect(r.groups.map((g) => g.group)).toEqual(['first', 'second']);
    expect(r.groups[0].survival!.map((s) => s.observed)).toEqual(S(1));
    expect(r.groups[1].survival!.map((s) => s.observed)).toEqual(S(2));
    expect(Object.keys(r.segments)).toEqual(['first', 'second']);
    expect(r.segments.second.initialCustomers).toBe(1e6);
  });
});

describe('ids from free text', () => {
  it('always a valid id: other characters become "-", a leading non-letter gets "s-"', () => {
    expect(toId('North & South')).toBe('North-South');
    expect(toId('2024 cohort')).toBe('s-2024-cohort');
    expect(toId('_x')).toBe('s-_x');
  });
});
