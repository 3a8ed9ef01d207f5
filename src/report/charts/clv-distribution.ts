/**
 * Chart: the distribution of per-customer CLV in each segment, per strategy — a box from the
 * 25th to the 75th percentile, whiskers from the 5th to the 95th, the median as a tick and
 * the mean as a dot (percentiles averaged over replications).
 */
import * as Plot from '@observablehq/plot';
import type { Comparison } from '../../metrics/comparison.ts';
import type { ChartContext, ReportChart } from '../chart-context.ts';
import { money, moneyTick } from '../format.ts';
import { labelMargin, renderPlot, X_LABEL } from '../render-plot.ts';

export interface ClvRow {
  strategy: string;
  segment: string;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  mean: number;
}

export function clvDistributionRows(c: Comparison, ctx: ChartContext): ClvRow[] {
  return c.headline.flatMap((h) =>
    Object.entries(h.clv.bySegment)
      .filter(([, g]) => g.distribution !== null)
      .map(([seg, g]) => ({
        strategy: ctx.strategyName(h.strategy),
        segment: ctx.segmentName(seg),
        ...g.distribution!,
        mean: g.mean?.mean ?? g.distribution!.p50,
      })),
  );
}

export function clvDistributionChart(rows: ClvRow[], ctx: ChartContext): string {
  const segments = [...new Set(rows.map((r) => r.segment))];
  // one small chart per segment: segments' CLV scales differ too much to share an axis
  const charts = segments.map((segment) => {
    const data = rows.filter((r) => r.segment === segment);
    const strategies = ctx.colours.domain.filter((s) => data.some((r) => r.strategy === s));
    return renderPlot({
      width: ctx.width,
      height: strategies.length * 34 + 90,
      marginLeft: labelMargin(strategies),
      marginRight: 110,
      marginTop: 34,
      title: segment,
      x: { ...X_LABEL, label: `CLV per customer (${ctx.currency})`, tickFormat: moneyTick, grid: true, nice: true },
      y: { label: null, domain: strategies, padding: 0.25 },
      color: ctx.colours,
      marks: [
        Plot.ruleX([0], { stroke: '#999' }),
        Plot.ruleY(data, { y: 'strategy', x1: 'p5', x2: 'p95', stroke: 'strategy', strokeWidth: 1.5 }),
        Plot.barX(data, { y: 'strategy', x1: 'p25', x2: 'p75', fill: 'strategy', fillOpacity: 0.35, stroke: 'strategy' }),
        Plot.tickX(data, { y: 'strategy', x: 'p50', stroke: '#111', strokeWidth: 2.5 }),
        Plot.dot(data, { y: 'strategy', x: 'mean', fill: '#111', r: 3.5 }),
        Plot.text(data, { y: 'strategy', x: 'p95', text: (d: ClvRow) => `mean ${money(d.mean)}`, textAnchor: 'start', dx: 8, fill: '#333' }),
      ],
    });
  });
  return `<div class="chart-stack">${charts.join('')}</div>`;
}

export const clvDistribution: ReportChart = {
  id: 'clv-distribution',
  title: 'Customer lifetime value by segment',
  build(c, ctx) {
    const rows = clvDistributionRows(c, ctx);
    if (rows.length === 0) return { svg: null, caption: 'The results have no CLV by segment.' };
    return {
      svg: clvDistributionChart(rows, ctx),
      caption:
        `How lifetime value is spread across the customers of each segment: the box holds the middle half of customers (25th–75th percentile), ` +
        `the whiskers run from the 5th to the 95th percentile, the black tick is the median customer and the dot the mean. ` +
        `CLV is the discounted margin a customer brings from acquisition to the horizon plus, if still active, their value beyond it by the scenario's valuation (run-off and closing perpetuity); ` +
        `percentiles are averaged over replications. A long right whisker means a few customers carry much of the value.`,
    };
  },
};
