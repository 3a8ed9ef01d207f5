/**
 * Chart: our share of each emerging pool's market (what all its participants spend) over time, per strategy, with the
 * 90% band (all pools when the scenario has no emerging pool).
 */
import * as Plot from '@observablehq/plot';
import type { Comparison } from '../../metrics/comparison.ts';
import type { ChartContext, ReportChart } from '../chart-context.ts';
import { percent } from '../format.ts';
import { renderPlot, X_LABEL } from '../render-plot.ts';

export interface ShareRow {
  strategy: string;
  pool: string;
  month: number;
  mean: number;
  lo: number;
  hi: number;
}

export function poolShareRows(c: Comparison, ctx: ChartContext): { rows: ShareRow[]; emergingOnly: boolean } {
  const emerging = Object.keys(c.labels.pools).filter((id) => c.labels.pools[id].kind === 'emerging');
  const pools = emerging.length > 0 ? emerging : Object.keys(c.labels.pools);
  const rows = c.series
    .filter((s) => s.metric.startsWith('share.') && pools.includes(s.metric.slice('share.'.length)))
    .flatMap((s) =>
      s.band.mean.map((mean, t) => ({
        strategy: ctx.strategyName(s.strategy),
        pool: ctx.poolName(s.metric.slice('share.'.length)),
        month: (t * 12) / ctx.stepsPerYear,
        mean,
        lo: s.band.lo90[t],
        hi: s.band.hi90[t],
      })),
    );
  return { rows, emergingOnly: emerging.length > 0 };
}

export function poolShareChart(rows: ShareRow[], ctx: ChartContext): string {
  const pools = [...new Set(rows.map((r) => r.pool))];
  const common = { fx: 'pool', x: 'month' } as const;
  return renderPlot({
    width: ctx.width,
    height: 340,
    marginLeft: 56,
    marginTop: 28,
    x: { ...X_LABEL, label: 'Month', grid: true },
    y: { label: 'Our share of the pool’s market', tickFormat: (d: number) => percent(d, 0), grid: true, domain: [0, Math.min(1, Math.max(0.05, ...rows.map((r) => r.hi)) * 1.05)] },
    fx: { label: null, domain: pools },
    color: { ...ctx.colours, legend: true },
    marks: [
      Plot.areaY(rows, { ...common, y1: 'lo', y2: 'hi', fill: 'strategy', fillOpacity: 0.13 }),
      Plot.lineY(rows, { ...common, y: 'mean', stroke: 'strategy', strokeWidth: 2.2 }),
    ],
  });
}

export const poolShare: ReportChart = {
  id: 'pool-share',
  title: 'Share of emerging profit pools',
  build(c, ctx) {
    const { rows, emergingOnly } = poolShareRows(c, ctx);
    if (rows.length === 0) return { svg: null, caption: 'The results have no pool shares.' };
    const last = Math.max(...rows.map((r) => r.month));
    const best = rows.filter((r) => r.month === last).sort((a, b) => b.mean - a.mean)[0];
    return {
      svg: poolShareChart(rows, ctx),
      caption:
        (emergingOnly ? `Our share of what the whole market spends in each emerging pool: ` : `The scenario has no emerging pool; our share of what the whole market spends in each pool: `) +
        `customers who adopt a new category elsewhere take their wallet there, so a low share is future profit lost to competitors. ` +
        `Lines are means; bands are where 90% of replications fall. At the horizon the highest share is ${best.strategy}'s in ${best.pool} (${percent(best.mean)}).`,
    };
  },
};
