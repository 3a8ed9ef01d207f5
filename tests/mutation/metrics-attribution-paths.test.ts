/**
 * src/metrics/attribution.ts beyond the exact path: the seeded permutations of the sampled
 * path (a textbook Fisher–Yates shuffle driven by the stream documented in the file,
 * deriveStream(seed, 'shapley-permutations', L)), attribute() when only one side samples, the
 * lever's `usedBy`, the permutation-sampling SE carried into each lever, the messages for
 * missing coalition runs, and how often the game is evaluated (each coalition once; none for
 * no levers). Every expected number is derived here by hand from the game, not read from the
 * code under test.
 */
import { describe, expect, it } from 'vitest';
import { attribute, coalitionKey, coalitionsToRun, EXACT_SHAPLEY_MAX, SAMPLED_PERMUTATIONS, shapleyValues, type CoalitionRuns } from '../../src/metrics/attribution.ts';
import { deriveStream } from '../../src/random/seeds.ts';
import { makeResult } from '../helpers/replication-result.ts';

const M = SAMPLED_PERMUTATIONS;
const nine = Array.from({ length: EXACT_SHAPLEY_MAX + 1 }, (_, i) => `l${i}`);

/** The permutations the doc comment describes: Fisher–Yates from the last position down, j uniform in 0..i. */
function oraclePermutations(levers: string[], seed: number): string[][] {
  const u = deriveStream(seed, 'shapley-permutations', levers.length);
  const out: string[][] = [];
  for (let m = 0; m < M; m++) {
    const p = levers.slice();
    for (let i = p.length - 1; i >= 1; i--) {
      const j = Math.floor(u() * (i + 1));
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    out.push(p);
  }
  return out;
}

/** How many of the permutations each lever leads. */
const leads = (perms: string[][], l: string) => perms.filter((p) => p[0] === l).length;

describe('the sampled permutations are the seeded Fisher–Yates shuffles', () => {
  it('the "first lever" game gives each lever the share of the oracle permutations it leads', () => {
    for (const seed of [0, 7]) {
      const perms = oraclePermutations(nine, seed);
      const s = shapleyValues(nine, (on) => [on.length > 0 ? 1 : 0], seed);
      for (const l of nine) expect(s.phi.get(l)![0]).toBe(leads(perms, l) / M);
    }
  });

  it('the coalitions to run are the prefixes of the oracle permutations, in first-seen order', () => {
    const perms = oraclePermutations(nine, 3);
    const expected = new Map<string, string[]>();
    for (const p of perms)
      for (let j = 0; j < nine.length; j++) {
        const on = nine.filter((l) => p.slice(0, j).includes(l));
        expected.set(on.join(','), on);
      }
    expect(coalitionsToRun(nine, 3)).toEqual([...expected.values()]);
  });
});

// Replications 0 and 1; net equity of a coalition T of the strategy's levers in replication k:
// (k + 1)·(100·[T ≠ ∅] + Σ_{l∈T} w_l), w_l = index + 1. The strategy with every lever on is the
// full run. φ_l,k = (k + 1)·(100·lead_l/M + w_l), its mean over replications 1.5·(100·p_l + w_l);
// the marginal of l in one permutation, averaged over replications, is 1.5·(100·[l leads] + w_l),
// so its SD over the M permutations (divisor M − 1) is 150·√(p(1 − p)·M/(M − 1)) and the SE of
// the mean 150·√(p(1 − p)/(M − 1)).
const w = (l: string) => Number(l.slice(1)) + 1;
const game = (on: string[], k: number) => (k + 1) * ((on.length > 0 ? 100 : 0) + on.reduce((a, l) => a + w(l), 0));
const result = (strategy: string, k: number, netEquity: number) => makeResult({ strategy, replication: k, steps: 1, totals: { netEquity } });
const full = (strategy: string, levers: string[], plus = 0) => [0, 1].map((k) => result(strategy, k, game(levers, k) + plus));
const runsOf = (strategy: string, levers: string[], seed: number, plus = 0): CoalitionRuns[] =>
  coalitionsToRun(levers, seed).map((on) => ({ levers: on, results: [0, 1].map((k) => result(strategy, k, game(on, k) + plus)) }));
const flat = (strategy: string, ne: number) => [0, 1].map((k) => result(strategy, k, ne));

describe('attribute() when one side samples permutations', () => {
  const seed = 5;
  // the oracle does not call the code under test, so it may run in the describe body
  const perms = oraclePermutations(nine, seed);
  const p = (l: string) => leads(perms, l) / M;

  it('only the strategy samples: sampled method, 64 permutations, each lever its φ and SE', () => {
    const a = attribute(full('S', nine), flat('B', 7), nine, runsOf('S', nine, seed), [], [], seed);
    expect(a.method).toBe('shapley-sampled');
    expect(a.permutations).toBe(M);
    expect(a.levers.map((x) => x.lever)).toEqual(nine);
    for (const x of a.levers) {
      expect(x.usedBy).toBe('strategy');
      expect(x.contribution.mean).toBeCloseTo(1.5 * (100 * p(x.lever) + w(x.lever)), 10);
      expect(x.samplingSe).toBeCloseTo(150 * Math.sqrt((p(x.lever) * (1 - p(x.lever))) / (M - 1)), 10);
    }
    // some lever leads some but not all permutations, so some SE is positive
    expect(Math.max(...a.levers.map((x) => x.samplingSe))).toBeGreaterThan(0);
    // w(∅) = 0 − 7 in each replication
    expect(a.remainder.mean).toBe(-7);
    // total: (k + 1)·(100 + 45) − 7, mean 1.5·145 − 7
    expect(a.total.mean).toBeCloseTo(1.5 * 145 - 7, 10);
  });

  it('only the baseline samples: sampled method, 64 permutations, each lever minus its φ and the same SE', () => {
    const a = attribute(flat('S', 7), full('B', nine), [], [], nine, runsOf('B', nine, seed), seed);
    expect(a.method).toBe('shapley-sampled');
    expect(a.permutations).toBe(M);
    for (const x of a.levers) {
      expect(x.usedBy).toBe('baseline');
      expect(x.contribution.mean).toBeCloseTo(-1.5 * (100 * p(x.lever) + w(x.lever)), 10);
      expect(x.samplingSe).toBeCloseTo(150 * Math.sqrt((p(x.lever) * (1 - p(x.lever))) / (M - 1)), 10);
    }
    expect(a.remainder.mean).toBe(7);
  });

  it('both sample: the SEs add in quadrature, the permutations are 64', () => {
    // the baseline's game is the strategy's plus 3 in every coalition: φ cancels, w(∅) = −3
    const a = attribute(full('S', nine), full('B', nine, 3), nine, runsOf('S', nine, seed), nine, runsOf('B', nine, seed, 3), seed);
    expect(a.method).toBe('shapley-sampled');
    expect(a.permutations).toBe(M);
    for (const x of a.levers) {
      expect(x.usedBy).toBe('both');
      expect(Math.abs(x.contribution.mean)).toBeLessThan(1e-9);
      expect(x.samplingSe).toBeCloseTo(Math.SQRT2 * 150 * Math.sqrt((p(x.lever) * (1 - p(x.lever))) / (M - 1)), 10);
    }
    expect(a.remainder.mean).toBe(-3);
  });
});

describe('attribute() with exact games on both sides', () => {
  // strategy levers a, b: v_S(T) = (k + 1)·(10·[a ∈ T] + 20·[b ∈ T]); baseline levers b, c:
  // v_B(T) = (k + 1)·(5·[b ∈ T] + 40·[c ∈ T]). φ_a = 10(k+1), φ_b = (20 − 5)(k+1), φ_c = −40(k+1).
  const vS = (on: string[], k: number) => (k + 1) * ((on.includes('a') ? 10 : 0) + (on.includes('b') ? 20 : 0));
  const vB = (on: string[], k: number) => (k + 1) * ((on.includes('b') ? 5 : 0) + (on.includes('c') ? 40 : 0));
  const runs = (st: string, levers: string[], v: typeof vS): CoalitionRuns[] =>
    coalitionsToRun(levers, 0).map((on) => ({ levers: on, results: [0, 1].map((k) => result(st, k, v(on, k))) }));
  // made inside each test (Stryker's per-test coverage attributes code run in a describe body to no test)
  const attribution = () =>
    attribute(
      [0, 1].map((k) => result('S', k, vS(['a', 'b'], k))),
      [0, 1].map((k) => result('B', k, vB(['b', 'c'], k))),
      ['a', 'b'],
      runs('S', ['a', 'b'], vS),
      ['b', 'c'],
      runs('B', ['b', 'c'], vB),
    );

  it('names who spends on each lever and gives each its paired mean', () => {
    const a = attribution();
    expect(a.levers.map((x) => [x.lever, x.usedBy, x.contribution.mean])).toEqual([
      ['a', 'strategy', 15],
      ['b', 'both', 22.5],
      ['c', 'baseline', -60],
    ]);
  });

  it('exact games have no sampling error, also for a lever only one side spends on', () => {
    const a = attribution();
    expect(a.levers.map((x) => x.samplingSe)).toEqual([0, 0, 0]);
    expect(a.method).toBe('shapley-exact');
    expect(a.permutations).toBeNull();
  });
});

describe('shapleyValues evaluates the game as little as it can', () => {
  it('no levers: exact, nothing to evaluate', () => {
    let calls = 0;
    const s = shapleyValues([], () => (calls++, [1, 2]));
    expect(calls).toBe(0);
    expect(s.method).toBe('shapley-exact');
    expect(s.permutations).toBeNull();
    expect(s.phi.size).toBe(0);
  });

  it('three levers: each of the 2³ coalitions evaluated once', () => {
    const asked: string[] = [];
    const s = shapleyValues(['x', 'y', 'z'], (on) => (asked.push(on.join(',')), [on.length ** 2]));
    expect(asked.length).toBe(8);
    expect(new Set(asked).size).toBe(8);
    // v(T) = |T|²: symmetric, so each φ = v(all)/3 = 3
    expect(s.phi.get('y')![0]).toBeCloseTo(3, 12);
  });
});

describe('missing coalition runs are named', () => {
  const S = [0, 1].map((k) => result('S', k, 1));
  const B = [0, 1].map((k) => result('B', k, 0));

  it('the first coalition asked that has no runs, its levers comma-separated', () => {
    // present: every proper coalition of a, b, c except {a, b}
    const runs: CoalitionRuns[] = coalitionsToRun(['a', 'b', 'c'], 0)
      .filter((on) => coalitionKey(on, ['a', 'b', 'c']) !== 'a,b')
      .map((on) => ({ levers: on, results: S }));
    expect(() => attribute(S, B, ['a', 'b', 'c'], runs)).toThrow(new RangeError('attribution: no runs of "S" with only [a, b] on'));
  });

  it('baseline levers without baseline runs (the default): the baseline\'s empty coalition is missing', () => {
    expect(() => attribute(S, B, [], [], ['x'])).toThrow(new RangeError('attribution: no runs of "B" with only [] on'));
  });

  it('no replications at all: still the attribution\'s RangeError, not a crash on the strategy name', () => {
    expect(() => attribute([], [], ['a'], [])).toThrow(RangeError);
    expect(() => attribute([], [], ['a'], [])).toThrow(/^attribution: no runs of /);
  });
});
