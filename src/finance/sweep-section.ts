/**
 * A sweep as an HTML section: a line chart (one parameter) or one heatmap per strategy (two
 * parameters) of expected net equity, and the summary table.
 */
import { notEnoughForTail } from './tail-risk.ts';
import { money, moneyInterval, num } from '../report/format.ts';
import { esc } from '../report/html-escape.ts';
import { heatmapChart } from './charts/heatmap.ts';
import { sweepLineChart } from './charts/sweep-line.ts';
import { chartBlock, htmlTable, notes } from './report-page.ts';
import { describeGrid, type SweepManifest, type SweepSummaryRow } from './sweep-results.ts';

const MAX_TABLE_ROWS = 80;

export function sweepSectionHtml(m: SweepManifest, summary: SweepSummaryRow[]): string {
  const cur = m.scenario.currency;
  const name = (id: string) => m.strategies.find((s) => s.id === id)?.name ?? id;
  const fmt = (x: number) => (Math.abs(x) >= 1000 ? money(x) : num(x, 4));
  let charts = '';
  if (m.params.length === 1) {
    const points = summary.map((s) => ({ strategy: name(s.strategy), x: s.values[0], mean: s.netEquity.mean, lo: s.netEquity.meanCi95[0], hi: s.netEquity.meanCi95[1] }));
    const first = fmt(m.params[0].values[0]);
    const deltas = summary.map((s) => ({ strategy: name(s.strategy), x: s.values[0], mean: s.vsFirstCell?.mean ?? 0, lo: s.vsFirstCell?.meanCi95[0] ?? 0, hi: s.vsFirstCell?.meanCi95[1] ?? 0 }));
    charts =
      chartBlock('sweep-line', `Net equity as ${m.params[0].path} varies`, sweepLineChart(points, m.params[0].path, `Net equity (${cur})`), `Mean net equity over ${m.replications} replications per point; band: 95% confidence interval of the mean (how precisely the level is known).`) +
      chartBlock('sweep-delta', `Change versus ${m.params[0].path} = ${first}`, sweepLineChart(deltas, m.params[0].path, `Δ net equity vs ${first} (${cur})`), `The same, as the difference to the first value, replication by replication: every point uses the same random numbers (common random numbers), so the shape of the curve is known much more precisely than its level — the narrow band is the 95% confidence interval of the paired difference.`);
  } else {
    const [p1, p2] = m.params;
    charts = m.strategies
      .map((st) => {
        const cells = summary.filter((s) => s.strategy === st.id).map((s) => ({ row: fmt(s.values[0]), column: fmt(s.values[1]), value: s.netEquity.mean }));
        return chartBlock(`sweep-heatmap-${st.id}`, `${st.name}: net equity over ${p1.path} × ${p2.path}`, heatmapChart(cells, { rows: p1.values.map(fmt), columns: p2.values.map(fmt), label: `Mean net equity (${cur})`, xLabel: p2.path, yLabel: null, scheme: 'blues' }), `Mean net equity over ${m.replications} replications per cell; rows (left): ${p1.path}, columns (top): ${p2.path}. Darker is better.`);
      })
      .join('\n');
  }
  const shown = summary.slice(0, MAX_TABLE_ROWS);
  const table = htmlTable(
    [...m.params.map((p) => ({ text: p.path, num: true })), 'Strategy', { text: 'Net equity', note: 'mean, 95% CI', num: true }, { text: 'P5 – P95', note: '90% of runs', num: true }, { text: 'CVaR 5%', num: true }, { text: 'Customer equity', num: true }],
    shown.map((s) => [
      ...s.values.map((v) => ({ text: fmt(v), num: true })),
      name(s.strategy),
      { text: money(s.netEquity.mean), sub: moneyInterval(s.netEquity.meanCi95), num: true },
      { text: moneyInterval(s.netEquity.range90), num: true },
      s.netEquityCvar5 === null ? { text: 'n/a', sub: notEnoughForTail(s.netEquity.n), num: true } : { text: money(s.netEquityCvar5), sub: s.netEquityCvar5Ci95 ? `95% CI ${moneyInterval(s.netEquityCvar5Ci95)}` : undefined, num: true },
      { text: money(s.customerEquity.mean), num: true },
    ]),
  );
  return `<section id="sweep">
<h2>Sweep: ${esc(describeGrid(m.params))}</h2>
${charts}
${table}
${summary.length > MAX_TABLE_ROWS ? `<p class="notes">First ${MAX_TABLE_ROWS} of ${summary.length} rows; all of them are in summary.csv.</p>` : ''}
${notes([
  `${m.cells} cells × ${m.strategies.length} strateg${m.strategies.length === 1 ? 'y' : 'ies'} × ${m.replications} replications; replication k of every cell shares its random streams (common random numbers).`,
  `Net equity = customer equity − PV of CX spend − PV of workforce costs (${cur}). Stress: ${m.stress}.`,
])}
</section>`;
}
