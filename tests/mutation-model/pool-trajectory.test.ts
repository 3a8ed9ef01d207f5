/**
 * src/model/pool-trajectory.ts pinned: trajectories in closed form, shocks' windows, the
 * mean-one log-normal walk (its drift −σ²/2 per step and its σ per step), stress multipliers
 * and the floor at 0.
 */
import { describe, expect, it } from 'vitest';
import { trajectoryAt, walletIndexSeries } from '../../src/model/pool-trajectory.ts';
import { makeClock } from '../../src/model/time.ts';
import { normalQuantile } from '../../src/random/normal.ts';
import { Pool, type Resolved } from '../../src/scenario/schema.ts';

const pool = (wallet: Record<string, unknown>) => Pool.parse({ marginRate: 0.3, wallet }) as Resolved<Pool>;
const counting = (u: number) => {
  const f = () => (f.calls++, u);
  f.calls = 0;
  return f;
};

describe('trajectoryAt', () => {
  it('constant is 1', () => {
    expect(trajectoryAt(pool({}), 37)).toBe(1);
  });
  it('cagr: (1 + rate)^(month/12)', () => {
    const p = pool({ trajectory: { type: 'cagr', rate: 0.21 } });
    expect(trajectoryAt(p, 6)).toBeCloseTo(1.1, 14);
    expect(trajectoryAt(p, 24)).toBeCloseTo(1.4641, 13);
    expect(trajectoryAt(p, 0)).toBe(1);
  });
  it('logistic, rescaled to 1 at month 0: from 1 to 3, midpoint 0, steepness 12·ln 3 per year', () => {
    // f(m) = 1 + 2/(1 + 3^(−m)); f(0) = 2, f(1) = 2.5, f(2) = 2.8
    const p = pool({ trajectory: { type: 'logistic', from: 1, to: 3, midpointMonth: 0, steepness: 12 * Math.log(3) } });
    expect(trajectoryAt(p, 0)).toBeCloseTo(1, 14);
    expect(trajectoryAt(p, 1)).toBeCloseTo(1.25, 14);
    expect(trajectoryAt(p, 2)).toBeCloseTo(1.4, 14);
  });
  it('logistic with a later midpoint: f(12)/f(0) = 2/(1 + 2/(1 + 3¹²))', () => {
    const p = pool({ trajectory: { type: 'logistic', from: 1, to: 3, midpointMonth: 12, steepness: 12 * Math.log(3) } });
    expect(trajectoryAt(p, 12)).toBeCloseTo(2 / (1 + 2 / (1 + 3 ** 12)), 12);
    expect(trajectoryAt(p, 13)).toBeCloseTo(2.5 / (1 + 2 / (1 + 3 ** 12)), 12);
  });
  it('a logistic that is 0 at month 0 gives 0, not NaN', () => {
    expect(trajectoryAt(pool({ trajectory: { type: 'logistic', from: 0, to: 0, midpointMonth: 6, steepness: 1 } }), 3)).toBe(0);
  });
  it('points: piecewise linear', () => {
    expect(trajectoryAt(pool({ trajectory: { type: 'points', points: [[0, 1], [12, 2]] } }), 3)).toBeCloseTo(1.25, 14);
  });
});

describe('walletIndexSeries', () => {
  const monthly = makeClock(8, 12, 0);
  it('shocks apply in [month, month + duration), permanent without a duration, and multiply', () => {
    const p = pool({ shocks: [{ month: 3, factor: 0.5, durationMonths: 2 }, { month: 6, factor: 2 }, { month: 7, factor: 3 }] });
    const u = counting(0.3);
    expect(Array.from(walletIndexSeries(p, monthly, u))).toEqual([1, 1, 1, 0.5, 0.5, 1, 2, 6]);
    expect(u.calls).toBe(0); // no volatility: no uniforms drawn
  });
  it('a stress multiplier per step multiplies the index', () => {
    const m = Float64Array.from([1, 2, 0.5, 1, 1, 1, 1, 3]);
    const p = pool({ trajectory: { type: 'cagr', rate: 0 } });
    expect(Array.from(walletIndexSeries(p, monthly, counting(0.5), m))).toEqual([1, 2, 0.5, 1, 1, 1, 1, 3]);
  });
  it('the index is floored at 0', () => {
    const p = pool({ trajectory: { type: 'points', points: [[0, 1], [4, -1]] } });
    expect(Array.from(walletIndexSeries(p, monthly, counting(0.5)))).toEqual([1, 0.5, 0, 0, 0, 0, 0, 0]);
  });
  it('the walk: log level += σ·z − σ²/2 from step 1 on, σ = volatility·√(months per step / 12)', () => {
    const quarterly = makeClock(12, 4, 0); // 4 steps, σ = 0.4·√(3/12) = 0.2
    const p = pool({ volatility: 0.4 });
    // z = 0: the level falls by the drift alone, exp(−0.02·t)
    const median = counting(0.5);
    const level = new Float64Array(1), path = new Float64Array(4);
    const s = walletIndexSeries(p, quarterly, median, undefined, level, path);
    expect(median.calls).toBe(3);
    for (let t = 0; t < 4; t++) {
      expect(s[t]).toBeCloseTo(Math.exp(-0.02 * t), 14);
      expect(path[t]).toBeCloseTo(Math.exp(-0.02 * t), 14);
    }
    expect(level[0]).toBeCloseTo(Math.exp(-0.06), 14);
    // z = Φ⁻¹(0.9): each step adds 0.2·z − 0.02
    const z = normalQuantile(0.9);
    const up = walletIndexSeries(p, quarterly, counting(0.9), undefined, level);
    expect(up[0]).toBe(1);
    expect(up[2]).toBeCloseTo(Math.exp(2 * (0.2 * z - 0.02)), 13);
    expect(level[0]).toBeCloseTo(Math.exp(3 * (0.2 * z - 0.02)), 13);
  });
  it('the walk multiplies the trajectory and the shocks', () => {
    const quarterly = makeClock(12, 4, 0);
    const p = pool({ volatility: 0.4, trajectory: { type: 'cagr', rate: 0.21 }, shocks: [{ month: 6, factor: 0.5 }] });
    const s = walletIndexSeries(p, quarterly, counting(0.5));
    expect(s[1]).toBeCloseTo(1.21 ** 0.25 * Math.exp(-0.02), 13);
    expect(s[3]).toBeCloseTo(1.21 ** 0.75 * 0.5 * Math.exp(-0.06), 13);
  });
});
