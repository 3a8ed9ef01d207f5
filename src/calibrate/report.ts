/**
 * The fit report: one self-contained HTML page (inline CSS and SVG, no scripts, no network)
 * with, per group, the estimates (SE, 95% interval), ln L, AIC and BIC, the goodness-of-fit
 * tables and charts, the mapping's assumptions and the segments written. Pure.
 */
import { REPORT_CSS } from '../report/style.ts';
import { esc } from '../report/html-escape.ts';
import type { CalibrationResult, GroupResult } from './calibration.ts';
import { MODEL_TITLES } from './calibration.ts';
import { conditionalChart, histogramChart, retentionChart, spendChart, survivalChart, trackingChart } from './charts.ts';
import type { FitSummary } from './fit.ts';

const EXTRA_CSS = `
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(500px, 1fr)); gap: 8px 24px; }
.charts svg { max-width: 100%; height: auto; }
table.estimates { max-width: 760px; }
table.gof { max-width: 760px; }
.tablewrap { max-height: 420px; overflow-y: auto; max-width: 780px; }
.tablewrap table { margin: 0; }
.tablewrap th { position: sticky; top: 0; }
.tablewrap + .notes, .tablewrap { margin-bottom: 8px; }
pre.yaml { background: var(--soft); padding: 10px 12px; font-size: 12.5px; overflow-x: auto; border-radius: 4px; max-width: 900px; }
`;

const fmt = (x: number | null | undefined, d = 3): string => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toFixed(d));

function estimatesTable(model: string, f: FitSummary): string {
  const rows = f.estimates
    .map((e) => `<tr><td>${esc(e.name)}</td><td class="num">${fmt(e.value, 4)}</td><td class="num">${fmt(e.se, 4)}</td><td class="num">${e.lower95 === null ? 'n/a' : `${fmt(e.lower95, 3)} to ${fmt(e.upper95, 3)}`}</td></tr>`)
    .join('');
  return `<h4>${esc(model)}</h4>
<table class="estimates"><thead><tr><th>parameter</th><th class="num">estimate</th><th class="num">standard error<small>from the inverse Hessian</small></th><th class="num">95% interval<small>estimate ± 1.96 SE</small></th></tr></thead><tbody>${rows}</tbody></table>
<p class="notes">ln L = ${f.logLik.toFixed(2).replace('-', '−')}, AIC = ${f.aic.toFixed(1)}, BIC = ${f.bic.toFixed(1)}, n = ${f.n.toLocaleString('en-US')} customers${f.converged ? '' : ' — <strong>the optimiser did not confirm convergence</strong>'}.</p>`;
}

/** Three significant digits (at least `min` decimals), thousands separated: 0.000389, 13.2, 14,059. */
export function sig(x: number, min = 0): string {
  if (!Number.isFinite(x)) return 'n/a';
  const a = Math.abs(x);
  if (a >= 1000 || (Number.isInteger(x) && min === 0)) return Math.round(x).toLocaleString('en-US').replace('-', '−');
  const d = a === 0 ? min : Math.max(min, Math.min(8, 2 - Math.floor(Math.log10(a))));
  return x.toFixed(d).replace('-', '−');
}

type Cell = string | number;
/** One decimal, thousands separated. */
const one = (x: number): string => x.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const numeric = (v: Cell) => typeof v === 'number' || /^[−-]?[\d,.]+%?$/.test(v);

/** A table; columns whose cells are numbers (or percentages) are right-aligned, header included. */
function table(head: string[], rows: Cell[][], cls = 'gof'): string {
  const isNum = head.map((_, k) => k > 0 && rows.length > 0 && rows.every((r) => r[k] === '' || numeric(r[k])));
  const cell = (v: Cell, k: number) => `<td${isNum[k] ? ' class="num"' : ''}>${esc(typeof v === 'number' ? sig(v) : v)}</td>`;
  return `<div class="${rows.length > 20 ? 'tablewrap' : ''}"><table class="${cls}"><thead><tr>${head.map((h, k) => `<th${isNum[k] ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table></div>`;
}

/** Labels of the data summary. */
const DATA_LABELS: Record<string, string> = {
  file: 'file', cohorts: 'cohorts (columns)', fittedPeriods: 'periods fitted', holdoutPeriods: 'hold-out periods', periodsPerYear: 'periods per year',
  groups: 'groups', rows: 'rows', opportunitiesPerYear: 'opportunities per year', customers: 'customers in the calibration cohort',
  columns: 'columns used', dateFormat: 'date format', firstDate: 'first date', lastDate: 'last date', calibrationEnd: 'calibration period ends',
  holdoutEnd: 'hold-out period ends', unitDays: 'days per time unit', calibrationUnits: 'calibration length (units from the first date)',
  holdoutUnits: 'hold-out length (units)', excludedCustomers: 'customers first seen after the calibration period (left out)',
  rowsAfterHoldout: 'rows after the hold-out period (ignored)', zeroSpendCustomers: 'repeat buyers with zero spend (left out of Gamma-Gamma)',
};

function groupSection(g: GroupResult, r: CalibrationResult, unitName: string, currency: string): string {
  const parts: string[] = [];
  const many = r.groups.length > 1;
  parts.push(`<h2>${many ? `${esc(g.group)} — ` : ''}${g.customers.toLocaleString('en-US')} customers</h2>`);
  for (const m of g.models) parts.push(estimatesTable(MODEL_TITLES[m.model], m.fit));
  const charts: string[] = [];
  if (g.survival) {
    const fitted = g.survival.filter((s) => s.part === 'calibration').length - 1;
    const perYear = Number(r.data.periodsPerYear ?? 1);
    const periodLabel = perYear === 1 ? 'years since acquisition' : `periods since acquisition (${perYear} a year)`;
    charts.push(survivalChart(g.survival, g.group, fitted, periodLabel));
    charts.push(retentionChart(g.survival, g.group, fitted, periodLabel));
    parts.push('<h3>Survival: observed and fitted</h3>');
    parts.push(table(['period', 'part', 'active (observed)', 'active (model)', 'retention (observed)', 'retention (model)'], g.survival.map((s) => [s.period, s.part, s.observed, one(s.expected), s.observedRetention === null ? '' : `${(100 * s.observedRetention).toFixed(1)}%`, s.expectedRetention === null ? '' : `${(100 * s.expectedRetention).toFixed(1)}%`])));
  }
  if (g.histogram) {
    const label = r.model === 'bgbb' ? 'transactions in the opportunities' : 'repeat transactions in the calibration period';
    charts.push(histogramChart(g.histogram, r.model === 'bgbb' ? 'Customers by number of transactions' : 'Customers by repeat transactions (calibration)', label));
    parts.push(`<h3>Frequency: observed and expected customers</h3>`);
    parts.push(table([label, 'customers (observed)', 'customers (model)'], g.histogram.map((h) => [h.bucket, h.observed, one(h.expected)])));
  }
  if (g.tracking) {
    const cal = Number(r.data.calibrationUnits);
    charts.push(trackingChart(g.tracking, cal, true, unitName));
    charts.push(trackingChart(g.tracking, cal, false, unitName));
    const last = g.tracking[g.tracking.length - 1];
    const atCal = g.tracking.find((t) => t.unit === Math.round(cal));
    parts.push(`<h3>Tracking: repeat transactions over calibration and hold-out</h3><p class="notes">Cumulative repeat transactions at the end of the calibration period: ${fmt(atCal?.observedCumulative, 0)} observed, ${fmt(atCal?.expectedCumulative, 0)} expected; at the end of the hold-out: ${fmt(last.observedCumulative, 0)} observed, ${fmt(last.expectedCumulative, 0)} expected (${(100 * (last.expectedCumulative / last.observedCumulative - 1)).toFixed(1)}%).</p>`);
  }
  if (g.conditional) {
    charts.push(conditionalChart(g.conditional, Number(r.data.holdoutUnits), unitName));
    parts.push('<h3>Conditional expectations in the hold-out</h3>');
    parts.push(table(['repeat transactions (calibration)', 'customers', 'hold-out transactions per customer (observed)', '(model)'], g.conditional.map((c) => [c.bucket, c.customers, c.observed.toFixed(2), c.expected.toFixed(2)])));
  }
  if (g.spend) {
    charts.push(spendChart(g.spend, currency));
    parts.push('<h3>Spend per repeat transaction</h3>');
    parts.push(table(['repeat transactions (calibration)', 'customers', `mean spend per transaction, observed (${currency})`, `model E[ζ] = pγ/(q−1)`], g.spend.map((s) => [s.bucket, s.customers, s.observedMean.toFixed(2), s.expectedMean.toFixed(2)])));
  }
  if (g.classes) {
    parts.push('<h3>Purchase-rate classes (the segments)</h3>');
    parts.push(table([`class`, 'share', `purchases per ${unitName} while active`, 'annual churn propensity: mean', 'Beta α', 'Beta β', `spend per month with us (${currency})`, 'wallet cv'], g.classes.map((c, i) => [String(i + 1), `${(100 * c.share).toFixed(0)}%`, sig(c.rate), `${sig(100 * c.churnMean, 1)}%`, sig(c.churn.alpha, 2), sig(c.churn.beta, 2), sig(c.monthlySpend, 2), c.walletCv.toFixed(2)])));
  }
  return `${parts.slice(0, 1 + g.models.length).join('\n')}\n<div class="charts">${charts.map((c) => `<div class="chart">${c}</div>`).join('')}</div>\n${parts.slice(1 + g.models.length).join('\n')}`;
}

export interface ReportOptions {
  command: string;
  segmentsYaml: string;
  currency: string;
}

export function calibrationReportHtml(r: CalibrationResult, o: ReportOptions): string {
  const unitDays = Number(r.data.unitDays ?? 7);
  const unitName = unitDays === 7 ? 'week' : unitDays === 1 ? 'day' : `${unitDays}-day unit`;
  const data = Object.entries(r.data)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `<tr><td>${esc(DATA_LABELS[k] ?? k)}</td><td>${esc(typeof v === 'number' ? v.toLocaleString('en-US') : v)}</td></tr>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Calibration: ${esc(MODEL_TITLES[r.model])}</title>
<style>${REPORT_CSS}${EXTRA_CSS}</style></head>
<body><main>
<h1>Calibration: ${esc(MODEL_TITLES[r.model])}</h1>
<p class="meta"><code>${esc(o.command)}</code></p>
<p class="lede">Maximum-likelihood fit of the ${esc(MODEL_TITLES[r.model])} model${r.groups.length > 1 ? ` to ${r.groups.length} groups` : ''}, how well it reproduces the data (dots and dark bars: observed; blue: the fitted model), and the scenario segments it maps to.</p>
<h3>Data</h3>
<table class="estimates"><tbody>${data}</tbody></table>
${r.groups.map((g) => groupSection(g, r, unitName, o.currency)).join('\n')}
<h2>Segments for a scenario</h2>
<ul class="findings">${r.assumptions.map((a) => `<li>${esc(a)}</li>`).join('')}</ul>
${Object.keys(r.segments).length ? `<pre class="yaml">${esc(o.segmentsYaml)}</pre>` : '<p class="not-shown">No segments (see above).</p>'}
<footer>Models: sBG — Fader &amp; Hardie, “How to Project Customer Retention” (2007); BG/NBD — Fader, Hardie &amp; Lee, “Counting your customers the easy way” (2005); Gamma-Gamma — Fader, Hardie &amp; Lee, “RFM and CLV: Using Iso-Value Curves for Customer Base Analysis” (2005); BG/BB — Fader, Hardie &amp; Shang, “Customer-Base Analysis in a Discrete-Time Noncontractual Setting” (2010). Mapping to cxsim: docs/calibration.md.</footer>
</main></body></html>
`;
}
