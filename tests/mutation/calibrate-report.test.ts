/**
 * The calibration report (src/calibrate/report.ts) on a hand-built result: no fitting, every
 * number chosen so that its printed form is known in advance. Pinned: a whole group section
 * (the headings, every table's header and alignment, the charts in their order with the end of
 * calibration after the fitted periods, the text between), the data table (labels, thousands,
 * values left out), the unit names, several groups, the scrolling wrapper above 20 rows, and
 * fmt/sig at their edges (1,000, minus signs, values that are not finite).
 */
import { describe, expect, it } from 'vitest';
import type { CalibrationResult, GroupResult } from '../../src/calibrate/calibration.ts';
import type { FitSummary } from '../../src/calibrate/fit.ts';
import type { RateClass } from '../../src/calibrate/segments.ts';
import { calibrationReportHtml, sig } from '../../src/calibrate/report.ts';
import { conditionalChart, histogramChart, retentionChart, spendChart, survivalChart, trackingChart } from '../../src/calibrate/charts.ts';

const fit: FitSummary = {
  estimates: [
    { name: 'r', value: 1000, se: Infinity, lower95: 0.5, upper95: 2 },
    { name: 'alpha', value: 2.5, se: 0.25, lower95: 2.01, upper95: 2.99 },
  ],
  logLik: -12.5,
  aic: 28.75,
  bic: 30.25,
  n: 1234,
  converged: true,
  restarts: 3,
};
const survival: GroupResult['survival'] = [
  { period: 0, part: 'calibration', observed: 100, expected: 100, observedRetention: null, expectedRetention: null },
  { period: 1, part: 'calibration', observed: 50, expected: 52.5, observedRetention: 0.5, expectedRetention: 0.525 },
  { period: 2, part: 'hold-out', observed: 30, expected: 31.2, observedRetention: 0.6, expectedRetention: 0.6 },
];
const histogram = [{ bucket: '0', observed: 40, expected: 41.04 }, { bucket: '1+', observed: 60, expected: 58.96 }];
const tracking = [3, 7, 10, 12].map((c, i) => ({ unit: i + 1, part: (i < 2 ? 'calibration' : 'hold-out') as 'calibration' | 'hold-out', observed: 0, expected: 0, observedCumulative: c, expectedCumulative: [3.2, 6.8, 10.4, 12.6][i] }));
const conditional = [{ bucket: '0', customers: 40, observed: 0.1, expected: 0.125 }, { bucket: '1', customers: 0, observed: NaN, expected: 0.5 }];
const spend = [{ bucket: '1', customers: 30, observedMean: 25.5, expectedMean: 2e21 }];
const classes = [{ share: 0.25, rate: 0.1234, rateCv: 0.5, churnMean: 0.0123, churnVariance: 0, churn: { alpha: 1.5, beta: 30 }, monthlySpend: 12.5, walletCv: 0.4 }] as RateClass[];
const group: GroupResult = { group: 'solo', customers: 1234, models: [{ model: 'bgnbd', fit }], survival, histogram, tracking, conditional, spend, classes };
const result = (over: Partial<CalibrationResult> = {}): CalibrationResult => ({
  model: 'bgnbd',
  data: { file: 'log.csv', rows: 1234567, unitDays: 7, calibrationUnits: 2, holdoutUnits: 2, periodsPerYear: 4 },
  assumptions: ['First.', 'Second.'],
  groups: [group],
  segments: { solo: {} as never },
  pool: 'core',
  ...over,
});
const opts = { command: 'cxsim calibrate log.csv', segmentsYaml: 'segments: {}', currency: 'EUR' };
const num = (s: string | number) => `<td class="num">${s}</td>`;

// the report is made inside each test, not in the describe body: Stryker's per-test coverage
// runs a mutant's covering tests only, and code run while tests are collected covers none
describe('one group with every table', () => {
  it('the whole section: heading, estimates, charts in order, then the tables', () => {
    const html = calibrationReportHtml(result(), opts);
    const estimates =
      '<h4>BG/NBD</h4>\n<table class="estimates"><thead><tr><th>parameter</th><th class="num">estimate</th><th class="num">standard error<small>from the inverse Hessian</small></th><th class="num">95% interval<small>estimate ± 1.96 SE</small></th></tr></thead><tbody>' +
      `<tr><td>r</td>${num('1,000')}${num('n/a')}${num('0.500 to 2.000')}</tr><tr><td>alpha</td>${num('2.5000')}${num('0.2500')}${num('2.010 to 2.990')}</tr></tbody></table>\n` +
      '<p class="notes">ln L = −12.50, AIC = 28.8, BIC = 30.3, n = 1,234 customers.</p>';
    const period = 'periods since acquisition (4 a year)';
    // one fitted period: two calibration rows (periods 0 and 1)
    const charts = [
      survivalChart(survival, 'solo', 1, period),
      retentionChart(survival, 'solo', 1, period),
      histogramChart(histogram, 'Customers by repeat transactions (calibration)', 'repeat transactions in the calibration period'),
      trackingChart(tracking, 2, true, 'week'),
      trackingChart(tracking, 2, false, 'week'),
      conditionalChart(conditional, 2, 'week'),
      spendChart(spend, 'EUR'),
    ];
    const th = (h: string, n: boolean) => `<th${n ? ' class="num"' : ''}>${h}</th>`;
    const tableHtml = (head: [string, boolean][], rows: string[]) => `<div class=""><table class="gof"><thead><tr>${head.map(([h, n]) => th(h, n)).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
    const tables = [
      '<h3>Survival: observed and fitted</h3>',
      tableHtml([['period', false], ['part', false], ['active (observed)', true], ['active (model)', true], ['retention (observed)', true], ['retention (model)', true]], [
        `<tr><td>0</td><td>calibration</td>${num(100)}${num('100.0')}${num('')}${num('')}</tr>`,
        `<tr><td>1</td><td>calibration</td>${num(50)}${num('52.5')}${num('50.0%')}${num('52.5%')}</tr>`,
        `<tr><td>2</td><td>hold-out</td>${num(30)}${num('31.2')}${num('60.0%')}${num('60.0%')}</tr>`,
      ]),
      '<h3>Frequency: observed and expected customers</h3>',
      tableHtml([['repeat transactions in the calibration period', false], ['customers (observed)', true], ['customers (model)', true]], [
        `<tr><td>0</td>${num(40)}${num('41.0')}</tr>`,
        `<tr><td>1+</td>${num(60)}${num('59.0')}</tr>`,
      ]),
      '<h3>Tracking: repeat transactions over calibration and hold-out</h3><p class="notes">Cumulative repeat transactions at the end of the calibration period: 7 observed, 7 expected; at the end of the hold-out: 12 observed, 13 expected (5.0%).</p>',
      '<h3>Conditional expectations in the hold-out</h3>',
      // a bucket without customers has no observed mean (NaN): that column is not aligned as numbers
      tableHtml([['repeat transactions (calibration)', false], ['customers', true], ['hold-out transactions per customer (observed)', false], ['(model)', true]], [
        `<tr><td>0</td>${num(40)}<td>0.10</td>${num('0.13')}</tr>`,
        `<tr><td>1</td>${num(0)}<td>NaN</td>${num('0.50')}</tr>`,
      ]),
      '<h3>Spend per repeat transaction</h3>',
      // 2e21.toFixed(2) is "2e+21": not digits, so not aligned as a number
      tableHtml([['repeat transactions (calibration)', false], ['customers', true], ['mean spend per transaction, observed (EUR)', true], ['model E[ζ] = pγ/(q−1)', false]], [
        `<tr><td>1</td>${num(30)}${num('25.50')}<td>2e+21</td></tr>`,
      ]),
      '<h3>Purchase-rate classes (the segments)</h3>',
      tableHtml([['class', false], ['share', true], ['purchases per week while active', true], ['annual churn propensity: mean', true], ['Beta α', true], ['Beta β', true], ['spend per month with us (EUR)', true], ['wallet cv', true]], [
        `<tr><td>1</td>${num('25%')}${num('0.123')}${num('1.23%')}${num('1.50')}${num('30.00')}${num('12.50')}${num('0.40')}</tr>`,
      ]),
    ];
    const section = `<h2>1,234 customers</h2>\n${estimates}\n<div class="charts">${charts.map((c) => `<div class="chart">${c}</div>`).join('')}</div>\n${tables.join('\n')}`;
    expect(html).toContain(`</tbody></table>\n${section}\n<h2>Segments for a scenario</h2>`);
  });

  it('the data table: labels, numbers with thousands separators, the end of the page', () => {
    const html = calibrationReportHtml(result(), opts);
    expect(html).toContain('<h3>Data</h3>\n<table class="estimates"><tbody><tr><td>file</td><td>log.csv</td></tr><tr><td>rows</td><td>1,234,567</td></tr><tr><td>days per time unit</td><td>7</td></tr><tr><td>calibration length (units from the first date)</td><td>2</td></tr><tr><td>hold-out length (units)</td><td>2</td></tr><tr><td>periods per year</td><td>4</td></tr></tbody></table>\n<h2>');
    expect(html).toContain('<h2>Segments for a scenario</h2>\n<ul class="findings"><li>First.</li><li>Second.</li></ul>\n<pre class="yaml">segments: {}</pre>\n<footer>');
  });
});

describe('unit names, data left out, groups, long tables', () => {
  const small = (data: CalibrationResult['data'], groups: GroupResult[] = [{ group: 'a', customers: 2, models: [{ model: 'bgnbd', fit }], classes }]) => calibrationReportHtml(result({ data, groups }), opts);

  it('a week (7 days, also when not given), a day, otherwise "N-day unit"', () => {
    expect(small({ unitDays: 7 })).toContain('<th class="num">purchases per week while active</th>');
    expect(small({})).toContain('<th class="num">purchases per week while active</th>');
    expect(small({ unitDays: 1 })).toContain('<th class="num">purchases per day while active</th>');
    expect(small({ unitDays: 14 })).toContain('<th class="num">purchases per 14-day unit while active</th>');
  });

  it('a datum that is null or undefined is not listed; a key without a label is shown as is', () => {
    const html = small({ file: 'f', holdoutEnd: null, missing: undefined as never, extra: 'x' });
    expect(html).toContain('<tbody><tr><td>file</td><td>f</td></tr><tr><td>extra</td><td>x</td></tr></tbody>');
  });

  it('several groups: each heading names its group; sections separated by a blank line', () => {
    const g = (name: string): GroupResult => ({ group: name, customers: 2, models: [{ model: 'bgnbd', fit }] });
    const html = small({}, [g('a'), g('b')]);
    expect(html).toContain('customers.</p>\n<div class="charts"></div>\n\n<h2>b — 2 customers</h2>\n<h4>BG/NBD</h4>');
  });

  it('the end of calibration unknown to the tracking table: n/a', () => {
    const html = calibrationReportHtml(result({ data: { unitDays: 7, calibrationUnits: 9, holdoutUnits: 2 } }), opts);
    expect(html).toContain('at the end of the calibration period: n/a observed, n/a expected; at the end of the hold-out: 12 observed, 13 expected');
  });

  it('more than 20 rows scroll in a wrapper; 20 do not; an empty table has no numeric header', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ bucket: String(i), observed: i, expected: i }));
    const hist = (n: number) => small({}, [{ group: 'a', customers: 2, models: [], histogram: rows(n) }]);
    expect(hist(21)).toContain('<div class="tablewrap"><table class="gof"><thead><tr><th>repeat transactions');
    expect(hist(20)).toContain('<div class=""><table class="gof"><thead><tr><th>repeat transactions');
    expect(hist(0)).toContain('<div class=""><table class="gof"><thead><tr><th>repeat transactions in the calibration period</th><th>customers (observed)</th><th>customers (model)</th></tr></thead><tbody></tbody></table></div>');
  });
});

describe('fmt and sig at their edges', () => {
  it('sig: 1,000 and above are whole with separators, also with decimals asked for; a true minus', () => {
    expect(sig(1000, 2)).toBe('1,000');
    expect(sig(-1500)).toBe('−1,500');
    expect(sig(-1000.4, 1)).toBe('−1,000');
  });
});
