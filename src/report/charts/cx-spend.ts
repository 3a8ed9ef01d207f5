/**
 * Chart: CX spend per year by lever (stacked bars), one panel per strategy.
 */
import * as Plot from '@observablehq/plot';
import type { Comparison } from '../../metrics/comparison.ts';
import type { ChartContext, ReportChart } from '../chart-context.ts';
import { money, moneyTick } from '../format.ts';
import { categoryColours } from '../palette.ts';
import { renderPlot, X_LABEL } from '../render-plot.ts';
import { facetColumns, facetGrid } from '../facet-grid.ts';

export interface SpendRow {
  strategy: string;
  lever: string;
  year: number;
  spend: number;
}

export function cxSpendRows(c: Comparison, ctx: ChartContext): SpendRow[] {
  return c.cxSpendPerYear.map((r) => ({ strategy: ctx.strategyName(r.strategy), lever: ctx.leverName(r.lever), year: r.year, spend: r.spend }));
}

export function cxSpendChart(rows: SpendRow[], ctx: ChartContext): string {
  const strategies = ctx.colours.domain.filter((s) => rows.some((r) => r.strategy === s));
  const levers = [...new Set(rows.filter((r) => r.spend !== 0).map((r) => r.lever))];
  const grid = facetGrid(strategies, facetColumns(strategies, ctx.width));
  const data = rows.filter((r) => levers.includes(r.lever)).map((r) => ({ ...r, ...grid.place(r.strategy) }));
  return renderPlot({
    width: ctx.width,
    height: grid.rows * 230 + 80,
    marginLeft: 64,
    marginTop: 24,
    x: { ...X_LABEL, label: 'Year', tickFormat: (d: number) => String(d), padding: 0.15 },
    y: { label: `CX spend per year (${ctx.currency})`, tickFormat: moneyTick, grid: true, nice: true, insetTop: 22 },
    fx: { axis: null, padding: 0.1 },
    fy: { axis: null, padding: 0.15 },
    color: { ...categoryColours(levers), legend: true },
    marks: [
      Plot.barY(data, { fx: 'col', fy: 'row', x: 'year', y: 'spend', fill: 'lever', order: levers }),
      Plot.ruleY([0], { stroke: '#333' }),
      grid.titles(),
    ],
  });
}

export const cxSpend: ReportChart = {
  id: 'cx-spend',
  title: 'CX spend by lever',
  build(c, ctx) {
    const rows = cxSpendRows(c, ctx);
    if (!rows.some((r) => r.spend !== 0)) return { svg: null, caption: 'No strategy spends anything on CX.' };
    return {
      svg: cxSpendChart(rows, ctx),
      caption:
        `Where each strategy puts its CX money, year by year (mean over replications, not discounted): lever budgets, portfolio treatments and ` +
        `retention offers. Spend builds capital that decays, so effects lag spend and outlast it for a while.`,
    };
  },
};
