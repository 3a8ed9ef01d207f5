/**
 * Metric formulas on hand-computed cases (docs/metrics.md). Expected values come from
 * closed forms (annuities, geometric series), never from running the code under test.
 */
import { describe, expect, it } from 'vitest';
import { summarise, wilsonInterval } from '../src/metrics/interval.ts';
import { pairedDifference } from '../src/metrics/paired-difference.ts';
import { equityByYear } from '../src/metrics/equity-over-time.ts';
import { breakEven, breakEvenStep, pairedNetDifferencePaths, valuedBreakEvenYear } from '../src/metrics/break-even.ts';
import { roi } from '../src/metrics/roi.ts';
import { presentValue, cxSpendByLever, cxSpendPerYear } from '../src/metrics/cx-spend.ts';
import { clvBy } from '../src/metrics/clv.ts';
import { replicationsNeeded, rankingIssues } from '../src/metrics/ranking-precision.ts';
import { compareStrategies } from '../src/metrics/comparison.ts';
import { clvSummary, makeResult } from './helpers/replication-result.ts';
import { Scenario } from '../src/scenario/schema.ts';

const r = 0.1; // annual discount rate
const d = 1.1 ** (1 / 12) - 1; // per month
const v = 1 / (1 + d);
/** Σ_{t=1}^{n} v^t, the annuity-immediate factor. */
const annuity = (n: number) => (1 - v ** n) / d;

describe('interval summaries', () => {
  it('gives mean, sample SD, SE and type-7 percentile ranges', () => {
    const s = summarise([1, 2, 3, 4]);
    expect(s.mean).toBe(2.5);
    expect(s.sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(s.se).toBeCloseTo(Math.sqrt(5 / 3) / 2, 12);
    // type 7: position (n−1)p = 0.15 and 2.85
    expect(s.range90[0]).toBeCloseTo(1.15, 12);
    expect(s.range90[1]).toBeCloseTo(3.85, 12);
    expect(s.range95[0]).toBeCloseTo(1.075, 12);
    // Student t with n − 1 = 3 degrees of freedom (tables: t_{0.975,3} = 3.182446, t_{0.95,3} = 2.353363), not z = 1.96
    expect(s.meanCi95[1] - s.mean).toBeCloseTo(3.182446 * s.se, 5);
    expect(s.meanCi90[1] - s.mean).toBeCloseTo(2.353363 * s.se, 5);
    expect(s.median).toBe(2.5);
  });
  it('uses t_{0.975,19} = 2.093 at 20 replications and tends to z = 1.96 for large n', () => {
    const xs = Array.from({ length: 20 }, (_, k) => k % 2);
    const s = summarise(xs);
    expect((s.meanCi95[1] - s.mean) / s.se).toBeCloseTo(2.093024, 5);
    const big = summarise(Array.from({ length: 100000 }, (_, k) => k % 2));
    expect((big.meanCi95[1] - big.mean) / big.se).toBeCloseTo(1.959985, 4);
  });
  it('refuses a single replication and non-finite values', () => {
    expect(() => summarise([1])).toThrow(/at least 2/);
    expect(() => summarise([1, NaN])).toThrow(/finite/);
  });
});

describe('paired differences', () => {
  it('pairs by replication and counts ties as half a win', () => {
    const p = pairedDifference([10, 12, 9, 11], [9, 12, 10, 8]);
    // differences 1, 0, −1, 3
    expect(p.mean).toBe(0.75);
    expect(p.pBeats).toBe((1 + 0.5 + 0 + 1) / 4);
    expect(p.pBeatsSe).toBeCloseTo(Math.sqrt(0.625 * 0.375 / 4), 12);
  });
  it('gives P(beats) a Wilson interval that does not collapse at 100%', () => {
    const p = pairedDifference(Array(20).fill(2), Array(20).fill(1));
    expect(p.pBeats).toBe(1);
    expect(p.pBeatsSe).toBe(0);
    // Wilson 1927: 20/20 → lower bound n/(n + z²) = 20/(20 + 3.8415) = 0.83887
    expect(p.pBeatsCi95[0]).toBeCloseTo(20 / (20 + 1.959963984540054 ** 2), 9);
    expect(p.pBeatsCi95[1]).toBe(1);
    // a textbook value: 8 of 10 → [0.4902, 0.9433]
    const w = wilsonInterval(8, 10);
    expect(w[0]).toBeCloseTo(0.4902, 4);
    expect(w[1]).toBeCloseTo(0.9433, 4);
  });
});

describe('two-customer population', () => {
  // Customer A: margin 10 per month for 24 months, alive at both year ends, terminal value 100 each year end.
  // Customer B: margin 20 per month in months 0–5, then churns. B was acquired at month 0 for 50.
  const steps = 24;
  const margin = Array.from({ length: steps }, (_, t) => 10 + (t < 6 ? 20 : 0));
  const acquisitionCost = Array.from({ length: steps }, (_, t) => (t === 0 ? 50 : 0));
  const res = makeResult({ steps, discountRate: r, series: { margin, acquisitionCost, cxSpend: 5 }, terminalValueByYear: [100, 100] });

  it('values equity at each year end with end-of-step discounting and the terminal value', () => {
    const [y1, y2] = equityByYear(res);
    const y1Expected = 10 * annuity(12) + 20 * annuity(6) - 50 * v + 100 * v ** 12;
    const y2Expected = 10 * annuity(24) + 20 * annuity(6) - 50 * v + 100 * v ** 24;
    expect(y1.customerEquity).toBeCloseTo(y1Expected, 9);
    expect(y2.customerEquity).toBeCloseTo(y2Expected, 9);
    expect(y1.netEquity).toBeCloseTo(y1Expected - 5 * annuity(12), 9);
    expect(y2.month).toBe(24);
  });
  it('leaves the terminal value out when the scenario does', () => {
    const [y1] = equityByYear(res, false);
    expect(y1.customerEquity).toBeCloseTo(10 * annuity(12) + 20 * annuity(6) - 50 * v, 9);
  });
  it('final-year equity equals the totals', () => {
    const last = equityByYear(res).at(-1)!;
    expect(last.customerEquity).toBeCloseTo(res.totals.customerEquity, 9);
    expect(last.netEquity).toBeCloseTo(res.totals.netEquity, 9);
  });
  it('present value of a spend series is the annuity', () => {
    expect(presentValue(res, 'cxSpend')).toBeCloseTo(5 * annuity(24), 9);
  });
});

describe('constant-retention cohort', () => {
  // N0 customers, monthly retention ρ, margin m per survivor per month earned at the end of the month.
  // Survivors after step t: N0·ρ^(t+1). Terminal value at a year end y: survivors · m·ρ/(1+d−ρ).
  // Then equity valued at ANY year end equals the closed form N0·m·ρ/(1+d−ρ).
  const N0 = 1000, m = 12, rho = 0.97, steps = 60;
  const margin = Array.from({ length: steps }, (_, t) => N0 * m * rho ** (t + 1));
  const tv = [1, 2, 3, 4, 5].map((y) => N0 * rho ** (12 * y) * ((m * rho) / (1 + d - rho)));
  const res = makeResult({ steps, discountRate: r, series: { margin }, terminalValueByYear: tv });
  it('equity if valued at year y is the same closed form at every year', () => {
    const closed = (N0 * m * rho) / (1 + d - rho);
    for (const e of equityByYear(res)) expect(e.customerEquity).toBeCloseTo(closed, 6);
  });
});

describe('break-even', () => {
  it('finds the first step after which a path stays positive', () => {
    expect(breakEvenStep([-3, -1, 2, 4])).toBe(2);
    expect(breakEvenStep([-3, 1, -1, 4, 5])).toBe(3);
    expect(breakEvenStep([1, 2])).toBe(0);
    expect(breakEvenStep([1, -2])).toBeNull();
    expect(breakEvenStep([0, 0])).toBeNull();
  });
  it('a strategy that invests 100 in month 0 and earns 30 more per month breaks even after 4 months (undiscounted)', () => {
    const steps = 12;
    const base = [0, 1].map((k) => makeResult({ strategy: 'base', replication: k, steps, series: { margin: 50 } }));
    const extra = (k: number) => Array.from({ length: steps }, (_, t) => 50 + (t >= 1 ? 30 + k : 0));
    const strat = [0, 1].map((k) =>
      makeResult({ strategy: 's', replication: k, steps, series: { margin: extra(k), cxSpend: Array.from({ length: steps }, (_, t) => (t === 0 ? 100 : 0)) } }),
    );
    const paths = pairedNetDifferencePaths(strat, base);
    // replication 0: −100, −70, −40, −10, +20 → positive from step 4 → 5 months elapsed
    expect(Array.from(paths[0].slice(0, 5))).toEqual([-100, -70, -40, -10, 20]);
    const be = breakEven(paths, 12);
    // mean path: −100, −69.5, −39, −8.5, 22 → step 4
    expect(be.month).toBe(5);
    expect(be.shareOfReplications).toBe(1);
    expect(be.medianMonth).toBe(5);
  });
  it('finds the year from which net equity valued at year end stays ahead', () => {
    // differences by year: rep 0: −5, 1, 4; rep 1: −3, −1, 6 → mean −4, 0, 5 → ahead from year 3
    expect(valuedBreakEvenYear([[0, 3, 9], [1, 1, 10]], [[5, 2, 5], [4, 2, 4]])).toBe(3);
    expect(valuedBreakEvenYear([[0, 0]], [[1, 1]])).toBeNull();
  });
  it('reports no break-even within the horizon', () => {
    const base = [0, 1].map((k) => makeResult({ replication: k, steps: 3, series: { margin: 1 } }));
    const s = [0, 1].map((k) => makeResult({ strategy: 's', replication: k, steps: 3, series: { margin: 1, cxSpend: 1 } }));
    const be = breakEven(pairedNetDifferencePaths(s, base), 12);
    expect(be).toEqual({ month: null, shareOfReplications: 0, medianMonth: null });
  });
});

describe('ROI on every strategy-driven cost', () => {
  const cx = (xs: number[]) => ({ cxSpendPV: xs, workforceCostPV: xs.map(() => 0), visitCostPV: xs.map(() => 0) });
  it('is (Δ equity − Δ spend)/Δ spend when workforce and visit costs are equal', () => {
    // Δ customer equity 300 and Δ spend 100 in each replication → Δ net 200 → ROI 2.
    const x = roi([200, 200, 200], cx([100, 100, 100]), 1000);
    expect(x.value).toBeCloseTo(2, 12);
    expect(x.se).toBeCloseTo(0, 12);
  });
  it('uses the ratio of means, a delta-method SE and t_{n−1}', () => {
    const dn = [100, 300], dc = [100, 100];
    const x = roi(dn, cx(dc), 1000);
    expect(x.value).toBe(2);
    // residuals dn − 2·dc = −100, 100 → sd √20000, se = sd/√2/100 = 1; t_{0.975,1} = 12.7062
    expect(x.se).toBeCloseTo(1, 12);
    expect(x.meanCi95![1]).toBeCloseTo(2 + 12.7062047, 6);
  });
  it('counts workforce and visit costs in the denominator (a chatbot whose case is wage savings)', () => {
    // CX spend +100, wages −60, visit costs +10 → Δ costs 50; Δ net = 75 → ROI 150%, not 75% (÷ CX spend only)
    const x = roi([75, 75], { cxSpendPV: [100, 100], workforceCostPV: [-60, -60], visitCostPV: [10, 10] }, 1000);
    expect(x.deltaCostPV).toBe(50);
    expect(x.value).toBeCloseTo(1.5, 12);
    // wages fall more than the spend rises: costs less, no investment to return on
    const y = roi([300, 300], { cxSpendPV: [100, 100], workforceCostPV: [-250, -250], visitCostPV: [0, 0] }, 1000);
    expect(y.value).toBeNull();
    expect(y.note).toMatch(/costs less/);
  });
  it('is undefined without extra cost, and says why', () => {
    expect(roi([5, 6], cx([0, 0]), 1000).value).toBeNull();
    expect(roi([5, 6], cx([-100, -100]), 1000).note).toMatch(/less/);
  });
  it('is undefined when the extra cost is within the 1% materiality band, with the band in the note', () => {
    const x = roi([500, 600], cx([9, 9]), 1000);
    expect(x.value).toBeNull();
    expect(x.note).toMatch(/materiality band/);
    expect(x.short).toMatch(/same cost/);
    expect(roi([500, 600], cx([11, 11]), 1000).value).toBeCloseTo(50, 12);
  });
});

describe('CX spend by lever', () => {
  it('gives the PV by lever and the spend per year', () => {
    const rs = [0, 1].map((k) =>
      makeResult({ replication: k, steps: 24, series: { 'cxSpend.training': 10, 'cxSpend.chatbot': Array.from({ length: 24 }, (_, t) => (t < 12 ? 0 : 6 + k)) } }),
    );
    const byLever = cxSpendByLever(rs);
    expect(Object.keys(byLever)).toEqual(['training', 'chatbot']);
    expect(byLever.training.mean).toBeCloseTo(240, 9); // undiscounted
    const rows = cxSpendPerYear(rs);
    expect(rows.find((x) => x.lever === 'chatbot' && x.year === 2)!.spend).toBeCloseTo(12 * 6.5, 9);
    expect(rows.find((x) => x.lever === 'chatbot' && x.year === 1)!.spend).toBe(0);
  });
});

describe('CLV by group', () => {
  it('summarises the replication means and averages the percentiles', () => {
    const rs = [
      makeResult({ replication: 0, steps: 1, clv: { bySegment: { a: clvSummary([100, 200]), b: clvSummary([10]) } } }),
      makeResult({ replication: 1, steps: 1, clv: { bySegment: { a: clvSummary([300, 400]) } } }),
    ];
    const g = clvBy(rs, 'bySegment');
    expect(g.a.mean!.mean).toBe(250);
    expect(g.a.count).toBe(2);
    expect(g.a.distribution!.p50).toBe(250);
    expect(g.b.mean).toBeNull(); // only one replication had customers
    expect(g.b.count).toBe(0.5);
  });
});

describe('replications needed to rank', () => {
  it('follows n = ((z_0.975 + z_0.8)·sd/|mean|)² (a planning formula for large n: z, not t)', () => {
    expect(replicationsNeeded(1, 10)).toBe(Math.ceil(((1.959963984540054 + 0.8416212335729143) * 10) ** 2));
    expect(replicationsNeeded(0, 0)).toBeNull();
  });
  it('warns only for pairs whose 95% interval contains zero', () => {
    const issues = rankingIssues({ base: [0, 0, 0, 0], clear: [10, 11, 9, 10], noisy: [5, -6, 7, -5] }, 'base');
    // clear − noisy = 5, 17, 2, 15: mean 9.75, se 3.45; z·se = 6.8 would separate them, t_{0.975,3}·se = 11.0 does not
    expect(issues.map((i) => [i.a, i.b])).toEqual([['noisy', 'base'], ['clear', 'noisy']]);
    expect(issues[0].needed).toBeGreaterThan(4);
    expect(issues[0].message).toMatch(/cannot rank at 4 replications/);
  });
});

describe('comparison of strategies', () => {
  const scenario = Scenario.parse({
    meta: { name: 'tiny', replications: 3 },
    pools: { film: { marginRate: 0.3 } },
    segments: { mass: { initialCustomers: 10, churn: { annualRate: 0.1 } } },
    journeys: { main: { stages: { use: {} } } },
    strategies: { today: { baseline: true }, future: {} },
  });
  const mk = (strategy: string, k: number, extra: number) =>
    makeResult({ strategy, replication: k, steps: 12, discountRate: r, series: { margin: 100 + extra + k, cxSpend: extra / 2, 'share.film': 0.2 + extra / 100 }, terminalValueByYear: [50] });
  const results = [0, 1, 2].flatMap((k) => [mk('today', k, 0), mk('future', k, 10)]);
  const c = compareStrategies({ scenario, results });
  it('pairs every strategy with the baseline and keeps JSON-able data', () => {
    expect(c.baseline).toBe('today');
    const f = c.headline.find((h) => h.strategy === 'future')!;
    // Δ net per month = 10 − 5 → 5·annuity(12), identical in every replication
    expect(f.vsBaseline!.netEquity.mean).toBeCloseTo(5 * annuity(12), 9);
    expect(f.vsBaseline!.netEquity.sd).toBeCloseTo(0, 9);
    expect(f.vsBaseline!.netEquity.pBeats).toBe(1);
    expect(f.vsBaseline!.roi.value).toBeCloseTo(1, 9);
    expect(f.vsBaseline!.breakEven.month).toBe(1);
    expect(f.poolShareAtHorizon.film.mean).toBeCloseTo(0.3, 12);
    expect(c.seeds).toHaveLength(3);
    expect(c.rankingIssues).toEqual([]);
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });
});
