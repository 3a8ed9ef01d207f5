/**
 * CLV by segment, portfolio and acquisition cohort across replications (docs/metrics.md,
 * "CLV"). Each replication reports a summary of its per-customer CLV distribution per group;
 * here the mean CLV gets an interval summary over replications, and the distribution's
 * percentiles are averaged over replications (the typical customer spread of one run).
 */
import type { ClvSummary, ReplicationResult } from '../engine/result.ts';
import { summarise, type IntervalSummary } from './interval.ts';

/** The percentiles of a per-customer CLV distribution (the quantile part of the engine's ClvSummary). */
export type ClvDistribution = Pick<ClvSummary, 'min' | 'p5' | 'p25' | 'p50' | 'p75' | 'p95' | 'max'>;

export interface ClvGroup {
  /** Mean CLV per customer, summarised over the replications where the group has customers; null if fewer than 2. */
  mean: IntervalSummary | null;
  /** Customers in the group, mean over replications. */
  count: number;
  /** Replications in which the group had customers. */
  replications: number;
  /** Per-customer CLV percentiles, averaged over those replications. */
  distribution: ClvDistribution | null;
}

export type ClvGrouping = 'bySegment' | 'byPortfolio' | 'byCohort';

function group(summaries: (ClvSummary | undefined)[]): ClvGroup {
  const present = summaries.filter((s): s is ClvSummary => s !== undefined && s.count > 0);
  const count = summaries.reduce((a, s) => a + (s?.count ?? 0), 0) / Math.max(summaries.length, 1);
  if (present.length === 0) return { mean: null, count, replications: 0, distribution: null };
  const avg = (k: keyof ClvDistribution) => present.reduce((a, s) => a + s[k], 0) / present.length;
  return {
    mean: present.length >= 2 ? summarise(present.map((s) => s.mean)) : null,
    count,
    replications: present.length,
    distribution: { min: avg('min'), p5: avg('p5'), p25: avg('p25'), p50: avg('p50'), p75: avg('p75'), p95: avg('p95'), max: avg('max') },
  };
}

/** CLV of every customer of the strategy. */
export function clvOverall(results: ReplicationResult[]): ClvGroup {
  return group(results.map((r) => r.clv.all));
}

/** CLV by segment, portfolio or cohort; keys in first-seen order. */
export function clvBy(results: ReplicationResult[], grouping: ClvGrouping): Record<string, ClvGroup> {
  const keys: string[] = [];
  for (const r of results) for (const k of Object.keys(r.clv[grouping])) if (!keys.includes(k)) keys.push(k);
  const out: Record<string, ClvGroup> = {};
  for (const k of keys) out[k] = group(results.map((r) => r.clv[grouping][k]));
  return out;
}
