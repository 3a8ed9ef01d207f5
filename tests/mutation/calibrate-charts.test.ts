/**
 * The fit report's charts (src/calibrate/charts.ts) read back as numbers (issue 17 item 4:
 * written against the surviving mutants of `npm run mutation -- --folder calibrate`): every
 * observed dot or bar and every point of a model line sits where the chart's scales put its
 * data value, observed marks are dark (#1d2330) and model marks blue (#4269d0) as the report's
 * lede says, and the end of calibration is a grey dashed rule at its period.
 *
 * The plot frame is Plot's default margins with the report's bottom margin: x from 40 to
 * width − 20 = 500 px, y from height − 44 (256 px; 236 for the 280 px spend chart) at the
 * bottom of the y domain to 20 px at its top. Pixel positions are compared to 1e-3 px (Plot
 * writes line paths to 3 decimals).
 */
import { describe, expect, it } from 'vitest';
import { conditionalChart, histogramChart, retentionChart, spendChart, survivalChart, trackingChart } from '../../src/calibrate/charts.ts';
import type { SurvivalRow } from '../../src/calibrate/goodness-of-fit.ts';

const DARK = '#1d2330', BLUE = '#4269d0';
const attrs = (tag: string): Record<string, string> => Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
/** The `<g aria-label="…">` groups of a mark, each with its own attributes and the tags inside. */
function marks(svg: string, label: string): { g: Record<string, string>; inner: string }[] {
  return [...svg.matchAll(new RegExp(`<g([^>]*aria-label="${label}"[^>]*)>(.*?)</g>(?=<g|</svg>)`, 'g'))].map((m) => ({ g: attrs(m[1]), inner: m[2] }));
}
const tags = (html: string, tag: string) => [...html.matchAll(new RegExp(`<${tag} ([^>]*)/?>`, 'g'))].map((m) => attrs(m[1]));
const points = (d: string): [number, number][] => d.replace(/^M/, '').split('L').map((p) => p.split(',').map(Number) as [number, number]);
const near = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-3);
/** The (x, y) of the text element's translate. */
const at = (inner: string): [number, number] => (/<text transform="translate\(([^,]+),([^)]+)\)"/.exec(inner)!.slice(1, 3).map(Number) as [number, number]);
const swatches = (html: string) => [...html.matchAll(/fill="(#[0-9a-f]{6})" height="15" width="15"><rect[^>]*><\/svg>(\w+)<\/span>/g)].map((m) => [m[2], m[1]]);

// periods 0..3, three fitted; observed 100/(t+1), model one above
const rows: SurvivalRow[] = [0, 1, 2, 3].map((t) => ({
  period: t, part: t <= 2 ? 'calibration' : 'hold-out', observed: 100 / (t + 1), expected: 100 / (t + 1) + 1,
  observedRetention: t === 0 ? null : t / (t + 1), expectedRetention: t === 0 ? null : (t + 0.5) / (t + 1.5),
}));
const X = (v: number, lo: number, hi: number) => 40 + (460 * (v - lo)) / (hi - lo);
const Y = (v: number, top: number, bottom = 256) => bottom - ((bottom - 20) * v) / top;

describe('survival and retention', () => {
  it('survival: dots at (t, observed) on a 0–S(0) axis, the model line through (t, expected), the dashed end of calibration at period 2', () => {
    const svg = survivalChart(rows, 'regular', 2, 'years since acquisition');
    expect(svg).toContain('<h2>regular: customers still active</h2>');
    expect(swatches(svg)).toEqual([['observed', DARK], ['model', BLUE]]);
    const dots = tags(marks(svg, 'dot')[0].inner, 'circle');
    expect(dots.length).toBe(4);
    dots.forEach((c, t) => {
      expect(c.fill).toBe(DARK);
      expect(c.r).toBe('3.5');
      near(Number(c.cx), X(t, 0, 3));
      near(Number(c.cy), Y(100 / (t + 1), 100));
    });
    const [line] = marks(svg, 'line');
    expect(line.g['stroke-width']).toBe('2');
    const [path] = tags(line.inner, 'path');
    expect(path.stroke).toBe(BLUE);
    points(path.d).forEach(([x, y], t) => { near(x, X(t, 0, 3)); near(y, Y(100 / (t + 1) + 1, 100)); });
    const [rule] = marks(svg, 'rule');
    expect([rule.g.stroke, rule.g['stroke-dasharray']]).toEqual(['#999', '4 3']);
    const [r] = tags(rule.inner, 'line');
    near(Number(r.x1), X(2, 0, 3));
    near(Number(r.x2), X(2, 0, 3));
    const [text] = marks(svg, 'text');
    expect([text.g.transform, text.g['text-anchor'], text.g.fill]).toEqual(['translate(4,8)', 'start', '#666']);
    near(at(text.inner)[0], X(2, 0, 3)); near(at(text.inner)[1], 20);
    expect(text.inner).toContain('>end of calibration</text>');
    expect(svg).toContain('>↑ active customers</text>');
    expect(svg).toContain('>years since acquisition →</text>');
  });
  it('retention: from period 1, on a 0–100% axis; the model line through the model retention', () => {
    const svg = retentionChart(rows, 'regular', 2, 'years');
    expect(svg).toContain('<h2>regular: retention rate</h2>');
    const dots = tags(marks(svg, 'dot')[0].inner, 'circle');
    expect(dots.length).toBe(3);
    dots.forEach((c, i) => {
      const t = i + 1;
      expect(c.fill).toBe(DARK);
      near(Number(c.cx), X(t, 1, 3));
      near(Number(c.cy), Y(t / (t + 1), 1));
    });
    const [path] = tags(marks(svg, 'line')[0].inner, 'path');
    expect(path.stroke).toBe(BLUE);
    points(path.d).forEach(([x, y], i) => { near(x, X(i + 1, 1, 3)); near(y, Y((i + 1.5) / (i + 2.5), 1)); });
    const [rule] = marks(svg, 'rule');
    expect([rule.g.stroke, rule.g['stroke-dasharray']]).toEqual(['#999', '4 3']);
    near(Number(tags(rule.inner, 'line')[0].x1), X(2, 1, 3));
    expect(svg).toContain('>100%</text>');
    expect(svg).toContain('>0%</text>');
    expect(svg).toContain('>↑ retained from the previous period</text>');
  });
});

describe('histogram, tracking, conditional, spend', () => {
  it('histogram: per bucket a dark observed bar then a blue model bar, heights in proportion on a 0–max axis', () => {
    const svg = histogramChart([{ bucket: '0', observed: 5, expected: 4 }, { bucket: '1+', observed: 10, expected: 8 }], 'Customers by repeat transactions', 'repeat transactions');
    expect(svg).toContain('<h2>Customers by repeat transactions</h2>');
    // the bars sit in one group per bucket (facets), between the bar mark and the zero rule
    const bars = tags(svg.slice(svg.indexOf('aria-label="bar"'), svg.indexOf('aria-label="rule"')), 'rect');
    expect(bars.map((b) => b.fill)).toEqual([DARK, BLUE, DARK, BLUE]);
    [5, 4, 10, 8].forEach((v, i) => near(Number(bars[i].height), (236 * v) / 10));
    expect(Number(bars[1].x)).toBeGreaterThan(Number(bars[0].x));
    expect(svg).toContain('>0</text>');
    expect(svg).toContain('>1+</text>');
    expect(svg).toContain('>repeat transactions</text>');
    expect(svg).toContain('>↑ customers</text>');
  });
  it('tracking per unit: the observed line solid and dark, the model dashed and blue, the hold-out marked at its first unit', () => {
    const t = [1, 2, 3].map((u) => ({ unit: u, part: (u <= 2 ? 'calibration' : 'hold-out') as 'calibration' | 'hold-out', observed: u, expected: u + 1, observedCumulative: 2 * u, expectedCumulative: 3 * u }));
    const svg = trackingChart(t, 2, false, 'week');
    expect(svg).toContain('<h2>Repeat transactions per week</h2>');
    const [obs, model] = marks(svg, 'line');
    expect([obs.g['stroke-width'], obs.g['stroke-dasharray']]).toEqual(['1.3', undefined]);
    expect([model.g['stroke-width'], model.g['stroke-dasharray']]).toEqual(['2', '5 3']);
    const po = tags(obs.inner, 'path')[0], pm = tags(model.inner, 'path')[0];
    expect([po.stroke, pm.stroke]).toEqual([DARK, BLUE]);
    // y from 0 to the largest value, 4
    points(po.d).forEach(([x, y], i) => { near(x, X(i + 1, 1, 3)); near(y, Y(i + 1, 4)); });
    points(pm.d).forEach(([x, y], i) => { near(x, X(i + 1, 1, 3)); near(y, Y(i + 2, 4)); });
    const [rule] = marks(svg, 'rule');
    expect([rule.g.stroke, rule.g['stroke-dasharray']]).toEqual(['#999', '4 3']);
    near(Number(tags(rule.inner, 'line')[0].x1), X(2, 1, 3));
    const [text] = marks(svg, 'text');
    expect([text.g.transform, text.g.fill]).toEqual(['translate(4,0)', '#666']);
    near(at(text.inner)[0], X(2, 1, 3)); near(at(text.inner)[1], 20);
    expect(text.inner).toContain('>hold-out →</text>');
    expect(svg).toContain('>week of the calendar →</text>');
    expect(svg).toContain('>↑ repeat transactions</text>');
    // cumulative: the cumulative columns, top 9
    const cum = trackingChart(t, 2, true, 'week');
    expect(cum).toContain('<h2>Cumulative repeat transactions</h2>');
    const [co, cm] = marks(cum, 'line').map((m) => points(tags(m.inner, 'path')[0].d));
    co.forEach(([, y], i) => near(y, Y(2 * (i + 1), 9)));
    cm.forEach(([, y], i) => near(y, Y(3 * (i + 1), 9)));
  });
  it('conditional: buckets as points across the frame, observed dots and the model line on their values', () => {
    const svg = conditionalChart([{ bucket: '0', customers: 3, observed: 0.2, expected: 0.25 }, { bucket: '1', customers: 2, observed: 0.9, expected: 0.8 }], 39, 'week');
    expect(svg).toContain('<h2>Hold-out transactions by calibration frequency (39 weeks)</h2>');
    const dots = tags(marks(svg, 'dot')[0].inner, 'circle');
    expect(dots.map((d) => d.fill)).toEqual([DARK, DARK]);
    // y from the smallest value, 0.2, to the largest, 0.9; two points at ¼ and ¾ of the frame
    near(Number(dots[0].cx), 155); near(Number(dots[1].cx), 385);
    near(Number(dots[0].cy), 256); near(Number(dots[1].cy), 20);
    const [path] = tags(marks(svg, 'line')[0].inner, 'path');
    expect(path.stroke).toBe(BLUE);
    const yOf = (v: number) => 256 - (236 * (v - 0.2)) / 0.7;
    points(path.d).forEach(([x, y], i) => { near(x, [155, 385][i]); near(y, yOf([0.25, 0.8][i])); });
    expect(svg).toContain('>repeat transactions in the calibration period</text>');
    expect(svg).toContain('>↑ mean hold-out transactions per customer</text>');
  });
  it('spend: a dark bar per frequency (not "all"), the model E[ζ] as a blue rule with its value at the left edge', () => {
    const svg = spendChart([{ bucket: '1', customers: 2, observedMean: 30, expectedMean: 40 }, { bucket: '2', customers: 2, observedMean: 50, expectedMean: 40 }, { bucket: 'all', customers: 4, observedMean: 40, expectedMean: 40 }], 'USD');
    expect(svg).toContain('<h2>Mean spend per repeat transaction</h2>');
    expect(svg).toContain('viewBox="0 0 520 280"');
    const [barG] = marks(svg, 'bar');
    expect(barG.g['fill-opacity']).toBe('0.85');
    const bars = tags(barG.inner, 'rect');
    expect(bars.map((b) => b.fill)).toEqual([DARK, DARK]);
    // y from 0 to 50 over 236 → 20 px; bars inset 8 px at top and bottom
    const y = (v: number) => Y(v, 50, 236);
    near(Number(bars[0].y), y(30) + 8); near(Number(bars[0].height), 236 - y(30) - 16);
    near(Number(bars[1].y), y(50) + 8);
    const [model, zero] = marks(svg, 'rule');
    expect([model.g.stroke, model.g['stroke-width']]).toEqual([BLUE, '2']);
    near(Number(tags(model.inner, 'line')[0].y1), y(40));
    near(Number(tags(zero.inner, 'line')[0].y1), 236);
    const [text] = marks(svg, 'text');
    expect([text.g.transform, text.g['text-anchor'], text.g.fill]).toEqual(['translate(0,-8)', 'start', BLUE]);
    near(at(text.inner)[0], 40); near(at(text.inner)[1], y(40));
    expect(text.inner).toContain('>model E[ζ] = 40.00</text>');
    expect(svg).toContain('>↑ mean spend per transaction (USD)</text>');
    // no frequency buckets: the rule at 0
    const none = spendChart([{ bucket: 'all', customers: 4, observedMean: 40, expectedMean: 40 }], 'USD');
    expect(none).toContain('>model E[ζ] = 0.00</text>');
  });
});
