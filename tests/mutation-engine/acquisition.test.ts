/**
 * Acquisition (src/engine/mechanics/acquisition.ts) in real customers with agentScale 2: the
 * total series is the sum of the segments', the totals are the series' sums, the cost is
 * count × cost per customer, paid at the end of the step; no acquisitions in the last step.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { simulateReplication } from '../../src/engine/replication.ts';
import { neutral } from '../engine/neutral.ts';

const sc = neutral({
  meta: { horizonMonths: 12, agentScale: 2, discountRate: 0.1 },
  valuation: { beyondHorizon: 'none' },
  segments: {
    s: { initialCustomers: 400, churn: { annualRate: 0 }, acquisition: { prospectsPerMonth: 400, conversion: 0.1, cost: 30 } },
    t: { initialCustomers: 100, churn: { annualRate: 0 }, wallet: { core: { mean: 100, cv: 0 } }, acquisition: { prospectsPerMonth: 200, conversion: 0.05, cost: 10 } },
  },
});
// run inside each test (beforeEach): Stryker's per-test coverage only sees what runs during a test
let r: ReturnType<typeof simulateReplication>;
beforeEach(() => {
  r = simulateReplication({ scenario: sc, strategy: 'none', replication: 0 });
});
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);

describe('acquisition in real customers', () => {
  it('series: total = Σ segments, even counts (2 real per agent), none in the last step', () => {
    const a = Array.from(r.series.acquired), s = Array.from(r.series['acquired.s']), t = Array.from(r.series['acquired.t']);
    expect(a).toEqual(s.map((x, i) => x + t[i]));
    expect(a.every((x) => x % 2 === 0)).toBe(true);
    expect(a[11]).toBe(0);
    // 40 real a month for s (20 agents, Poisson): far from 0 and from 4× that
    expect(sum(s) / 11).toBeGreaterThan(20);
    expect(sum(s) / 11).toBeLessThan(60);
  });
  it('totals: initial and acquired customers in real customers; all alive (no churn)', () => {
    expect(r.totals.initialCustomers).toBe(500);
    expect(r.totals.acquired).toBe(sum(r.series.acquired));
    expect(r.totals.alive).toBe(500 + r.totals.acquired);
    expect(r.totals.churned).toBe(0);
  });
  it('cost = count × cost per customer, discounted from the end of the step', () => {
    const cost = Array.from(r.series.acquisitionCost);
    const s = Array.from(r.series['acquired.s']), t = Array.from(r.series['acquired.t']);
    cost.forEach((c, i) => expect(c).toBeCloseTo(30 * s[i] + 10 * t[i], 9));
    const d = Math.pow(1.1, -1 / 12);
    expect(r.totals.acquisitionCostPV).toBeCloseTo(sum(cost.map((c, i) => c * d ** (i + 1))), 6);
  });
});
