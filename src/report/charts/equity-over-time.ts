/**
 * Chart: customer equity if valued at each year end, one small panel per strategy with the
 * band where 90% of replications fall, and the baseline's mean as a dashed grey reference
 * line in every panel (overlapping bands of many strategies in one panel are unreadable).
 */
import * as Plot from '@observablehq/plot';
import type { Comparison } from '../../metrics/comparison.ts';
import type { ChartContext, ReportChart } from '../chart-context.ts';
import { money, moneyTick } from '../format.ts';
import { BASELINE_COLOUR } from '../palette.ts';
import { renderPlot, X_LABEL } from '../render-plot.ts';
import { facetColumns, facetGrid } from '../facet-grid.ts';

export interface EquityRow {
  strategy: string;
  year: number;
  mean: number;
  lo: number;
  hi: number;
}

export function equityOverTimeRows(c: Comparison, ctx: ChartContext): { rows: EquityRow[]; baseline: string } {
  const rows = c.equityByYear.flatMap((e) =>
    e.years.map((year, i) => ({
      strategy: ctx.strategyName(e.strategy),
      year,
      mean: e.customerEquity.mean[i],
      lo: e.customerEquity.lo90[i],
      hi: e.customerEquity.hi90[i],
    })),
  );
  return { rows, baseline: ctx.strategyName(c.baseline) };
}

export function equityOverTimeChart({ rows, baseline }: { rows: EquityRow[]; baseline: string }, ctx: ChartContext): string {
  const strategies = ctx.colours.domain.filter((s) => rows.some((r) => r.strategy === s));
  const grid = facetGrid(strategies, facetColumns(strategies, ctx.width));
  const panels = rows.map((r) => ({ ...r, ...grid.place(r.strategy) }));
  // the baseline's mean repeated in every panel, as a reference
  const reference = strategies.flatMap((s) => rows.filter((r) => r.strategy === baseline).map((r) => ({ ...r, ...grid.place(s) })));
  const years = [...new Set(rows.map((r) => r.year))];
  const facet = { fx: 'col', fy: 'row' } as const;
  return renderPlot({
    width: ctx.width,
    height: grid.rows * 230 + 70,
    marginLeft: 64,
    marginTop: 24,
    x: { ...X_LABEL, label: 'Valued at the end of year', ticks: years, tickFormat: (d: number) => String(d), inset: 8 },
    y: { label: `Customer equity (${ctx.currency})`, tickFormat: moneyTick, grid: true, nice: true, insetTop: 20 },
    fx: { axis: null, padding: 0.12 },
    fy: { axis: null, padding: 0.18 },
    color: ctx.colours,
    marks: [
      Plot.areaY(panels, { ...facet, x: 'year', y1: 'lo', y2: 'hi', fill: 'strategy', fillOpacity: 0.18, curve: 'monotone-x' }),
      Plot.lineY(reference, { ...facet, x: 'year', y: 'mean', stroke: BASELINE_COLOUR, strokeDasharray: '5,4', strokeWidth: 1.5, curve: 'monotone-x' }),
      Plot.lineY(panels, { ...facet, x: 'year', y: 'mean', stroke: 'strategy', strokeWidth: 2.4, curve: 'monotone-x' }),
      Plot.dot(panels, { ...facet, x: 'year', y: 'mean', fill: 'strategy', r: 3 }),
      grid.titles({ fill: (d) => d.name }),
    ],
  });
}

export const equityOverTime: ReportChart = {
  id: 'equity-over-time',
  title: 'Customer equity over time',
  build(c, ctx) {
    const data = equityOverTimeRows(c, ctx);
    if (data.rows.length === 0) return { svg: null, caption: 'The horizon is shorter than one year: there is no year-end valuation to show.' };
    const lastYear = Math.max(...data.rows.map((r) => r.year));
    const best = data.rows.filter((r) => r.year === lastYear).sort((a, b) => b.mean - a.mean)[0];
    return {
      svg: equityOverTimeChart(data, ctx),
      caption:
        `What the customer base would be worth if valued at the end of each year: discounted margin so far, minus acquisition costs, ` +
        (c.valuation.rule.yearEnds === 'runoff'
          ? `plus the value of the customers still active then, by the same rule as the table (a run-off from that year end and a closing perpetuity), `
          : `plus the value of the customers still active then (their closing perpetuity with each pool's long-run growth, net of run-rate costs per customer; ` +
            `at the last year the full valuation, run-off included), `) +
        `so a year-end value no longer freezes a declining pool. One panel per strategy: the line is the mean over ${ctx.replications} replications, ` +
        `the shaded band is where 90% of replications fall, and the dashed grey line is ${data.baseline} for reference. ` +
        `At the end of year ${lastYear}, ${best.strategy} has the highest customer equity (${money(best.mean)} ${ctx.currency}); ` +
        `net equity, after CX spend and workforce costs, is in the table above.`,
    };
  },
};
