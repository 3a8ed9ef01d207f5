/**
 * Metrics on real engine output: common random numbers shrink the paired intervals, and the
 * metric timing conventions agree with the engine's totals.
 */
import { describe, expect, it } from 'vitest';
import { readScenario } from '../src/cli/scenario-file.ts';
import { simulateReplication } from '../src/engine/replication.ts';
import { pairedDifference } from '../src/metrics/paired-difference.ts';
import { equityByYear } from '../src/metrics/equity-over-time.ts';
import { cumulativeNetValue } from '../src/metrics/cumulative-value.ts';
import { presentValue } from '../src/metrics/cx-spend.ts';
import { SMALL_FIXTURE } from './helpers/small-comparison.ts';

const scenario = readScenario(SMALL_FIXTURE);
const N = 20;
/**
 * F_{0.999}(19, 19) (scipy.stats.f.ppf(0.999, 19, 19) = 4.4738): if common random numbers did
 * not reduce the variance of the paired difference, the ratio of the two sample variances
 * would exceed this with probability 0.001.
 */
const F_999_19_19 = 4.4738;

describe('common random numbers', () => {
  const run = (sc: typeof scenario, strategy: string) => Array.from({ length: N }, (_, k) => simulateReplication({ scenario: sc, strategy, replication: k }));
  const base = run(scenario, 'today');
  const future = run(scenario, 'future');
  // the independent arm: the same strategy with other random streams (another master seed)
  const futureIndependent = run({ ...scenario, meta: { ...scenario.meta, seed: scenario.meta.seed + 1000 } }, 'future');
  // The horizon's net equity: in this small fixture the value beyond the horizon is dominated by run-rate
  // costs spread over the few long-lived survivors of the run-off, whose paired difference common random
  // numbers narrow far less (variance ratio ≈ 2 instead of ≈ 250 here; docs/metrics.md, "Valuation").
  const net = (rs: typeof base) => rs.map((r) => r.totals.netEquityWithinHorizon);

  it('pairs replication k of every strategy on the same seed', () => {
    expect(future.map((r) => r.seed)).toEqual(base.map((r) => r.seed));
    expect(futureIndependent.map((r) => r.seed)).not.toEqual(base.map((r) => r.seed));
  });

  it('shrink the paired interval versus independent seeds (variance-ratio F test at 0.1%)', () => {
    const crn = pairedDifference(net(future), net(base));
    const independent = pairedDifference(net(futureIndependent), net(base));
    expect((independent.sd / crn.sd) ** 2).toBeGreaterThan(F_999_19_19);
    const width = (d: typeof crn) => d.meanCi95[1] - d.meanCi95[0];
    expect(width(crn)).toBeLessThan(width(independent));
  });

  it('timing conventions agree with the engine totals', () => {
    for (const r of [base[0], future[1]]) {
      const years = equityByYear(r);
      const last = years.at(-1)!;
      const tol = 1e-9 * Math.abs(r.totals.customerEquity);
      expect(Math.abs(last.customerEquity - r.totals.customerEquity)).toBeLessThan(tol);
      expect(Math.abs(last.netEquity - r.totals.netEquity)).toBeLessThan(tol);
      expect(Math.abs(cumulativeNetValue(r).at(-1)! - r.totals.netEquityWithinHorizon)).toBeLessThan(tol);
      expect(Math.abs(r.totals.netEquityWithinHorizon + r.totals.netValueBeyondHorizon - r.totals.netEquity)).toBeLessThan(tol);
      const costsWithin = presentValue(r, 'cxSpend') + presentValue(r, 'workforceCost');
      expect(Math.abs(costsWithin + r.totals.costsBeyondHorizonPV - r.totals.cxSpendPV - r.totals.workforceCostPV)).toBeLessThan(tol);
    }
  });
});
