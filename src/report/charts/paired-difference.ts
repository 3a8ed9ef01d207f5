/**
 * Chart: the cumulative discounted net-value difference of each strategy versus the baseline,
 * replication by replication (common random numbers), with its 90% band and the break-even
 * month marked.
 */
import * as Plot from '@observablehq/plot';
import type { Comparison } from '../../metrics/comparison.ts';
import type { ChartContext, ReportChart } from '../chart-context.ts';
import { money, moneyTick, monthLabel } from '../format.ts';
import { renderPlot, X_LABEL } from '../render-plot.ts';

export interface DifferenceRow {
  strategy: string;
  month: number;
  mean: number;
  lo: number;
  hi: number;
}

export interface BreakEvenMark {
  strategy: string;
  month: number;
}

export function pairedDifferenceRows(c: Comparison, ctx: ChartContext): { rows: DifferenceRow[]; breakEvens: BreakEvenMark[] } {
  const rows = c.pairedNetDifference.flatMap((p) =>
    p.band.mean.map((mean, t) => ({
      strategy: ctx.strategyName(p.strategy),
      month: ((t + 1) * 12) / ctx.stepsPerYear,
      mean,
      lo: p.band.lo90[t],
      hi: p.band.hi90[t],
    })),
  );
  const breakEvens = c.pairedNetDifference
    .filter((p) => p.breakEven.month !== null)
    .map((p) => ({ strategy: ctx.strategyName(p.strategy), month: p.breakEven.month! }));
  return { rows, breakEvens };
}

export function pairedDifferenceChart({ rows, breakEvens }: { rows: DifferenceRow[]; breakEvens: BreakEvenMark[] }, ctx: ChartContext): string {
  const strategies = [...new Set(rows.map((r) => r.strategy))];
  return renderPlot({
    width: ctx.width,
    height: Math.max(240, 170 * strategies.length + 40),
    marginLeft: 64,
    marginRight: 110,
    marginTop: 24,
    x: { ...X_LABEL, label: 'Months elapsed', grid: true },
    y: { label: `Δ cumulative net value (${ctx.currency})`, tickFormat: moneyTick, grid: true, nice: true },
    fy: { axis: null, domain: strategies, padding: 0.12 },
    color: ctx.colours,
    marks: [
      Plot.areaY(rows, { fy: 'strategy', x: 'month', y1: 'lo', y2: 'hi', fill: 'strategy', fillOpacity: 0.18 }),
      Plot.ruleY([0], { stroke: '#333' }),
      Plot.lineY(rows, { fy: 'strategy', x: 'month', y: 'mean', stroke: 'strategy', strokeWidth: 2.2 }),
      Plot.ruleX(breakEvens, { fy: 'strategy', x: 'month', stroke: '#222', strokeDasharray: '4,3' }),
      // label right of the line, or left of it when the line is in the last third (where the end labels are)
      Plot.text(breakEvens.filter((b) => b.month <= (2 * ctx.horizonMonths) / 3), { fy: 'strategy', x: 'month', dx: 5, textAnchor: 'start', text: (d: BreakEvenMark) => `break-even: ${monthLabel(d.month)}`, fill: '#222', fontWeight: 600, frameAnchor: 'top', dy: 18 }),
      Plot.text(breakEvens.filter((b) => b.month > (2 * ctx.horizonMonths) / 3), { fy: 'strategy', x: 'month', dx: -5, textAnchor: 'end', text: (d: BreakEvenMark) => `break-even: ${monthLabel(d.month)}`, fill: '#222', fontWeight: 600, frameAnchor: 'top', dy: 18 }),
      Plot.text(strategies, { fy: (d: string) => d, text: (d: string) => d, frameAnchor: 'top-left', dx: 6, dy: 2, fontWeight: 700, fontSize: 13, fill: (d: string) => d }),
      Plot.text(rows, Plot.selectLast({ fy: 'strategy', x: 'month', y: 'mean', text: (d: DifferenceRow) => `${money(d.mean)} at ${d.month}`, textAnchor: 'start', dx: 6, fill: 'strategy' })),
    ],
  });
}

export const pairedDifference: ReportChart = {
  id: 'paired-difference',
  title: 'Difference versus the baseline, and when it pays back',
  build(c, ctx) {
    const data = pairedDifferenceRows(c, ctx);
    if (data.rows.length === 0) return { svg: null, caption: 'Only the baseline was run: there is no difference to show.' };
    const base = ctx.strategyName(c.baseline);
    const notes = c.pairedNetDifference.map((p) => {
      const be = p.breakEven;
      const when = be.month === null ? `does not pay back within ${ctx.horizonMonths} months on average` : `pays back after ${be.month} months on average`;
      return `${ctx.strategyName(p.strategy)} ${when} (${Math.round(be.shareOfReplications * 100)}% of replications pay back within the horizon)`;
    });
    return {
      svg: pairedDifferenceChart(data, ctx),
      caption:
        `Cumulative discounted net value (margin − acquisition cost − CX spend − workforce cost) of each strategy minus ${base}'s, ` +
        `taken replication by replication with the same random draws, so luck cancels out. Below zero the strategy is still paying for its investment; ` +
        `the dashed line marks the month after which the average difference stays positive. The band is where 90% of replications fall; ` +
        `the value of customers still active at the end is not included here (it is in the horizon chart and the table). ${notes.join('; ')}.`,
    };
  },
};
