/**
 * The stress test as an HTML section: who is most robust, two heatmaps (expected net equity;
 * loss versus unstressed), the cell table with tail risk, and the robustness ranking.
 */
import { money, moneyInterval, percent, signedMoney } from '../report/format.ts';
import { esc } from '../report/html-escape.ts';
import { heatmapChart, type HeatCell } from './charts/heatmap.ts';
import { chartBlock, htmlTable, notes } from './report-page.ts';
import type { StressTest } from './stress-test.ts';

export function stressSectionHtml(t: StressTest): string {
  const cur = t.scenario.currency;
  const sName = (id: string) => t.strategies.find((s) => s.id === id)?.name ?? id;
  const zName = (id: string) => t.stresses.find((s) => s.id === id)?.name ?? id;
  const rows = t.strategies.map((s) => s.name);
  const columns = t.stresses.map((z) => z.name);
  const expected: HeatCell[] = t.cells.map((c) => ({ row: sName(c.strategy), column: zName(c.stress), value: c.netEquity.mean }));
  const losses: HeatCell[] = t.cells
    .filter((c) => c.lossVsUnstressed)
    .map((c) => ({ row: sName(c.strategy), column: zName(c.stress), value: c.lossVsUnstressed!.mean, label: signedMoney(-c.lossVsUnstressed!.mean) }));

  const leader = (k: 'expected' | 'worstCase' | 'worstTail') => t.robustness.leaders.find((l) => l.criterion === k)!;
  const kpi = (title: string, k: 'expected' | 'worstCase' | 'worstTail', detail: string) => {
    const l = leader(k);
    const sure =
      l.established === null ? '' : l.established ? ` — ahead of ${sName(l.runnerUp!)} by ${money(l.margin!.mean)} (95% CI ${moneyInterval(l.margin!.meanCi95)})` : ` — not separated from ${sName(l.runnerUp!)} at ${t.replications} replications (95% CI of the difference ${moneyInterval(l.margin!.meanCi95)})`;
    return `<div class="kpi"><small>${esc(title)}</small><b>${esc(sName(l.strategy))}</b><small>${esc(detail + sure)}</small></div>`;
  };
  const kpis = `<div class="kpis">
${kpi('Best expected value (unstressed)', 'expected', 'highest mean net equity when nothing goes wrong')}
${kpi('Best worst case', 'worstCase', 'highest mean net equity under its own worst stress')}
${kpi('Best worst-case tail', 'worstTail', 'highest CVaR 5% under its own worst stress')}
</div>`;

  const cellRows = t.cells.map((c) => [
    sName(c.strategy),
    zName(c.stress),
    { text: money(c.netEquity.mean), sub: moneyInterval(c.netEquity.meanCi95), num: true },
    c.lossVsUnstressed ? { text: signedMoney(-c.lossVsUnstressed.mean), sub: moneyInterval([-c.lossVsUnstressed.meanCi95[1], -c.lossVsUnstressed.meanCi95[0]]), num: true } : { text: '—', num: true },
    { text: money(c.tail.p5), num: true },
    { text: money(c.tail.cvar5), sub: c.tail.cvar5Se === null ? 'SE n/a' : `± ${money(c.tail.cvar5Se)} SE`, num: true },
    { text: percent(c.belowThreshold.p, 0), sub: `± ${percent(c.belowThreshold.se, 0)} SE`, num: true },
    { text: money(c.customerEquity.mean), num: true },
  ]);
  const cellTable = htmlTable(
    [
      'Strategy',
      'Stress',
      { text: 'Net equity', note: 'mean, 95% CI', num: true },
      { text: 'Change vs unstressed', note: 'paired, 95% CI', num: true },
      { text: 'P5', note: '5th percentile', num: true },
      { text: 'CVaR 5%', note: 'mean of worst 5%', num: true },
      { text: `P(< ${money(t.threshold.value)})`, note: 'share of runs', num: true },
      { text: 'Customer equity', note: 'mean, gross of spend', num: true },
    ],
    cellRows,
  );
  const robRows = t.robustness.rows.map((r) => [
    { text: String(r.rank), num: true },
    sName(r.strategy),
    { text: money(r.expected), num: true },
    { text: money(r.worstCase.mean), sub: zName(r.worstCase.stress), num: true },
    { text: money(r.worstTail.cvar5), sub: zName(r.worstTail.stress), num: true },
    { text: r.largestLoss.mean === 0 ? '—' : signedMoney(-r.largestLoss.mean), sub: r.largestLoss.mean === 0 ? undefined : zName(r.largestLoss.stress), num: true },
  ]);
  const robTable = htmlTable(
    ['Rank', 'Strategy', { text: 'Expected', note: 'unstressed', num: true }, { text: 'Worst case', note: 'mean under worst stress', num: true }, { text: 'Worst tail', note: 'CVaR 5% under worst stress', num: true }, { text: 'Largest loss', note: 'vs unstressed', num: true }],
    robRows,
  );
  const noteLines = [
    `Headline: net equity = customer equity − present value of CX spend − present value of workforce costs (${cur}). A finance reader wants value net of what the programme costs; under a budget cut, spend falls with customer equity, and only net equity shows that trade-off.`,
    `${t.replications} replications per cell; replication k of every cell uses the same random streams (common random numbers), so "change vs unstressed" is taken replication by replication.`,
    `Threshold: ${money(t.threshold.value)} ${cur}, ${t.threshold.source}.`,
    `CVaR 5% (expected shortfall) is the mean of the worst 5% of replications (fractional weighting); with fewer than 20 replications it is the single worst one, and its standard error is not estimable — add --replications for tail numbers you can rely on.`,
  ];
  return `<section id="stress">
<h2>Stress test: which strategy holds up when things go wrong?</h2>
${kpis}
${chartBlock('stress-heatmap', 'Expected net equity under each stress', heatmapChart(expected, { rows, columns, label: `Expected net equity (${cur})`, scheme: 'blues' }), `Mean net equity of each strategy (rows) under each stress (columns), ${t.replications} replications per cell. Darker is better. Read across a row for how a strategy bears each stress, down a column for who copes best with it.`)}
${losses.length ? chartBlock('stress-loss-heatmap', 'Loss versus unstressed', heatmapChart(losses, { rows, columns: columns.slice(1), label: `Mean loss vs unstressed (${cur})`, scheme: 'reds' }), 'The change of expected net equity each stress causes to each strategy, taken replication by replication (common random numbers): negative is a loss. Darker is a larger loss; a positive figure means the stress helps, e.g. a budget cut that saves more spend than it costs in customer value.') : ''}
<h3>Robustness ranking</h3>
${robTable}
<h3>Every cell</h3>
${cellTable}
${notes(noteLines)}
</section>`;
}
