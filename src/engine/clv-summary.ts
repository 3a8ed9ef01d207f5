/**
 * Summaries of per-customer CLV by segment, portfolio and acquisition cohort: count, mean,
 * standard deviation and quantiles (type 7, as simple-statistics' quantileSorted: linear between
 * the order statistics around (n−1)·p).
 *
 * Lean on memory for million-customer runs: one sort serves all (sorted-order.ts, a radix sort in
 * `Float32Array.prototype.sort`'s own total order, 4 bytes per customer), and no sorted copy of
 * the values is made. Walking the order visits every group's members in ascending order of value,
 * so two walks give, for every group of every grouping at once, the sum and the sum of squares
 * accumulated in exactly the order a sorted run would give, and the order statistics the
 * quantiles need: the same summaries, bit for bit, as sorting each group's values
 * (tests/engine/clv-summary-order.test.ts keeps that reference). With `scratch`, the order and the
 * sort's work array are arrays the caller no longer needs (the engine lends the population's:
 * mechanics/clv.ts), and the summaries allocate nothing per customer.
 */
import { sortedOrder } from './sorted-order.ts';
import type { ClvSummary, ReplicationResult } from './result.ts';

const EMPTY: ClvSummary = { count: 0, mean: 0, sd: 0, min: 0, p5: 0, p25: 0, p50: 0, p75: 0, p95: 0, max: 0 };
const PROBS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/** Most order statistics one group's summary reads: min, max and two per quantile. */
const NEEDS = 2 + 2 * PROBS.length;

/**
 * The summaries of one grouping (group ids small integers, e.g. −1 for the initial cohort; `group`
 * null: one group of everything) from two walks of the ascending order: sums, then sums of squares
 * about the mean and the order statistics the quantiles read.
 */
function summariseGroups(clv: Float32Array, order: Uint32Array, group: Uint8Array | Int16Array | null): { lo: number; count: Float64Array; summaries: ClvSummary[] } {
  const n = clv.length;
  let lo = 0, hi = 0;
  if (group) {
    for (let i = 0; i < n; i++) {
      if (group[i] < lo) lo = group[i];
      if (group[i] > hi) hi = group[i];
    }
  }
  const G = hi - lo + 1;
  const count = new Float64Array(G);
  if (group) for (let i = 0; i < n; i++) count[group[i] - lo]++;
  else count[0] = n;
  // the ranks each group needs, ascending and distinct (flat, NEEDS per group), and where to find them
  const need = new Float64Array(G * NEEDS).fill(-1);
  const needs = new Int32Array(G);
  for (let g = 0; g < G; g++) {
    const c = count[g];
    const ranks = [0, c - 1];
    for (const p of PROBS) ranks.push(Math.floor((c - 1) * p), Math.ceil((c - 1) * p));
    const distinct = [...new Set(ranks)].filter((r) => r >= 0).sort((a, b) => a - b);
    distinct.forEach((r, k) => (need[g * NEEDS + k] = r));
    needs[g] = distinct.length;
  }
  const sum = new Float64Array(G);
  if (group) {
    for (let j = 0; j < n; j++) {
      const i = order[j];
      sum[group[i] - lo] += clv[i];
    }
  } else {
    let s0 = 0;
    for (let j = 0; j < n; j++) s0 += clv[order[j]];
    sum[0] = s0;
  }
  const mean = new Float64Array(G);
  for (let g = 0; g < G; g++) mean[g] = sum[g] / count[g];
  const ss = new Float64Array(G);
  const rank = new Float64Array(G);
  const next = new Int32Array(G); // index into need of the next rank to capture
  const got = new Float64Array(G * NEEDS);
  for (let j = 0; j < n; j++) {
    const i = order[j];
    const v = clv[i];
    const g = group ? group[i] - lo : 0;
    ss[g] += (v - mean[g]) ** 2;
    const r = rank[g]++;
    const k = next[g];
    if (k < needs[g] && need[g * NEEDS + k] === r) {
      got[g * NEEDS + k] = v;
      next[g] = k + 1;
    }
  }
  const summaries: ClvSummary[] = [];
  for (let g = 0; g < G; g++) {
    const c = count[g];
    if (c === 0) {
      summaries.push({ ...EMPTY });
      continue;
    }
    const at = (r: number) => {
      for (let k = 0; k < needs[g]; k++) if (need[g * NEEDS + k] === r) return got[g * NEEDS + k];
      throw new Error(`clv summary: rank ${r} was not kept`);
    };
    // quantileSorted (type 7) for 0 < p < 1: an integer index is that order statistic, otherwise linear between the two around it
    const q = (p: number) => {
      const idx = (c - 1) * p;
      if (idx % 1 === 0) return at(idx);
      const lower = Math.floor(idx), upper = Math.ceil(idx);
      return at(lower) + (idx - lower) * (at(upper) - at(lower));
    };
    summaries.push({ count: c, mean: mean[g], sd: c > 1 ? Math.sqrt(ss[g] / (c - 1)) : 0, min: at(0), p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95), max: at(c - 1) });
  }
  return { lo, count, summaries };
}

function byKey(r: ReturnType<typeof summariseGroups>, keyOf: (g: number) => string): Record<string, ClvSummary> {
  const out: Record<string, ClvSummary> = {};
  r.summaries.forEach((s, g) => {
    if (r.count[g] > 0) out[keyOf(g + r.lo)] = s;
  });
  return out;
}

export function summariseClv(
  clv: Float32Array,
  segment: Uint8Array,
  portfolio: Uint8Array,
  cohort: Int16Array,
  segmentIds: readonly string[],
  portfolioIds: readonly string[],
  scratch?: { order: Uint32Array; work: Uint32Array },
): ReplicationResult['clv'] {
  const n = clv.length;
  if (n === 0) return { all: { ...EMPTY }, bySegment: {}, byPortfolio: {}, byCohort: {} };
  const order = sortedOrder(clv, scratch?.work, scratch?.order);
  return {
    all: summariseGroups(clv, order, null).summaries[0],
    bySegment: byKey(summariseGroups(clv, order, segment), (g) => segmentIds[g]),
    byPortfolio: byKey(summariseGroups(clv, order, portfolio), (g) => portfolioIds[g]),
    byCohort: byKey(summariseGroups(clv, order, cohort), (g) => (g < 0 ? 'initial' : `y${g + 1}`)),
  };
}
