/**
 * Chart: retention curves — the share of each segment's starting customers still active, per
 * strategy, with the 90% band.
 */
import * as Plot from '@observablehq/plot';
import type { Comparison } from '../../metrics/comparison.ts';
import type { ChartContext, ReportChart } from '../chart-context.ts';
import { percent } from '../format.ts';
import { renderPlot, X_LABEL } from '../render-plot.ts';

export interface RetentionRow {
  strategy: string;
  segment: string;
  month: number;
  mean: number;
  lo: number;
  hi: number;
}

export function retentionRows(c: Comparison, ctx: ChartContext): RetentionRow[] {
  return c.retention.flatMap((r) =>
    r.band.mean.map((mean, t) => ({
      strategy: ctx.strategyName(r.strategy),
      segment: ctx.segmentName(r.segment),
      month: ((t + 1) * 12) / ctx.stepsPerYear,
      mean,
      lo: r.band.lo90[t],
      hi: r.band.hi90[t],
    })),
  );
}

export function retentionChart(rows: RetentionRow[], ctx: ChartContext): string {
  const segments = [...new Set(rows.map((r) => r.segment))];
  const common = { fx: 'segment', x: 'month' } as const;
  const lowest = Math.min(...rows.map((r) => r.lo));
  return renderPlot({
    width: ctx.width,
    height: 320,
    marginLeft: 56,
    marginTop: 28,
    x: { ...X_LABEL, label: 'Months elapsed', grid: true },
    y: { label: 'Still a customer', tickFormat: (d: number) => percent(d, 0), grid: true, domain: [Math.max(0, Math.floor(lowest * 10) / 10 - 0.05), 1] },
    fx: { label: null, domain: segments },
    color: { ...ctx.colours, legend: true },
    marks: [
      Plot.areaY(rows, { ...common, y1: 'lo', y2: 'hi', fill: 'strategy', fillOpacity: 0.12 }),
      Plot.lineY(rows, { ...common, y: 'mean', stroke: 'strategy', strokeWidth: 2 }),
    ],
  });
}

export const retention: ReportChart = {
  id: 'retention',
  title: 'Retention curves',
  build(c, ctx) {
    const rows = retentionRows(c, ctx);
    if (rows.length === 0) return { svg: null, caption: 'The results have no retention curves.' };
    return {
      svg: retentionChart(rows, ctx),
      caption:
        `Share of each segment’s starting customers who are still customers, month by month. The curves flatten over time because the most ` +
        `churn-prone customers leave first; a strategy that lifts the curve keeps more customers earning margin. Bands are where 90% of replications fall.`,
    };
  },
};
