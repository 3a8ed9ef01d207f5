/**
 * Summaries of per-customer CLV by segment, portfolio and acquisition cohort: count, mean,
 * standard deviation and quantiles (simple-statistics' quantileSorted on sorted runs).
 *
 * Lean on memory for million-customer runs: values stay Float32 (as accumulated), and each
 * grouping reuses one scratch array, laid out group by group (a counting sort). One sort serves
 * all: the values' ascending order (sorted-order.ts, a radix sort in sort's own total order) is
 * distributed stably into the groups, so every group's run comes out sorted — the same arrays,
 * hence the same summaries bit for bit, as sorting each run.
 */
import { quantileSorted } from 'simple-statistics';
import { sortedOrder } from './sorted-order.ts';
import type { ClvSummary, ReplicationResult } from './result.ts';

const EMPTY: ClvSummary = { count: 0, mean: 0, sd: 0, min: 0, p5: 0, p25: 0, p50: 0, p75: 0, p95: 0, max: 0 };

/** Summary of values already sorted ascending. */
function summariseSorted(sorted: Float32Array | Float64Array): ClvSummary {
  const n = sorted.length;
  if (n === 0) return { ...EMPTY };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sorted[i] - mean) ** 2;
  const q = (p: number) => quantileSorted(sorted as unknown as number[], p);
  return { count: n, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, min: sorted[0], p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95), max: sorted[n - 1] };
}

/** Summary of any values (sorts a copy). */
export function summarise(values: Float32Array | Float64Array): ClvSummary {
  return summariseSorted(values.slice().sort());
}

function groupBy(clv: Float32Array, group: ArrayLike<number>, keyOf: (g: number) => string, scratch: Float32Array, order: Uint32Array): Record<string, ClvSummary> {
  // group ids are small integers (−1 for the initial cohort): count, then lay out group by group in ascending order of value
  let lo = 0, hi = 0;
  for (let i = 0; i < clv.length; i++) {
    if (group[i] < lo) lo = group[i];
    if (group[i] > hi) hi = group[i];
  }
  const counts = new Float64Array(hi - lo + 1);
  for (let i = 0; i < clv.length; i++) counts[group[i] - lo]++;
  const start = new Float64Array(counts.length + 1);
  for (let g = 0; g < counts.length; g++) start[g + 1] = start[g] + counts[g];
  const fill = start.slice();
  for (let j = 0; j < order.length; j++) {
    const i = order[j];
    scratch[fill[group[i] - lo]++] = clv[i];
  }
  const out: Record<string, ClvSummary> = {};
  for (let g = 0; g < counts.length; g++) {
    if (counts[g] === 0) continue;
    out[keyOf(g + lo)] = summariseSorted(scratch.subarray(start[g], start[g + 1]));
  }
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
  const scratch = new Float32Array(clv.length);
  const order = sortedOrder(clv, new Uint32Array(scratch.buffer)); // the sort's work array is the scratch, reused after
  for (let j = 0; j < order.length; j++) scratch[j] = clv[order[j]];
  const all = summariseSorted(scratch);
  return {
    all,
    bySegment: groupBy(clv, segment, (g) => segmentIds[g], scratch, order),
    byPortfolio: groupBy(clv, portfolio, (g) => portfolioIds[g], scratch, order),
    byCohort: groupBy(clv, cohort, (g) => (g < 0 ? 'initial' : `y${g + 1}`), scratch, order),
  };
}
