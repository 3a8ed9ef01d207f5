/**
 * A sweep's rows, summary and report on hand-chosen replication results, every number checked
 * by hand (issue 17 item 4; written against the uncovered mutants of src/finance/sweep-results.ts,
 * sweep-section.ts and the sweep charts once the simulating sweep tests left the mutation list).
 *
 * Grid: pools.core.marginRate = 0.2, 0.3 (cells 0 and 1); strategies zero and spend; 3
 * replications. Net equity by replication (customer equity = net + 100; CX spend PV 0 for zero,
 * 7, 8, 9 for spend; workforce PV 1, acquisition PV 2, 50 alive):
 *
 *   | cell | zero       | spend      |
 *   |------|------------|------------|
 *   | 0    | 10, 20, 30 | 15, 27, 30 |
 *   | 1    | 14, 22, 36 | 25, 30, 44 |
 *
 * Means 20, 24 (cell 0), 24, 33 (cell 1); SE of zero in cell 0: 10/√3 = 5.7735; 95% CI with
 * t₂ = 4.302653: 20 ± 24.841 = [−4.841, 44.841]. Versus cell 0, paired: zero 4, 2, 6 → 4,
 * SE 2/√3 = 1.1547, CI 4 ± 4.9683; spend 10, 3, 14 → 9, SE √31/√3 = 3.2146.
 * P5 and P95 (type 7): zero cell 0: 10 + 0.1·10 = 11 and 30 − 0.1·10 = 29.
 */
import { describe, expect, it } from 'vitest';
import type { ReplicationResult } from '../../src/engine/result.ts';
import { cellRows, describeGrid, manifestDifference, manifestKey, parseCellRows, resultsHeader, summariseSweep, summaryCsv, SWEEP_FORMAT, type SweepManifest } from '../../src/finance/sweep-results.ts';
import { sweepSectionHtml } from '../../src/finance/sweep-section.ts';
import { sweepCells } from '../../src/finance/sweep-grid.ts';

const NET: Record<string, number[][]> = { zero: [[10, 20, 30], [14, 22, 36]], spend: [[15, 27, 30], [25, 30, 44]] };
const params = [{ path: 'pools.core.marginRate', values: [0.2, 0.3] }];
const cells = [{ index: 0, values: [0.2] }, { index: 1, values: [0.3] }];
const result = (strategy: string, cell: number, k: number): ReplicationResult =>
  ({ strategy, replication: k, seed: `seed${k}`, totals: { netEquity: NET[strategy][cell][k], customerEquity: NET[strategy][cell][k] + 100, cxSpendPV: strategy === 'zero' ? 0 : 7 + k, workforceCostPV: 1, acquisitionCostPV: 2, alive: 50 } }) as unknown as ReplicationResult;
// every test writes and summarises its own rows: code run outside a test is not attributed to it
// by Stryker's per-test coverage
const rowsText = () => cells.map((c) => cellRows(c, ['zero', 'spend'].flatMap((s) => [0, 1, 2].map((k) => result(s, c.index, k))))).join('');
const manifest = (over: Partial<SweepManifest> = {}): SweepManifest => ({
  format: SWEEP_FORMAT,
  scenarioFile: 'x.yaml',
  scenario: { name: 'swept', currency: 'EUR', seed: 7, horizonMonths: 24 },
  scenarioHash: 'abc',
  params,
  strategies: [{ id: 'zero', name: 'Status quo' }, { id: 'spend', name: 'Spend' }],
  replications: 3,
  stress: 'none',
  cells: 2,
  ...over,
});
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-9);

describe('sweep rows', () => {
  it('one row per cell × strategy × replication, parameters and totals in column order', () => {
    const text = rowsText();
    expect(sweepCells(params)).toEqual(cells);
    expect(resultsHeader(params)).toBe('cell,pools.core.marginRate,strategy,replication,seed,netEquity,customerEquity,cxSpendPV,workforceCostPV,acquisitionCostPV,alive\n');
    expect(text.split('\n').slice(0, 4)).toEqual(['0,0.2,zero,0,seed0,10,110,0,1,2,50', '0,0.2,zero,1,seed1,20,120,0,1,2,50', '0,0.2,zero,2,seed2,30,130,0,1,2,50', '0,0.2,spend,0,seed0,15,115,7,1,2,50']);
    expect(text.split('\n')[11]).toBe('1,0.3,spend,2,seed2,44,144,9,1,2,50');
  });
  it('parse back exactly; a row with the wrong number of fields is refused', () => {
    const text = rowsText();
    const rows = parseCellRows(text, 1);
    expect(rows).toHaveLength(12);
    expect(rows[11]).toEqual({ cell: 1, values: [0.3], strategy: 'spend', replication: 2, seed: 'seed2', totals: { netEquity: 44, customerEquity: 144, cxSpendPV: 9, workforceCostPV: 1, acquisitionCostPV: 2, alive: 50 } });
    expect(() => parseCellRows('0,0.2,zero,0,seed0,10,110\n', 1)).toThrow('a sweep row has 7 fields, expected 11: 0,0.2,zero,0,seed0,10,110');
    expect(() => parseCellRows(text, 2)).toThrow(/has 11 fields, expected 12/);
  });
});

describe('the sweep summary', () => {
  const rowsOf = () => parseCellRows(rowsText(), 1);
  const summaryOf = () => summariseSweep(rowsOf().slice().reverse(), ['zero', 'spend']);
  it('per cell and strategy: mean, interval, the paired change versus cell 0, mean spend', () => {
    const summary = summaryOf();
    expect(summary.map((s) => [s.cell, s.values, s.strategy, s.netEquity.mean, s.customerEquity.mean, s.cxSpendPV])).toEqual([
      [0, [0.2], 'zero', 20, 120, 0],
      [0, [0.2], 'spend', 24, 124, 8],
      [1, [0.3], 'zero', 24, 124, 0],
      [1, [0.3], 'spend', 33, 133, 8],
    ]);
    close(summary[0].netEquity.se, 10 / Math.sqrt(3));
    close(summary[0].netEquity.meanCi95[0], 20 - 4.302652729749464 * (10 / Math.sqrt(3)));
    expect(summary[0].vsFirstCell).toBeNull();
    close(summary[2].vsFirstCell!.mean, 4);
    close(summary[2].vsFirstCell!.se, 2 / Math.sqrt(3));
    close(summary[3].vsFirstCell!.mean, 9);
    close(summary[3].vsFirstCell!.se, Math.sqrt(31) / Math.sqrt(3));
    expect(summary.map((s) => [s.netEquityCvar5, s.netEquityCvar5Ci95])).toEqual(Array(4).fill([null, null]));
  });
  it('a strategy without rows in a cell is skipped', () => {
    const rows = rowsOf();
    expect(summariseSweep(rows.filter((r) => !(r.cell === 1 && r.strategy === 'spend')), ['zero', 'spend']).map((s) => `${s.cell}${s.strategy}`)).toEqual(['0zero', '0spend', '1zero']);
  });
  it('summary.csv', () => {
    const summary = summaryOf();
    const csv = summaryCsv(params, summary).split('\n');
    expect(csv[0]).toBe('cell,pools.core.marginRate,strategy,n,netEquity_mean,netEquity_se,netEquity_ci95_lo,netEquity_ci95_hi,netEquity_p5,netEquity_p95,netEquity_cvar5,vsFirstCell_mean,vsFirstCell_se,vsFirstCell_ci95_lo,vsFirstCell_ci95_hi,customerEquity_mean,customerEquity_se,cxSpendPV_mean,netEquity_cvar5_ci95_lo,netEquity_cvar5_ci95_hi');
    const f0 = csv[1].split(',');
    expect(f0.slice(0, 5)).toEqual(['0', '0.2', 'zero', '3', '20']);
    close(Number(f0[5]), 10 / Math.sqrt(3));
    expect(f0.slice(8)).toEqual(['11', '29', '', '0', '0', '0', '0', '120', String(10 / Math.sqrt(3)), '0', '', '']);
    const f3 = csv[4].split(',');
    expect(f3.slice(0, 5)).toEqual(['1', '0.3', 'spend', '3', '33']);
    close(Number(f3[11]), 9);
    close(Number(f3[12]), Math.sqrt(31 / 3));
    close(Number(f3[13]), 9 - 4.302652729749464 * Math.sqrt(31 / 3));
    close(Number(f3[14]), 9 + 4.302652729749464 * Math.sqrt(31 / 3));
    expect(f3[17]).toBe('8');
    expect(csv).toHaveLength(6);
  });
  it('with 200 replications: the CVaR 5% and its bootstrap interval', () => {
    const many = Array.from({ length: 200 }, (_, k) => ({ cell: 0, values: [1], strategy: 'a', replication: k, seed: String(k), totals: { netEquity: k + 1, customerEquity: 0, cxSpendPV: 0, workforceCostPV: 0, acquisitionCostPV: 0, alive: 0 } }));
    const [s] = summariseSweep(many, ['a']);
    expect(s.netEquityCvar5).toBe(5.5); // mean of 1..10
    const [lo, hi] = s.netEquityCvar5Ci95!;
    expect(lo).toBeLessThan(5.5);
    expect(hi).toBeGreaterThan(5.5);
    const line = summaryCsv([{ path: 'p', values: [1] }], [s]).split('\n')[1].split(',');
    expect(line[10]).toBe('5.5');
    expect(line.slice(18)).toEqual([String(lo), String(hi)]);
  });
});

describe('the manifest', () => {
  it('the key holds what must agree; the difference names the first that does not', () => {
    expect(manifestKey(manifest())).toBe(JSON.stringify([1, 'abc', params, ['zero', 'spend'], 3, 'none', 2]));
    expect(manifestKey(manifest({ scenarioFile: 'other.yaml' }))).toBe(manifestKey(manifest()));
    expect(manifestDifference(manifest(), manifest({ scenarioHash: 'def' }))).toBe('the scenario differs (its file changed, or another seed)');
    expect(manifestDifference(manifest(), manifest({ params: [{ path: 'pools.core.marginRate', values: [0.2, 0.4] }] }))).toBe('the grid differs (pools.core.marginRate=0.2,0.3 vs pools.core.marginRate=0.2,0.4)');
    expect(manifestDifference(manifest(), manifest({ strategies: [{ id: 'zero', name: 'x' }] }))).toBe('the strategies differ (zero,spend vs zero)');
    expect(manifestDifference(manifest(), manifest({ replications: 4 }))).toBe('the replications differ (3 vs 4)');
    expect(manifestDifference(manifest(), manifest({ stress: 'slump' }))).toBe('the stress differs (none vs slump)');
    expect(manifestDifference(manifest(), manifest({ cells: 3 }))).toBe('the format differs');
    expect(describeGrid([{ path: 'a', values: [1, 2] }, { path: 'b.c', values: [0.5] }])).toBe('a=1,2 × b.c=0.5');
  });
});

describe('the sweep section of the report', () => {
  it('one parameter: the level and the change charts, the table, the notes', () => {
    const summary = summariseSweep(parseCellRows(rowsText(), 1), ['zero', 'spend']);
    const html = sweepSectionHtml(manifest(), summary);
    expect(html).toContain('<h2>Sweep: pools.core.marginRate=0.2,0.3</h2>');
    expect(html).toContain('Net equity as pools.core.marginRate varies');
    expect(html).toContain('Change versus pools.core.marginRate = 0.2');
    expect(html).toContain('Mean net equity over 3 replications per point');
    expect(html).toContain('Δ net equity vs 0.2 (EUR)');
    expect(html).toContain('2 cells × 2 strategies × 3 replications');
    expect(html).toContain('PV of workforce costs (EUR). Stress: none.');
    // table: the parameter value, the strategy's name, mean with its interval, P5–P95, CVaR n/a
    expect(html).toContain('>Status quo<');
    expect(html).toContain('[−4.84, 44.8]');
    expect(html).toContain('[11.0, 29.0]');
    expect(html).toContain('not enough replications (3 of 200)');
    expect(html).not.toContain('sweep-heatmap');
    expect(html).not.toContain('First 80');
  });
  it('two parameters: one heatmap per strategy; one strategy in the notes is singular', () => {
    const two = [{ path: 'a', values: [1, 2000] }, { path: 'b', values: [0.5] }];
    const rows = sweepCells(two).flatMap((c) => [0, 1].map((k) => ({ cell: c.index, values: c.values, strategy: 'zero', replication: k, seed: String(k), totals: { netEquity: 1000 * (c.index + 1) + k, customerEquity: 0, cxSpendPV: 0, workforceCostPV: 0, acquisitionCostPV: 0, alive: 0 } })));
    const html = sweepSectionHtml(manifest({ params: two, strategies: [{ id: 'zero', name: 'Status quo' }], replications: 2, cells: 2 }), summariseSweep(rows, ['zero']));
    expect(html).toContain('sweep-heatmap-zero');
    expect(html).toContain('Status quo: net equity over a × b');
    expect(html).toContain('rows (left): a, columns (top): b');
    expect(html).toContain('2 cells × 1 strategy × 2 replications');
    expect(html).toContain('>2.00k<'); // 2000 as money in the table
    expect(html).not.toContain('sweep-line');
  });
  it('more than 80 rows: the first 80 and a note', () => {
    const p = [{ path: 'x', values: Array.from({ length: 41 }, (_, i) => i) }];
    const rows = sweepCells(p).flatMap((c) => ['zero', 'spend'].flatMap((s) => [0, 1].map((k) => ({ cell: c.index, values: c.values, strategy: s, replication: k, seed: String(k), totals: { netEquity: c.index + k, customerEquity: 0, cxSpendPV: 0, workforceCostPV: 0, acquisitionCostPV: 0, alive: 0 } }))));
    const html = sweepSectionHtml(manifest({ params: p, replications: 2, cells: 41 }), summariseSweep(rows, ['zero', 'spend']));
    expect(html).toContain('First 80 of 82 rows; all of them are in summary.csv.');
  });
});
