/**
 * Sobol indices (Saltelli design, Jansen estimators) on an additive test function whose indices
 * are known: f(x) = Σ a_i·x_i with x_i ~ U(0, 1) independent has V_i = a_i²/12, so
 * S_i = S_Ti = a_i² / Σ a_j² and no interactions.
 */
import { describe, expect, it } from 'vitest';
import { sobolDesign, sobolIndices } from '../../src/finance/sobol.ts';

describe('Sobol indices of an additive function', () => {
  const a = [4, 2, 1, 0];
  const truth = a.map((x) => (x * x) / a.reduce((s, y) => s + y * y, 0)); // 16/21, 4/21, 1/21, 0
  const f = (x: number[]) => x.reduce((s, xi, i) => s + a[i] * xi, 0);
  const n = 2000;
  const d = sobolDesign(a.length, n, 17);
  const idx = sobolIndices(d.a.map(f), d.b.map(f), d.ab.map((m) => m.map(f)), 17);

  it('recovers S_i and S_Ti within their bootstrap 95% intervals', () => {
    idx.forEach((s, i) => {
      expect(s.firstCi95[0]).toBeLessThanOrEqual(truth[i]);
      expect(s.firstCi95[1]).toBeGreaterThanOrEqual(truth[i]);
      expect(s.totalCi95[0]).toBeLessThanOrEqual(truth[i]);
      expect(s.totalCi95[1]).toBeGreaterThanOrEqual(truth[i]);
    });
  });
  it('the intervals are informative: they separate the parameters, and a zero-effect one has S_T = 0 exactly', () => {
    expect(idx[0].firstCi95[0]).toBeGreaterThan(idx[1].firstCi95[1]);
    expect(idx[1].totalCi95[0]).toBeGreaterThan(idx[2].totalCi95[1]);
    expect(idx[3].total).toBe(0);
    expect(idx[0].firstCi95[1] - idx[0].firstCi95[0]).toBeLessThan(0.15);
  });
  it('sees an interaction: for f = x0·x1 the total index exceeds the first-order one', () => {
    const g = (x: number[]) => (x[0] - 0.5) * (x[1] - 0.5);
    const e = sobolDesign(2, 1000, 5);
    const s = sobolIndices(e.a.map(g), e.b.map(g), e.ab.map((m) => m.map(g)), 5);
    // pure interaction: S_i = 0, S_Ti = 1
    for (const x of s) {
      expect(x.firstCi95[0]).toBeLessThanOrEqual(0);
      expect(x.totalCi95[0]).toBeGreaterThan(0.8);
    }
  });
});
