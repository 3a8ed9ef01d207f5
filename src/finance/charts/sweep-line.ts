/**
 * Chart: a one-parameter sweep — mean net equity of each strategy (or its paired difference
 * to the first value) against the swept value, with the 95% confidence band of the mean.
 */
import * as Plot from '@observablehq/plot';
import { moneyTick } from '../../report/format.ts';
import { renderPlot, X_LABEL } from '../../report/render-plot.ts';
import { categoryColours } from '../../report/palette.ts';

export interface SweepLinePoint {
  strategy: string;
  x: number;
  mean: number;
  lo: number;
  hi: number;
}

/** @param yLabel what the line is (net equity, or its difference to the first value). */
export function sweepLineChart(points: SweepLinePoint[], xLabel: string, yLabel: string, width = 1040): string {
  const strategies = [...new Set(points.map((p) => p.strategy))];
  const large = Math.max(...points.map((p) => Math.abs(p.x))) >= 1000;
  return renderPlot({
    width,
    height: 420,
    marginLeft: 70,
    marginRight: 30,
    x: { ...X_LABEL, label: xLabel, grid: true, ...(large ? { tickFormat: moneyTick } : {}) },
    y: { label: yLabel, tickFormat: moneyTick, grid: true, nice: true },
    color: { ...categoryColours(strategies), legend: strategies.length > 1 },
    marks: [
      Plot.areaY(points, { x: 'x', y1: 'lo', y2: 'hi', fill: 'strategy', fillOpacity: 0.18 }),
      Plot.lineY(points, { x: 'x', y: 'mean', stroke: 'strategy', strokeWidth: 2.2 }),
      Plot.dot(points, { x: 'x', y: 'mean', fill: 'strategy', r: 3.5 }),
    ],
  });
}
