/**
 * The sweep's HTML section pinned cell by cell (issue 17 item 4; written against the survivors
 * of src/finance/sweep-section.ts in `npm run mutation -- --folder finance`).
 *
 * One parameter p.q = 0.2, 0.3; strategies zero ("Status quo") and spend ("Spend more"); two
 * replications. Net equity (customer equity = net + 100):
 *   cell 0: zero 10, 20; spend 15, 27      cell 1: zero 14, 22; spend 25, 30
 * Means 15, 21, 18, 27.5; 95% CI with t₁ = 12.7062: zero cell 0 15 ± 12.7062·5 = [−48.5, 78.5],
 * spend cell 1 27.5 ± 12.7062·2.5 = [−4.27, 59.3]; P5–P95 (type 7) 10 + 0.05·10 = 10.5 to 19.5.
 * Versus cell 0, paired: zero 4, 2 → 3 ± 12.7062·1 = [−9.71, 15.7]; spend 10, 3 → 6.5 ± 44.47.
 */
import { describe, expect, it } from 'vitest';
import { sweepSectionHtml } from '../../src/finance/sweep-section.ts';
import { summariseSweep, SWEEP_FORMAT, type SweepManifest, type SweepRow } from '../../src/finance/sweep-results.ts';

const row = (cell: number, values: number[], strategy: string, k: number, net: number): SweepRow => ({ cell, values, strategy, replication: k, seed: String(k), totals: { netEquity: net, customerEquity: net + 100, cxSpendPV: 0, workforceCostPV: 0, acquisitionCostPV: 0, alive: 0 } });
const manifest = (over: Partial<SweepManifest> = {}): SweepManifest => ({
  format: SWEEP_FORMAT,
  scenarioFile: 'x.yaml',
  scenario: { name: 's', currency: 'EUR', seed: 1, horizonMonths: 12 },
  scenarioHash: 'h',
  params: [{ path: 'p.q', values: [0.2, 0.3] }],
  strategies: [{ id: 'zero', name: 'Status quo' }, { id: 'spend', name: 'Spend more' }],
  replications: 2,
  stress: 'none',
  cells: 2,
  ...over,
});
const oneParam = () => [row(0, [0.2], 'zero', 0, 10), row(0, [0.2], 'zero', 1, 20), row(0, [0.2], 'spend', 0, 15), row(0, [0.2], 'spend', 1, 27), row(1, [0.3], 'zero', 0, 14), row(1, [0.3], 'zero', 1, 22), row(1, [0.3], 'spend', 0, 25), row(1, [0.3], 'spend', 1, 30)];
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((x) => x[1]);

describe('the sweep section', () => {
  it('the table: every cell and strategy, by name, with its numbers', () => {
    const html = sweepSectionHtml(manifest(), summariseSweep(oneParam(), ['zero', 'spend']));
    const table = html.slice(html.indexOf('<table'), html.indexOf('</table>') + 8);
    expect(table).toBe(
      '<table class="finance"><thead><tr><th class="num">p.q</th><th class="">Strategy</th><th class="num">Net equity<small>mean, 95% CI</small></th><th class="num">P5 – P95<small>90% of runs</small></th><th class="num">CVaR 5%</th><th class="num">Customer equity</th></tr></thead><tbody>' +
        '<tr><td class="num">0.2</td><td class="">Status quo</td><td class="num">15.0<small>[−48.5, 78.5]</small></td><td class="num">[10.5, 19.5]</td><td class="num">n/a<small>not enough replications (2 of 200)</small></td><td class="num">115</td></tr>' +
        '<tr><td class="num">0.2</td><td class="">Spend more</td><td class="num">21.0<small>[−55.2, 97.2]</small></td><td class="num">[15.6, 26.4]</td><td class="num">n/a<small>not enough replications (2 of 200)</small></td><td class="num">121</td></tr>' +
        '<tr><td class="num">0.3</td><td class="">Status quo</td><td class="num">18.0<small>[−32.8, 68.8]</small></td><td class="num">[14.4, 21.6]</td><td class="num">n/a<small>not enough replications (2 of 200)</small></td><td class="num">118</td></tr>' +
        '<tr><td class="num">0.3</td><td class="">Spend more</td><td class="num">27.5<small>[−4.27, 59.3]</small></td><td class="num">[25.3, 29.8]</td><td class="num">n/a<small>not enough replications (2 of 200)</small></td><td class="num">128</td></tr></tbody></table>',
    );
  });

  it('the level chart and the change chart: their titles, axes and the range of their bands', () => {
    const html = sweepSectionHtml(manifest(), summariseSweep(oneParam(), ['zero', 'spend']));
    const level = html.slice(html.indexOf('id="sweep-line"'), html.indexOf('id="sweep-delta"'));
    const delta = html.slice(html.indexOf('id="sweep-delta"'));
    expect(level).toContain('<h3>Net equity as p.q varies</h3>');
    expect(texts(level)).toContain('↑ Net equity (EUR)');
    expect(delta).toContain('<h3>Change versus p.q = 0.2</h3>');
    // the paired change spans [−38.0, 51.0] (spend, cell 1) and 0 (cell 0): ticks −40 … 60
    expect(texts(delta).slice(0, 12)).toEqual(['−40', '−30', '−20', '−10', '0', '10', '20', '30', '40', '50', '60', '↑ Δ net equity vs 0.2 (EUR)']);
  });

  it('a large parameter value is written as money; 80 rows are shown without a note, 81 with one', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, c) => [row(c, [1000 * (c + 1)], 'zero', 0, c), row(c, [1000 * (c + 1)], 'zero', 1, c + 2)]).flat();
    const m = (n: number) => manifest({ params: [{ path: 'budget', values: Array.from({ length: n }, (_, c) => 1000 * (c + 1)) }], strategies: [{ id: 'zero', name: 'Status quo' }], cells: n });
    const at80 = sweepSectionHtml(m(80), summariseSweep(rows(80), ['zero']));
    expect(at80).not.toContain('First 80');
    expect(at80).toContain('<h3>Change versus budget = 1.00k</h3>');
    expect(at80).toContain('<td class="num">2.00k</td><td class="">Status quo</td>');
    expect(sweepSectionHtml(m(81), summariseSweep(rows(81), ['zero']))).toContain('<p class="notes">First 80 of 81 rows; all of them are in summary.csv.</p>');
  });

  it('two parameters: one heatmap per strategy, each with its own cells', () => {
    const two = [{ path: 'a', values: [1, 2] }, { path: 'b', values: [10] }];
    const rows = [row(0, [1, 10], 'zero', 0, 100), row(0, [1, 10], 'zero', 1, 102), row(0, [1, 10], 'spend', 0, 300), row(0, [1, 10], 'spend', 1, 302), row(1, [2, 10], 'zero', 0, 200), row(1, [2, 10], 'zero', 1, 202), row(1, [2, 10], 'spend', 0, 400), row(1, [2, 10], 'spend', 1, 402)];
    const html = sweepSectionHtml(manifest({ params: two }), summariseSweep(rows, ['zero', 'spend']));
    const zero = html.slice(html.indexOf('id="sweep-heatmap-zero"'), html.indexOf('id="sweep-heatmap-spend"'));
    const spend = html.slice(html.indexOf('id="sweep-heatmap-spend"'), html.indexOf('<table'));
    expect(zero).toContain('<h3>Status quo: net equity over a × b</h3>');
    expect(spend).toContain('<h3>Spend more: net equity over a × b</h3>');
    expect(texts(zero)).toEqual(expect.arrayContaining(['101', '201']));
    expect(texts(zero)).not.toContain('301');
    expect(texts(spend)).toEqual(expect.arrayContaining(['301', '401']));
    expect(texts(spend)).not.toContain('101');
    expect(zero).toContain('Mean net equity over 2 replications per cell; rows (left): a, columns (top): b. Darker is better.');
  });

  it('with 200 replications the table gives the CVaR 5% and its bootstrap interval', () => {
    const rows = Array.from({ length: 200 }, (_, k) => row(0, [1], 'zero', k, k + 1));
    const html = sweepSectionHtml(manifest({ params: [{ path: 'p', values: [1] }], strategies: [{ id: 'zero', name: 'Z' }], replications: 200, cells: 1 }), summariseSweep(rows, ['zero']));
    expect(html).toMatch(/<td class="num">5\.50<small>95% CI \[[\d.]+, [\d.]+\]<\/small><\/td>/); // mean of 1..10
  });
});
