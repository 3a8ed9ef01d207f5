/**
 * Summaries of per-customer CLV by segment, portfolio and acquisition cohort: count, mean,
 * standard deviation and quantiles (simple-statistics on sorted copies).
 */
import { quantileSorted } from 'simple-statistics';
import type { ClvSummary, ReplicationResult } from './result.ts';

export function summarise(values: Float64Array): ClvSummary {
  const n = values.length;
  if (n === 0) return { count: 0, mean: 0, sd: 0, min: 0, p5: 0, p25: 0, p50: 0, p75: 0, p95: 0, max: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  const sorted = Float64Array.from(values).sort(); // typed-array sort is numeric and native

  return {
    count: n,
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    min: sorted[0],
    p5: q(sorted, 0.05),
    p25: q(sorted, 0.25),
    p50: q(sorted, 0.5),
    p75: q(sorted, 0.75),
    p95: q(sorted, 0.95),
    max: sorted[n - 1],
  };
}

const q = (sorted: Float64Array, p: number) => quantileSorted(sorted as unknown as number[], p);

function groupBy(clv: Float32Array, group: ArrayLike<number>, keyOf: (g: number) => string): Record<string, ClvSummary> {
  const counts = new Map<number, number>();
  for (let i = 0; i < clv.length; i++) counts.set(group[i], (counts.get(group[i]) ?? 0) + 1);
  const buckets = new Map<number, { arr: Float64Array; n: number }>();
  for (const [g, c] of counts) buckets.set(g, { arr: new Float64Array(c), n: 0 });
  for (let i = 0; i < clv.length; i++) {
    const b = buckets.get(group[i])!;
    b.arr[b.n++] = clv[i];
  }
  const out: Record<string, ClvSummary> = {};
  for (const g of [...buckets.keys()].sort((a, b) => a - b)) out[keyOf(g)] = summarise(buckets.get(g)!.arr);
  return out;
}

export function summariseClv(
  clv: Float32Array,
  segment: Uint8Array,
  portfolio: Uint8Array,
  cohort: Int16Array,
  segmentIds: readonly string[],
  portfolioIds: readonly string[],
): ReplicationResult['clv'] {
  return {
    all: summarise(Float64Array.from(clv)),
    bySegment: groupBy(clv, segment, (g) => segmentIds[g]),
    byPortfolio: groupBy(clv, portfolio, (g) => portfolioIds[g]),
    byCohort: groupBy(clv, cohort, (g) => (g < 0 ? 'initial' : `y${g + 1}`)),
  };
}
