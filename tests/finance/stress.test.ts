/**
 * Stress tests: a stress that cuts the budget to zero equals the zero-budget strategy, bit for
 * bit, replication by replication; the summary's paired losses, tail measures and robustness
 * ranking follow their definitions.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReplicationResult } from '../../src/engine/result.ts';
import { parseShocks } from '../../src/finance/shock-syntax.ts';
import { planStress, stressColumns, summariseStress } from '../../src/finance/stress-test.ts';
import { expectedShortfall, expectedShortfallSe, probabilityBelow, tailRisk } from '../../src/finance/tail-risk.ts';
import { robustness } from '../../src/finance/robustness.ts';
import { stressText } from '../../src/finance/stress-output.ts';
import { stressSectionHtml } from '../../src/finance/stress-section.ts';
import { summarise } from '../../src/metrics/interval.ts';
import { Scenario } from '../../src/scenario/schema.ts';
import { levered, runInProcess } from './small-scenarios.ts';

describe('a budget cut to zero', () => {
  const sc = levered();
  const cut = parseShocks('budget:-100%@0', Object.keys(sc.pools));
  if (!cut.ok) throw new Error(cut.message);
  const columns = stressColumns(sc, ['slump'], [{ text: 'budget:-100%@0', shocks: cut.shocks }]);
  const plan = planStress(sc, ['zero', 'spend'], columns, 4);
  let results: ReplicationResult[] = [];
  beforeAll(async () => {
    results = await runInProcess(plan.jobs);
  });
  const cell = (strategy: string, stress: string) => {
    const c = plan.cells.find((x) => x.strategy === strategy && x.stress === stress)!;
    return results.slice(c.from, c.to);
  };

  it('equals the zero-budget strategy in every replication (bit-identical equity and spend)', () => {
    const stressed = cell('spend', 'shock-1');
    const zero = cell('zero', 'none');
    const spending = cell('spend', 'none');
    // the unstressed strategy does spend and does differ (so the equality below is not trivial)
    expect(spending.every((r) => r.totals.cxSpendPV > 0)).toBe(true);
    expect(spending.map((r) => r.totals.netEquity)).not.toEqual(zero.map((r) => r.totals.netEquity));
    for (let k = 0; k < 4; k++) {
      expect(stressed[k].replication).toBe(zero[k].replication);
      expect(stressed[k].totals.customerEquity).toBe(zero[k].totals.customerEquity);
      expect(stressed[k].totals.netEquity).toBe(zero[k].totals.netEquity);
      expect(stressed[k].totals.cxSpendPV).toBe(0);
      expect(Array.from(stressed[k].series.active)).toEqual(Array.from(zero[k].series.active));
    }
  });

  it('the summary: the cut costs the spender its paired difference; the zero budget loses nothing', () => {
    const t = summariseStress({ scenario: sc, strategies: ['zero', 'spend'], columns, plan, results });
    const get = (s: string, z: string) => t.cells.find((c) => c.strategy === s && c.stress === z)!;
    expect(get('spend', 'shock-1').netEquity.mean).toBe(get('zero', 'none').netEquity.mean);
    const loss = get('zero', 'shock-1').lossVsUnstressed!;
    expect(loss.mean).toBe(0);
    expect(loss.sd).toBe(0);
    const d = cell('spend', 'none').map((r, k) => r.totals.netEquity - cell('spend', 'shock-1')[k].totals.netEquity);
    expect(get('spend', 'shock-1').lossVsUnstressed!.mean).toBeCloseTo(d.reduce((a, x) => a + x, 0) / d.length, 6);
    // default threshold: the baseline's expected unstressed net equity
    expect(t.threshold.value).toBe(get('zero', 'none').netEquity.mean);
    expect(t.stresses.map((s) => s.id)).toEqual(['none', 'slump', 'shock-1']);
    expect(t.robustness.rows.map((r) => r.rank)).toEqual([1, 2]);
    // the difference vs the baseline under the same stress, paired
    const dv = cell('spend', 'slump').map((r, k) => r.totals.netEquity - cell('zero', 'slump')[k].totals.netEquity);
    expect(get('spend', 'slump').vsBaseline!.mean).toBeCloseTo(dv.reduce((a, x) => a + x, 0) / dv.length, 6);
    expect(get('zero', 'slump').vsBaseline).toBeNull();
    // tails: 4 replications are not enough for CVaR 5% — no number, no tail leader
    expect(get('spend', 'none').tail.cvar5).toBeNull();
    expect(t.robustness.leaders.find((l) => l.criterion === 'worstTail')!.strategy).toBeNull();
    const text = stressText(t);
    expect(text).toMatch(/not enough replications \(4 of 200\)/);
    // stress timing reaches the text and the report
    expect(text).toMatch(/every pool's wallet × 0\.8 in months 6–17/);
    expect(stressSectionHtml(t)).toContain('every lever&#39;s spend cut by 100% from month 0 (year 1) on');
  });
});

describe('tail measures', () => {
  it('expected shortfall: the mean of the worst 5%, fractionally weighted', () => {
    const xs = Array.from({ length: 40 }, (_, i) => 40 - i); // 1..40
    expect(expectedShortfall(xs)).toBe(1.5); // αn = 2: mean of 1 and 2
    const ys = Array.from({ length: 30 }, (_, i) => i + 1); // αn = 1.5: (1 + 0.5·2)/1.5
    expect(expectedShortfall(ys)).toBeCloseTo(4 / 3, 12);
    expect(expectedShortfall([5, 3, 9])).toBe(3); // fewer than 20: the worst one
    expect(expectedShortfallSe([5, 3, 9])).toBeNull();
    expect(expectedShortfallSe(xs)).toBeGreaterThan(0);
  });

  it('P(below): the share strictly below, with its binomial standard error and Wilson interval', () => {
    const p = probabilityBelow([1, 2, 3, 4], 3);
    expect(p.p).toBe(0.5);
    expect(p.se).toBe(Math.sqrt(0.25 / 4));
    expect(p.ci95[0]).toBeGreaterThan(0.1);
    expect(p.ci95[1]).toBeLessThan(0.9);
  });

  it('refuses CVaR 5% below 200 replications (fewer than 10 in the tail) and reports it from 200 on', () => {
    const xs = Array.from({ length: 199 }, (_, i) => i);
    expect(tailRisk(xs, 0).cvar5).toBeNull();
    const ys = Array.from({ length: 200 }, (_, i) => i);
    const t = tailRisk(ys, 0);
    expect(t.cvar5).toBe(4.5); // mean of 0..9
    expect(t.cvar5Ci95![0]).toBeLessThanOrEqual(4.5);
    expect(t.cvar5Ci95![1]).toBeGreaterThanOrEqual(4.5);
  });
});

describe('a scenario with an analytic tail', () => {
  // No customers: net equity = −PV(CX spend) = −B·a, with the yearly budget B ~ Uniform(1M, 3M)
  // drawn once per replication and a = (1/12)·Σ_{t<24} (1+d)^−(t+1) the monthly annuity.
  // The worst 5% of net equity are the 5% highest budgets: E[B | B > q95] = 3M − 0.025·2M = 2.95M,
  // so ES_5% = −2.95M·a exactly.
  const sc = Scenario.parse({
    meta: { name: 'analytic tail', horizonMonths: 24, seed: 11, replications: 200, discountRate: 0.1 },
    valuation: { beyondHorizon: 'none' }, // spend within the 24 months only: the analytic ES below
    pools: { core: { marginRate: 0.3 } },
    segments: { s: { initialCustomers: 0, churn: { annualRate: 0.1 } } },
    journeys: { j: { stages: { use: {} } } },
    levers: { fix: { kind: 'friction', targets: [], response: { scale: 1e6 } } },
    strategies: { only: { baseline: true, budget: { perYear: { dist: 'uniform', min: 1e6, max: 3e6 }, allocation: { fix: 1 } } } },
  });
  it('recovers ES 5% within its bootstrap 95% interval at 200 replications (and refuses it at 20)', async () => {
    const d = 1.1 ** (1 / 12) - 1;
    let a = 0;
    for (let t = 0; t < 24; t++) a += (1 + d) ** -(t + 1) / 12;
    const truth = -2.95e6 * a;
    const rs = await runInProcess(Array.from({ length: 200 }, (_, replication) => ({ scenario: sc, strategy: 'only', replication })));
    const net = rs.map((r) => r.totals.netEquity);
    expect(rs.every((r) => r.totals.customerEquity === 0)).toBe(true);
    const t = tailRisk(net, summarise(net).range90[0]);
    expect(t.cvar5).not.toBeNull();
    expect(t.cvar5Ci95![0]).toBeLessThanOrEqual(truth);
    expect(t.cvar5Ci95![1]).toBeGreaterThanOrEqual(truth);
    // the interval is informative (2.2% of the value here): a tail of 10% instead of 5% (−2.90M·a) falls outside it
    expect(t.cvar5Ci95![1] - t.cvar5Ci95![0]).toBeLessThan(0.05 * Math.abs(truth));
    expect(tailRisk(net.slice(0, 20), 0).cvar5).toBeNull();
  });
});

describe('stress on the decision', () => {
  it('flags the flip: the lead over the baseline changes sign and the preferred strategy changes', () => {
    // future leads the baseline by ~20 unstressed and trails it by ~20 under "leap"; steady never flips
    const cells = [
      { strategy: 'today', stress: 'none', values: [100, 101, 99, 100, 102, 98] },
      { strategy: 'today', stress: 'leap', values: [95, 96, 94, 95, 97, 93] },
      { strategy: 'future', stress: 'none', values: [120, 122, 118, 121, 119, 120] },
      { strategy: 'future', stress: 'leap', values: [75, 77, 73, 76, 74, 75] },
      { strategy: 'steady', stress: 'none', values: [105, 106, 104, 105, 107, 103] },
      { strategy: 'steady', stress: 'leap', values: [100, 101, 99, 100, 102, 98] },
    ];
    const r = robustness(cells, ['today', 'future', 'steady'], 'today');
    const future = r.rows.find((x) => x.strategy === 'future')!;
    expect(future.flips).toEqual([{ stress: 'leap', clear: true }]);
    expect(r.rows.find((x) => x.strategy === 'steady')!.flips).toEqual([]);
    expect(r.decisionFlips.map((f) => [f.stress, f.before, f.after, f.clear])).toEqual([['leap', 'future', 'steady', true]]);
    // minimax regret: future regrets 25 under leap, today 20 unstressed, steady 15 unstressed → steady, today, future
    expect(r.rows.map((x) => x.strategy)).toEqual(['steady', 'today', 'future']);
    expect(future.maxRegret.mean).toBeCloseTo(25, 9);
    expect(future.worstDelta).toMatchObject({ stress: 'leap' });
    expect(future.worstDelta.mean).toBeCloseTo(-20, 9);
  });
});

describe('robustness ranking', () => {
  it('best expected value and best worst case can differ, and the margin is paired', () => {
    const cells = [
      { strategy: 'bold', stress: 'none', values: [110, 130, 120] },
      { strategy: 'bold', stress: 'crash', values: [40, 60, 50] },
      { strategy: 'safe', stress: 'none', values: [100, 102, 101] },
      { strategy: 'safe', stress: 'crash', values: [89, 91, 90] },
    ];
    const r = robustness(cells, ['bold', 'safe'], 'safe');
    expect(r.leaders.find((l) => l.criterion === 'expected')!.strategy).toBe('bold');
    const worst = r.leaders.find((l) => l.criterion === 'worstCase')!;
    expect(worst.strategy).toBe('safe');
    expect(worst.margin!.mean).toBe(40); // 90 − 50 under each one's worst stress, paired
    expect(worst.established).toBe(true);
    // regret: safe trails bold by 19 unstressed; bold trails safe by 40 under crash → safe ranks first
    expect(r.rows.map((x) => [x.strategy, x.rank, x.worstCase.stress, x.largestLoss.mean])).toEqual([
      ['safe', 1, 'crash', 11],
      ['bold', 2, 'crash', 70],
    ]);
    expect(r.rows[0].maxRegret.mean).toBeCloseTo(19, 9);
  });
});
