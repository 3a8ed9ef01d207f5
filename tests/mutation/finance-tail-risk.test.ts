/**
 * The bootstrap intervals of the expected shortfall and of a paired CVaR difference
 * (src/finance/tail-risk.ts), pinned on small inputs with few resamples (issue 17 item 4; the
 * tests that exercised them at 200 replications × 2000 resamples left the mutation test list).
 *
 * The resampled replication indices are read from the same seeded stream the code uses
 * (deriveStream(seed, 'es-bootstrap' | 'es-difference-bootstrap', n): the stream is part of the
 * reproducibility contract); everything else is computed by hand here: with α = 0.5 and n = 4 the
 * expected shortfall is the mean of the two smallest values, and a percentile p of B sorted
 * statistics is s[⌊h⌋] + (h − ⌊h⌋)·(s[⌊h⌋ + 1] − s[⌊h⌋]) with h = (B − 1)·p.
 */
import { describe, expect, it } from 'vitest';
import { expectedShortfall, expectedShortfallCi, expectedShortfallDifferenceCi, probabilityBelow } from '../../src/finance/tail-risk.ts';
import { deriveStream } from '../../src/random/seeds.ts';

const es2of4 = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return (s[0] + s[1]) / 2;
};
const percentile = (sorted: number[], p: number) => {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * (sorted[Math.min(sorted.length - 1, lo + 1)] - sorted[lo]);
};

describe('expected shortfall', () => {
  it('at α = 1 it is the mean; at α·n ≤ 1 the smallest value', () => {
    expect(expectedShortfall([4, 1, 3, 2], 1)).toBe(2.5);
    expect(expectedShortfall([4, 1, 3, 2], 0.25)).toBe(1);
    expect(expectedShortfall([4, 1, 3, 2], 0.2)).toBe(1);
    // α·n = 1.5: (1 + 0.5·2)/1.5
    expect(expectedShortfall([4, 1, 3, 2], 0.375)).toBeCloseTo(4 / 3, 14);
  });
});

describe('its percentile-bootstrap interval', () => {
  it('n = 4, α = 0.5, 7 resamples: the 2.5th and 97.5th percentiles of the resampled shortfalls', () => {
    const xs = [10, 20, 40, 80];
    const u = deriveStream(99, 'es-bootstrap', 4);
    const stats: number[] = [];
    for (let b = 0; b < 7; b++) stats.push(es2of4([0, 1, 2, 3].map(() => xs[Math.floor(u() * 4)])));
    stats.sort((a, b) => a - b);
    const [lo, hi] = expectedShortfallCi(xs, 0.5, 7, 99);
    expect(lo).toBeCloseTo(percentile(stats, 0.025), 12);
    expect(hi).toBeCloseTo(percentile(stats, 0.975), 12);
    expect(stats[0]).not.toBe(stats[6]); // the interval is not degenerate, so interpolation matters
  });
});

describe('the paired bootstrap interval of a CVaR difference', () => {
  it('n = 4, α = 0.5, 9 resamples: the same indices on both sides', () => {
    const a = [10, 20, 40, 80];
    const b = [12, 15, 50, 70];
    const u = deriveStream(7, 'es-difference-bootstrap', 4);
    const stats: number[] = [];
    for (let r = 0; r < 9; r++) {
      const idx = [0, 1, 2, 3].map(() => Math.floor(u() * 4));
      stats.push(es2of4(idx.map((k) => a[k])) - es2of4(idx.map((k) => b[k])));
    }
    stats.sort((x, y) => x - y);
    const [lo, hi] = expectedShortfallDifferenceCi(a, b, 0.5, 9, 7);
    expect(lo).toBeCloseTo(percentile(stats, 0.025), 12);
    expect(hi).toBeCloseTo(percentile(stats, 0.975), 12);
    expect(new Set(stats).size).toBeGreaterThan(2);
  });
  it('refuses two sides of different lengths', () => {
    expect(() => expectedShortfallDifferenceCi([1, 2, 3], [1, 2])).toThrow('a paired CVaR difference needs the same replications on both sides, found 3 and 2');
  });
});

describe('the share below a threshold', () => {
  it('strictly below; with its binomial SE', () => {
    const p = probabilityBelow([1, 2, 3, 4], 3);
    expect(p.p).toBe(0.5);
    expect(p.se).toBeCloseTo(0.25, 14);
  });
});
