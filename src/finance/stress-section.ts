/**
 * The stress test as an HTML section, on the decision: what each stress is and when it
 * strikes, a heatmap of each strategy's paired difference versus the baseline under each
 * stress (flips marked), every flip in words, the robustness ranking (minimax regret), the
 * expected-net-equity heatmap and every cell with its tail (CVaR only with enough runs).
 */
import { money, moneyInterval, percent, signedMoney } from '../report/format.ts';
import { esc } from '../report/html-escape.ts';
import { heatmapChart, type HeatCell } from './charts/heatmap.ts';
import { chartBlock, htmlTable, notes } from './report-page.ts';
import type { StressTest } from './stress-test.ts';
import { flipSentences } from './stress-output.ts';
import { enoughForTail, notEnoughForTail } from './tail-risk.ts';

export function stressSectionHtml(t: StressTest): string {
  const cur = t.scenario.currency;
  const sName = (id: string) => t.strategies.find((s) => s.id === id)?.name ?? id;
  const zName = (id: string) => t.stresses.find((s) => s.id === id)?.name ?? id;
  const base = sName(t.baseline);
  const rows = t.strategies.map((s) => s.name);
  const columns = t.stresses.map((z) => z.name);
  const expected: HeatCell[] = t.cells.map((c) => ({ row: sName(c.strategy), column: zName(c.stress), value: c.netEquity.mean }));
  const deltas: HeatCell[] = t.cells
    .filter((c) => c.vsBaseline)
    .map((c) => ({ row: sName(c.strategy), column: zName(c.stress), value: c.vsBaseline!.mean, label: `${signedMoney(c.vsBaseline!.mean)}${c.flip === 'clear' ? ' ⚑' : c.flip === 'possible' ? ' ?' : ''}` }));

  const leader = (k: 'expected' | 'minimaxRegret' | 'worstTail') => t.robustness.leaders.find((l) => l.criterion === k)!;
  const kpi = (title: string, k: 'expected' | 'minimaxRegret' | 'worstTail', detail: string) => {
    const l = leader(k);
    if (l.strategy === null) return `<div class="kpi"><small>${esc(title)}</small><b>not named</b><small>${esc(l.note ?? '')}</small></div>`;
    const tm = l.tailMargin;
    const sure =
      l.established === null
        ? l.note ? ` — ${l.note}` : ''
        : tm
          ? ` — ${l.established ? 'ahead of' : 'not separated from'} ${sName(l.runnerUp!)} (CVaR 5% ${signedMoney(tm.value)}, paired-bootstrap 95% CI ${moneyInterval(tm.ci95)})`
        : l.established
          ? ` — ahead of ${sName(l.runnerUp!)} by ${money(l.margin!.mean)} (95% CI ${moneyInterval(l.margin!.meanCi95)})`
          : ` — not separated from ${sName(l.runnerUp!)} at ${t.replications} replications (95% CI of the difference ${moneyInterval(l.margin!.meanCi95)})`;
    return `<div class="kpi"><small>${esc(title)}</small><b>${esc(sName(l.strategy))}</b><small>${esc(detail + sure)}</small></div>`;
  };
  const kpis = `<div class="kpis">
${kpi('Best expected value (unstressed)', 'expected', 'highest mean net equity when nothing goes wrong')}
${kpi('Most robust (minimax regret)', 'minimaxRegret', 'smallest largest shortfall against the best strategy of any stress case')}
${kpi('Best worst-case tail', 'worstTail', 'highest CVaR 5% under its own worst stress')}
</div>`;

  const stressTable = htmlTable(
    ['Stress', 'What it assumes', 'What and when'],
    t.stresses.filter((z) => z.id !== 'none').map((z) => [z.name, z.description || '—', z.timing]),
  );

  const cellRows = t.cells.map((c) => [
    sName(c.strategy),
    zName(c.stress),
    { text: money(c.netEquity.mean), sub: moneyInterval(c.netEquity.meanCi95), num: true },
    c.vsBaseline
      ? { text: signedMoney(c.vsBaseline.mean) + (c.flip ? (c.flip === 'clear' ? ' ⚑ flip' : ' ? flip') : ''), sub: moneyInterval(c.vsBaseline.meanCi95), num: true }
      : { text: '— (baseline)', num: true },
    c.vsBaseline ? { text: percent(c.vsBaseline.pBeats, 0), sub: `[${percent(c.vsBaseline.pBeatsCi95[0], 0)}, ${percent(c.vsBaseline.pBeatsCi95[1], 0)}]`, num: true } : { text: '—', num: true },
    c.lossVsUnstressed ? { text: signedMoney(-c.lossVsUnstressed.mean), sub: moneyInterval([-c.lossVsUnstressed.meanCi95[1], -c.lossVsUnstressed.meanCi95[0]]), num: true } : { text: '—', num: true },
    { text: money(c.tail.p5), num: true },
    c.tail.cvar5 === null ? { text: 'n/a', sub: `needs ${c.tail.needed} runs`, num: true } : { text: money(c.tail.cvar5), sub: `95% CI ${moneyInterval(c.tail.cvar5Ci95!)}`, num: true },
    { text: percent(c.belowThreshold.p, 0), sub: `[${percent(c.belowThreshold.ci95[0], 0)}, ${percent(c.belowThreshold.ci95[1], 0)}]`, num: true },
    { text: money(c.customerEquity.mean), num: true },
  ]);
  const cellTable = htmlTable(
    [
      'Strategy',
      'Stress',
      { text: 'Net equity', note: 'mean, 95% CI', num: true },
      { text: `Δ vs ${base}`, note: 'same stress, paired, 95% CI', num: true },
      { text: 'P(beats)', note: 'Wilson 95% CI', num: true },
      { text: 'Change vs unstressed', note: 'paired, 95% CI', num: true },
      { text: 'P5', note: '5th percentile', num: true },
      { text: 'CVaR 5%', note: 'mean of worst 5%', num: true },
      { text: `P(< ${money(t.threshold.value)})`, note: 'Wilson 95% CI', num: true },
      { text: 'Customer equity', note: 'mean, gross of spend', num: true },
    ],
    cellRows,
  );
  const robRows = t.robustness.rows.map((r) => [
    { text: String(r.rank), num: true },
    sName(r.strategy),
    { text: money(r.expected), num: true },
    { text: money(r.maxRegret.mean), sub: r.maxRegret.mean === 0 ? 'preferred in every case' : zName(r.maxRegret.stress), num: true },
    r.strategy === t.baseline ? { text: '—', num: true } : { text: signedMoney(r.worstDelta.mean), sub: zName(r.worstDelta.stress), num: true },
    r.flips.length ? r.flips.map((f) => zName(f.stress) + (f.clear ? '' : ' (?)')).join(', ') : 'none',
    r.worstTail ? { text: money(r.worstTail.cvar5), sub: zName(r.worstTail.stress), num: true } : { text: 'n/a', sub: `needs 200 runs`, num: true },
  ]);
  const robTable = htmlTable(
    ['Rank', 'Strategy', { text: 'Expected', note: 'unstressed', num: true }, { text: 'Max regret', note: 'vs best of a column', num: true }, { text: `Worst Δ vs ${base}`, note: 'paired, under', num: true }, 'Flips', { text: 'Worst tail', note: 'CVaR 5% under worst stress', num: true }],
    robRows,
  );
  const noteLines = [
    `Headline: net equity = customer equity − present value of CX spend − present value of workforce costs (${cur}). Under a budget cut spend falls with customer equity; only net equity shows that trade-off.`,
    `${t.replications} replications per cell; replication k of every cell uses the same random streams (common random numbers), so "Δ vs ${base}" and "change vs unstressed" are taken replication by replication. Intervals of means use Student's t with ${t.replications - 1} degrees of freedom; shares use Wilson intervals.`,
    `A flip (⚑) marks a strategy whose lead over ${base} changes sign versus the unstressed case with both 95% intervals excluding 0; "?" marks a change of sign where one interval contains 0.`,
    `Regret of a strategy under a stress: the mean net equity of that column's best strategy minus its own (paired). The ranking orders strategies by their largest regret over every stress case (minimax regret).`,
    `Threshold: ${money(t.threshold.value)} ${cur}, ${t.threshold.source}.`,
    `CVaR 5% (expected shortfall, the mean of the worst 5% of replications) is only reported with at least 10 replications in the tail (200 in all), with a bootstrap 95% interval; ` +
      (enoughForTail(t.replications)
        ? `with ${t.replications} replications it is reported in every cell.`
        : `with ${t.replications} it is "not enough replications" and no tail leader is named — rerun with --replications 200 for tail numbers.`),
  ];
  return `<section id="stress">
<h2>Stress test: does the decision hold when things go wrong?</h2>
${kpis}
<h3>The stresses</h3>
${stressTable}
<h3>Flips</h3>
${notes(flipSentences(t))}
${deltas.length ? chartBlock('stress-delta-heatmap', `Net equity versus ${base} under each stress`, heatmapChart(deltas, { rows: rows.filter((r) => r !== base), columns, label: `Δ net equity vs ${base} (${cur})`, scheme: 'diverging' }), `Each strategy's mean net equity minus the baseline's under the same stress, replication by replication (common random numbers). Blue: ahead of the baseline; red: behind. ⚑ marks a flip of the lead's sign versus the unstressed column; ? a possible one.`) : ''}
<h3>Robustness ranking</h3>
${robTable}
${chartBlock('stress-heatmap', 'Expected net equity under each stress', heatmapChart(expected, { rows, columns, label: `Expected net equity (${cur})`, scheme: 'blues' }), `Mean net equity of each strategy (rows) under each stress (columns), ${t.replications} replications per cell. Darker is better.`)}
<h3>Every cell</h3>
${cellTable}
${notes(noteLines)}
</section>`;
}
