/**
 * The page's charts, drawn with Observable Plot in the browser from a View (src/web/results.ts):
 * net equity over time (two strategies side by side, with bands), the paired difference
 * with its break-even, the profit pools (market and our revenue), the service-profit chain.
 */
import * as Plot from '@observablehq/plot';
import { money, moneyTick, signedMoneyTick } from '../report/format.ts';
import type { View } from './results.ts';

export const COLOURS = ['#3b5bdb', '#e8590c'];

export interface ChartStyle {
  width: number;
  /** Base font size in px (presenter mode uses a larger one). */
  font: number;
}

const style = (s: ChartStyle) => ({ fontSize: `${s.font}px`, fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', background: 'white', overflow: 'visible' });
const X = (s: ChartStyle) => ({ label: 'Months from today', labelAnchor: 'center' as const, labelOffset: 2.4 * s.font + 8, grid: true });

function names(v: View): { domain: string[]; range: string[] } {
  return { domain: v.strategies.map((s, k) => `${k === 0 ? 'A' : 'B'}: ${s.name}`), range: COLOURS };
}
const label = (v: View, id: string) => {
  const k = v.strategies.findIndex((s) => s.id === id);
  return `${k === 0 ? 'A' : 'B'}: ${v.strategies[k]?.name ?? id}`;
};

/** The frame of the two charts over months: size, type and margins for money ticks. */
const timeFrame = (s: ChartStyle) => ({
  width: s.width,
  height: Math.min(480, Math.round(s.width * 0.3) + 60),
  style: style(s),
  marginLeft: 4.5 * s.font + 10,
  marginBottom: 3.6 * s.font,
  marginTop: 2 * s.font,
});

/** Net equity over time: the cumulative discounted net value (line and 90% band) and, at each year end, net equity if valued then (dots). */
export function equityChart(v: View, s: ChartStyle): Element {
  const rows = v.cumulativeNet.flatMap((tr) => tr.mean.map((m, t) => ({ strategy: label(v, tr.strategy), month: v.months[t], mean: m, lo: tr.lo[t], hi: tr.hi[t] })));
  const dots = v.equityByYear.flatMap((e) => e.years.map((y, k) => ({ strategy: label(v, e.strategy), month: 12 * y, mean: e.band.mean[k], lo: e.band.lo90[k], hi: e.band.hi90[k] })));
  const c = names(v);
  return Plot.plot({
    ...timeFrame(s),
    x: X(s),
    y: { label: null, tickFormat: moneyTick, grid: true, nice: true, ticks: 6 },
    fx: { label: null, domain: c.domain, padding: 0.08 },
    color: c,
    marks: [
      Plot.areaY(rows, { fx: 'strategy', x: 'month', y1: 'lo', y2: 'hi', fill: 'strategy', fillOpacity: 0.18 }),
      Plot.ruleY([0], { stroke: '#555' }),
      Plot.lineY(rows, { fx: 'strategy', x: 'month', y: 'mean', stroke: 'strategy', strokeWidth: 2.5 }),
      Plot.ruleX(dots, { fx: 'strategy', x: 'month', y1: 'lo', y2: 'hi', stroke: 'strategy', strokeWidth: 3, strokeOpacity: 0.6 }),
      Plot.dot(dots, { fx: 'strategy', x: 'month', y: 'mean', fill: 'strategy', r: s.font / 2.4, stroke: 'white' }),
      Plot.text(dots, Plot.selectLast({ fx: 'strategy', x: 'month', y: 'mean', text: (d: { mean: number }) => money(d.mean), dx: -8, textAnchor: 'end', fontWeight: 700, fill: 'strategy', stroke: 'white', strokeWidth: 4, paintOrder: 'stroke' })),
    ],
  });
}

/** B − A: cumulative discounted net-value difference, 90% band, zero line and break-even month. */
export function differenceChart(v: View, s: ChartStyle): Element {
  const d = v.difference.path;
  const rows = d.mean.map((m, t) => ({ month: v.months[t], mean: m, lo: d.lo90[t], hi: d.hi90[t] }));
  const be = v.difference.breakEven.month;
  const horizon = v.months[v.months.length - 1];
  return Plot.plot({
    ...timeFrame(s),
    marginRight: 2 * s.font,
    x: X(s),
    y: { label: null, tickFormat: signedMoneyTick, grid: true, nice: true, ticks: 6 },
    marks: [
      Plot.areaY(rows, { x: 'month', y1: 'lo', y2: 'hi', fill: COLOURS[1], fillOpacity: 0.18 }),
      Plot.ruleY([0], { stroke: '#222', strokeWidth: 1.5 }),
      Plot.lineY(rows, { x: 'month', y: 'mean', stroke: COLOURS[1], strokeWidth: 2.5 }),
      ...(be === null
        ? [
            // away from the curve: it ends low when B falls behind, high when B gains
            Plot.text([`No break-even within ${horizon} months`], {
              frameAnchor: d.mean[d.mean.length - 1] < 0 ? 'bottom-left' : 'top-left',
              dy: d.mean[d.mean.length - 1] < 0 ? -0.8 * s.font : 1.4 * s.font,
              dx: 8,
              fontWeight: 700,
              fill: '#222',
              stroke: 'white',
              strokeWidth: 4,
              paintOrder: 'stroke',
            }),
          ]
        : [
            Plot.ruleX([be], { stroke: '#222', strokeDasharray: '5,4', strokeWidth: 1.5 }),
            Plot.text([be], { x: (m: number) => m, frameAnchor: 'top', dy: 4, dx: be > (2 * horizon) / 3 ? -6 : 6, textAnchor: be > (2 * horizon) / 3 ? 'end' : 'start', text: (m: number) => `break-even: month ${m}`, fontWeight: 700, fill: '#222' }),
          ]),
    ],
  });
}

/** Each pool: the whole market's spend and our revenue per month (top), and our share of the market (below), per strategy. */
export function poolsChart(v: View, s: ChartStyle, perLabel: string): Element {
  const c = names(v);
  const pools = [...new Set(v.pools.map((p) => p.name))];
  const market = v.pools.filter((p) => p.strategy === v.strategies[0].id).flatMap((p) => p.market.map((m, t) => ({ pool: p.name, month: v.months[t], value: m })));
  const ours = v.pools.flatMap((p) => p.revenue.map((m, t) => ({ pool: p.name, strategy: label(v, p.strategy), month: v.months[t], value: m, share: p.share[t] })));
  const common = {
    width: s.width,
    style: style(s),
    marginLeft: 4.5 * s.font + 10,
    marginTop: 2 * s.font,
    color: c,
  };
  const money = Plot.plot({
    ...common,
    height: Math.min(480, Math.round(s.width * 0.26) + 40),
    marginBottom: 1.6 * s.font,
    x: { ...X(s), label: null },
    y: { label: null, tickFormat: moneyTick, grid: true, nice: true },
    fx: { label: null, domain: pools, padding: 0.08 },
    marks: [
      Plot.areaY(market, { fx: 'pool', x: 'month', y: 'value', fill: '#adb5bd', fillOpacity: 0.35 }),
      Plot.lineY(market, { fx: 'pool', x: 'month', y: 'value', stroke: '#868e96', strokeDasharray: '6,3', strokeWidth: 1.5 }),
      Plot.lineY(ours, { fx: 'pool', x: 'month', y: 'value', stroke: 'strategy', strokeWidth: 2.5 }),
      Plot.text(market, Plot.selectLast({ fx: 'pool', x: 'month', y: 'value', text: () => 'whole market', dy: 1.1 * s.font, dx: -4, textAnchor: 'end', fill: '#343a40', stroke: 'white', strokeWidth: 4, paintOrder: 'stroke' })),
    ],
  });
  const share = Plot.plot({
    ...common,
    height: Math.min(480, Math.round(s.width * 0.12) + 40),
    marginTop: 1.2 * s.font,
    marginBottom: 3.6 * s.font,
    x: X(s),
    y: { label: null, tickFormat: (x: number) => `${Math.round(x * 100)}%`, grid: true, domain: [0, Math.max(0.05, ...ours.map((d) => d.share)) * 1.1], ticks: 3 },
    fx: { label: null, domain: pools, padding: 0.08, axis: null },
    marks: [
      Plot.lineY(ours, { fx: 'pool', z: 'strategy', x: 'month', y: 'share', stroke: 'strategy', strokeWidth: 2.5 }),
    ],
  });
  const box = document.createElement('div');
  box.append(money, share);
  return box;
}

/** Service-profit chain: employee support → engagement → service quality → customer satisfaction. */
export function chainChart(v: View, s: ChartStyle): Element {
  const c = names(v);
  const order = [...new Set(v.chain.map((t) => t.label))];
  const rows = v.chain.flatMap((tr) => tr.mean.map((m, t) => ({ indicator: tr.label, strategy: label(v, tr.strategy), month: v.months[t], mean: m, lo: tr.lo[t], hi: tr.hi[t] })));
  return Plot.plot({
    width: s.width,
    height: Math.min(480, Math.round(s.width * 0.24) + 40),
    style: style(s),
    marginLeft: 3.2 * s.font + 10,
    marginBottom: 3.6 * s.font,
    marginTop: 2 * s.font,
    x: { ...X(s), label: 'Months' },
    y: { label: null, domain: [0, 1], grid: true, ticks: 5 },
    fx: { label: null, domain: order, padding: 0.1 },
    color: c,
    marks: [
      Plot.areaY(rows, { fx: 'indicator', z: 'strategy', x: 'month', y1: 'lo', y2: 'hi', fill: 'strategy', fillOpacity: 0.15 }),
      Plot.lineY(rows, { fx: 'indicator', z: 'strategy', x: 'month', y: 'mean', stroke: 'strategy', strokeWidth: 2.5 }),
    ],
  });
}
