/**
 * Chart: the service-profit chain — employee engagement, employee turnover (annualised),
 * service quality and workload over time, per strategy, four small panels with 90% bands.
 */
import * as Plot from '@observablehq/plot';
import type { Comparison } from '../../metrics/comparison.ts';
import type { ChartContext, ReportChart } from '../chart-context.ts';
import { num, percent } from '../format.ts';
import { renderLegend, renderPlot, X_LABEL } from '../render-plot.ts';

export interface ChainRow {
  strategy: string;
  indicator: string;
  month: number;
  mean: number;
  lo: number;
  hi: number;
}

interface Panel {
  metric: string;
  label: string;
  /** Display transform of a per-step value. */
  map: (x: number, stepsPerYear: number) => number;
  tick: (x: number) => string;
  reference?: number;
}

const PANELS: Panel[] = [
  { metric: 'engagement', label: 'Employee engagement (0–1)', map: (x) => x, tick: (x) => num(x) },
  { metric: 'turnover', label: 'Employee turnover per year', map: (x, spy) => 1 - (1 - x) ** spy, tick: (x) => percent(x, 0) },
  { metric: 'serviceQuality', label: 'Service quality (0–1)', map: (x) => x, tick: (x) => num(x) },
  { metric: 'workload', label: 'Workload (demand / capacity)', map: (x) => x, tick: (x) => num(x), reference: 1 },
];

export function serviceProfitChainRows(c: Comparison, ctx: ChartContext): ChainRow[] {
  return PANELS.flatMap((p) =>
    c.series
      .filter((s) => s.metric === p.metric)
      .flatMap((s) =>
        s.band.mean.map((mean, t) => ({
          strategy: ctx.strategyName(s.strategy),
          indicator: p.label,
          month: (t * 12) / ctx.stepsPerYear,
          mean: p.map(mean, ctx.stepsPerYear),
          lo: p.map(s.band.lo90[t], ctx.stepsPerYear),
          hi: p.map(s.band.hi90[t], ctx.stepsPerYear),
        })),
      ),
  );
}

export function serviceProfitChainChart(rows: ChainRow[], ctx: ChartContext): string {
  const panels = PANELS.filter((p) => rows.some((r) => r.indicator === p.label)).map((p) => {
    const data = rows.filter((r) => r.indicator === p.label);
    return renderPlot({
      width: Math.floor(ctx.width / 2) - 12,
      height: 230,
      marginLeft: 50,
      marginTop: 30,
      title: p.label,
      x: { ...X_LABEL, label: 'Month', grid: true },
      y: { label: null, tickFormat: p.tick, grid: true, nice: true, zero: p.metric !== 'workload' },
      color: ctx.colours,
      marks: [
        Plot.areaY(data, { x: 'month', y1: 'lo', y2: 'hi', fill: 'strategy', fillOpacity: 0.12 }),
        ...(p.reference === undefined ? [] : [Plot.ruleY([p.reference], { stroke: '#c33', strokeDasharray: '4,3' })]),
        Plot.lineY(data, { x: 'month', y: 'mean', stroke: 'strategy', strokeWidth: 2 }),
      ],
    });
  });
  return `<div class="chart-grid">${renderLegend(ctx.colours)}<div class="panels">${panels.map((p) => `<div class="panel">${p}</div>`).join('')}</div></div>`;
}

export const serviceProfitChain: ReportChart = {
  id: 'service-profit-chain',
  title: 'The service-profit chain',
  build(c, ctx) {
    const rows = serviceProfitChainRows(c, ctx);
    if (!c.scenario.workforce) {
      return {
        svg: null,
        caption:
          'Not modelled in this scenario: it has no front-line workforce (no workforce: block), so service quality is fixed at 0.7 and employee engagement, turnover and workload do not move. ' +
          'Add a workforce (see docs/scenario-reference.md, section workforce) or run scenarios/contact-centre.yaml to see the chain from employee support to customer value.',
      };
    }
    if (rows.length === 0) return { svg: null, caption: 'The scenario models no front-line workforce.' };
    return {
      svg: serviceProfitChainChart(rows, ctx),
      caption:
        `The front line behind the experience: support for employees raises engagement, engaged employees leave less often and serve better, ` +
        `and service quality feeds customer satisfaction and loyalty. Workload above 1 (the dashed line) means more contacts than the staff can handle, ` +
        `which burns out engagement and forces corner cutting. Lines are means; bands are where 90% of replications fall.`,
    };
  },
};
