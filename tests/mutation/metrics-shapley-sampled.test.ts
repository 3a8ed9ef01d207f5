/**
 * Shapley values by permutation sampling (src/metrics/attribution.ts, more than
 * EXACT_SHAPLEY_MAX = 8 levers: SAMPLED_PERMUTATIONS = 64 seeded permutations), pinned where the
 * answer is known whatever the permutations: an additive game (every marginal is the lever's
 * own weight), and the "any lever" game v(S) = 1 if S is not empty, where a lever's marginal in a
 * permutation is 1 if it comes first, else 0 — so φ_l is the share p_l of permutations it leads,
 * Σ φ = 1, and the sampling SE of φ_l is √(p_l(1 − p_l)/(M − 1)) (SD over the M permutations with
 * divisor M − 1, ÷ √M).
 */
import { describe, expect, it } from 'vitest';
import { coalitionKey, coalitionsToRun, EXACT_SHAPLEY_MAX, SAMPLED_PERMUTATIONS, shapleyValues } from '../../src/metrics/attribution.ts';

const levers = Array.from({ length: EXACT_SHAPLEY_MAX + 1 }, (_, i) => `l${i}`);
const M = SAMPLED_PERMUTATIONS;

describe('sampled Shapley values (9 levers, 64 permutations)', () => {
  it('an additive game gives each lever its weight in every replication, with no sampling error', () => {
    const w = levers.map((_, i) => i + 1);
    const s = shapleyValues(levers, (on) => [0, 1].map((k) => on.reduce((acc, l) => acc + w[levers.indexOf(l)] * (k + 1), 0)), 5);
    expect(s.method).toBe('shapley-sampled');
    expect(s.permutations).toBe(M);
    levers.forEach((l, i) => {
      expect(s.phi.get(l)).toEqual([w[i], 2 * w[i]]);
      expect(s.samplingSe.get(l)).toBe(0);
    });
  });

  it('the "any lever" game: φ is the share of permutations a lever leads, its SE √(p(1 − p)/(M − 1))', () => {
    const s = shapleyValues(levers, (on) => [on.length ? 1 : 0, on.length ? 3 : 0], 11);
    let total = 0;
    for (const l of levers) {
      const [p, p3] = s.phi.get(l)!;
      expect(Number.isInteger(p * M)).toBe(true); // a whole number of the 64 permutations
      expect(p3).toBeCloseTo(3 * p, 12);
      // the SE is that of the replication-mean marginal (p + 3p)/2 = 2p: √(4 p(1 − p)/(M − 1))
      expect(s.samplingSe.get(l)).toBeCloseTo(Math.sqrt((4 * p * (1 - p)) / (M - 1)), 12);
      total += p;
    }
    expect(total).toBeCloseTo(1, 12);
    // 64 permutations over 9 levers: not all lead the same one (the permutations differ)
    expect(Math.max(...levers.map((l) => s.phi.get(l)![0]))).toBeLessThan(1);
  });

  it('the coalitions to run are prefixes of the permutations: the empty one, never the full set, in lever order', () => {
    const cs = coalitionsToRun(levers, 3);
    const keys = cs.map((c) => coalitionKey(c, levers));
    expect(keys).toContain('');
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of cs) {
      expect(c.length).toBeLessThan(levers.length);
      expect(c).toEqual(levers.filter((l) => c.includes(l)));
    }
    // every prefix size 0..8 occurs, and the same seed gives the same coalitions
    expect(new Set(cs.map((c) => c.length))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8]));
    expect(coalitionsToRun(levers, 3)).toEqual(cs);
    // the game above needs exactly these coalitions' values
    const asked = new Set<string>();
    shapleyValues(levers, (on) => (asked.add(coalitionKey(on, levers)), [on.length]), 3);
    expect(new Set([...asked].filter((k) => k !== levers.join(',')))).toEqual(new Set(keys));
  });
});

describe('exact up to EXACT_SHAPLEY_MAX levers', () => {
  it('8 levers: exact, every proper coalition (2⁸ − 1)', () => {
    const eight = levers.slice(0, EXACT_SHAPLEY_MAX);
    expect(shapleyValues(eight, (on) => [on.length ? 1 : 0]).method).toBe('shapley-exact');
    expect(shapleyValues(eight, (on) => [on.length ? 1 : 0]).phi.get('l0')![0]).toBeCloseTo(1 / 8, 12);
    expect(coalitionsToRun(eight, 3)).toHaveLength(255);
  });
});
