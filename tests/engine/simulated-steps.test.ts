/**
 * totals.simulatedCustomerSteps (docs/metrics.md §2): every customer-step a replication
 * simulates — the horizon's, the run-off's beyond it and the year-end run-offs' — checked against
 * counts made independently of the engine's tallies.
 *
 * Without churn nobody leaves, so the count is N × (horizon steps + run-off steps, once for the
 * horizon and once per year end valued by its own run-off): a closed form. With churn, the
 * horizon's part is the sum of the `active` series and the run-off's lies between its survivors'
 * count at the end and at the start of the run-off, steps for steps.
 */
import { describe, expect, it } from 'vitest';
import { simulateReplication } from '../../src/engine/replication.ts';
import { neutral } from './neutral.ts';

const N = 300;

function run(valuation: Record<string, unknown>, yearEnds: boolean, churn: unknown = { annualRate: 0 }) {
  const sc = neutral({ meta: { horizonMonths: 36 }, segments: { s: { initialCustomers: N, churn } }, valuation });
  return simulateReplication({ scenario: sc, strategy: 'none', replication: 0, yearEnds });
}

describe('totals.simulatedCustomerSteps', () => {
  it('no churn, beyondHorizon none or perpetuity: N × horizon steps, the same as aliveCustomerSteps', () => {
    for (const beyondHorizon of ['none', 'perpetuity'])
      for (const yearEnds of [false, true]) {
        const r = run({ beyondHorizon }, yearEnds);
        expect(r.totals.aliveCustomerSteps).toBe(N * 36);
        expect(r.totals.simulatedCustomerSteps).toBe(N * 36);
      }
  });

  it('no churn, run-off: N × (horizon steps + run-off steps), plus a run-off per year end before the last when year ends take their own', () => {
    const valuation = { beyondHorizon: 'runoff', runoffYears: 3, runoffStepsPerYear: 4 };
    const plain = run(valuation, false);
    expect(plain.totals.simulatedCustomerSteps).toBe(N * (36 + 3 * 4));
    // year ends 1 and 2 each get a run-off of their own (year 3 is the horizon's)
    const yearEnds = run(valuation, true);
    expect(yearEnds.valuation.yearEnds).toBe('runoff');
    expect(yearEnds.totals.simulatedCustomerSteps).toBe(N * (36 + 3 * 3 * 4));
    // a monthly run-off clock: a step per month
    const monthly = run({ ...valuation, runoffStepsPerYear: 12 }, false);
    expect(monthly.totals.simulatedCustomerSteps).toBe(N * (36 + 3 * 12));
    // results do not depend on the count: the totals other than the count agree with and without year-end run-offs
    expect(yearEnds.totals.netEquity).toBe(plain.totals.netEquity);
  });

  it('with churn: the horizon part is the sum of the active series; the run-off part is bounded by its survivors', () => {
    const valuation = { beyondHorizon: 'runoff', runoffYears: 2, runoffStepsPerYear: 4 };
    const r = run(valuation, false, { annualRate: 0.4 });
    const active = r.series.active.reduce((a, x) => a + x, 0); // agentScale 1: real = simulated
    expect(r.totals.aliveCustomerSteps).toBe(active);
    const beyond = r.totals.simulatedCustomerSteps - r.totals.aliveCustomerSteps;
    const R = 2 * 4;
    expect(r.totals.alive).toBeGreaterThan(0);
    expect(beyond).toBeLessThanOrEqual(R * r.totals.alive);
    // at 40% a year, about 0.6^(2 years) of the survivors remain at the end of the run-off: far more than a tenth
    expect(beyond).toBeGreaterThan(R * 0.1 * r.totals.alive);
    expect(beyond).toBeLessThan(R * r.totals.alive);
  });

  it('the reference customer step and the generated kernel count the same', () => {
    const sc = neutral({ meta: { horizonMonths: 36 }, segments: { s: { initialCustomers: N, churn: { annualRate: 0.3 } } }, valuation: { beyondHorizon: 'runoff', runoffYears: 2 } });
    const job = { scenario: sc, strategy: 'none', replication: 1, yearEnds: true };
    const a = simulateReplication(job, { kernel: 'generic' });
    const b = simulateReplication(job, { kernel: 'generated' });
    expect(a.totals.simulatedCustomerSteps).toBe(b.totals.simulatedCustomerSteps);
    expect(a.totals.simulatedCustomerSteps).toBeGreaterThan(a.totals.aliveCustomerSteps);
  });
});
