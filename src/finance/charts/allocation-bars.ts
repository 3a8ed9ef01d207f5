/**
 * Chart: yearly CX spend by lever — the optimised allocation next to the named strategies'
 * (their first-year allocation × budget), as stacked bars. The lever legend is plain HTML with
 * every name whole (Plot's swatch legend cuts long names to one line).
 */
import * as Plot from '@observablehq/plot';
import { moneyTick } from '../../report/format.ts';
import { esc } from '../../report/html-escape.ts';
import { categoryColours } from '../../report/palette.ts';
import { labelMargin, renderPlot, shorten, X_LABEL } from '../../report/render-plot.ts';

export interface SpendRow {
  strategy: string;
  lever: string;
  spend: number;
}

export function allocationBarsChart(rows: SpendRow[], currency: string, width = 1040): string {
  const data = rows.filter((r) => r.spend > 0).map((r) => ({ ...r, strategy: shorten(r.strategy, 48) }));
  const strategies = [...new Set(rows.map((r) => shorten(r.strategy, 48)))];
  const levers = [...new Set(rows.map((r) => r.lever))];
  const colours = categoryColours(levers);
  const legend = `<div class="legend-swatches" style="display:flex;flex-wrap:wrap;gap:4px 18px;margin:6px 0 4px;font-size:12px;max-width:${width}px">${levers
    .map((l, i) => `<span style="display:inline-flex;align-items:flex-start;gap:6px;max-width:${Math.floor(width / 2) - 20}px"><span style="flex:none;width:12px;height:12px;margin-top:2px;background:${colours.range[i]}"></span><span>${esc(l)}</span></span>`)
    .join('')}</div>`;
  return (
    legend +
    renderPlot({
      width,
      height: 44 * strategies.length + 80,
      marginLeft: labelMargin(strategies),
      marginRight: 30,
      x: { ...X_LABEL, label: `CX spend per year (${currency})`, tickFormat: moneyTick, grid: true },
      y: { label: null, domain: strategies, padding: 0.25 },
      color: { ...colours, legend: false },
      marks: [Plot.barX(data, Plot.stackX({ y: 'strategy', x: 'spend', fill: 'lever', order: levers })), Plot.ruleX([0])],
    })
  );
}
