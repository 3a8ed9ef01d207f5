/**
 * How much memory a run of a scenario needs, estimated before running it: the engine keeps
 * per-customer state in typed arrays (about BYTES_PER_CUSTOMER bytes for every customer
 * ever simulated in a replication), and each worker thread holds one replication at a time.
 */
import type { Distribution, Param, Scenario } from './schema.ts';
import { drawRange } from './draw-range.ts';

const upperOf = (d: Distribution): number => drawRange(d)[1];

/** Bytes of engine state per simulated customer per replication (typed arrays, rounded up). */
export const BYTES_PER_CUSTOMER = 100;
/** Share of the machine's memory a run may plan to use. */
export const MEMORY_SHARE = 0.6;

export interface MemoryEstimate {
  /** Simulated customers of one replication: an upper bound with acquisitions and referrals (populationBound). */
  customers: number;
  /** Worker threads holding a replication at the same time. */
  threads: number;
  bytes: number;
}

/** Expected value of a parameter (a rough one for truncated normals: the mean clamped to the bounds). */
export function expectedValue(p: Param): number {
  if (typeof p === 'number') return p;
  const d: Distribution = p;
  switch (d.dist) {
    case 'normal':
      return Math.min(Math.max(d.mean, d.min ?? -Infinity), d.max ?? Infinity);
    case 'lognormal':
      return d.mean;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'beta':
      return d.min + ((d.max - d.min) * d.alpha) / (d.alpha + d.beta);
    case 'empirical': {
      let sum = 0;
      for (const v of d.values) sum += v;
      return sum / d.values.length;
    }
  }
}

/** Largest number of simulated customers a replication may hold (src/engine/population.ts stops beyond it). */
export { POPULATION_LIMIT } from '../engine/population-limit.ts';

/**
 * An upper bound of the customers one replication simulates (docs/model.md §3.3), per segment:
 * acquisitions are at most prospectsPerMonth × conversion × 2 per month (an acquisition
 * lever at most doubles conversion), and referrals add at most referralRate × Δ per alive
 * customer per step (every customer a promoter), so
 *   N_g ≤ (initial_g + 2 · horizon · prospects_g · conversion_g) · (1 + referralRate_g·Δ)^T.
 * Real customers; divided by agentScale for simulated ones. It is a bound of the expected
 * population; a run's Poisson counts can exceed it slightly, the engine's hard limit not.
 */
export function populationBound(scenario: Scenario): { customers: number; referralGrowth: number; fastestReferrals?: string } {
  const dt = 12 / scenario.meta.stepsPerYear;
  const T = Math.max(1, Math.round(scenario.meta.horizonMonths / dt));
  let real = 0;
  let growth = 1;
  let fastestReferrals: string | undefined;
  for (const [id, seg] of Object.entries(scenario.segments)) {
    const hi = (p: Param) => (typeof p === 'number' ? p : upperOf(p));
    const acquired = 2 * scenario.meta.horizonMonths * hi(seg.acquisition.prospectsPerMonth) * hi(seg.acquisition.conversion);
    const g = Math.pow(1 + hi(seg.referralRate) * dt, T);
    if (g > growth) {
      growth = g;
      fastestReferrals = id;
    }
    real += (seg.initialCustomers + acquired) * g;
  }
  return { customers: Math.ceil(real / scenario.meta.agentScale), referralGrowth: growth, fastestReferrals };
}

/** Simulated customers of one replication (the bound above) and the bytes of the threads that hold one each. */
export function estimateMemory(scenario: Scenario, threads: number): MemoryEstimate {
  const customers = populationBound(scenario).customers;
  const jobs = scenario.meta.replications * Math.max(1, Object.keys(scenario.strategies).length);
  const workers = Math.max(1, Math.min(threads, jobs));
  return { customers, threads: workers, bytes: customers * BYTES_PER_CUSTOMER * workers };
}

/** The smallest of 1, 2, 5, 10, 20, 50, ... at least `x`. */
export function niceCeiling(x: number): number {
  if (x <= 1) return 1;
  const mag = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * mag >= x) return m * mag;
  return 10 * mag;
}

/** `1.5 GiB`, `240 MiB`. */
export const formatBytes = (bytes: number): string =>
  bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${Math.max(1, Math.round(bytes / 2 ** 20))} MiB`;
