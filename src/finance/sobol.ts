/**
 * Variance-based (Sobol) sensitivity indices: first-order S_i (the share of the output's
 * variance explained by parameter i alone) and total S_Ti (its share including every
 * interaction), from the sampling scheme of Saltelli (2002, 2010) with the estimators of
 * Jansen (1999):
 *
 *   A, B: two N × k matrices of independent uniform points in [0, 1]^k;
 *   AB_i: A with column i taken from B;
 *   V     = variance of the 2N values f(A) ∪ f(B)
 *   S_i   = 1 − Σ_j (f(B)_j − f(AB_i)_j)² / (2N·V)      (Jansen 1999: V_i = V − E[(f(B) − f(AB_i))²]/2)
 *   S_Ti  = Σ_j (f(A)_j − f(AB_i)_j)² / (2N·V)          (Jansen 1999)
 *
 * Cost: N·(k + 2) model evaluations. Intervals: percentile bootstrap over the N rows (B =
 * 1000 resamples, seeded). The points are pseudo-random (seeded), not a quasi-random Sobol
 * sequence: no maintained npm package provides Sobol low-discrepancy sequences, and the
 * estimators above are unbiased for independent uniform points — the bootstrap interval
 * reports the resulting Monte Carlo error honestly.
 */
import { deriveStream } from '../random/seeds.ts';
import type { Interval } from '../metrics/interval.ts';

export interface SobolDesign {
  /** N rows of k unit coordinates each. */
  a: number[][];
  b: number[][];
  /** ab[i][j]: row j of A with column i from B. */
  ab: number[][][];
}

export interface SobolIndex {
  factor: number;
  first: number;
  firstCi95: Interval;
  total: number;
  totalCi95: Interval;
}

export const SOBOL_BOOTSTRAP = 1000;

/** The Saltelli design: A, B and the k matrices AB_i, from a seed. */
export function sobolDesign(k: number, n: number, seed: number): SobolDesign {
  const u = deriveStream(seed, 'sobol-design', k, n);
  const rows = () => Array.from({ length: n }, () => Array.from({ length: k }, () => u()));
  const a = rows();
  const b = rows();
  const ab = Array.from({ length: k }, (_, i) => a.map((row, j) => row.map((x, c) => (c === i ? b[j][i] : x))));
  return { a, b, ab };
}

function indices(fa: number[], fb: number[], fab: number[][], rows: number[]): { first: number[]; total: number[] } {
  const n = rows.length;
  let m = 0;
  for (const j of rows) m += fa[j] + fb[j];
  m /= 2 * n;
  let v = 0;
  for (const j of rows) v += (fa[j] - m) ** 2 + (fb[j] - m) ** 2;
  v /= 2 * n - 1;
  const first: number[] = [];
  const total: number[] = [];
  for (const f of fab) {
    let sb = 0, sa = 0;
    for (const j of rows) {
      sb += (fb[j] - f[j]) ** 2;
      sa += (fa[j] - f[j]) ** 2;
    }
    first.push(v > 0 ? 1 - sb / (2 * n * v) : 0);
    total.push(v > 0 ? sa / (2 * n * v) : 0);
  }
  return { first, total };
}

/**
 * @param fa, fb output at the rows of A and B; fab[i] at the rows of AB_i.
 */
export function sobolIndices(fa: number[], fb: number[], fab: number[][], seed: number, resamples = SOBOL_BOOTSTRAP): SobolIndex[] {
  const n = fa.length;
  const all = Array.from({ length: n }, (_, j) => j);
  const point = indices(fa, fb, fab, all);
  const u = deriveStream(seed, 'sobol-bootstrap', n);
  const boot = fab.map(() => ({ first: [] as number[], total: [] as number[] }));
  for (let r = 0; r < resamples; r++) {
    const rows = all.map(() => Math.min(n - 1, Math.floor(u() * n)));
    const x = indices(fa, fb, fab, rows);
    x.first.forEach((s, i) => boot[i].first.push(s));
    x.total.forEach((s, i) => boot[i].total.push(s));
  }
  const ci = (xs: number[]): Interval => {
    const s = xs.slice().sort((p, q) => p - q);
    const q = (p: number) => {
      const h = (s.length - 1) * p;
      const lo = Math.floor(h);
      return s[lo] + (h - lo) * ((s[Math.min(s.length - 1, lo + 1)] ?? s[lo]) - s[lo]);
    };
    return [q(0.025), q(0.975)];
  };
  return fab.map((_, i) => ({ factor: i, first: point.first[i], firstCi95: ci(boot[i].first), total: point.total[i], totalCi95: ci(boot[i].total) }));
}
