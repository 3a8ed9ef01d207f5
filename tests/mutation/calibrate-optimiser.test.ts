/**
 * The restart rule of src/calibrate/optimiser.ts, pinned step by step with a scripted simplex:
 * fmin's nelderMead (read through globalThis.fmin at each call) is replaced, for these tests
 * only, by a script that records what it was asked and returns given results. The rule, from the
 * file's comment: each restart is a fresh simplex of `step` in every log-parameter (fmin's
 * nonZeroDelta = 1 + step), centred on the best point so far; a restart that finds a lower value
 * moves there; a restart that improves by at most 1e-11·max(1, |f|) is quiet and divides the step
 * by 10 (not below 0.001); converged after two quiet restarts in a row with step ≤ 0.01 at the
 * time; a restart that improves resets the count. Every expected sequence below is worked out by
 * hand from that rule.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minimisePositive } from '../../src/calibrate/optimiser.ts';

type NM = (f: (x: number[]) => number, x0: number[], p: Record<string, number>) => { x: number[]; fx: number };
const g = globalThis as unknown as { fmin: { nelderMead: NM } };
const real = g.fmin.nelderMead;
afterEach(() => {
  g.fmin.nelderMead = real;
});

interface Call { x0: number[]; p: Record<string, number>; at1: number; atStep: number }
/** Replies with the next scripted (offset, value) pair: the simplex "found" v = 1 + offset with f = value. */
function script(replies: [number[], number][]): Call[] {
  const calls: Call[] = [];
  g.fmin.nelderMead = (f, x0, p) => {
    const [offset, fx] = replies[Math.min(calls.length, replies.length - 1)];
    calls.push({ x0: x0.slice(), p: { ...p }, at1: f(x0.map(() => 1)), atStep: f(x0.map(() => 1.5)) });
    return { x: offset.map((d) => 1 + d), fx };
  };
  return calls;
}
const deltas = (calls: Call[]) => calls.map((c) => c.p.nonZeroDelta);

describe('minimisePositive: the restart rule', () => {
  beforeEach(() => {
    g.fmin.nelderMead = real;
  });

  it('one improvement, then quiet restarts: the step goes 0.5, 0.5, 0.05, 0.005 and it stops after the second quiet one at step ≤ 0.01', () => {
    // start f = 10; restart 0 finds 5 (improves: quiet 0, step stays 0.5); 1: nothing (quiet 1, step → 0.05);
    // 2: nothing (quiet 2 but step 0.05 > 0.01, step → 0.005); 3: nothing (quiet 3, step 0.005: converged at restart 3)
    const calls = script([[[Math.log(2)], 5], [[0], 5]]);
    const r = minimisePositive(() => 10, [1]);
    expect(deltas(calls)).toEqual([1.5, 1.5, 1.05, 1.005]);
    expect(r.restarts).toBe(3);
    expect(r.converged).toBe(true);
    expect(r.fx).toBe(5);
    // the point moved by log 2 in the log-parameter at restart 0 and stayed (later offsets 0)
    expect(r.x[0]).toBeCloseTo(2, 12);
  });

  it('an improvement after quiet restarts resets the count; the step never goes below 0.001', () => {
    // start 10; 0: 10 (quiet 1, step 0.05); 1: 10 (quiet 2, step 0.05 > 0.01 → 0.005); 2: 8 (improves: quiet 0);
    // 3: 8 (quiet 1, step 0.005 → max(0.0005, 0.001) = 0.001); 4: 8 (quiet 2, step 0.001: converged at restart 4)
    const calls = script([[[0], 10], [[0], 10], [[0.25], 8], [[0], 8]]);
    const r = minimisePositive(() => 10, [3]);
    expect(deltas(calls)).toEqual([1.5, 1.05, 1.005, 1.005, 1.001]);
    expect(r.restarts).toBe(4);
    expect(r.converged).toBe(true);
    expect(r.fx).toBe(8);
    expect(r.x[0]).toBeCloseTo(3 * Math.exp(0.25), 12);
  });

  it('a restart that finds no lower value does not move the point, even when it reports another one', () => {
    // every restart reports a point 1 log-unit away with the same value as the start
    const calls = script([[[1, -1], 10]]);
    const r = minimisePositive(() => 10, [2, 5]);
    expect(r.x[0]).toBeCloseTo(2, 12);
    expect(r.x[1]).toBeCloseTo(5, 12);
    // quiet from the first: the step goes 0.5 → 0.05 → 0.005, converged at restart 2
    expect(deltas(calls)).toEqual([1.5, 1.05, 1.005]);
    expect(r.restarts).toBe(2);
  });

  it('an improvement of at most 1e-11 of |f| (when |f| > 1) is quiet', () => {
    // start 1e6; each restart improves by 1e-6 = 1e-12·|f|: quiet every time, yet the point moves
    let f = 1e6;
    const calls = script([]);
    g.fmin.nelderMead = (h, x0, p) => {
      calls.push({ x0, p: { ...p }, at1: h(x0), atStep: 0 });
      f -= 1e-6;
      return { x: [1.1], fx: f };
    };
    const r = minimisePositive(() => 1e6, [1]);
    expect(deltas(calls)).toEqual([1.5, 1.05, 1.005]);
    expect(r.restarts).toBe(2);
    expect(r.fx).toBe(1e6 - 3e-6);
    expect(r.x[0]).toBeCloseTo(Math.exp(0.3), 12);
  });

  it('an improvement of exactly 1e-11 (|f| ≤ 1) is still quiet', () => {
    // start f = 1e-11; restart 0 finds 0: improved = 1e-11 = 1e-11·max(1, 0), quiet 1 (step → 0.05);
    // then 0 again: quiet 2 (step → 0.005); quiet 3 at step 0.005: converged at restart 2
    const calls = script([[[0], 0]]);
    const r = minimisePositive(() => 1e-11, [1]);
    expect(deltas(calls)).toEqual([1.5, 1.05, 1.005]);
    expect(r.restarts).toBe(2);
    expect(r.fx).toBe(0);
  });

  it('without convergence it stops after maxRestarts (default 30) and says so', () => {
    // every restart improves by 1
    let f = 100;
    const calls = script([]);
    g.fmin.nelderMead = (_h, x0, p) => {
      calls.push({ x0, p: { ...p }, at1: 0, atStep: 0 });
      return { x: [1], fx: --f };
    };
    const r = minimisePositive(() => 100, [1]);
    expect(calls.length).toBe(30);
    expect(r).toEqual({ x: [1], fx: 70, restarts: 30, converged: false });
    const none = minimisePositive(() => 4, [2], 0);
    expect(none).toEqual({ x: [2], fx: 4, restarts: 0, converged: false });
  });

  it('each simplex starts at v = 1 in every coordinate, is asked for 4000 iterations per parameter, and maps v to the log-parameters around the centre', () => {
    // f(a, b) = a + 10·b; start (2, 3): v = 1 is (2, 3); v = 1.5 is (2·e^0.5, 3·e^0.5)
    const calls = script([[[0, 0], 32]]);
    minimisePositive(([a, b]) => a + 10 * b, [2, 3]);
    expect(calls[0].x0).toEqual([1, 1]);
    expect(calls[0].p).toEqual({ maxIterations: 8000, minErrorDelta: 1e-14, nonZeroDelta: 1.5, sigma: 1 });
    expect(calls[0].at1).toBeCloseTo(32, 12);
    expect(calls[0].atStep).toBeCloseTo(32 * Math.exp(0.5), 12);
  });

  it('a value that is not finite is passed to the simplex as Number.MAX_VALUE', () => {
    const calls = script([[[0], 1]]);
    minimisePositive(() => NaN, [1]);
    expect(calls[0].at1).toBe(Number.MAX_VALUE);
    minimisePositive(() => -Infinity, [1]);
    expect(calls[calls.length - 1].at1).toBe(Number.MAX_VALUE);
  });
});
