/**
 * src/model/uncertainty.ts pinned: each distribution's draw as a function of its uniforms (the
 * exact inverse-CDF values), truncation and its fallback, quantiles for sensitivity swings,
 * the paths of uncertain parameters and the per-replication resolution (common random numbers).
 */
import { describe, expect, it } from 'vitest';
import { distributionQuantile, drawDistribution, isDistribution, resolveScenario, uncertainParameters } from '../../src/model/uncertainty.ts';
import { normalQuantile } from '../../src/random/normal.ts';
import { beta as betaDraw } from '../../src/random/sampling.ts';
import { deriveStream } from '../../src/random/seeds.ts';
import type { Distribution, Scenario } from '../../src/scenario/schema.ts';

/** A uniform source returning the given values in turn (the last one repeating), counting calls. */
function uniforms(...values: number[]) {
  const f = () => values[Math.min(f.calls++, values.length - 1)];
  f.calls = 0;
  return f;
}
const d = (x: Record<string, unknown>) => x as unknown as Distribution;
const Z975 = normalQuantile(0.975);

describe('isDistribution', () => {
  it('an object with a string dist only', () => {
    expect(isDistribution({ dist: 'normal' })).toBe(true);
    expect(isDistribution({ dist: 5 })).toBe(false);
    expect(isDistribution(null)).toBe(false);
    expect(isDistribution(3)).toBe(false);
    expect(isDistribution([{ dist: 'normal' }])).toBe(false);
    expect(isDistribution(Object.assign([], { dist: 'normal' }))).toBe(false);
  });
});

describe('drawDistribution', () => {
  it('normal: mean + sd·Φ⁻¹(u)', () => {
    expect(drawDistribution(d({ dist: 'normal', mean: 10, sd: 2 }), uniforms(0.975))).toBeCloseTo(10 + 2 * Z975, 12);
    expect(drawDistribution(d({ dist: 'normal', mean: 10, sd: 2 }), uniforms(0.5))).toBeCloseTo(10, 12);
  });
  it('truncated normal: rejects draws outside [min, max] and draws again; the bounds are inside', () => {
    const u = uniforms(0.025, 0.975, 0.5);
    expect(drawDistribution(d({ dist: 'normal', mean: 0, sd: 1, min: -1, max: 1 }), u)).toBeCloseTo(0, 12);
    expect(u.calls).toBe(3);
    const low = uniforms(0.975, 0.5);
    expect(drawDistribution(d({ dist: 'normal', mean: 0, sd: 1, min: 0, max: 1 }), low)).toBe(0); // x = 0 = min is accepted
    expect(low.calls).toBe(2);
    const high = uniforms(0.5);
    expect(drawDistribution(d({ dist: 'normal', mean: 1, sd: 1, max: 1 }), high)).toBe(1); // x = max accepted at once
    expect(high.calls).toBe(1);
  });
  it('truncated normal: after 1000 rejected draws, the mean clamped into [min, max]', () => {
    const u = uniforms(0.01);
    expect(drawDistribution(d({ dist: 'normal', mean: -1, sd: 1, min: 0, max: 5 }), u)).toBe(0);
    expect(u.calls).toBe(1000);
    expect(drawDistribution(d({ dist: 'normal', mean: 9, sd: 1, min: 0, max: 5 }), uniforms(0.001))).toBe(5);
  });
  it('lognormal from the mean and sd of the variable: median m/√(1+cv²)', () => {
    // cv² = 3 → s² = ln 4, median = 10/2
    const dist = d({ dist: 'lognormal', mean: 10, sd: 10 * Math.sqrt(3) });
    expect(drawDistribution(dist, uniforms(0.5))).toBeCloseTo(5, 12);
    expect(drawDistribution(dist, uniforms(0.975))).toBeCloseTo(5 * Math.exp(Math.sqrt(Math.log(4)) * Z975), 11);
    expect(drawDistribution(d({ dist: 'lognormal', mean: 7, sd: 0 }), uniforms(0.9))).toBe(7);
    // sd 0 is exactly the mean (exp(ln 3) is 2.9999999999999996) and draws no uniform
    const none = uniforms(0.9);
    expect(drawDistribution(d({ dist: 'lognormal', mean: 3, sd: 0 }), none)).toBe(3);
    expect(none.calls).toBe(0);
  });
  it('uniform: min + (max − min)·u', () => {
    expect(drawDistribution(d({ dist: 'uniform', min: 2, max: 6 }), uniforms(0.25))).toBe(3);
  });
  it('triangular (0, 1, 4): the inverse CDF on both sides of the mode', () => {
    const tri = d({ dist: 'triangular', min: 0, mode: 1, max: 4 });
    expect(drawDistribution(tri, uniforms(0.16))).toBeCloseTo(0.8, 14); // √(0.16·4·1)
    expect(drawDistribution(tri, uniforms(2 / 3))).toBeCloseTo(2, 14); // 4 − √(⅓·4·3)
    expect(drawDistribution(tri, uniforms(0.25))).toBeCloseTo(1, 14); // F(mode) = ¼
    expect(drawDistribution(tri, uniforms(0.01))).toBeCloseTo(0.2, 14); // √(0.04)
    expect(drawDistribution(d({ dist: 'triangular', min: 3, mode: 3, max: 3 }), uniforms(0.5))).toBe(3);
  });
  it('triangular with a nonzero minimum (2, 3, 6)', () => {
    const tri = d({ dist: 'triangular', min: 2, mode: 3, max: 6 });
    expect(drawDistribution(tri, uniforms(0.16))).toBeCloseTo(2.8, 14);
    expect(drawDistribution(tri, uniforms(2 / 3))).toBeCloseTo(4, 14);
  });
  it('triangular (0, 2, 4): mode − min ≠ 1, so the lower branch is √(u·(b − a)·(c − a))', () => {
    const tri = d({ dist: 'triangular', min: 0, mode: 2, max: 4 });
    expect(drawDistribution(tri, uniforms(0.125))).toBeCloseTo(1, 14); // √(0.125·4·2)
    expect(drawDistribution(tri, uniforms(0.875))).toBeCloseTo(3, 14); // 4 − √(0.125·4·2)
    expect(distributionQuantile(tri, 0.125)).toBeCloseTo(1, 14);
    expect(distributionQuantile(tri, 0.875)).toBeCloseTo(3, 14);
  });
  it('beta scaled to [min, max] from the same uniforms as the sampler', () => {
    const x = betaDraw(2, 5, deriveStream(1, 'x'));
    expect(drawDistribution(d({ dist: 'beta', alpha: 2, beta: 5, min: 10, max: 20 }), deriveStream(1, 'x'))).toBeCloseTo(10 + 10 * x, 12);
    expect(x).toBeGreaterThan(0);
    expect(x).toBeLessThan(1);
  });
  it('empirical: value ⌊u·n⌋, the last for u = 1', () => {
    const e = d({ dist: 'empirical', values: [5, 7, 9] });
    expect(drawDistribution(e, uniforms(0.34))).toBe(7);
    expect(drawDistribution(e, uniforms(0.999))).toBe(9);
    expect(drawDistribution(e, uniforms(0.0001))).toBe(5);
    expect(drawDistribution(e, uniforms(1))).toBe(9);
  });
});

describe('distributionQuantile', () => {
  it('normal, clamped to its truncation', () => {
    expect(distributionQuantile(d({ dist: 'normal', mean: 10, sd: 2 }), 0.975)).toBeCloseTo(10 + 2 * Z975, 12);
    expect(distributionQuantile(d({ dist: 'normal', mean: 10, sd: 2, max: 12 }), 0.975)).toBe(12);
    expect(distributionQuantile(d({ dist: 'normal', mean: 10, sd: 2, min: 9 }), 0.025)).toBe(9);
    expect(distributionQuantile(d({ dist: 'normal', mean: 10, sd: 2, min: 9, max: 12 }), 0.5)).toBeCloseTo(10, 12);
  });
  it('lognormal', () => {
    const dist = d({ dist: 'lognormal', mean: 10, sd: 10 * Math.sqrt(3) });
    expect(distributionQuantile(dist, 0.5)).toBeCloseTo(5, 12);
    expect(distributionQuantile(dist, 0.025)).toBeCloseTo(5 * Math.exp(-Math.sqrt(Math.log(4)) * Z975), 11);
    expect(distributionQuantile(d({ dist: 'lognormal', mean: 7, sd: 0 }), 0.1)).toBe(7);
    expect(distributionQuantile(d({ dist: 'lognormal', mean: 3, sd: 0 }), 0.5)).toBe(3); // not exp(ln 3)
  });
  it('uniform and triangular', () => {
    expect(distributionQuantile(d({ dist: 'uniform', min: 2, max: 6 }), 0.75)).toBe(5);
    const tri = d({ dist: 'triangular', min: 2, mode: 3, max: 6 });
    expect(distributionQuantile(tri, 0.16)).toBeCloseTo(2.8, 14);
    expect(distributionQuantile(tri, 2 / 3)).toBeCloseTo(4, 14);
    expect(distributionQuantile(tri, 0.01)).toBeCloseTo(2.2, 14);
    expect(distributionQuantile(d({ dist: 'triangular', min: 3, mode: 3, max: 3 }), 0.9)).toBe(3);
  });
  it('beta: the normal approximation m + √v·Φ⁻¹(q), clamped to [0, 1], scaled to [min, max]', () => {
    // Beta(2, 6): m = 0.25, v = 12/(64·9) = 1/48
    const b = d({ dist: 'beta', alpha: 2, beta: 6, min: 10, max: 20 });
    expect(distributionQuantile(b, 0.5)).toBeCloseTo(12.5, 12);
    expect(distributionQuantile(b, 0.975)).toBeCloseTo(10 + 10 * (0.25 + Math.sqrt(1 / 48) * Z975), 12);
    // Beta(1, 1): m = ½, √v = 0.2887; at q = 0.999 and 0.001 the approximation leaves [0, 1]
    expect(distributionQuantile(d({ dist: 'beta', alpha: 1, beta: 1, min: 0, max: 1 }), 0.999)).toBe(1);
    expect(distributionQuantile(d({ dist: 'beta', alpha: 1, beta: 1, min: 0, max: 1 }), 0.001)).toBe(0);
  });
  it('empirical: the sorted value at round(q·(n − 1)), numerically sorted', () => {
    const e = d({ dist: 'empirical', values: [100, 9, 10, 3] }); // sorted 3, 9, 10, 100
    expect(distributionQuantile(e, 0)).toBe(3);
    expect(distributionQuantile(e, 0.4)).toBe(9); // 1.2 → 1
    expect(distributionQuantile(e, 0.5)).toBe(10); // 1.5 → 2
    expect(distributionQuantile(e, 1)).toBe(100);
    expect(distributionQuantile(e, 1.5)).toBe(100);
    expect(distributionQuantile(e, -0.5)).toBe(3);
  });
});

describe('uncertain parameters of a scenario', () => {
  const sc = {
    meta: { seed: 11 },
    a: { dist: 'uniform', min: 0, max: 1 },
    b: [1, { dist: 'normal', mean: 5, sd: 1 }],
    c: { d: { dist: 'empirical', values: [4] }, e: 'text', f: null },
    overrides: { g: { dist: 'uniform', min: 0, max: 1 } },
  };
  it('paths in document order, skipping overrides', () => {
    expect(uncertainParameters(sc).map((p) => p.path)).toEqual(['a', 'b.1', 'c.d']);
    expect(uncertainParameters(sc)[1].dist).toBe(sc.b[1]);
  });
  it('resolveScenario replaces each distribution by its draw from its own stream (seed, "param", replication, path)', () => {
    const { resolved, params } = resolveScenario(sc as unknown as Scenario, 3);
    const r = resolved as unknown as typeof sc & { a: number; b: [number, number]; c: { d: number; e: string; f: null } };
    expect(r.a).toBe(drawDistribution(d(sc.a), deriveStream(11, 'param', 3, 'a')));
    expect(r.b[1]).toBe(drawDistribution(d(sc.b[1] as Record<string, unknown>), deriveStream(11, 'param', 3, 'b.1')));
    expect(r.b[0]).toBe(1);
    expect(r.c).toEqual({ d: 4, e: 'text', f: null });
    expect(r.overrides).toBe(sc.overrides); // merged before resolution: left alone
    expect(params).toEqual({ a: r.a, 'b.1': r.b[1], 'c.d': 4 });
    expect(Array.isArray(r.b)).toBe(true);
    // another replication: another draw
    expect((resolveScenario(sc as unknown as Scenario, 4).resolved as unknown as { a: number }).a).not.toBe(r.a);
  });
});
