/**
 * Chart: contribution margin per month by profit pool (stacked areas), one panel per strategy —
 * where each strategy's money comes from as pools grow and decline.
 */
import * as Plot from '@observablehq/plot';
import type { Comparison } from '../../metrics/comparison.ts';
import type { ChartContext, ReportChart } from '../chart-context.ts';
import { money, moneyTick } from '../format.ts';
import { categoryColours } from '../palette.ts';
import { renderPlot, X_LABEL } from '../render-plot.ts';

export interface PoolMarginRow {
  strategy: string;
  pool: string;
  month: number;
  margin: number;
}

export function marginByPoolRows(c: Comparison, ctx: ChartContext): PoolMarginRow[] {
  return c.series
    .filter((s) => s.metric.startsWith('margin.'))
    .flatMap((s) => {
      const pool = ctx.poolName(s.metric.slice('margin.'.length));
      return s.band.mean.map((margin, t) => ({ strategy: ctx.strategyName(s.strategy), pool, month: (t * 12) / ctx.stepsPerYear, margin }));
    });
}

export function marginByPoolChart(rows: PoolMarginRow[], ctx: ChartContext): string {
  const strategies = [...new Set(rows.map((r) => r.strategy))];
  const pools = [...new Set(rows.map((r) => r.pool))];
  // one small chart per strategy, titled above its panel (facet labels at the side cut long
  // names off), all on the same y scale so panels compare at a glance
  const up = new Map<string, number>();
  const down = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.strategy}\u0000${r.month}`;
    if (r.margin >= 0) up.set(key, (up.get(key) ?? 0) + r.margin);
    else down.set(key, (down.get(key) ?? 0) + r.margin);
  }
  const domain = [Math.min(0, ...down.values()), Math.max(0, ...up.values())];
  const charts = strategies.map((s, i) =>
    renderPlot({
      width: ctx.width,
      height: 190,
      marginLeft: 64,
      marginRight: 20,
      title: s,
      x: { ...X_LABEL, label: 'Month', grid: true },
      y: { label: `Margin per month (${ctx.currency})`, tickFormat: moneyTick, grid: true, domain, nice: true },
      color: { ...categoryColours(pools), legend: i === 0 },
      marks: [
        Plot.areaY(
          rows.filter((r) => r.strategy === s),
          { x: 'month', y: 'margin', fill: 'pool', order: pools, fillOpacity: 0.85 },
        ),
        Plot.ruleY([0], { stroke: '#333' }),
      ],
    }),
  );
  return `<div class="chart-stack">${charts.join('')}</div>`;
}

export const marginByPool: ReportChart = {
  id: 'margin-by-pool',
  title: 'Margin by profit pool',
  build(c, ctx) {
    const rows = marginByPoolRows(c, ctx);
    if (rows.length === 0) return { svg: null, caption: 'The results have no margin by pool.' };
    const emerging = Object.entries(c.labels.pools).filter(([, p]) => p.kind === 'emerging').map(([, p]) => p.name);
    return {
      svg: marginByPoolChart(rows, ctx),
      caption:
        `Contribution margin earned per month in each profit pool (mean over replications), stacked, one panel per strategy. ` +
        (emerging.length > 0
          ? `The emerging pools (${emerging.join(', ')}) only pay if customers adopt them and buy them from us: a growing band there is value captured from future pools.`
          : `The scenario has no emerging pool.`),
    };
  },
};
