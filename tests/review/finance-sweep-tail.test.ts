/**
 * Review of the sweep's tail numbers (src/finance/sweep-results.ts, docs/finance.md "Tail risk"):
 * a CVaR 5% is only reported with ≥ 200 replications, and then — as in `stress` — with its
 * bootstrap 95% interval, in summary.csv as in the report and the terminal table.
 */
import { describe, expect, it } from 'vitest';
import { summariseSweep, summaryCsv, type SweepRow } from '../../src/finance/sweep-results.ts';
import { expectedShortfall, expectedShortfallCi } from '../../src/finance/tail-risk.ts';

function rows(n: number): SweepRow[] {
  const out: SweepRow[] = [];
  for (const cell of [0, 1])
    for (let k = 0; k < n; k++) {
      const net = 1000 + cell * 50 + ((k * 37) % 101) - ((k * 53) % 17);
      out.push({ cell, values: [cell], strategy: 's', replication: k, seed: String(k), totals: { netEquity: net, customerEquity: 2 * net, cxSpendPV: 10, workforceCostPV: 5, acquisitionCostPV: 1, alive: 100 } });
    }
  return out;
}
const params = [{ path: 'strategies.s.budget.perYear', values: [0, 1] }] as unknown as Parameters<typeof summaryCsv>[0];

describe('sweep CVaR 5%', () => {
  it('with 200 replications: the CVaR comes with its bootstrap 95% interval, in the summary and in summary.csv', () => {
    const summary = summariseSweep(rows(200), ['s']);
    for (const s of summary) {
      const net = rows(200).filter((r) => r.cell === s.cell).map((r) => r.totals.netEquity);
      expect(s.netEquityCvar5).toBe(expectedShortfall(net));
      expect(s.netEquityCvar5Ci95).toEqual(expectedShortfallCi(net));
      expect(s.netEquityCvar5Ci95![0]).toBeLessThanOrEqual(s.netEquityCvar5!);
      expect(s.netEquityCvar5Ci95![1]).toBeGreaterThanOrEqual(s.netEquityCvar5!);
    }
    const lines = summaryCsv(params, summary).trim().split('\n');
    const header = lines[0].split(',');
    const lo = header.indexOf('netEquity_cvar5_ci95_lo');
    const hi = header.indexOf('netEquity_cvar5_ci95_hi');
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeGreaterThan(0);
    lines.slice(1).forEach((line, i) => {
      const f = line.split(',');
      expect(Number(f[lo])).toBe(summary[i].netEquityCvar5Ci95![0]);
      expect(Number(f[hi])).toBe(summary[i].netEquityCvar5Ci95![1]);
    });
  });

  it('with 20 replications: no CVaR and no interval (empty cells)', () => {
    const summary = summariseSweep(rows(20), ['s']);
    expect(summary.every((s) => s.netEquityCvar5 === null && s.netEquityCvar5Ci95 === null)).toBe(true);
    const lines = summaryCsv(params, summary).trim().split('\n');
    const lo = lines[0].split(',').indexOf('netEquity_cvar5_ci95_lo');
    for (const line of lines.slice(1)) expect(line.split(',')[lo]).toBe('');
  });
});
