/**
 * Chart: a waterfall attributing each strategy's net-equity gain over the baseline to its
 * levers (lever switched off in turn, common random numbers), plus the interactions, adding
 * up to the total difference. Whiskers: 95% confidence interval of each mean contribution.
 */
import * as Plot from '@observablehq/plot';
import type { Comparison } from '../../metrics/comparison.ts';
import type { ChartContext, ReportChart } from '../chart-context.ts';
import { signedMoney, signedMoneyTick } from '../format.ts';
import { labelMargin, renderPlot, shorten, X_LABEL } from '../render-plot.ts';

export interface WaterfallRow {
  strategy: string;
  label: string;
  kind: 'Gain' | 'Loss' | 'Total';
  start: number;
  end: number;
  value: number;
  lo: number;
  hi: number;
}

export const INTERACTIONS = 'Interactions and other';

export function waterfallRows(c: Comparison, ctx: ChartContext): WaterfallRow[] {
  return c.attribution.flatMap((a) => {
    const strategy = ctx.strategyName(a.strategy);
    let at = 0;
    const steps = [
      ...a.levers.map((l) => ({ label: shorten(ctx.leverName(l.lever)) + (l.usedBy === 'baseline' ? ' (baseline only)' : ''), d: l.contribution })),
      { label: INTERACTIONS, d: a.remainder },
    ];
    const rows: WaterfallRow[] = steps.map(({ label, d }) => {
      const start = at;
      at += d.mean;
      return { strategy, label, kind: d.mean >= 0 ? 'Gain' : 'Loss', start, end: at, value: d.mean, lo: start + d.meanCi95[0], hi: start + d.meanCi95[1] };
    });
    rows.push({ strategy, label: `Total vs ${ctx.strategyName(c.baseline)}`, kind: 'Total', start: 0, end: a.total.mean, value: a.total.mean, lo: a.total.meanCi95[0], hi: a.total.meanCi95[1] });
    return rows;
  });
}

export function waterfallChart(rows: WaterfallRow[], ctx: ChartContext): string {
  const strategies = [...new Set(rows.map((r) => r.strategy))];
  const colour = { domain: ['Gain', 'Loss', 'Total'], range: ['#3ca951', '#e15759', '#4269d0'] };
  const charts = strategies.map((s, i) => {
    const data = rows.filter((r) => r.strategy === s);
    const xs = data.flatMap((r) => [r.start, r.end, r.lo, r.hi, 0]);
    const span = Math.max(...xs) - Math.min(...xs) || 1;
    return renderPlot({
      width: ctx.width,
      height: data.length * 34 + 70,
      marginLeft: labelMargin(data.map((r) => r.label)),
      marginRight: 20,
      marginTop: 30,
      title: s,
      x: { ...X_LABEL, label: `Δ net equity (${ctx.currency})`, tickFormat: signedMoneyTick, grid: true, domain: [Math.min(...xs) - 0.12 * span, Math.max(...xs) + 0.12 * span] },
      y: { label: null, domain: data.map((r) => r.label), padding: 0.25 },
      color: { ...colour, legend: i === 0 },
      marks: [
        Plot.ruleX([0], { stroke: '#333' }),
        Plot.barX(data, { y: 'label', x1: 'start', x2: 'end', fill: 'kind' }),
        Plot.ruleY(data, { y: 'label', x1: 'lo', x2: 'hi', stroke: '#222', strokeWidth: 1.2 }),
        Plot.text(data, {
          y: 'label',
          x: (d: WaterfallRow) => Math.max(d.start, d.end, d.hi),
          text: (d: WaterfallRow) => signedMoney(d.value),
          textAnchor: 'start',
          dx: 6,
          fill: '#222',
        }),
      ],
    });
  });
  return `<div class="chart-stack">${charts.join('')}</div>`;
}

export const waterfall: ReportChart = {
  id: 'waterfall',
  title: 'Which levers create the gain',
  build(c, ctx) {
    if (c.attribution.length === 0) {
      return { svg: null, caption: 'Attribution was not computed (run compare without --no-attribution), or no strategy other than the baseline spends on a lever.' };
    }
    const rows = waterfallRows(c, ctx);
    return {
      svg: waterfallChart(rows, ctx),
      caption:
        `Where the difference in net equity versus ${ctx.strategyName(c.baseline)} comes from. The value of a lever is measured by running the ` +
        `strategy again with that lever switched off (its budget share not spent) with the same random draws; each bar is the value the lever ` +
        `creates in the strategy minus the value it creates in the baseline, so a lever only the baseline uses shows what giving it up costs. ` +
        `"${INTERACTIONS}" is what levers do only together (they share diminishing returns and the workforce) plus anything that is not a lever, ` +
        `so the bars add up to the total. Whiskers are 95% confidence intervals of each mean.`,
    };
  },
};
