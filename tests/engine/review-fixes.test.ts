/**
 * Fixes found by review (issue 9, item 5). Each test failed on the engine before its fix
 * (see the commit message for the run against the previous commit) and passes after it.
 */
import { describe, expect, it } from 'vitest';
import { simulateReplication } from '../../src/engine/replication.ts';
import { equityByYear } from '../../src/metrics/equity-over-time.ts';
import { crossref } from '../../src/scenario/crossref.ts';
import { Scenario } from '../../src/scenario/schema.ts';
import { neutral, neutralInput } from './neutral.ts';

/** Within-horizon valuation where the scenario language has one (the rest of these tests do not depend on it). */
function withinHorizonOnly(sc: Scenario): Scenario {
  const v = (sc as { valuation?: { beyondHorizon: string } }).valuation;
  if (v) v.beyondHorizon = 'none';
  return sc;
}

describe('review fixes', () => {
  it('a customer leaving by an exit transition is in this step’s market once, not also among the lost wallets', () => {
    const sc = neutral({
      segments: { s: { churn: { annualRate: 0 }, initialCustomers: 5000 } },
      journeys: { j: { stages: { only: { next: { only: 0.9, exit: 0.1 } } } } },
    });
    const r = simulateReplication({ scenario: sc, strategy: 'none', replication: 0 });
    // everyone buys at share of wallet 0.5 in step 0 (satisfaction at the reference, readiness 0.5, equal wallets):
    // those who exit after buying are in the market, so the share is exactly 0.5
    expect(r.series['share.core'][0]).toBeCloseTo(0.5, 10);
    // one step later their wallets are lost to us: share = 0.5 × alive / (alive + exited)
    const alive0 = r.series['active'][1];
    const exited0 = r.series['exits'][0];
    expect(r.series['share.core'][1]).toBeCloseTo((0.5 * alive0) / (alive0 + exited0), 10);
  });

  it('year-end equity leaves out both the value and the acquisition cost of customers who join after the year end', () => {
    const sc = withinHorizonOnly(
      neutral({
        meta: { horizonMonths: 24 },
        segments: { s: { initialCustomers: 100, wallet: { core: { mean: 0, cv: 0 } }, acquisition: { prospectsPerMonth: 1000, conversion: 0.1, cost: 100 } } },
      }),
    );
    const r = simulateReplication({ scenario: sc, strategy: 'none', replication: 0 });
    const acq = r.series['acquisitionCost'], disc = r.series['discount'];
    let paidBeforeYearEnd = 0;
    for (let t = 0; t < 11; t++) paidBeforeYearEnd += acq[t] * disc[t];
    expect(acq[11]).toBeGreaterThan(0);
    // the customers acquired in step 11 join in step 12 (after the valuation date of year 1)
    expect(equityByYear(r, false)[0].customerEquity).toBeCloseTo(-paidBeforeYearEnd, 6);
  });

  it('CX spend, which acts at the start of a step, is discounted from the start of the step', () => {
    const budget = 120000;
    const sc = withinHorizonOnly(
      neutral({
        meta: { horizonMonths: 12 },
        levers: { care: { kind: 'employeeSupport', response: { scale: 1000 } } },
        strategies: { none: { baseline: true, budget: { perYear: budget, allocation: { care: 1 } } } },
      }),
    );
    const r = simulateReplication({ scenario: sc, strategy: 'none', replication: 0 });
    const delta = Math.pow(1.1, -1 / 12);
    let expected = 0;
    for (let t = 0; t < 12; t++) expected += (budget / 12) * Math.pow(delta, t);
    expect(r.totals.cxSpendPV).toBeCloseTo(expected, 6);
  });

  it('customers brought by referrals pay the referral cost (default 0), not the acquisition cost', () => {
    const input = neutralInput({
      meta: { horizonMonths: 12 },
      behaviour: { promoterThreshold: 0.5 },
      segments: { s: { initialCustomers: 2000, referralRate: 0.02, acquisition: { prospectsPerMonth: 0, conversion: 0, cost: 80 } } },
    });
    const r = simulateReplication({ scenario: withinHorizonOnly(Scenario.parse(input)), strategy: 'none', replication: 0 });
    const referred = r.series['referrals'].reduce((a, x) => a + x, 0);
    expect(referred).toBeGreaterThan(100);
    expect(Math.abs(r.totals.acquisitionCostPV)).toBeLessThan(1e-6);
    const priced = neutralInput({
      meta: { horizonMonths: 12 },
      behaviour: { promoterThreshold: 0.5 },
      segments: { s: { initialCustomers: 2000, referralRate: 0.02, acquisition: { prospectsPerMonth: 0, conversion: 0, cost: 80, referralCost: 10 } } },
    });
    const r2 = simulateReplication({ scenario: withinHorizonOnly(Scenario.parse(priced)), strategy: 'none', replication: 0 });
    const acq = r2.series['acquisitionCost'], count = r2.series['acquired'];
    for (let t = 0; t < 12; t++) expect(acq[t]).toBeCloseTo(10 * count[t], 6);
  });

  it('discountRate 0 with customers who never churn is refused for a perpetuity, naming the parameters; finite within the horizon', () => {
    const input = neutralInput({ meta: { discountRate: 0 }, segments: { s: { churn: { annualRate: 0 } } }, valuation: { beyondHorizon: 'perpetuity' } });
    const findings = crossref(Scenario.parse(input));
    expect(findings.length).toBe(1);
    expect(findings[0].path).toEqual(['meta', 'discountRate']);
    expect(findings[0].message).toMatch(/segments\.s\.churn\.annualRate/);
    expect(findings[0].message).toMatch(/valuation\.beyondHorizon/);
    // heavy-tailed churn (Beta with α ≤ 1): E[1/θ] = ∞, refused too; α > 1 is finite and accepted
    expect(crossref(Scenario.parse(neutralInput({ meta: { discountRate: 0 }, segments: { s: { churn: { alpha: 0.8, beta: 3 } } } })))).toHaveLength(1);
    expect(crossref(Scenario.parse(neutralInput({ meta: { discountRate: 0 }, segments: { s: { churn: { alpha: 1.5, beta: 3 } } } })))).toHaveLength(0);
    // a pool growing faster than the discount rate
    expect(crossref(Scenario.parse(neutralInput({ pools: { core: { wallet: { trajectory: { type: 'cagr', rate: 0.15 } } } } })))).toHaveLength(1);
    // within the horizon alone it is finite
    const none = Scenario.parse(neutralInput({ meta: { discountRate: 0 }, segments: { s: { churn: { annualRate: 0 } } }, valuation: { beyondHorizon: 'none' } }));
    expect(crossref(none)).toHaveLength(0);
    const r = simulateReplication({ scenario: none, strategy: 'none', replication: 0 });
    expect(Number.isFinite(r.totals.netEquity)).toBe(true);
  });

  it('behaviour.terminalValue is refused with one message pointing to valuation.beyondHorizon', () => {
    const res = Scenario.safeParse(neutralInput({ behaviour: { terminalValue: true } }));
    expect(res.success).toBe(false);
    expect(res.error!.issues).toHaveLength(1);
    expect(res.error!.issues[0].message).toMatch(/valuation\.beyondHorizon/);
  });
});
