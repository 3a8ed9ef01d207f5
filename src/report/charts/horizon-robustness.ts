/**
 * Chart: horizon robustness — the paired difference in net equity versus the baseline valued at
 * each year end by the same rule (docs/metrics.md, "Horizon robustness"), with the 95%
 * interval of its mean, the within-horizon-only difference dashed, and the year from which the
 * lead (or deficit) is established marked.
 */
import * as Plot from '@observablehq/plot';
import type { Comparison } from '../../metrics/comparison.ts';
import type { ChartContext, ReportChart } from '../chart-context.ts';
import { moneyTick } from '../format.ts';
import { renderPlot, X_LABEL } from '../render-plot.ts';

interface Row {
  strategy: string;
  year: number;
  mean: number;
  lo: number;
  hi: number;
  within: number;
}

export function horizonRows(c: Comparison, ctx: ChartContext): { rows: Row[]; marks: { strategy: string; year: number }[] } {
  const rows = c.horizonRobustness.flatMap((h) =>
    h.years.map((year, i) => ({ strategy: ctx.strategyName(h.strategy), year, mean: h.mean[i], lo: h.lo95[i], hi: h.hi95[i], within: h.meanWithin[i] })),
  );
  const marks = c.horizonRobustness.filter((h) => h.establishedFromYear !== null).map((h) => ({ strategy: ctx.strategyName(h.strategy), year: h.establishedFromYear! }));
  return { rows, marks };
}

export function horizonChart({ rows, marks }: ReturnType<typeof horizonRows>, ctx: ChartContext): string {
  const strategies = [...new Set(rows.map((r) => r.strategy))];
  const years = [...new Set(rows.map((r) => r.year))];
  return renderPlot({
    width: ctx.width,
    height: Math.max(240, 170 * strategies.length + 40),
    marginLeft: 64,
    marginRight: 40,
    marginTop: 24,
    x: { ...X_LABEL, label: 'Valued at the end of year', ticks: years, tickFormat: (d: number) => String(d), grid: true, inset: 8 },
    y: { label: `Δ net equity vs baseline (${ctx.currency})`, tickFormat: moneyTick, grid: true, nice: true },
    fy: { axis: null, domain: strategies, padding: 0.12 },
    color: ctx.colours,
    marks: [
      Plot.areaY(rows, { fy: 'strategy', x: 'year', y1: 'lo', y2: 'hi', fill: 'strategy', fillOpacity: 0.2 }),
      Plot.ruleY([0], { stroke: '#333' }),
      Plot.lineY(rows, { fy: 'strategy', x: 'year', y: 'within', stroke: 'strategy', strokeDasharray: '5,4', strokeWidth: 1.4 }),
      Plot.lineY(rows, { fy: 'strategy', x: 'year', y: 'mean', stroke: 'strategy', strokeWidth: 2.4 }),
      Plot.dot(rows, { fy: 'strategy', x: 'year', y: 'mean', fill: 'strategy', r: 3 }),
      Plot.ruleX(marks, { fy: 'strategy', x: 'year', stroke: '#222', strokeDasharray: '4,3' }),
      Plot.text(marks, { fy: 'strategy', x: 'year', dx: 5, textAnchor: 'start', text: (d: { year: number }) => `established from year ${d.year}`, fill: '#222', fontWeight: 600, frameAnchor: 'bottom', dy: -6 }),
      Plot.text(strategies, { fy: (d: string) => d, text: (d: string) => d, frameAnchor: 'top-left', dx: 6, dy: 2, fontWeight: 700, fontSize: 13, fill: (d: string) => d }),
    ],
  });
}

export const horizonRobustnessChart: ReportChart = {
  id: 'horizon-robustness',
  title: 'Does the answer depend on the horizon?',
  build(c, ctx) {
    const data = horizonRows(c, ctx);
    if (data.rows.length === 0) return { svg: null, caption: 'Only the baseline was run, or the horizon is shorter than a year: there is nothing to show.' };
    const base = ctx.strategyName(c.baseline);
    const notes = c.horizonRobustness.map((h) => {
      const who = ctx.strategyName(h.strategy);
      if (h.leadAtHorizon === 0) return `${who}: not distinguishable from ${base} at the horizon`;
      const what = h.leadAtHorizon > 0 ? 'ahead of' : 'behind';
      return h.establishedFromYear === null ? `${who}: ${what} ${base} at the horizon only` : `${who}: ${what} ${base} at every year end from year ${h.establishedFromYear}`;
    });
    return {
      svg: horizonChart(data, ctx),
      caption:
        `Net equity of each strategy minus ${base}'s, as if the horizon ended at each year end and the customers alive then were valued by the same rule ` +
        `(at the last year the full valuation of the table). ` +
        `The band is the 95% confidence interval of the mean paired difference; the dashed line counts within-horizon flows only. ` +
        (c.valuation.rule.yearEnds === 'runoff'
          ? `Every year end is valued by its own ${c.valuation.rule.runoffYears}-year run-off and closing perpetuity, as if the horizon ended there. `
          : `Before the last year the year-end values are the closing perpetuity of the customers alive then: they leave out adoption of emerging pools still to come, so for a strategy that wins those adopters they understate its lead (valuation.yearEnds: runoff computes the full rule at every year end; docs/metrics.md). `) +
        `${notes.join('; ')}.`,
    };
  },
};
