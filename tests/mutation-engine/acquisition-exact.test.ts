/**
 * Acquisition, referrals and retention inside a replication (docs/model.md §3.3, src/engine/
 * mechanics/acquisition.ts and churn.ts), recomputed from the recorded series and the scenario:
 *
 *   expected_s(t) = prospects·conversion/agentScale·(1 + effect of its acquisition lever) + referrals_s(t)
 *   referrals_s(t) = promoters of s alive at the end of t × referral rate  (here every customer is a promoter)
 *   referred = count·referrals/expected;  cost = (count − referred)·acquisition cost + referred·referral cost
 *   retention_s(t) = initial customers of s alive at the end of t / initial customers of s (0 for none)
 *
 * with the lever's effect by hand (capital with its decay; max·(1 − e^(−C/scale))) and the counts
 * read from the series. Nobody joins after the horizon's last step. Tolerance 1e-12 relative.
 */
import { describe, expect, it } from 'vitest';
import { simulateReplication } from '../../src/engine/replication.ts';
import { neutral } from '../engine/neutral.ts';

const SCALE = 2;

const firm = () =>
  neutral({
    meta: { horizonMonths: 12, seed: 9, discountRate: 0.1, agentScale: SCALE },
    valuation: { beyondHorizon: 'none' },
    behaviour: { promoterThreshold: -1 },
    segments: {
      a: { initialCustomers: 30 * SCALE, churn: { annualRate: 0.3 }, referralRate: 0.1, acquisition: { prospectsPerMonth: 10, conversion: 0.4, cost: 30, referralCost: 5 } },
      b: { initialCustomers: 0, churn: { annualRate: 0.3 }, acquisition: { prospectsPerMonth: 3, conversion: 1, cost: 12 }, wallet: { core: { mean: 100, cv: 0 } } },
      c: { initialCustomers: 20 * SCALE, churn: { annualRate: 0.6 }, wallet: { core: { mean: 100, cv: 0 } } },
    },
    levers: { grow: { kind: 'acquisition', targets: ['a'], decayPerMonth: 0.2, response: { scale: 500, max: 0.8 } } },
    strategies: { none: { baseline: true }, grow: { budget: { perYear: 6000, allocation: { grow: 1 } } } },
  });

const near = (a: number, b: number, what: string) => expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));

describe('acquisition, referrals and retention, recomputed from the series', () => {
  it.each([
    ['none', 0],
    ['grow', 500],
  ] as const)('strategy %s', (strategy, spendPerStep) => {
    const r = simulateReplication({ scenario: firm(), strategy, replication: 4 });
    const s = r.series, T = 12;
    let capital = 0, acquired = 0, costPV = 0;
    for (let t = 0; t < T; t++) {
      capital = capital * 0.8 + spendPerStep;
      const effect = 0.8 * (1 - Math.exp(-capital / 500));
      if (t === T - 1) {
        // nobody joins after the horizon's last step
        expect([s.acquired[t], s.referrals[t], s.acquisitionCost[t]]).toEqual([0, 0, 0]);
        continue;
      }
      // segment a: every survivor of the step is a promoter and refers 0.1 a month
      const aliveEndA = (s['active.a'][t + 1] - s['acquired.a'][t]) / SCALE;
      const referrals = aliveEndA * 0.1;
      const expectedA = ((10 * 0.4) / SCALE) * (1 + effect) + referrals;
      const countA = s['acquired.a'][t] / SCALE, countB = s['acquired.b'][t] / SCALE;
      const referred = (countA * referrals) / expectedA;
      near(s.referrals[t], referred * SCALE, `referrals ${t}`);
      near(s.acquisitionCost[t], ((countA - referred) * 30 + referred * 5 + countB * 12) * SCALE, `acquisition cost ${t}`);
      expect(s['acquired.c'][t]).toBe(0);
      expect(s.acquired[t]).toBe((countA + countB) * SCALE);
      acquired += s.acquired[t];
      costPV += s.acquisitionCost[t] * Math.pow(1.1, -(t + 1) / 12);
      // retention: initial customers alive at the end of the step / initial customers; none for b
      near(s['retention.c'][t], s['active.c'][t + 1] / (20 * SCALE), `retention c ${t}`);
      expect(s['retention.b'][t]).toBe(0);
      // b starts empty and fills by acquisition alone
      expect(s['active.b'][t + 1]).toBeLessThanOrEqual(s['active.b'][t] + s['acquired.b'][t]);
    }
    expect(s['active.b'][0]).toBe(0);
    expect(acquired).toBe(r.totals.acquired);
    near(r.totals.acquisitionCostPV, costPV, 'acquisition cost PV');
    expect(acquired).toBeGreaterThan(0);
    expect(s.referrals.some((x) => x > 0)).toBe(true);
  });
  it('the acquisition lever raises acquisitions of its segment only (same random numbers)', () => {
    const none = simulateReplication({ scenario: firm(), strategy: 'none', replication: 4 });
    const grow = simulateReplication({ scenario: firm(), strategy: 'grow', replication: 4 });
    const total = (r: typeof none, seg: string) => Array.from(r.series[`acquired.${seg}`]).reduce((x, y) => x + y, 0);
    expect(total(grow, 'a')).toBeGreaterThan(total(none, 'a'));
    expect(Array.from(grow.series['acquired.b'])).toEqual(Array.from(none.series['acquired.b'])); // Poisson stream per (step, segment): same draws
    expect(grow.totals.acquisitionCostPV).toBeGreaterThan(none.totals.acquisitionCostPV);
  });
});
