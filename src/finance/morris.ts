/**
 * Morris elementary effects (Morris 1991; μ* of Campolongo, Cariboni & Saltelli 2007): a
 * global screening of which parameters matter, alone or through interactions, at a cost of
 * r·(k+1) model evaluations for k parameters and r trajectories.
 *
 * Each parameter is scaled to a unit coordinate u ∈ [0, 1] over its swing range (the same
 * low/high as the tornado). A trajectory starts at a random point of the p-level grid
 * {0, 1/(p−1), …, 1} and moves one parameter at a time, in random order, by
 * Δ = p / (2(p−1)) (up when it can, down otherwise). The elementary effect of parameter i is
 *   EE_i = (y(u + Δ·e_i) − y(u)) / Δ
 * — the change of the output over the parameter's full range, measured at one place. Over the
 * r trajectories: μ = mean EE, μ* = mean |EE| (importance), σ = sd EE (non-linearity or
 * interactions), and the Monte Carlo standard error of μ*, sd(|EE|)/√r.
 */
import { deriveStream } from '../random/seeds.ts';

export interface Trajectory {
  /** k+1 points in the unit cube. */
  points: number[][];
  /** For step j (point j → j+1): the parameter that moved and the signed move. */
  moves: { factor: number; delta: number }[];
}

export function morrisDelta(levels: number): number {
  return levels / (2 * (levels - 1));
}

/** r random trajectories over k parameters on a p-level grid, from the scenario's seed. */
export function morrisTrajectories(k: number, r: number, seed: number, levels = 4): Trajectory[] {
  if (levels < 2) throw new RangeError('Morris needs at least 2 levels');
  const delta = morrisDelta(levels);
  const grid = Array.from({ length: levels }, (_, i) => i / (levels - 1));
  const out: Trajectory[] = [];
  for (let t = 0; t < r; t++) {
    const u = deriveStream(seed, 'morris', t);
    const start = Array.from({ length: k }, () => grid[Math.min(levels - 1, Math.floor(u() * levels))]);
    // a random order of the parameters (Fisher–Yates)
    const order = Array.from({ length: k }, (_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = Math.min(i, Math.floor(u() * (i + 1)));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const points = [start];
    const moves: Trajectory['moves'] = [];
    let x = start;
    for (const i of order) {
      const d = x[i] + delta <= 1 + 1e-12 ? delta : -delta;
      const before = x[i];
      x = x.slice();
      x[i] = Math.min(1, Math.max(0, x[i] + d));
      points.push(x);
      // the move actually made: with an odd number of levels the clamp at 0 can shorten it
      moves.push({ factor: i, delta: x[i] - before });
    }
    out.push({ points, moves });
  }
  return out;
}

export interface MorrisEffect {
  factor: number;
  /** Mean elementary effect (signed). */
  mu: number;
  /** Mean absolute elementary effect: the importance measure. */
  muStar: number;
  /** Standard deviation of the elementary effects: non-linearity and interactions. */
  sigma: number;
  /** Monte Carlo standard error of μ*: sd(|EE|)/√r. */
  muStarSe: number;
  /** Elementary effects, one per trajectory. */
  effects: number[];
}

/** @param y output at every point of every trajectory: y[t][j]. */
export function elementaryEffects(trajectories: Trajectory[], y: number[][], k: number): MorrisEffect[] {
  const ee: number[][] = Array.from({ length: k }, () => []);
  trajectories.forEach((tr, t) => {
    tr.moves.forEach((m, j) => ee[m.factor].push((y[t][j + 1] - y[t][j]) / m.delta));
  });
  return ee.map((effects, factor) => {
    const r = effects.length;
    const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
    const sd = (xs: number[]) => {
      if (xs.length < 2) return NaN;
      const m = mean(xs);
      return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
    };
    const abs = effects.map(Math.abs);
    return { factor, mu: mean(effects), muStar: mean(abs), sigma: sd(effects), muStarSe: sd(abs) / Math.sqrt(r), effects };
  });
}
