/**
 * Attribution of a strategy's net-equity gain over the baseline to levers, by Shapley values
 * (Shapley 1953; docs/metrics.md, "Attribution"). No arbitrary order of switching levers off
 * and no "interactions" bar: every lever gets its average marginal contribution over all
 * orders in which the levers could be switched on.
 *
 * With common random numbers, in replication k, the game over the levers ℓ ∈ U (the levers
 * either the strategy S or the baseline B spends on) is
 *
 *   w_k(T) = NE_k(S with only the levers in T on) − NE_k(B with only the levers in T on),  T ⊆ U
 *
 * ("on" = spending as written; "off" as in ./without-lever.ts: its spend removed wherever it
 * comes from). Then w_k(U) = NE_k(S) − NE_k(B) is the total gain, and
 *
 *   φ_ℓ,k = Σ_{T ⊆ U∖{ℓ}} |T|!(|U|−|T|−1)!/|U|! · (w_k(T ∪ {ℓ}) − w_k(T))
 *
 * adds up exactly (efficiency): Σ_ℓ φ_ℓ,k + w_k(∅) = total_k. w_k(∅) is what is not a lever
 * at all — S and B with every lever off (strategy overrides, treatments) — 0 when neither
 * strategy has any. By linearity φ_ℓ = φ_ℓ(S's own game) − φ_ℓ(B's own game), so only
 * coalitions of each strategy's own levers are simulated: 2^L − 1 extra runs of a strategy with
 * L levers (exact up to EXACT_SHAPLEY_MAX = 8 levers). Above that, M random permutations
 * (seeded) are sampled and φ is the mean marginal contribution along them; the sampling error
 * (sd over permutations / √M) is reported with each value.
 */
import type { ReplicationResult } from '../engine/result.ts';
import { deriveStream } from '../random/seeds.ts';
import { pairByReplication, withPBeats, type PairedDifference } from './paired-difference.ts';

/** Up to this many levers, Shapley values are computed exactly (2^L coalitions). */
export const EXACT_SHAPLEY_MAX = 8;
/** Permutations sampled above EXACT_SHAPLEY_MAX levers. */
export const SAMPLED_PERMUTATIONS = 64;

export interface LeverContribution {
  lever: string;
  /** Whether the strategy and/or the baseline spend on the lever. */
  usedBy: 'strategy' | 'baseline' | 'both';
  /** φ_ℓ per replication, summarised (t CI over replications). */
  contribution: PairedDifference;
  /** Standard error from sampling permutations (sampled method only; 0 when exact). */
  samplingSe: number;
}

export interface Attribution {
  strategy: string;
  /** Net equity of the strategy minus the baseline's, on the attribution's replications. */
  total: PairedDifference;
  levers: LeverContribution[];
  /** w(∅): what is not a lever (both strategies with every lever off); 0 without overrides. */
  remainder: PairedDifference;
  /** How the Shapley values were computed. */
  method: 'shapley-exact' | 'shapley-sampled';
  /** Permutations sampled (sampled method). */
  permutations: number | null;
  /** Replications the attribution used (replications 0..n−1 of the comparison). */
  replications: number;
}

/** Coalition runs: the strategy with only `levers` on (every other active lever off). */
export interface CoalitionRuns {
  levers: string[];
  results: ReplicationResult[];
}

/** A canonical key of a coalition (levers in the given order). */
export const coalitionKey = (on: readonly string[], order: readonly string[]): string => order.filter((l) => on.includes(l)).join(',');

/**
 * The coalitions (proper subsets of `levers`, each as the levers on) to simulate for a
 * strategy: all of them up to EXACT_SHAPLEY_MAX levers, else the prefixes of seeded random
 * permutations. The full set is the strategy itself and is not listed.
 */
export function coalitionsToRun(levers: readonly string[], seed: number): string[][] {
  const L = levers.length;
  const out = new Map<string, string[]>();
  if (L <= EXACT_SHAPLEY_MAX) {
    for (let mask = 0; mask < (1 << L) - 1; mask++) {
      const on = levers.filter((_, i) => mask & (1 << i));
      out.set(coalitionKey(on, levers), on);
    }
  } else {
    for (const perm of permutations(levers, seed)) {
      for (let j = 0; j < L; j++) {
        const on = perm.slice(0, j);
        out.set(coalitionKey(on, levers), levers.filter((l) => on.includes(l)));
      }
    }
  }
  return [...out.values()];
}

function permutations(levers: readonly string[], seed: number): string[][] {
  const u = deriveStream(seed, 'shapley-permutations', levers.length);
  return Array.from({ length: SAMPLED_PERMUTATIONS }, () => {
    const p = levers.slice();
    for (let i = p.length - 1; i > 0; i--) {
      const j = Math.min(i, Math.floor(u() * (i + 1)));
      [p[i], p[j]] = [p[j], p[i]];
    }
    return p;
  });
}

const factorial = (n: number) => {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
};

/**
 * Shapley values of a game given by its value on every needed coalition.
 * @param v value of a coalition (levers on), one number per replication.
 * @returns per lever, φ per replication, and the permutation-sampling SE of its mean.
 */
export function shapleyValues(
  levers: readonly string[],
  v: (on: string[]) => number[],
  seed = 0,
): { phi: Map<string, number[]>; samplingSe: Map<string, number>; method: Attribution['method']; permutations: number | null } {
  const L = levers.length;
  const phi = new Map<string, number[]>();
  const samplingSe = new Map<string, number>();
  if (L === 0) return { phi, samplingSe, method: 'shapley-exact', permutations: null };
  const cache = new Map<string, number[]>();
  const val = (on: string[]) => {
    const key = coalitionKey(on, levers);
    let x = cache.get(key);
    if (!x) cache.set(key, (x = v(levers.filter((l) => on.includes(l)))));
    return x;
  };
  const n = val([]).length;
  if (L <= EXACT_SHAPLEY_MAX) {
    for (const lever of levers) {
      const others = levers.filter((l) => l !== lever);
      const acc = new Array<number>(n).fill(0);
      for (let mask = 0; mask < 1 << others.length; mask++) {
        const T = others.filter((_, i) => mask & (1 << i));
        const weight = (factorial(T.length) * factorial(L - T.length - 1)) / factorial(L);
        const withL = val([...T, lever]);
        const without = val(T);
        for (let k = 0; k < n; k++) acc[k] += weight * (withL[k] - without[k]);
      }
      phi.set(lever, acc);
      samplingSe.set(lever, 0);
    }
    return { phi, samplingSe, method: 'shapley-exact', permutations: null };
  }
  const perms = permutations(levers, seed);
  const marginals = new Map<string, number[][]>(levers.map((l) => [l, []]));
  for (const p of perms) {
    for (let j = 0; j < L; j++) {
      const a = val(p.slice(0, j + 1));
      const b = val(p.slice(0, j));
      marginals.get(p[j])!.push(a.map((x, k) => x - b[k]));
    }
  }
  for (const lever of levers) {
    const ms = marginals.get(lever)!;
    const M = ms.length;
    phi.set(lever, Array.from({ length: n }, (_, k) => ms.reduce((s, m) => s + m[k], 0) / M));
    // sampling error of the mean over replications, from the spread over permutations
    const means = ms.map((m) => m.reduce((s, x) => s + x, 0) / n);
    const mu = means.reduce((s, x) => s + x, 0) / M;
    samplingSe.set(lever, M > 1 ? Math.sqrt(means.reduce((s, x) => s + (x - mu) ** 2, 0) / (M - 1) / M) : 0);
  }
  return { phi, samplingSe, method: 'shapley-sampled', permutations: perms.length };
}

const net = (r: ReplicationResult) => r.totals.netEquity;

/** One strategy's own game: v(T) = NE(strategy with only T on), from its coalition runs and its full run. */
function ownGame(full: ReplicationResult[], levers: string[], runs: CoalitionRuns[]): (on: string[]) => number[] {
  return (on) => {
    const key = coalitionKey(on, levers);
    if (key === coalitionKey(levers, levers)) return full.map(net);
    const c = runs.find((r) => coalitionKey(r.levers, levers) === key);
    if (!c) throw new RangeError(`attribution: no runs of "${full[0]?.strategy}" with only [${on.join(', ')}] on`);
    const [, paired] = pairByReplication(full, c.results);
    return paired.map(net);
  };
}

/**
 * @param strategy, baseline replications of the two strategies as run (the same replications).
 * @param strategyLevers, baselineLevers each one's active levers (scenario order).
 * @param strategyRuns, baselineRuns coalition runs of each (every proper subset of its levers, or the sampled ones).
 */
export function attribute(
  strategy: ReplicationResult[],
  baseline: ReplicationResult[],
  strategyLevers: string[],
  strategyRuns: CoalitionRuns[],
  baselineLevers: string[] = [],
  baselineRuns: CoalitionRuns[] = [],
  seed = 0,
): Attribution {
  const [s, b] = pairByReplication(strategy, baseline);
  const total = s.map((r, k) => net(r) - net(b[k]));
  const gs = shapleyValues(strategyLevers, ownGame(s, strategyLevers, strategyRuns), seed);
  const gb = shapleyValues(baselineLevers, ownGame(b, baselineLevers, baselineRuns), seed);
  const emptyS = strategyLevers.length ? ownGame(s, strategyLevers, strategyRuns)([]) : s.map(net);
  const emptyB = baselineLevers.length ? ownGame(b, baselineLevers, baselineRuns)([]) : b.map(net);
  const levers = [...strategyLevers, ...baselineLevers.filter((l) => !strategyLevers.includes(l))];
  const zero = s.map(() => 0);
  const contributions: LeverContribution[] = levers.map((lever) => {
    const ps = gs.phi.get(lever) ?? zero;
    const pb = gb.phi.get(lever) ?? zero;
    const inS = strategyLevers.includes(lever);
    const inB = baselineLevers.includes(lever);
    return {
      lever,
      usedBy: inS && inB ? 'both' : inS ? 'strategy' : 'baseline',
      contribution: withPBeats(ps.map((x, k) => x - pb[k])),
      samplingSe: Math.hypot(gs.samplingSe.get(lever) ?? 0, gb.samplingSe.get(lever) ?? 0),
    };
  });
  const sampled = gs.method === 'shapley-sampled' || gb.method === 'shapley-sampled';
  return {
    strategy: s[0].strategy,
    total: withPBeats(total),
    levers: contributions,
    remainder: withPBeats(emptyS.map((x, k) => x - emptyB[k])),
    method: sampled ? 'shapley-sampled' : 'shapley-exact',
    permutations: sampled ? Math.max(gs.permutations ?? 0, gb.permutations ?? 0) : null,
    replications: s.length,
  };
}
