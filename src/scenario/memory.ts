/**
 * How much memory a run of a scenario needs, estimated before running it: the engine keeps
 * per-customer state in typed arrays (about BYTES_PER_CUSTOMER bytes for every customer
 * ever simulated in a replication), and each worker thread holds one replication at a time.
 */
import type { Distribution, Param, Scenario } from './schema.ts';

/** Bytes of engine state per simulated customer per replication (typed arrays, rounded up). */
export const BYTES_PER_CUSTOMER = 100;
/** Share of the machine's memory a run may plan to use. */
export const MEMORY_SHARE = 0.6;

export interface MemoryEstimate {
  /** Simulated customers of one replication: present at month 0 plus expected acquisitions. */
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
    case 'empirical':
      return d.values.reduce((a, b) => a + b, 0) / d.values.length;
  }
}

/**
 * Simulated customers = Σ over segments of (initialCustomers + horizon × prospects × conversion)
 * / agentScale. Referrals and acquisition levers add customers the estimate leaves out, so it
 * is a lower bound of the need, not an upper one.
 */
export function estimateMemory(scenario: Scenario, threads: number): MemoryEstimate {
  let real = 0;
  for (const seg of Object.values(scenario.segments)) {
    const monthly = expectedValue(seg.acquisition.prospectsPerMonth) * expectedValue(seg.acquisition.conversion);
    real += seg.initialCustomers + scenario.meta.horizonMonths * monthly;
  }
  const customers = Math.ceil(real / scenario.meta.agentScale);
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
