/**
 * The self-contained HTML report: scenario, key findings, the headline table, every chart
 * (inline SVG rendered server-side with Observable Plot) with a plain-language caption, the
 * assumptions and how to read the numbers. No script, no external URL, no network.
 */
import type { Comparison } from '../metrics/comparison.ts';
import type { Scenario } from '../scenario/schema.ts';
import { assumptionsHtml } from './assumptions.ts';
import { chartContext, type ReportChart } from './chart-context.ts';
import { CHARTS } from './charts/index.ts';
import { keyFindings } from './findings.ts';
import { count, percent } from './format.ts';
import { headlineNotes, headlineTables, type Column } from './headline-table.ts';
import { esc } from './html-escape.ts';
import { REPORT_CSS } from './style.ts';

export interface ReportInput {
  comparison: Comparison;
  /** The normalised scenario as run (for the assumptions). */
  scenario: Scenario;
  /** The command that produced the results, shown so a reader can reproduce them. */
  command?: string;
}

/** One headline table: a caption, the strategy column, the group's columns. */
function headlineTableHtml(c: Comparison, title: string, group: string, cols: Column[]): string {
  const head = cols.map((col) => `<th class="${col.align === 'right' ? 'num' : ''}">${esc(col.header)}${col.note ? `<small>${esc(col.note)}</small>` : ''}</th>`).join('');
  const rows = c.headline
    .map((h) => {
      const tds = cols.map((col) => {
        const cell = col.cell(h);
        return `<td class="${col.align === 'right' ? 'num' : ''}">${esc(cell.text)}${cell.sub ? `<small>${esc(cell.sub)}</small>` : ''}</td>`;
      });
      return `<tr class="${h.baseline ? 'baseline' : ''}">${tds.join('')}</tr>`;
    })
    .join('');
  return `<div class="headline-wrap"><table class="headline" data-group="${esc(group)}"><caption>${esc(title)}</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** The headline in tables a laptop screen holds (headlineTables), then the notes. */
function headlineHtml(c: Comparison): string {
  return `${headlineTables(c)
    .map((t) => headlineTableHtml(c, t.title, t.group, t.columns))
    .join('\n')}
<div class="notes">${headlineNotes(c).map((n) => `<p>${esc(n)}</p>`).join('')}</div>`;
}

function chartHtml(chart: ReportChart, c: Comparison): string {
  const ctx = chartContext(c);
  const out = chart.build(c, ctx);
  // a chart that does not apply says why in place of the chart (no bare "Not shown")
  if (out.svg === null) return `<section class="chart" id="${esc(chart.id)}"><h2>${esc(chart.title)}</h2><p class="not-shown">${esc(out.caption)}</p></section>`;
  return `<section class="chart" id="${esc(chart.id)}"><h2>${esc(chart.title)}</h2>${out.svg}<p class="caption">${esc(out.caption)}</p></section>`;
}

const DEFINITIONS: [string, string][] = [
  ['Customer lifetime value (CLV)', 'Margin a customer brings, discounted to the month they were acquired (or to month 0): over the horizon and, by the valuation rule, beyond it (the run-off years and the closing perpetuity, or the perpetuity alone).'],
  ['Customer equity', 'Discounted margin of all customers within the horizon and beyond it (by the valuation rule), minus discounted acquisition costs.'],
  ['Net equity', 'Customer equity minus the present value of CX spend (levers, portfolio treatments, retention offers) and of workforce costs, within the horizon and, by the valuation rule, beyond it.'],
  ['Value beyond the horizon', 'Run-off: the customers alive at the horizon keep being simulated for the run-off years (no acquisition; pools, adoption, competitors, satisfaction and churn go on; costs at the last year’s run-rate), then a closing perpetuity per customer, Σ m·((1+g)ρ/(1+d))^k with the pools’ long-run growth g, run-rate costs per customer capitalised at their own timing (lever spend at the start of each step, workforce at its end, offers and treatments with the margin). Perpetuity: that closing form at the horizon. None: nothing beyond the horizon.'],
  ['Horizon robustness', 'The paired difference in net equity versus the baseline valued at each year end with the same rule (the closing perpetuity of the customers alive then; the full rule at the horizon); a lead is “established from year N” when every year end from N on has a 95% interval excluding 0.'],
  ['Replications and common random numbers', 'Each strategy is simulated many times with different random draws; replication k of every strategy uses the same draws, so differences between strategies are measured like-for-like and luck cancels.'],
  ['Intervals', '“90% of runs”: the range where the middle 90% of replications fall — the risk of the outcome. “95% CI”: the confidence interval of the mean (mean ± t standard errors, Student’s t with n − 1 degrees of freedom: 2.09 at 20 replications) — how precisely the simulation knows the average.'],
  ['P(beats)', 'The share of replications in which the strategy’s net equity is higher than the baseline’s in the same replication, with its Wilson 95% interval (which stays honest at 0% and 100% with few replications: 20 out of 20 reads 84%–100%).'],
  ['Break-even', 'The month after which the cumulative discounted net value difference versus the baseline stays positive: a discounted payback period of the extra investment.'],
  ['ROI', 'Δ net equity / Δ strategy-driven costs, both versus the baseline in present values at month 0: the net return on each extra unit of cost (0% = it only pays for itself). Numerator: net equity within the horizon and beyond it, after every cost. Denominator: CX spend and workforce costs within the horizon and beyond it, plus touchpoint visit costs within the horizon. The change in acquisition cost is not in the denominator (it is in the numerator only), and visit costs beyond the horizon are netted inside the value beyond it (numerator only); the notes under “Strategies at a glance” give the periods and the discounting. Blank, with the reason, when the costs differ by less than 1% (“same cost”) or are lower (“costs less”: there is no extra investment to return on).'],
  ['Attribution', 'Each lever’s share of the gain over the baseline by Shapley values: every combination of levers is run with the same random draws and each lever gets its average marginal value over every order of switching levers on, so the bars add up to the total with no “interactions” bar.'],
];

export function reportHtml({ comparison: c, scenario, command }: ReportInput): string {
  const findings = keyFindings(c);
  const warnings = [...c.warnings, ...c.rankingIssues.map((i) => i.message)];
  const meta = [
    count(c.strategies.length, 'strategy', 'strategies'),
    `${c.scenario.replications} replications each`,
    `${c.scenario.horizonMonths}-month horizon`,
    `discount rate ${percent(c.scenario.discountRate, 1)} a year`,
    `money in ${c.scenario.currency}`,
    c.scenario.agentScale !== 1 ? `each simulated customer stands for ${c.scenario.agentScale} real ones` : '',
    `seed ${c.scenario.seed}`,
    c.stress !== 'none' ? `stress: ${c.stress}` : '',
  ].filter(Boolean);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(c.scenario.name)} — strategy comparison</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header>
<h1>${esc(c.scenario.name)}: which customer-experience strategy creates the most value?</h1>
${c.scenario.description ? `<p class="lede">${esc(c.scenario.description)}</p>` : ''}
<p class="meta">${esc(meta.join(' · '))}</p>
</header>
<section id="findings">
<h2>Key findings</h2>
<ul class="findings">${findings.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>
${warnings.map((w) => `<p class="warning">${esc(w)}</p>`).join('\n')}
</section>
<section id="headline">
<h2>Strategies at a glance</h2>
${headlineHtml(c)}
</section>
${CHARTS.map((chart) => chartHtml(chart, c)).join('\n')}
<section id="assumptions">
<h2>Assumptions</h2>
${assumptionsHtml(scenario, c.strategies.map((s) => s.id))}
</section>
<section id="definitions">
<h2>How to read the numbers</h2>
<dl class="defs">${DEFINITIONS.map(([t, d]) => `<dt>${esc(t)}</dt><dd>${esc(d)}</dd>`).join('')}</dl>
<p class="notes">Every formula and timing convention is in docs/metrics.md of the cxsim project.</p>
</section>
<footer>
${command ? `<p>Reproduce: <code>${esc(command)}</code></p>` : ''}
<p>Generated by cxsim. Mean and 90% bands of every time series are in series-summary.csv next to this file (every replication’s series in series.csv with <code>--series</code>); headline numbers with their standard errors in summary.json.</p>
</footer>
</main>
</body>
</html>
`;
}
