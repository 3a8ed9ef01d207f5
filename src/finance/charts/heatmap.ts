/**
 * Chart: a heatmap of one number per (row, column) cell — strategies × stresses in the
 * stress test, parameter × parameter in a sweep — with the value written in each cell.
 */
import * as Plot from '@observablehq/plot';
import { money, moneyTick } from '../../report/format.ts';
import { labelMargin, renderPlot, shorten } from '../../report/render-plot.ts';

export interface HeatCell {
  row: string;
  column: string;
  value: number;
  /** Text in the cell (default: compact money). */
  label?: string;
}

export interface HeatmapOptions {
  rows: string[];
  columns: string[];
  /** Legend label, with the unit. */
  label: string;
  xLabel?: string | null;
  yLabel?: string | null;
  /** Observable Plot colour scheme, in 7 classes (a continuous ramp legend needs a canvas, which server-side rendering has not); "diverging" centres a red–blue scheme on 0. */
  scheme?: 'blues' | 'reds' | 'diverging' | 'viridis';
  /** When higher is worse (losses), the colours are reversed so bad is dark red. */
  reverse?: boolean;
  tickFormat?: (x: number) => string;
  width?: number;
}

export function heatmapChart(cells: HeatCell[], o: HeatmapOptions): string {
  const fmt = o.tickFormat ?? moneyTick;
  const rows = o.rows.map((r) => shorten(r, 40));
  const marginLeft = labelMargin(rows);
  const longest = Math.max(...o.columns.map((c) => [...c].length));
  const width = o.width ?? Math.min(1040, marginLeft + Math.max(110, Math.min(200, longest * 7 + 16)) * o.columns.length + 30);
  // column labels wrap onto up to three lines within the width of their band (never cut, never overlapping)
  const band = (width - marginLeft - 30) / Math.max(1, o.columns.length);
  const charsPerLine = Math.max(8, Math.floor((band - 10) / 6.6));
  const linesOf = (c: string) => {
    let lines = 1, at = 0;
    for (const w of c.split(/\s+/)) {
      const len = [...w].length;
      if (at > 0 && at + 1 + len > charsPerLine) (lines++, (at = len));
      else at += (at > 0 ? 1 : 0) + len;
    }
    return lines;
  };
  const maxLines = Math.min(4, Math.max(1, ...o.columns.map(linesOf)));
  const display = new Map<string, string>();
  for (const c of o.columns) {
    let label = shorten(c, charsPerLine * 4);
    for (let k = 2; [...display.values()].includes(label); k++) label = `${shorten(c, charsPerLine * 4 - 4)} (${k})`;
    display.set(c, label);
  }
  const cols = o.columns.map((c) => display.get(c)!);
  const data = cells.map((c) => ({ ...c, row: shorten(c.row, 40), column: display.get(c.column) ?? c.column, text: c.label ?? money(c.value) }));
  const values = data.map((d) => d.value).filter(Number.isFinite);
  const extent = Math.max(...values.map(Math.abs), 1e-12);
  const color =
    o.scheme === 'diverging'
      ? { type: 'quantize' as const, n: 8, scheme: 'RdBu' as const, domain: [-extent, extent] }
      : { type: 'quantize' as const, n: 7, scheme: (o.scheme ?? 'blues') as 'blues', reverse: o.reverse ?? false };
  const lo = Math.min(...values), hi = Math.max(...values);
  const dark = (v: number) => {
    if (o.scheme === 'diverging') return Math.abs(v) / extent > 0.55;
    const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    return o.reverse ? t < 0.4 : t > 0.6;
  };
  // a wider legend than Plot's default, so its tick labels do not run together
  const legend = { ...color, legend: true, label: o.label, tickFormat: fmt, width: 420 };
  return renderPlot({
    width,
    height: 40 * rows.length + 110,
    marginLeft,
    marginRight: 30,
    marginTop: 16 + 13 * maxLines,
    marginBottom: 40,
    x: { domain: cols, label: o.xLabel ?? null, axis: null },
    y: { domain: rows, label: o.yLabel ?? null, tickSize: 0 },
    color: legend as Plot.ScaleOptions,
    marks: [
      // lineWidth is in ems of the 11 px font: the label wraps to the band's width (Plot wraps at spaces when no textOverflow is set)
      Plot.axisX({ anchor: 'top', tickSize: 0, label: o.xLabel ?? null, lineWidth: Math.max(5, (band - 10) / 11), fontSize: 11 } as Plot.AxisXOptions),
      Plot.cell(data, { x: 'column', y: 'row', fill: 'value', inset: 1 }),
      // white text on the dark end of the scale, black elsewhere (readable without a halo)
      Plot.text(data, { x: 'column', y: 'row', text: 'text', fill: (d: (typeof data)[number]) => (dark(d.value) ? 'white' : 'black'), fontSize: 12 }),
    ],
  });
}
