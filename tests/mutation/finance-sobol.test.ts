/**
 * Sobol indices (Jansen estimators, src/finance/sobol.ts) on inputs small enough to work by
 * hand (issue 17: numbers, not shapes), and the Saltelli design's structure.
 */
import { describe, expect, it } from 'vitest';
import { sobolDesign, sobolIndices, SOBOL_BOOTSTRAP } from '../../src/finance/sobol.ts';

describe('Sobol indices by hand', () => {
  it('N = 2, k = 1: f(A) = (1, 3), f(B) = (2, 4), f(AB) = (1, 4): V = 5/3, S = 1 − 1/(4V) = 0.85, S_T = 0.15', () => {
    const [s] = sobolIndices([1, 3], [2, 4], [[1, 4]], 1, 50);
    expect(s.factor).toBe(0);
    expect(s.first).toBeCloseTo(0.85, 12);
    expect(s.total).toBeCloseTo(0.15, 12);
    for (const ci of [s.firstCi95, s.totalCi95]) expect(ci[0]).toBeLessThanOrEqual(ci[1]);
  });
  it('N = 1: every bootstrap resample is the one row, so the intervals are the point: S = 1 − 1/(2·2) = 0.75, S_T = 0.25', () => {
    const [s] = sobolIndices([1], [3], [[2]], 7, 20);
    expect(s.first).toBeCloseTo(0.75, 12);
    expect(s.total).toBeCloseTo(0.25, 12);
    expect(s.firstCi95[0]).toBeCloseTo(0.75, 12);
    expect(s.firstCi95[1]).toBeCloseTo(0.75, 12);
    expect(s.totalCi95[0]).toBeCloseTo(0.25, 12);
    expect(s.totalCi95[1]).toBeCloseTo(0.25, 12);
  });
  it('two factors, one inert: f = x₁ on N = 3 rows gives S₁ = S_T1 = 1 and S₂ = S_T2 = 0 exactly', () => {
    const a = [0.1, 0.5, 0.9], b = [0.3, 0.2, 0.8];
    // AB_1 takes x₁ from B (f = b), AB_2 takes x₂ from B (f = a)
    const r = sobolIndices(a, b, [b, a], 3, 30);
    // V from the 6 values; S₁ = 1 − Σ(b − b)²/(2NV) = 1; S_T1 = Σ(a − b)²/(2NV)
    const all = [...a, ...b], m = all.reduce((s, x) => s + x, 0) / 6, v = all.reduce((s, x) => s + (x - m) ** 2, 0) / 5;
    expect(r[0].first).toBe(1);
    expect(r[0].total).toBeCloseTo(((0.1 - 0.3) ** 2 + (0.5 - 0.2) ** 2 + (0.9 - 0.8) ** 2) / (6 * v), 12);
    expect(r[1].first).toBeCloseTo(1 - ((0.3 - 0.1) ** 2 + (0.2 - 0.5) ** 2 + (0.8 - 0.9) ** 2) / (6 * v), 12);
    expect(r[1].total).toBe(0);
  });
  it('a constant output has no variance to share: every index 0', () => {
    const r = sobolIndices([2, 2], [2, 2], [[2, 2], [2, 2]], 1, 10);
    expect(r.map((s) => [s.first, s.total, ...s.firstCi95, ...s.totalCi95])).toEqual([[0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]]);
  });
  it('1000 bootstrap resamples by default', () => expect(SOBOL_BOOTSTRAP).toBe(1000));
});

describe('the Saltelli design', () => {
  it('A and B are N × k points in [0, 1); AB_i is A with column i from B; the same seed gives the same design', () => {
    const d = sobolDesign(3, 4, 11);
    expect(d.a.length).toBe(4);
    expect(d.a.every((r) => r.length === 3 && r.every((x) => x >= 0 && x < 1))).toBe(true);
    expect(d.ab.length).toBe(3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 4; j++) for (let c = 0; c < 3; c++) expect(d.ab[i][j][c]).toBe(c === i ? d.b[j][c] : d.a[j][c]);
    expect(d.a[0][0]).not.toBe(d.b[0][0]);
    expect(sobolDesign(3, 4, 11)).toEqual(d);
    expect(sobolDesign(3, 4, 12).a).not.toEqual(d.a);
  });
});
