/**
 * Chart: one bar per item with the 95% confidence interval of its mean as a whisker and a
 * zero line — marginal value per lever, gain over each strategy.
 */
import * as Plot from '@observablehq/plot';
import { labelMargin, renderPlot, shorten, X_LABEL } from '../../report/render-plot.ts';

export interface IntervalBar {
  label: string;
  value: number;
  lo: number;
  hi: number;
  text: string;
}

export function intervalBarsChart(bars: IntervalBar[], xLabel: string, tickFormat: (x: number) => string, width = 1040): string {
  // whole labels: long ones wrap onto lines of the label column (at most 300 px)
  const data = bars.map((b) => ({ ...b, label: shorten(b.label, 120), sign: b.value >= 0 ? 'positive' : 'negative' }));
  const marginLeft = Math.min(300, labelMargin(data.map((d) => d.label)));
  const lines = Math.max(1, ...data.map((d) => Math.ceil(([...d.label].length * 7.2) / (marginLeft - 14))));
  const xs = data.flatMap((d) => [d.lo, d.hi, d.value, 0]).filter(Number.isFinite);
  const span = Math.max(...xs) - Math.min(...xs) || 1;
  return renderPlot({
    width,
    height: (28 + 12 * lines) * data.length + 80,
    marginLeft,
    marginRight: 40,
    x: { ...X_LABEL, label: xLabel, tickFormat, grid: true, domain: [Math.min(...xs) - 0.15 * span, Math.max(...xs) + 0.3 * span] },
    y: { label: null, domain: data.map((d) => d.label), padding: 0.3, axis: null },
    color: { domain: ['positive', 'negative'], range: ['#3ca951', '#e15759'] },
    marks: [
      Plot.axisY({ tickSize: 0, label: null, lineWidth: (marginLeft - 14) / 12 } as Plot.AxisYOptions),
      Plot.barX(data, { y: 'label', x: 'value', fill: 'sign' }),
      Plot.ruleX([0], { stroke: '#333' }),
      Plot.ruleY(data, { y: 'label', x1: 'lo', x2: 'hi', stroke: '#222', strokeWidth: 1.3 }),
      Plot.text(data, { y: 'label', x: (d: (typeof data)[number]) => Math.max(d.hi, d.value, 0), text: 'text', textAnchor: 'start', dx: 6, fill: '#222', fontSize: 11 }),
    ],
  });
}
