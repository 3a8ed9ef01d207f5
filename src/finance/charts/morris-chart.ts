/**
 * Chart: Morris screening — each parameter at (μ*, σ): right = more important, up = more
 * non-linear or interacting; the horizontal whisker is the 95% interval of μ* over the
 * trajectories.
 */
import * as Plot from '@observablehq/plot';
import { moneyTick } from '../../report/format.ts';
import { renderPlot, shorten, X_LABEL } from '../../report/render-plot.ts';
import type { MorrisRow } from '../sensitivity.ts';
import { t95 } from '../../metrics/interval.ts';

export function morrisChart(rows: MorrisRow[], currency: string, output = 'net equity', width = 1040, trajectories = 10): string {
  const t = t95(Math.max(2, trajectories));
  const data = rows.map((r) => ({ ...r, label: shorten(r.path, 44), lo: r.muStar - t * r.muStarSe, hi: r.muStar + t * r.muStarSe, sigma: Number.isFinite(r.sigma) ? r.sigma : 0 }));
  const xmax = Math.max(...data.map((d) => d.hi), 1e-9);
  const ymax = Math.max(...data.map((d) => d.sigma), 1e-9);
  return renderPlot({
    width,
    height: 420,
    marginLeft: 70,
    marginRight: 200,
    x: { ...X_LABEL, label: `μ*: mean |elementary effect| on ${output} (${currency})`, tickFormat: moneyTick, grid: true, domain: [0, xmax * 1.25] },
    y: { label: `σ of elementary effects (${currency})`, tickFormat: moneyTick, grid: true, domain: [0, ymax * 1.2] },
    marks: [
      Plot.line([[0, 0], [Math.min(xmax * 1.25, ymax * 1.2), Math.min(xmax * 1.25, ymax * 1.2)]], { stroke: '#999', strokeDasharray: '4,3' }),
      Plot.ruleY(data, { y: 'sigma', x1: (d: (typeof data)[number]) => Math.max(0, d.lo), x2: 'hi', stroke: '#4269d0', strokeWidth: 1.5 }),
      Plot.dot(data, { x: 'muStar', y: 'sigma', fill: '#4269d0', r: 5 }),
      Plot.text(data, { x: 'muStar', y: 'sigma', text: 'label', dy: -11, dx: 4, textAnchor: 'start', fill: '#222', fontSize: 11 }),
    ],
  });
}
