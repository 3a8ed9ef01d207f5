/**
 * The default service-profit-chain calibration against the Sears employee-customer-profit chain
 * (Rucci, Kirn & Quinn, "The Employee-Customer-Profit Chain at Sears", HBR 1998): +5 units of
 * employee attitude → +1.3 units of customer impression → +0.5 points of revenue growth, with a
 * unit read as a hundredth of a 0–1 scale (docs/model.md §6.6).
 *
 * Each link is measured by paired simulation under common random numbers on the stationary
 * Sears-like reference firm of scripts/calibration/service-profit-chain.ts (a store visit served
 * by employees in half the months, plus service contacts; every other parameter at its schema
 * default). The claim "within a factor of 2 of Sears" is asserted on the whole 99% t-interval of
 * the mean over R paired replications (mean ± t₀.₉₉₅,R−1 · SE), so a pass cannot come from luck;
 * the relative SE is asserted small enough for the band check to mean something. A negative
 * control measures the calibration before issue 9 (share-of-wallet slope 4) with the same
 * instrument and requires it to fail, so the test is shown able to fail.
 */
import { describe, expect, it } from 'vitest';
import {
  CALIBRATION_BEFORE_ISSUE_9,
  SEARS,
  measureCustomerToRevenue,
  measureEmployeeToCustomer,
  type Estimate,
} from '../../scripts/calibration/service-profit-chain.ts';

const R = 5;
/** Student t quantile 0.995 with R − 1 = 4 degrees of freedom (two-sided 99%). */
const T_995_4 = 4.604;
const CUSTOMERS = 20_000;

/** The 99% t-interval of a mean over R paired replications, divided by Sears' value of the link. */
function ratioInterval(e: Estimate, sears: number): [number, number] {
  expect(e.values.length).toBe(R);
  return [(e.mean - T_995_4 * e.se) / sears, (e.mean + T_995_4 * e.se) / sears];
}

describe('service-profit chain: default calibration vs Sears (Rucci, Kirn & Quinn 1998)', () => {
  const opts = { variant: 'store' as const, customers: CUSTOMERS, replications: R, seed: 7 };
  const ec = measureEmployeeToCustomer(opts);
  const cr = measureCustomerToRevenue(opts);

  it('the controlled steps are what they claim (5 units of engagement, 1.3 units of satisfaction)', () => {
    expect(ec.dEngagement.mean).toBeCloseTo(SEARS.employeeUnits, 6);
    // every customer's satisfaction is 1.3 units higher; the mean moves by that up to who survives
    expect(Math.abs(cr.dSatisfaction.mean - SEARS.customerUnits)).toBeLessThan(0.02);
  });

  it('is measured precisely enough to judge a factor of 2 (relative SE below 5%)', () => {
    expect(ec.link.se / ec.link.mean).toBeLessThan(0.05);
    expect(cr.link.se / cr.link.mean).toBeLessThan(0.05);
  });

  it('employee → customer: Δ satisfaction per unit of engagement within a factor of 2 of 1.3/5', () => {
    const [lo, hi] = ratioInterval(ec.link, SEARS.employeeToCustomer);
    expect(lo).toBeGreaterThan(0.5);
    expect(hi).toBeLessThan(2);
  });

  it('customer → revenue: Δ year-1 revenue growth per unit of satisfaction within a factor of 2 of 0.5/1.3 points', () => {
    const [lo, hi] = ratioInterval(cr.link, SEARS.customerToRevenue);
    expect(lo).toBeGreaterThan(0.5);
    expect(hi).toBeLessThan(2);
  });

  it('end to end: the product of the links within a factor of 2 of 0.5/5 points per unit of engagement', () => {
    // the two links come from independent runs: relative variances add (delta method)
    const m = ec.link.mean * cr.link.mean;
    const relSe = Math.hypot(ec.link.se / ec.link.mean, cr.link.se / cr.link.mean);
    expect((m * (1 - T_995_4 * relSe)) / SEARS.endToEnd).toBeGreaterThan(0.5);
    expect((m * (1 + T_995_4 * relSe)) / SEARS.endToEnd).toBeLessThan(2);
  });

  it('negative control: the calibration before issue 9 fails the customer → revenue band with the same instrument', () => {
    const before = measureCustomerToRevenue({ ...opts, calibration: CALIBRATION_BEFORE_ISSUE_9 });
    const [lo] = ratioInterval(before.link, SEARS.customerToRevenue);
    expect(lo).toBeGreaterThan(2);
  });
});
