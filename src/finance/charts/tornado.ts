/**
 * Chart: the tornado — for each parameter (widest swing on top), the output with the
 * parameter at its low and at its high value, every other parameter at its median; bars start
 * at the all-medians run. For a difference between strategies, a dashed line at 0 marks where
 * the two are worth the same: a bar crossing it can change the decision.
 */
import * as Plot from '@observablehq/plot';
import { money, moneyTick, num, signedMoney } from '../../report/format.ts';
import { labelMargin, renderPlot, shorten, X_LABEL } from '../../report/render-plot.ts';
import type { TornadoBar } from '../sensitivity.ts';

interface Row {
  label: string;
  side: string;
  x1: number;
  x2: number;
  text: string;
}

export function tornadoChart(bars: TornadoBar[], centre: number, axisLabel: string, difference = false, width = 1040): string {
  const labels = bars.map((b) => shorten(b.path, 52));
  const fmt = difference ? signedMoney : money;
  const rows: Row[] = bars.flatMap((b, i) => [
    { label: labels[i], side: 'Parameter at its low value', x1: centre, x2: b.atLow, text: `${num(b.low, 4)} → ${fmt(b.atLow)}` },
    { label: labels[i], side: 'Parameter at its high value', x1: centre, x2: b.atHigh, text: `${num(b.high, 4)} → ${fmt(b.atHigh)}` },
  ]);
  const xs = [...rows.flatMap((r) => [r.x1, r.x2]), ...(difference ? [0] : [])];
  const span = Math.max(...xs) - Math.min(...xs) || Math.abs(centre) * 0.01 || 1;
  return renderPlot({
    width,
    height: 46 * bars.length + 90,
    marginLeft: labelMargin(labels),
    marginRight: 40,
    x: { ...X_LABEL, label: axisLabel, tickFormat: moneyTick, grid: true, domain: [Math.min(...xs) - 0.35 * span, Math.max(...xs) + 0.35 * span] },
    y: { label: null, domain: labels, padding: 0.3 },
    color: { domain: ['Parameter at its low value', 'Parameter at its high value'], range: ['#ff725c', '#4269d0'], legend: true },
    marks: [
      Plot.barX(rows, { y: 'label', x1: 'x1', x2: 'x2', fill: 'side' }),
      ...(difference ? [Plot.ruleX([0], { stroke: '#b3261e', strokeDasharray: '5,3', strokeWidth: 1.5 })] : []),
      Plot.ruleX([centre], { stroke: '#222', strokeWidth: 1.5 }),
      Plot.text(rows.filter((r) => r.x2 >= r.x1), { y: 'label', x: 'x2', text: 'text', textAnchor: 'start', dx: 5, fill: '#222', fontSize: 11 }),
      Plot.text(rows.filter((r) => r.x2 < r.x1), { y: 'label', x: 'x2', text: 'text', textAnchor: 'end', dx: -5, fill: '#222', fontSize: 11 }),
    ],
  });
}
