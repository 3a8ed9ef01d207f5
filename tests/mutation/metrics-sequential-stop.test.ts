/**
 * The adaptive-replication stopping rule (src/metrics/sequential-stop.ts) pinned to hand-computed
 * numbers on four replications (issue 17 items 2 and 4). Student's t quantiles are table values:
 * t_{0.975,3} = 3.182446305; t_{1−α/2,3} = 4.856657 at α = 0.05/3 and 7.184869 at α = 0.05/9.
 * The paired differences used: d = (c+1, c+2, c+3, c+4) has mean c + 2.5 and
 * se = sd/√4 = √(5/3)/2 = 0.6454972244, so its 95% half-width is 3.182446305 · 0.6454972244 =
 * 2.0542602568; d = (13, 15, 17, 19) has se = √(20/3)/2 = 1.2909944487, half-width 4.1085205135.
 */
import { describe, expect, it } from 'vitest';
import { checkPlan, maxLooks, replicationsAtLook, sequentialDecision, type SequentialPlan } from '../../src/metrics/sequential-stop.ts';

const HW_1234 = 2.0542602567605206;
const HW_13_19 = 4.1085205135210412;
const close = (actual: number | undefined, expected: number) => expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
const base = [100, 50, 70, 20];
const plus = (xs: number[], ds: number[]) => xs.map((x, k) => x + ds[k]);
const f4 = (x: number) => x.toFixed(4);

describe('looks of a plan', () => {
  it('counts the first batch and every later batch up to the cap', () => {
    expect(maxLooks({ target: 1, first: 10, batch: 5, cap: 22 })).toBe(4); // 1 + ⌈12/5⌉
    expect(maxLooks({ target: 1, first: 10, batch: 10, cap: 30 })).toBe(3); // 1 + 20/10
    expect(maxLooks({ target: 1, first: 10, batch: 5, cap: 10 })).toBe(1);
  });
  it('gives the replications after each look, capped', () => {
    const plan = { target: 1, first: 10, batch: 5, cap: 22 };
    expect([1, 2, 3, 4, 5].map((look) => replicationsAtLook(plan, look))).toEqual([10, 15, 20, 22, 22]);
  });
});

describe('checkPlan', () => {
  const ok: SequentialPlan = { target: 1, first: 10, batch: 1, cap: 10 };
  it('accepts the smallest plan it allows', () => {
    expect(() => checkPlan(ok)).not.toThrow();
  });
  it.each([
    [{ target: 0 }, 'precision target: expected a positive amount, found 0'],
    [{ target: -1 }, 'precision target: expected a positive amount, found -1'],
    [{ target: Infinity }, 'precision target: expected a positive amount, found Infinity'],
    [{ target: NaN }, 'precision target: expected a positive amount, found NaN'],
    [{ first: 9 }, 'first batch: expected a whole number ≥ 10, found 9'],
    [{ first: 10.5, cap: 20 }, 'first batch: expected a whole number ≥ 10, found 10.5'],
    [{ batch: 0 }, 'batch: expected a whole number ≥ 1, found 0'],
    [{ batch: 1.5 }, 'batch: expected a whole number ≥ 1, found 1.5'],
    [{ cap: 9 }, 'cap: expected a whole number ≥ the first batch (10), found 9'],
    [{ cap: 10.5 }, 'cap: expected a whole number ≥ the first batch (10), found 10.5'],
  ])('refuses %o', (change, message) => {
    expect(() => checkPlan({ ...ok, ...change })).toThrow(new RangeError(message));
  });
});

describe('sequentialDecision on four paired replications', () => {
  it('one strategy: nothing to compare', () => {
    const d = sequentialDecision({ base: [1, 2, 3] }, 'base', { target: 1, first: 10, batch: 10, cap: 30 });
    expect(d).toEqual({ stop: true, reason: 'precision', replications: 3, halfWidths: {}, rankingAlpha: 0.05 / 3, message: 'one strategy: nothing to compare; stopped at 3 replications' });
  });

  it('stops on precision when the widest half-width is within the target, the boundary included', () => {
    const a = plus(base, [1, 2, 3, 4]);
    const at = (target: number) => sequentialDecision({ base, a }, 'base', { target, first: 10, batch: 10, cap: 30 }, f4);
    const wide = at(2.06);
    close(wide.halfWidths.a, HW_1234);
    expect(wide).toMatchObject({
      stop: true,
      reason: 'precision',
      replications: 4,
      message: 'stopped at 4 replications: every paired difference versus the baseline is known to ±2.0543 (95% t interval), within the target ±2.0600',
    });
    close(wide.rankingAlpha, 0.05 / 3);
    // a target just below the half-width: not precise; mean 2.5 < 4.856657 · 0.6454972 = 3.135: no ranking; below the cap
    expect(at(2.05)).toMatchObject({ stop: false, reason: null, message: '4 replications: widest paired interval ±2.0543, target ±2.0500; continuing' });
    // zero spread: half-width exactly 0 meets a target of exactly 0
    const exact = sequentialDecision({ base, a: plus(base, [5, 5, 5, 5]) }, 'base', { target: 0, first: 10, batch: 10, cap: 30 });
    expect(exact).toMatchObject({ stop: true, reason: 'precision', halfWidths: { a: 0 }, message: 'stopped at 4 replications: every paired difference versus the baseline is known to ±0 (95% t interval), within the target ±0' });
  });

  it('stops on an established ranking: both strategies against the baseline and the neighbours b, a', () => {
    // S = 3: pairs = 3, looks = 3 → α = 0.05/9 = 0.0055556, t_{1−α/2,3} = 7.184869, so |mean| must exceed 7.184869 · 0.6454972 = 4.6378
    const a = plus(base, [10, 11, 12, 13]); // a − base: mean 11.5
    const b = plus(a, [10, 10, 10, 10]); // b − a: mean 10, se 0 (separated: mean ≠ 0); b − base: mean 21.5
    const d = sequentialDecision({ base, a, b }, 'base', { target: 1, first: 10, batch: 10, cap: 30 }, f4);
    close(d.rankingAlpha, 0.05 / 9);
    close(d.halfWidths.a, HW_1234);
    close(d.halfWidths.b, HW_1234);
    expect(d).toMatchObject({
      stop: true,
      reason: 'ranking',
      message:
        'stopped at 4 replications: the ranking is established (every strategy against the baseline and every pair of neighbours separated at the Bonferroni level 0.0056 per interval, error rate ≤ 0.05 over all looks); widest paired interval ±2.0543',
    });
  });

  it('does not establish a ranking when only the neighbours are not separated at the Bonferroni level', () => {
    const a = plus(base, [10, 11, 12, 13]);
    // b − a = (3, 4, 5, 6): mean 4.5 < 4.6378 at α = 0.05/9 (it would pass at α = 0.05/3: 4.856657 · 0.6454972 = 3.135);
    // b − base = (13, 15, 17, 19): mean 16, half-width 4.1085
    const b = plus(a, [3, 4, 5, 6]);
    const d = sequentialDecision({ base, a, b }, 'base', { target: 1, first: 10, batch: 10, cap: 30 }, f4);
    close(d.halfWidths.b, HW_13_19);
    expect(d).toMatchObject({ stop: false, reason: null, message: '4 replications: widest paired interval ±4.1085, target ±1.0000; continuing' });
    // two equal strategies (difference 0 with se 0) are never separated
    expect(sequentialDecision({ base, a, b: a.slice() }, 'base', { target: 1, first: 10, batch: 10, cap: 30 }).reason).toBeNull();
  });

  it('stops at the cap, the cap included, when neither rule holds', () => {
    const a = plus(base, [0.5, 1.5, 2.5, 3.5]); // mean 2 < 3.182446 · 0.6454972 = 2.0543 at α = 0.05 (one look)
    const atCap = sequentialDecision({ base, a }, 'base', { target: 1, first: 4, batch: 2, cap: 4 }, f4);
    close(atCap.rankingAlpha, 0.05);
    expect(atCap).toMatchObject({
      stop: true,
      reason: 'cap',
      message: 'stopped at the cap of 4 replications: the widest paired difference versus the baseline is ±2.0543 (target ±1.0000) and the ranking is not established',
    });
    const below = sequentialDecision({ base, a }, 'base', { target: 1, first: 4, batch: 2, cap: 5 }, f4);
    close(below.rankingAlpha, 0.05 / 2); // looks = 1 + ⌈1/2⌉ = 2
    expect(below).toMatchObject({ stop: false, reason: null });
  });

  it('separates a pair whose mean exceeds t · se at one look', () => {
    // one look, S = 2: α = 0.05, t_{0.975,3} · se = 2.0543; mean 2.5 exceeds it
    const d = sequentialDecision({ base, a: plus(base, [1, 2, 3, 4]) }, 'base', { target: 1, first: 4, batch: 2, cap: 4 });
    expect(d.reason).toBe('ranking');
  });
});

describe('sequentialDecision: a strategy behind the baseline', () => {
  it('is separated by the size of its difference, whatever its sign', () => {
    // a − base = −10, −11, −12, −13: |mean| 11.5 > 4.856657 · 0.6454972 = 3.135 at α = 0.05/3
    const d = sequentialDecision({ base, a: plus(base, [-10, -11, -12, -13]) }, 'base', { target: 1, first: 10, batch: 10, cap: 30 });
    expect(d.reason).toBe('ranking');
  });
});

describe('sequentialDecision: the ranking rule checks neighbours in the ranking, not in the input order', () => {
  it('does not establish a ranking whose neighbours b, a are not separated, with the baseline listed between them', () => {
    const a = plus(base, [10, 11, 12, 13]);
    const b = plus(a, [3, 4, 5, 6]); // as above: b − a mean 4.5 < 4.6378
    const d = sequentialDecision({ a, base, b }, 'base', { target: 1, first: 10, batch: 10, cap: 30 });
    expect(d.reason).toBeNull();
  });
});
