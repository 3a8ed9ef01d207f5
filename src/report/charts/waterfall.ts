/**
 * Chart: a waterfall attributing each strategy's net-equity gain over the baseline to its
 * levers by Shapley values (every coalition of levers run with common random numbers), adding
 * up to the total difference with no order and no interactions bar. Whiskers: 95% confidence
 * interval (t) of each mean contribution.
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

/** The bar of what is not a lever (both strategies with every lever off), shown only when it is not 0. */
export const NOT_A_LEVER = 'Not a lever (overrides)';
const MAX_LABEL = 120;
/** Width of the label column (px) and the characters that fit on one of its lines (10 px font). */
const LABEL_WIDTH = 300;
const CHARS_PER_LINE = 46;

export function waterfallRows(c: Comparison, ctx: ChartContext): WaterfallRow[] {
  return c.attribution.flatMap((a) => {
    const strategy = ctx.strategyName(a.strategy);
    let at = 0;
    const steps = [
      ...a.levers.map((l) => ({ label: shorten(ctx.leverName(l.lever), MAX_LABEL) + (l.usedBy === 'baseline' ? ' (baseline)' : ''), d: l.contribution })),
      ...(a.remainder.mean !== 0 || a.remainder.sd !== 0 ? [{ label: NOT_A_LEVER, d: a.remainder }] : []),
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
    // every label whole: long lever names wrap at spaces onto lines of the label column
    const wrapped = new Map(data.map((r) => [r.label, wrapLabel(r.label, CHARS_PER_LINE)]));
    const lines = Math.max(1, ...[...wrapped.values()].map((w) => w.split('\n').length));
    const margin = Math.min(LABEL_WIDTH, labelMargin([...wrapped.values()].flatMap((w) => w.split('\n'))));
    return renderPlot({
      width: ctx.width,
      height: data.length * (22 + 12 * lines) + 70,
      marginLeft: margin,
      marginRight: 70,
      marginTop: 30,
      title: s,
      x: { ...X_LABEL, label: `Δ net equity (${ctx.currency})`, tickFormat: signedMoneyTick, grid: true, domain: [Math.min(...xs) - 0.12 * span, Math.max(...xs) + 0.12 * span] },
      y: { label: null, domain: data.map((r) => r.label), padding: 0.25, axis: null },
      color: { ...colour, legend: i === 0 },
      marks: [
        Plot.axisY({ tickSize: 0, label: null, tickFormat: (l: string) => wrapped.get(l) ?? l }),
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

/** `label` broken at spaces into lines of at most `width` characters (a longer word keeps its own line). */
export function wrapLabel(label: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(' ')) {
    if (line && [...line].length + 1 + [...word].length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
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
        `Where the difference in net equity versus ${ctx.strategyName(c.baseline)} comes from, by Shapley values: every combination of a strategy's levers ` +
        `is run with the same random draws (a lever switched off loses its spend wherever it comes from — its share, its schedule, money rules move to it — ` +
        `while money a rule moves away from it still reaches the other lever), and each lever gets its average marginal value over every order of switching ` +
        `levers on, minus the same in the baseline. Interactions are shared out, so the bars add up to the total with no "interactions" bar` +
        `${c.attribution.some((a) => a.remainder.mean !== 0 || a.remainder.sd !== 0) ? `; "${NOT_A_LEVER}" is what differs with every lever off` : ''}. ` +
        `${describeRuns(c)} Whiskers are 95% confidence intervals (t) of each mean.`,
    };
  },
};

/** How many replications and which method the attribution used, in words. */
export function describeRuns(c: Comparison): string {
  const a = c.attribution[0];
  if (!a) return '';
  const n = a.replications ?? c.scenario.replications;
  const sampled = c.attribution.find((x) => x.method === 'shapley-sampled');
  const method = sampled ? `sampled over ${sampled.permutations} random orders (more than 8 levers; the sampling error is in summary.json)` : 'exact (every coalition)';
  return `Shapley values ${method}, on replications 0–${n - 1}${n < c.scenario.replications ? ` of ${c.scenario.replications} (each coalition costs a run set, so the attribution uses fewer; the totals here are the differences on those replications)` : ''}.`;
}
