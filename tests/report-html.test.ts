/**
 * The HTML report: self-contained (no external URL, no script), every chart present as
 * inline SVG, user text escaped, deterministic; and every chart function returns SVG for a
 * small hand-made input.
 */
import { describe, expect, it } from 'vitest';
import { reportHtml } from '../src/report/html.ts';
import { CHARTS } from '../src/report/charts/index.ts';
import { chartContext } from '../src/report/chart-context.ts';
import { equityOverTimeChart } from '../src/report/charts/equity-over-time.ts';
import { pairedDifferenceChart } from '../src/report/charts/paired-difference.ts';
import { marginByPoolChart } from '../src/report/charts/margin-by-pool.ts';
import { poolShareChart } from '../src/report/charts/pool-share.ts';
import { clvDistributionChart } from '../src/report/charts/clv-distribution.ts';
import { retentionChart } from '../src/report/charts/retention.ts';
import { serviceProfitChainChart } from '../src/report/charts/service-profit-chain.ts';
import { cxSpendChart } from '../src/report/charts/cx-spend.ts';
import { waterfallChart } from '../src/report/charts/waterfall.ts';
import { smallComparison } from './helpers/small-comparison.ts';
import { terminalTable } from '../src/report/terminal-table.ts';
import { csvField, headlineCsv } from '../src/report/tidy-csv.ts';
import { money, moneyTick, percent, signedMoney } from '../src/report/format.ts';
import { headlineColumns, headlineTables, MAX_TABLE_COLUMNS } from '../src/report/headline-table.ts';
import { esc } from '../src/report/html-escape.ts';
import { roiText } from '../src/report/roi-text.ts';

/** Strips the SVG/XML namespace declarations, the only place a URL may legitimately appear. */
const withoutNamespaces = (html: string) => html.replace(/\sxmlns(:\w+)?="http:\/\/www\.w3\.org\/[^"]*"/g, '');

describe('HTML report', () => {
  const { comparison, scenario } = smallComparison();
  const html = reportHtml({ comparison, scenario, command: 'cxsim compare small.yaml' });

  it('contains every chart as inline SVG, each with its caption', () => {
    for (const chart of CHARTS) {
      const start = html.indexOf(`<section class="chart" id="${chart.id}">`);
      expect(start, chart.id).toBeGreaterThan(0);
      const section = html.slice(start, html.indexOf('</section>', start));
      expect(section, chart.id).toMatch(/<svg[\s>]/);
      expect(section, chart.id).toMatch(/<path|<rect|<line/);
      expect(section, chart.id).toMatch(/<p class="caption">[^<]{40,}<\/p>/);
    }
  });

  it('has no external URL, script, import or link', () => {
    const text = withoutNamespaces(html);
    expect(text).not.toMatch(/https?:/i);
    expect(text).not.toMatch(/(src|href)\s*=/i);
    expect(text).not.toMatch(/<script|<link|<iframe|@import|url\(/i);
    // the namespaces themselves are there (SVG markup stands alone)
    expect(html).toContain('xmlns="http://www.w3.org/2000/svg"');
  });

  it('escapes text from the scenario', () => {
    expect(html).toContain('&lt;b&gt;escaped&lt;/b&gt; &amp; checked.');
    expect(html).not.toContain('<b>escaped</b>');
  });

  /** Every headline table of the report (the headline is split into tables a laptop screen holds). */
  const headlineTablesHtml = (page: string) => page.match(/<table class="headline"[^>]*>[\s\S]*?<\/table>/g) ?? [];

  it('has the headline tables with every strategy and the key numbers', () => {
    const tables = headlineTablesHtml(html);
    expect(tables.length).toBeGreaterThan(1);
    const table = tables[0]; // the decision table
    expect(table).toContain('data-group="decision"');
    for (const s of comparison.strategies) expect(table).toContain(s.name);
    expect(table).toContain('P(beats)');
    expect(table).toContain('Break-even');
  });

  it('shows the library\'s numbers in the headline tables: net and customer equity of every strategy, Δ and P(beats) of the others', () => {
    const table = headlineTablesHtml(html).join('');
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    for (const h of comparison.headline) {
      const net = h.totals.netEquity;
      expect(table, `${h.strategy} net equity, 90% of runs`).toContain(`<td class="num">${money(net.mean)}<small>[${money(net.range90[0])}, ${money(net.range90[1])}]</small></td>`);
      const ce = h.totals.customerEquity;
      expect(table, `${h.strategy} customer equity`).toContain(`<td class="num">${money(ce.mean)}<small>[${money(ce.range90[0])}, ${money(ce.range90[1])}]</small></td>`);
      if (!h.vsBaseline) continue;
      const d = h.vsBaseline.netEquity;
      expect(table, `${h.strategy} Δ net equity, 95% CI`).toContain(`<td class="num">${signedMoney(d.mean)}<small>[${money(d.meanCi95[0])}, ${money(d.meanCi95[1])}]</small></td>`);
      expect(table, `${h.strategy} P(beats), Wilson`).toContain(`<td class="num">${pct(d.pBeats)}<small>[${pct(d.pBeatsCi95[0])}, ${pct(d.pBeatsCi95[1])}]</small></td>`);
    }
  });

  it('splits the headline into narrow tables without losing a number: every column in exactly one table, every cell rendered', () => {
    const all = headlineColumns(comparison);
    const tables = headlineTables(comparison);
    const placed = tables.flatMap((t) => t.columns.slice(1).map((col) => col.header));
    expect(placed.sort()).toEqual(all.slice(1).map((col) => col.header).sort());
    for (const t of tables) {
      expect(t.columns[0].header).toBe('Strategy');
      expect(t.columns.length - 1).toBeLessThanOrEqual(MAX_TABLE_COLUMNS);
    }
    const rendered = headlineTablesHtml(html);
    expect(rendered.length).toBe(tables.length);
    tables.forEach((t, k) => {
      for (const col of t.columns) {
        expect(rendered[k], `${t.title}: ${col.header}`).toContain(esc(col.header));
        for (const h of comparison.headline) {
          const cell = col.cell(h);
          expect(rendered[k], `${t.title}: ${col.header} of ${h.strategy}`).toContain(`${esc(cell.text)}${cell.sub ? `<small>${esc(cell.sub)}</small>` : ''}</td>`);
        }
      }
    });
    // the decision numbers come first
    expect(tables[0].group).toBe('decision');
    expect(tables[0].columns.map((col) => col.header)).toEqual(expect.arrayContaining(['Net equity', 'P(beats)', 'Break-even', 'ROI']));
  });

  it('states what ROI counts under the headline table: numerator, denominator, period, discounting, and the two exclusions', () => {
    const rule = comparison.valuation.rule;
    const text = roiText(rule, comparison.scenario.horizonMonths, comparison.scenario.discountRate);
    expect(html).toContain(`<p>${esc(text)}</p>`);
    expect(terminalTable(comparison).replace(/\n(?=\S)/g, ' ')).toContain(text); // wrapped at spaces to the terminal's width
    expect(rule.beyondHorizon).toBe('runoff');
    expect(text).toContain(`discounted at ${percent(comparison.scenario.discountRate, 1)} a year`);
    expect(text).toContain(`Numerator: Δ net equity over the ${comparison.scenario.horizonMonths}-month horizon and beyond it (the ${rule.runoffYears}-year run-off and the closing perpetuity), after every cost — the change in acquisition cost and all touchpoint visit costs included.`);
    expect(text).toContain('Denominator: Δ CX spend and Δ workforce cost within the horizon and beyond it (at the last year’s run-rate, capitalised in the closing perpetuity), plus Δ touchpoint visit costs within the horizon.');
    expect(text).toContain('Not in the denominator: the change in acquisition cost');
    expect(text).toContain('visit costs beyond the horizon, which are netted inside the margin valued beyond it, so they lower the numerator only');
    // the definitions say the same
    expect(html).toContain('The change in acquisition cost is not in the denominator (it is in the numerator only), and visit costs beyond the horizon are netted inside the value beyond it (numerator only)');
    // and the sentence follows the valuation rule
    const none = roiText({ ...rule, beyondHorizon: 'none' }, 36, 0.1);
    expect(none).toContain('over the 36-month horizon only');
    expect(none).not.toContain('visit costs beyond the horizon');
    expect(roiText({ ...rule, costsBeyondHorizon: 'none' }, 36, 0.1)).toContain('Δ CX spend and Δ workforce cost within the horizon (costsBeyondHorizon: none');
    expect(roiText({ ...rule, beyondHorizon: 'perpetuity' }, 36, 0.1)).toContain('beyond it (the closing perpetuity)');
  });

  it('is deterministic (re-rendering gives the same bytes)', () => {
    expect(reportHtml({ comparison: JSON.parse(JSON.stringify(comparison)), scenario, command: 'cxsim compare small.yaml' })).toBe(html);
  });
});

describe('chart functions on small inputs', () => {
  const { comparison } = smallComparison();
  const ctx = { ...chartContext(comparison), colours: { domain: ['A', 'B'], range: ['#111', '#222'] } };
  const months = [0, 1, 2];
  const band = (strategy: string, k: number) => months.map((month) => ({ strategy, month, mean: k + month, lo: k + month - 1, hi: k + month + 1 }));
  const svgCount = (s: string) => (s.match(/<svg[\s>]/g) ?? []).length;

  const cases: [string, () => string, number][] = [
    ['equity over time', () => equityOverTimeChart({ rows: [1, 2].flatMap((year) => ['A', 'B'].map((strategy, k) => ({ strategy, year, mean: 10 + k + year, lo: 9, hi: 14 }))), baseline: 'A' }, ctx), 1],
    ['paired difference', () => pairedDifferenceChart({ rows: band('B', -1), breakEvens: [{ strategy: 'B', month: 2 }] }, ctx), 1],
    ['margin by pool', () => marginByPoolChart(['A', 'B'].flatMap((strategy) => ['film', 'digital'].flatMap((pool) => months.map((month) => ({ strategy, pool, month, margin: 5 + month })))), ctx), 1],
    ['pool share', () => poolShareChart([...band('A', 0), ...band('B', 0)].map((r) => ({ ...r, pool: 'digital', mean: r.mean / 10, lo: 0, hi: 0.5 })), ctx), 1],
    ['CLV distribution', () => clvDistributionChart(['A', 'B'].map((strategy) => ({ strategy, segment: 'S', p5: 1, p25: 2, p50: 3, p75: 4, p95: 5, mean: 3.2 })), ctx), 1],
    ['retention', () => retentionChart(band('A', 0).map((r) => ({ ...r, segment: 'S', mean: 1 - r.month / 10, lo: 0.7, hi: 1 })), ctx), 1],
    ['service-profit chain', () => serviceProfitChainChart(['Employee engagement (0–1)', 'Workload (demand / capacity)'].flatMap((indicator) => band('A', 0).map((r) => ({ ...r, indicator }))), ctx), 2],
    ['CX spend', () => cxSpendChart([{ strategy: 'B', lever: 'L', year: 1, spend: 10 }, { strategy: 'A', lever: 'L', year: 1, spend: 0 }], ctx), 1],
    ['waterfall', () => waterfallChart([{ strategy: 'B', label: 'L', kind: 'Gain', start: 0, end: 3, value: 3, lo: 2, hi: 4 }, { strategy: 'B', label: 'Total', kind: 'Total', start: 0, end: 3, value: 3, lo: 2, hi: 4 }], ctx), 1],
  ];
  for (const [name, render, panels] of cases) {
    it(`${name} returns SVG markup`, () => {
      const svg = render();
      expect(svg.startsWith('<svg') || svg.startsWith('<figure') || svg.startsWith('<div')).toBe(true);
      expect(svgCount(svg)).toBeGreaterThanOrEqual(panels);
      expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
      expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    });
  }
});

describe('tables for people and machines', () => {
  const { comparison } = smallComparison();
  it('the terminal tables have one row per strategy, intervals below, and the notes', () => {
    const text = terminalTable(comparison);
    const lines = text.split('\n');
    for (const s of comparison.strategies) expect(lines.some((l) => l.startsWith(s.baseline ? `${s.name} (baseline)` : s.name))).toBe(true);
    const headers = lines.filter((l) => l.startsWith('Strategy'));
    expect(headers.length).toBeGreaterThanOrEqual(3); // the report's three groups, each with the strategy column
    const header = headers.join('  ');
    expect(header).toContain('CLV families');
    expect(header).toContain('Share digital');
    expect(text).toContain('95% CI of mean');
    expect(text.replace(/\n(?=\S)/g, ' ')).toMatch(/Net equity = customer equity − CX spend − workforce costs/);
    // every cost column from customer equity to net equity, and ROI says why it is blank
    expect(header).toContain('Workforce cost');
    expect(text).toContain('Wilson 95% CI');
    const future = comparison.headline.find((h) => h.strategy === 'future')!.vsBaseline!.roi;
    expect(future.value === null ? future.short : 'a value').toBeTruthy();
    if (future.value === null) expect(text).toContain(future.short!);
    expect(future.deltaCostPV).toBeCloseTo(future.deltaCxSpendPV + future.deltaWorkforceCostPV + future.deltaVisitCostPV, 6);
  });
  it('headline.csv has every headline number with SE and intervals', () => {
    const rows = headlineCsv(comparison).trimEnd().split('\n');
    expect(rows[0].split(',')).toHaveLength(19);
    expect(rows.some((r) => r.startsWith('future,delta.netEquity,3,'))).toBe(true);
    expect(rows.some((r) => r.startsWith('future,attribution.digitalReady,'))).toBe(true);
    for (const r of rows.slice(1)) expect(r.split(',').length).toBe(19);
  });
  it('headline.csv numbers are the comparison\'s, at full precision', () => {
    const [header, ...rows] = headlineCsv(comparison).trimEnd().split('\n').map((r) => r.split(','));
    const at = (strategy: string, metric: string, column: string) => Number(rows.find((r) => r[0] === strategy && r[1] === metric)![header.indexOf(column)]);
    for (const h of comparison.headline) {
      const t = h.totals.netEquity;
      expect(at(h.strategy, 'netEquity', 'mean')).toBe(t.mean);
      expect(at(h.strategy, 'netEquity', 'se')).toBe(t.se);
      expect(at(h.strategy, 'netEquity', 'range90_hi')).toBe(t.range90[1]);
      expect(at(h.strategy, 'netEquity', 'meanCi95_lo')).toBe(t.meanCi95[0]);
      if (!h.vsBaseline) continue;
      const d = h.vsBaseline.netEquity;
      expect(at(h.strategy, 'delta.netEquity', 'mean')).toBe(d.mean);
      expect(at(h.strategy, 'delta.netEquity', 'pBeats')).toBe(d.pBeats);
      expect(at(h.strategy, 'delta.netEquity', 'pBeatsCi95_lo')).toBe(d.pBeatsCi95[0]);
      expect(at(h.strategy, 'delta.netEquity', 'meanCi95_hi')).toBe(d.meanCi95[1]);
    }
  });
  it('quotes CSV fields only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });
  it('formats money and percentages compactly', () => {
    expect([money(1234567), money(-950), money(12.345), money(0.001), moneyTick(2000), moneyTick(1500000), percent(0.1234)]).toEqual([
      '1.23M',
      '−950',
      '12.3',
      '0',
      '2k',
      '1.5M',
      '12.3%',
    ]);
  });
});
