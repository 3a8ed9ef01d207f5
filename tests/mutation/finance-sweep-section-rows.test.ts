/**
 * The sweep section's row limit and its labels (issue 17 item 4; survivors of
 * src/finance/sweep-section.ts after finance-sweep-section.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { sweepSectionHtml } from '../../src/finance/sweep-section.ts';
import { summariseSweep, SWEEP_FORMAT, type SweepManifest, type SweepRow } from '../../src/finance/sweep-results.ts';

const row = (cell: number, values: number[], k: number, net: number): SweepRow => ({ cell, values, strategy: 'zero', replication: k, seed: String(k), totals: { netEquity: net, customerEquity: 0, cxSpendPV: 0, workforceCostPV: 0, acquisitionCostPV: 0, alive: 0 } });
const manifest = (params: SweepManifest['params'], cells: number): SweepManifest => ({ format: SWEEP_FORMAT, scenarioFile: 'f', scenario: { name: 's', currency: 'EUR', seed: 1, horizonMonths: 12 }, scenarioHash: 'h', params, strategies: [{ id: 'zero', name: 'Status quo' }], replications: 2, stress: 'none', cells });
const texts = (s: string) => [...s.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((x) => x[1]);

describe('the sweep table', () => {
  it('81 rows: the first 80 in the table; 80 rows: all, and nothing between the table and the notes', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, c) => [row(c, [c], 0, c), row(c, [c], 1, c + 2)]).flat();
    const p = (n: number) => [{ path: 'x', values: Array.from({ length: n }, (_, c) => c) }];
    const at81 = sweepSectionHtml(manifest(p(81), 81), summariseSweep(rows(81), ['zero']));
    expect(at81.slice(at81.indexOf('<tbody>')).match(/<tr>/g)).toHaveLength(80);
    const at80 = sweepSectionHtml(manifest(p(80), 80), summariseSweep(rows(80), ['zero']));
    expect(at80.slice(at80.indexOf('<tbody>')).match(/<tr>/g)).toHaveLength(80);
    expect(at80).toMatch(/<\/table><\/div>\n\n<div class="notes">/);
  });
  it('the axis labels of the change chart and of each heatmap name the parameter and the currency', () => {
    const one = sweepSectionHtml(manifest([{ path: 'x', values: [1, 2] }], 2), summariseSweep([row(0, [1], 0, 1), row(0, [1], 1, 3), row(1, [2], 0, 2), row(1, [2], 1, 6)], ['zero']));
    const delta = one.slice(one.indexOf('id="sweep-delta"'));
    expect(texts(delta)).toContain('↑ Δ net equity vs 1 (EUR)');
    const two = sweepSectionHtml(manifest([{ path: 'a', values: [1] }, { path: 'b', values: [5, 6] }], 2), summariseSweep([row(0, [1, 5], 0, 1), row(0, [1, 5], 1, 3), row(1, [1, 6], 0, 2), row(1, [1, 6], 1, 6)], ['zero']));
    expect(texts(two)).toContain('Mean net equity (EUR)');
    expect(texts(two)).toContain('b');
  });
});
