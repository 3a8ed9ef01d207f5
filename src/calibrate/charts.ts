/**
 * The fit report's charts: observed (dots / dark bars) against the fitted model (lines /
 * light bars), each a function from goodness-of-fit rows to SVG (Observable Plot, rendered
 * server-side). A dashed rule marks the end of the calibration period where a chart runs on
 * into the hold-out.
 */
import * as Plot from '@observablehq/plot';
import { renderPlot, X_LABEL } from '../report/render-plot.ts';
import type { ConditionalRow, HistogramRow, SpendRow, SurvivalRow, TrackingRow } from './goodness-of-fit.ts';

const OBSERVED = '#1d2330', MODEL = '#4269d0';
const COLOR = { domain: ['observed', 'model'], range: [OBSERVED, MODEL], legend: true } as const;
const WIDTH = 520;

export function survivalChart(rows: SurvivalRow[], group: string, fitted: number, periodLabel: string): string {
  const tidy = rows.flatMap((r) => [
    { period: r.period, who: 'observed', value: r.observed },
    { period: r.period, who: 'model', value: r.expected },
  ]);
  return renderPlot({
    title: `${group}: customers still active`,
    width: WIDTH,
    height: 300,
    x: { label: periodLabel, ...X_LABEL },
    y: { label: 'active customers', grid: true, domain: [0, rows[0].observed] },
    color: COLOR,
    marks: [
      Plot.ruleX([fitted], { stroke: '#999', strokeDasharray: '4 3' }),
      Plot.text([{ x: fitted, y: rows[0].observed }], { x: 'x', y: 'y', text: () => 'end of calibration', textAnchor: 'start', dx: 4, dy: 8, fill: '#666' }),
      Plot.line(tidy.filter((d) => d.who === 'model'), { x: 'period', y: 'value', stroke: 'who', strokeWidth: 2 }),
      Plot.dot(tidy.filter((d) => d.who === 'observed'), { x: 'period', y: 'value', fill: 'who', r: 3.5 }),
    ],
  });
}

/** Retention rate S(t)/S(t−1): the sBG's rising retention is the signature of heterogeneity. */
export function retentionChart(rows: SurvivalRow[], group: string, fitted: number, periodLabel: string): string {
  const tidy = rows.slice(1).flatMap((r) => [
    { period: r.period, who: 'observed', value: r.observedRetention },
    { period: r.period, who: 'model', value: r.expectedRetention },
  ]);
  return renderPlot({
    title: `${group}: retention rate`,
    width: WIDTH,
    height: 300,
    x: { label: periodLabel, ...X_LABEL },
    y: { label: 'retained from the previous period', grid: true, domain: [0, 1], tickFormat: '.0%' },
    color: COLOR,
    marks: [
      Plot.ruleX([fitted], { stroke: '#999', strokeDasharray: '4 3' }),
      Plot.line(tidy.filter((d) => d.who === 'model'), { x: 'period', y: 'value', stroke: 'who', strokeWidth: 2 }),
      Plot.dot(tidy.filter((d) => d.who === 'observed'), { x: 'period', y: 'value', fill: 'who', r: 3.5 }),
    ],
  });
}

export function histogramChart(rows: HistogramRow[], title: string, xLabel: string): string {
  const tidy = rows.flatMap((r) => [
    { bucket: r.bucket, who: 'observed', value: r.observed },
    { bucket: r.bucket, who: 'model', value: r.expected },
  ]);
  return renderPlot({
    title,
    width: WIDTH,
    height: 300,
    fx: { label: xLabel, domain: rows.map((r) => r.bucket), ...X_LABEL },
    x: { axis: null, domain: ['observed', 'model'] },
    y: { label: 'customers', grid: true },
    color: COLOR,
    marks: [Plot.barY(tidy, { fx: 'bucket', x: 'who', y: 'value', fill: 'who' }), Plot.ruleY([0])],
  });
}

export function trackingChart(rows: TrackingRow[], calibrationUnits: number, cumulative: boolean, unitName: string): string {
  const tidy = rows.flatMap((r) => [
    { unit: r.unit, who: 'observed', value: cumulative ? r.observedCumulative : r.observed },
    { unit: r.unit, who: 'model', value: cumulative ? r.expectedCumulative : r.expected },
  ]);
  const top = Math.max(...tidy.map((d) => d.value));
  return renderPlot({
    title: cumulative ? 'Cumulative repeat transactions' : `Repeat transactions per ${unitName}`,
    width: WIDTH,
    height: 300,
    x: { label: `${unitName} of the calendar`, ...X_LABEL },
    y: { label: 'repeat transactions', grid: true, zero: true },
    color: COLOR,
    marks: [
      Plot.ruleX([calibrationUnits], { stroke: '#999', strokeDasharray: '4 3' }),
      Plot.text([{ x: calibrationUnits, y: top }], { x: 'x', y: 'y', text: () => 'hold-out →', textAnchor: 'start', dx: 4, fill: '#666' }),
      Plot.line(tidy.filter((d) => d.who === 'observed'), { x: 'unit', y: 'value', stroke: 'who', strokeWidth: 1.3 }),
      Plot.line(tidy.filter((d) => d.who === 'model'), { x: 'unit', y: 'value', stroke: 'who', strokeWidth: 2, strokeDasharray: '5 3' }),
    ],
  });
}

export function conditionalChart(rows: ConditionalRow[], holdout: number, unitName: string): string {
  const tidy = rows.flatMap((r) => [
    { bucket: r.bucket, who: 'observed', value: r.observed },
    { bucket: r.bucket, who: 'model', value: r.expected },
  ]);
  return renderPlot({
    title: `Hold-out transactions by calibration frequency (${holdout} ${unitName}s)`,
    width: WIDTH,
    height: 300,
    x: { label: 'repeat transactions in the calibration period', domain: rows.map((r) => r.bucket), type: 'point', ...X_LABEL },
    y: { label: 'mean hold-out transactions per customer', grid: true },
    color: COLOR,
    marks: [
      Plot.line(tidy.filter((d) => d.who === 'model'), { x: 'bucket', y: 'value', stroke: 'who', strokeWidth: 2 }),
      Plot.dot(tidy.filter((d) => d.who === 'observed'), { x: 'bucket', y: 'value', fill: 'who', r: 3.5 }),
    ],
  });
}

export function spendChart(rows: SpendRow[], currency: string): string {
  const byX = rows.filter((r) => r.bucket !== 'all');
  return renderPlot({
    title: 'Mean spend per repeat transaction',
    width: WIDTH,
    height: 280,
    x: { label: 'repeat transactions in the calibration period', domain: byX.map((r) => r.bucket), type: 'band', ...X_LABEL },
    y: { label: `mean spend per transaction (${currency})`, grid: true },
    color: COLOR,
    marks: [
      Plot.barY(byX, { x: 'bucket', y: 'observedMean', fill: () => 'observed', fillOpacity: 0.85, inset: 8 }),
      Plot.ruleY([byX[0]?.expectedMean ?? 0], { stroke: MODEL, strokeWidth: 2 }),
      Plot.text([byX[0]?.expectedMean ?? 0], { y: (d: number) => d, text: (d: number) => `model E[ζ] = ${d.toFixed(2)}`, frameAnchor: 'left', dy: -8, fill: MODEL, textAnchor: 'start' }),
      Plot.ruleY([0]),
    ],
  });
}
