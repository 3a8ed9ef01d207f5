/**
 * The random parts of Sobol and Morris (src/finance/sobol.ts, morris.ts) replayed from their
 * seeded streams (issue 17 item 4; written against the survivors of finance-sobol.test.ts and
 * sensitivity-pure.test.ts, which checked structure but not the draws): the stream labels and
 * how each draw is used are part of the reproducibility contract, so the test reads
 * deriveStream(seed, label, …) itself and recomputes everything else by hand — the bootstrap
 * rows and percentiles of the Sobol intervals, the Morris starting points and the Fisher–Yates
 * order of the parameters — and the standard deviation of elementary effects over 3 trajectories.
 */
import { describe, expect, it } from 'vitest';
import { sobolIndices } from '../../src/finance/sobol.ts';
import { elementaryEffects, morrisDelta, morrisTrajectories } from '../../src/finance/morris.ts';
import { deriveStream } from '../../src/random/seeds.ts';

/** Jansen's first-order and total index of the one factor on the given rows. */
function jansen(fa: number[], fb: number[], fab: number[], rows: number[]) {
  const n = rows.length;
  const vals = rows.flatMap((j) => [fa[j], fb[j]]);
  const m = vals.reduce((a, x) => a + x, 0) / (2 * n);
  const v = vals.reduce((a, x) => a + (x - m) ** 2, 0) / (2 * n - 1);
  let sb = 0, sa = 0;
  for (const j of rows) {
    sb += (fb[j] - fab[j]) ** 2;
    sa += (fa[j] - fab[j]) ** 2;
  }
  return v > 0 ? { first: 1 - sb / (2 * n * v), total: sa / (2 * n * v) } : { first: 0, total: 0 };
}
const percentile = (xs: number[], p: number) => {
  const s = xs.slice().sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * (s[Math.min(s.length - 1, lo + 1)] - s[lo]);
};

describe('Sobol bootstrap intervals', () => {
  it('N = 5, 9 resamples of the rows drawn from the "sobol-bootstrap" stream; percentiles interpolated', () => {
    const fa = [1, 4, 2, 8, 5], fb = [3, 1, 7, 2, 6], fab = [2, 1, 6, 3, 7];
    const u = deriveStream(13, 'sobol-bootstrap', 5);
    const firsts: number[] = [], totals: number[] = [];
    for (let r = 0; r < 9; r++) {
      const rows = [0, 1, 2, 3, 4].map(() => Math.floor(u() * 5));
      const x = jansen(fa, fb, fab, rows);
      firsts.push(x.first);
      totals.push(x.total);
    }
    const [s] = sobolIndices(fa, fb, [fab], 13, 9);
    const point = jansen(fa, fb, fab, [0, 1, 2, 3, 4]);
    expect(s.first).toBeCloseTo(point.first, 12);
    expect(s.total).toBeCloseTo(point.total, 12);
    expect(s.firstCi95[0]).toBeCloseTo(percentile(firsts, 0.025), 12);
    expect(s.firstCi95[1]).toBeCloseTo(percentile(firsts, 0.975), 12);
    expect(s.totalCi95[0]).toBeCloseTo(percentile(totals, 0.025), 12);
    expect(s.totalCi95[1]).toBeCloseTo(percentile(totals, 0.975), 12);
    // the resampled values differ, so the interpolation and the order matter
    expect(new Set(totals).size).toBeGreaterThan(3);
    expect(Math.min(...totals)).toBeLessThan(0.95 * Math.max(...totals));
  });
});

describe('Morris trajectories', () => {
  it('start on the grid, parameters in a Fisher–Yates order, each moved once by ±Δ, from the "morris" stream of each trajectory', () => {
    const k = 4, levels = 4, delta = morrisDelta(levels);
    const trs = morrisTrajectories(k, 3, 21, levels);
    trs.forEach((tr, t) => {
      const u = deriveStream(21, 'morris', t);
      const start = Array.from({ length: k }, () => Math.floor(u() * levels) / (levels - 1));
      const order = [0, 1, 2, 3];
      for (let i = k - 1; i > 0; i--) {
        const j = Math.floor(u() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      expect(tr.points[0]).toEqual(start);
      expect(tr.moves.map((m) => m.factor)).toEqual(order);
      let x = start;
      tr.moves.forEach((m, s) => {
        const d = x[m.factor] + delta <= 1 + 1e-12 ? delta : -delta;
        x = x.map((v, i) => (i === m.factor ? v + d : v));
        expect(m.delta).toBeCloseTo(d, 12);
        tr.points[s + 1].forEach((v, i) => expect(v).toBeCloseTo(x[i], 12));
      });
    });
    // the three trajectories do not all share one order
    expect(new Set(trs.map((tr) => tr.moves.map((m) => m.factor).join())).size).toBeGreaterThan(1);
  });

  it('two levels are enough (Δ = 1: every move from 0 to 1 or back); one level is refused', () => {
    const [tr] = morrisTrajectories(2, 1, 3, 2);
    expect(tr.moves.map((m) => Math.abs(m.delta))).toEqual([1, 1]);
    expect(() => morrisTrajectories(2, 1, 3, 1)).toThrow('Morris needs at least 2 levels');
  });

  it('σ and the SE of μ* over 3 trajectories: effects 2, 4, 8 → σ = √(84/9), μ* SE = σ/√3', () => {
    const tr = { points: [[0], [0.5]], moves: [{ factor: 0, delta: 0.5 }] };
    const [e] = elementaryEffects([tr, tr, tr], [[0, 1], [0, 2], [0, 4]], 1);
    expect(e.effects).toEqual([2, 4, 8]);
    expect(e.mu).toBeCloseTo(14 / 3, 12);
    expect(e.sigma).toBeCloseTo(Math.sqrt(84 / 9), 12);
    expect(e.muStarSe).toBeCloseTo(Math.sqrt(84 / 9) / Math.sqrt(3), 12);
  });
});
