/**
 * Chart: yearly CX spend by lever — the optimised allocation next to the named strategies'
 * (their first-year allocation × budget), as stacked bars.
 */
import * as Plot from '@observablehq/plot';
import { moneyTick } from '../../report/format.ts';
import { categoryColours } from '../../report/palette.ts';
import { labelMargin, renderPlot, shorten, X_LABEL } from '../../report/render-plot.ts';

export interface SpendRow {
  strategy: string;
  lever: string;
  spend: number;
}

export function allocationBarsChart(rows: SpendRow[], currency: string, width = 1040): string {
  const data = rows.filter((r) => r.spend > 0).map((r) => ({ ...r, strategy: shorten(r.strategy, 48), lever: shorten(r.lever, 60) }));
  const strategies = [...new Set(rows.map((r) => shorten(r.strategy, 48)))];
  const levers = [...new Set(data.map((r) => r.lever))];
  return renderPlot({
    width,
    height: 44 * strategies.length + 110,
    marginLeft: labelMargin(strategies),
    marginRight: 30,
    x: { ...X_LABEL, label: `CX spend per year (${currency})`, tickFormat: moneyTick, grid: true },
    y: { label: null, domain: strategies, padding: 0.25 },
    color: { ...categoryColours(levers), legend: true },
    marks: [Plot.barX(data, Plot.stackX({ y: 'strategy', x: 'spend', fill: 'lever', order: levers })), Plot.ruleX([0])],
  });
}
