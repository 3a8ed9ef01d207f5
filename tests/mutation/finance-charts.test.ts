/**
 * The finance charts' geometry and labels on tiny inputs, computed by hand from each chart's
 * layout rules (issue 17 item 4; src/finance/charts/*.ts). Plot maps a linear domain [d0, d1]
 * onto [marginLeft, width − marginRight], so a value v sits at
 *   x(v) = marginLeft + (v − d0)·(width − marginLeft − marginRight)/(d1 − d0);
 * label margins are max(60, round(6.6·longest label) + 16) px (src/report/render-plot.ts).
 */
import { describe, expect, it } from 'vitest';
import { allocationBarsChart } from '../../src/finance/charts/allocation-bars.ts';
import { intervalBarsChart } from '../../src/finance/charts/interval-bars.ts';
import { tornadoChart } from '../../src/finance/charts/tornado.ts';
import { heatmapChart } from '../../src/finance/charts/heatmap.ts';
import { sweepLineChart } from '../../src/finance/charts/sweep-line.ts';
import { morrisChart } from '../../src/finance/charts/morris-chart.ts';
import type { TornadoBar, MorrisRow } from '../../src/finance/sensitivity.ts';

const svgSize = (s: string) => {
  const all = [...s.matchAll(/<svg[^>]*class="plot-[^"]*"[^>]*>|<svg[^>]*>/g)].map((m) => m[0]).filter((t) => !t.includes('-ramp') && !/height="15"/.test(t));
  const m = all[0].match(/height="([\d.]+)" width="([\d.]+)"/)!;
  return { height: Number(m[1]), width: Number(m[2]) };
};
const texts = (s: string) => [...s.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((x) => x[1]);
const rects = (s: string) => [...s.matchAll(/<rect fill="([^"]+)" height="([\d.]+)" y="([\d.]+)" width="([\d.]+)" x="([\d.]+)" \/>/g)].map((m) => ({ fill: m[1], width: Number(m[4]), x: Number(m[5]) }));
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-6);

describe('allocation bars', () => {
  it('stacked spend per strategy; zero spend drawn as nothing; the lever legend in HTML', () => {
    const a = allocationBarsChart([{ strategy: 'Optimised', lever: 'Fix', spend: 80 }, { strategy: 'Optimised', lever: 'Ready', spend: 20 }, { strategy: 'Plan', lever: 'Fix', spend: 0 }, { strategy: 'Plan', lever: 'Ready', spend: 50 }], 'EUR', 600);
    expect(svgSize(a)).toEqual({ height: 44 * 2 + 80, width: 600 });
    // margin left: "Optimised" 9 characters → 75; x domain [0, 100] over 75..570
    const r = rects(a);
    expect(r).toHaveLength(3);
    close(r[0].x, 75);
    close(r[0].width, (80 / 100) * 495);
    close(r[1].x, 75 + 396);
    close(r[2].width, (50 / 100) * 495);
    expect(r.map((x) => x.fill)).toEqual(['#4269d0', '#efb118', '#efb118']);
    expect(a).toContain('max-width:600px');
    expect(a).toContain('max-width:280px'); // ⌊600/2⌋ − 20
    expect(a.match(/<span>(Fix|Ready)<\/span>/g)).toEqual(['<span>Fix</span>', '<span>Ready</span>']);
    expect(texts(a)).toEqual(['Optimised', 'Plan', '0', '20', '40', '60', '80', '100', 'CX spend per year (EUR) →']);
  });
});

describe('interval bars', () => {
  it('green above 0, red below, the domain padded 15% left and 30% right', () => {
    const ib = intervalBarsChart([{ label: 'up', value: 2, lo: 1, hi: 3, text: 'two' }, { label: 'down', value: -1, lo: -2, hi: 0.5, text: 'minus one' }], 'X', (x) => x.toFixed(1), 600);
    // labels fit one line: height (28 + 12)·2 + 80; values −2..3 (span 5) → domain [−2.75, 4.5] over 60..560
    expect(svgSize(ib)).toEqual({ height: 160, width: 600 });
    const px = 500 / 7.25;
    const r = rects(ib);
    expect(r.map((x) => x.fill)).toEqual(['#3ca951', '#e15759']);
    close(r[0].x, 60 + 2.75 * px);
    close(r[0].width, 2 * px);
    close(r[1].x, 60 + 1.75 * px);
    close(r[1].width, px);
    expect(texts(ib)).toEqual(['-2.0', '-1.0', '0.0', '1.0', '2.0', '3.0', '4.0', 'X →', 'up', 'down', 'two', 'minus one']);
  });
  it('a long label wraps: two lines make each row 12 px taller', () => {
    const label = 'a lever with a rather long descriptive name that goes on'; // 57 characters, margin left min(300, 392) = 300
    const ib = intervalBarsChart([{ label, value: 1, lo: 0, hi: 2, text: '' }], 'X', String, 600);
    expect(svgSize(ib).height).toBe((28 + 12 * Math.ceil((57 * 7.2) / 286)) * 1 + 80);
  });
});

describe('tornado', () => {
  it('bars from the centre to each end; the dashed zero line for a difference; labels with the ends', () => {
    const bars = [{ path: 'a.b', low: 1, high: 2, atLow: -10, atHigh: 30 }, { path: 'c', low: 0.1, high: 0.9, atLow: 5, atHigh: 15 }] as TornadoBar[];
    const tn = tornadoChart(bars, 10, 'Δ (EUR)', true, 600);
    expect(svgSize(tn)).toEqual({ height: 46 * 2 + 90, width: 600 });
    // values −10..30 and 0: span 40, domain [−24, 44] over 60..560; the centre 10 at 310
    const px = 500 / 68;
    const r = rects(tn);
    expect(r.map((x) => x.fill)).toEqual(['#ff725c', '#4269d0', '#ff725c', '#4269d0']);
    close(r[0].x, 60 + 14 * px);
    close(r[0].width, 20 * px);
    close(r[1].x, 310);
    close(r[1].width, 20 * px);
    close(r[2].x, 60 + 29 * px);
    expect(tn).toContain(`x1="${60 + 24 * px}"`); // the zero line
    expect(tn).toContain('stroke-dasharray="5,3"');
    expect(texts(tn)).toEqual(expect.arrayContaining(['2 → +30.0', '0.9 → +15.0', '1 → −10.0', '0.1 → +5.00']));
    const level = tornadoChart(bars, 10, 'Net (EUR)', false, 600);
    expect(level).not.toContain('stroke-dasharray="5,3"');
    expect(texts(level)).toEqual(expect.arrayContaining(['2 → 30.0', '1 → −10.0']));
  });
});

describe('heatmap', () => {
  it('size from its labels; white text on the dark end of a diverging scale', () => {
    const h = heatmapChart([{ row: 'A', column: 'none', value: 10 }, { row: 'A', column: 'slump hits hard', value: -30 }, { row: 'B', column: 'none', value: 20, label: 'twenty' }, { row: 'B', column: 'slump hits hard', value: 0 }], { rows: ['A', 'B'], columns: ['none', 'slump hits hard'], label: 'Δ (EUR)', scheme: 'diverging' });
    // width 60 + max(110, min(200, 15·7 + 16))·2 + 30; height 40·2 + 110
    expect(svgSize(h)).toEqual({ height: 190, width: 332 });
    // |v|/30 > 0.55 is dark: 10 black, −30 white, 20 white, 0 black
    expect([...h.matchAll(/<text fill="(white|black)"/g)].map((m) => m[1])).toEqual(['black', 'white', 'white', 'black']);
    expect(texts(h)).toEqual(expect.arrayContaining(['10.0', '−30.0', 'twenty', '0']));
  });
  it('a sequential scale: dark above 60% of the range, or below 40% when reversed', () => {
    const cells = [0, 5, 10].map((v, i) => ({ row: 'r', column: `c${i}`, value: v }));
    const o = { rows: ['r'], columns: ['c0', 'c1', 'c2'], label: 'L' };
    expect([...heatmapChart(cells, o).matchAll(/<text fill="(white|black)"/g)].map((m) => m[1])).toEqual(['black', 'black', 'white']);
    expect([...heatmapChart(cells, { ...o, reverse: true }).matchAll(/<text fill="(white|black)"/g)].map((m) => m[1])).toEqual(['white', 'black', 'black']);
  });
});

describe('sweep line and Morris chart', () => {
  it('one strategy: no legend; the y label; 420 px tall', () => {
    const s = sweepLineChart([{ strategy: 'A', x: 1, mean: 10, lo: 8, hi: 12 }, { strategy: 'A', x: 2, mean: 20, lo: 15, hi: 25 }], 'p', 'Net (EUR)', 600);
    expect(svgSize(s)).toEqual({ height: 420, width: 600 });
    expect(s).not.toContain('swatch');
    expect(texts(s)).toContain('↑ Net (EUR)');
    expect(texts(s)).toContain('1.0');
    const two = sweepLineChart([{ strategy: 'A', x: 1000, mean: 1, lo: 0, hi: 2 }, { strategy: 'B', x: 2000, mean: 1, lo: 0, hi: 2 }], 'p', 'Y', 600);
    expect(two).toContain('swatch');
    expect(texts(two)).toEqual(expect.arrayContaining(['1k', '1.2k', '2k'])); // x ≥ 1000: money ticks
  });
  it('Morris: each parameter at (μ*, σ) with the t interval of μ* (r = 5: t₄ = 2.7764)', () => {
    const rows = [{ path: 'a', rank: 1, mu: 100, muStar: 100, sigma: 20, muStarSe: 10 }, { path: 'b', rank: 2, mu: -40, muStar: 50, sigma: NaN, muStarSe: 5 }] as MorrisRow[];
    const m = morrisChart(rows, 'EUR', 'net equity', 600, 5);
    const t4 = 2.7764451051977987;
    const xmax = 100 + t4 * 10;
    const x = (v: number) => 70 + (v * 330) / (xmax * 1.25);
    const attr = (name: string) => [...m.matchAll(new RegExp(` ${name}="([\\d.]+)"`, 'g'))].map((a) => Number(a[1]));
    const near = (xs: number[], v: number) => xs.some((a) => Math.abs(a - v) < 1e-9);
    expect(near(attr('cx'), x(100))).toBe(true);
    expect(near(attr('cx'), x(50))).toBe(true);
    expect(near(attr('x1'), x(100 - t4 * 10))).toBe(true);
    expect(near(attr('x1'), x(50 - t4 * 5))).toBe(true);
    expect(near(attr('x2'), x(100 + t4 * 10))).toBe(true);
    expect(m).toContain('cy="376"'); // σ n/a drawn at 0
    expect(texts(m)).toEqual(expect.arrayContaining(['a', 'b', '↑ σ of elementary effects (EUR)', 'μ*: mean |elementary effect| on net equity (EUR) →']));
  });
});
