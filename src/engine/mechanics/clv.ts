/**
 * Per-customer CLV (docs/model.md §8): each customer's discounted margin (within the horizon and
 * beyond it, as the valuation rule says), discounted to its acquisition step,
 *
 *   CLV_i = value_i / δ^(acquired_i)   (customers present at month 0: value_i)
 *
 * and its summaries overall, by segment, portfolio and cohort (year of acquisition; "initial"),
 * by clv-summary.ts. Runs after the valuation (a run-off adds to every survivor's value), last of
 * all mechanics.
 *
 * Memory: the pass allocates nothing per customer. It consumes the population: each customer's
 * value becomes its CLV in place (a Float32 either way, so the same numbers), and arrays nothing
 * reads after the run-off lend their buffers — the cohort (Int16) takes satisfaction's, the sort
 * order hazard's and the sort's work array sensitivity's. After finish(), value holds the CLV and
 * hazard, sensitivity and satisfaction hold scratch; the result's per-customer detail reads only
 * segment, portfolio, acquisition step and alive flag, and copies the CLV.
 */
import type { ReplicationResult } from '../result.ts';
import { summariseClv } from '../clv-summary.ts';
import type { Mechanic } from './mechanic.ts';

export interface ClvState {
  /** Per customer, a view of the population's value array (copy it to keep it). */
  clv: Float32Array;
  summary: ReplicationResult['clv'] | null;
}

export const clv: Mechanic<ClvState> = {
  name: 'clv',
  start() {
    return { clv: new Float32Array(0), summary: null };
  },
  finish(s, r) {
    const { m, pop } = r;
    const delta = m.clock.discountPerStep;
    const monthsPerStep = m.clock.monthsPerStep;
    const N = pop.size;
    const clv = pop.value.subarray(0, N);
    const cohort = new Int16Array(pop.satisfaction.buffer, pop.satisfaction.byteOffset, N);
    const acquired = pop.acquired;
    for (let i = 0; i < N; i++) {
      const a = acquired[i];
      if (a > 0) clv[i] = clv[i] / Math.pow(delta, a);
      cohort[i] = a < 0 ? -1 : Math.floor((a * monthsPerStep) / 12);
    }
    s.clv = clv;
    const order = new Uint32Array(pop.hazard.buffer, pop.hazard.byteOffset, N);
    const work = new Uint32Array(pop.sensitivity.buffer, pop.sensitivity.byteOffset, N);
    s.summary = summariseClv(clv, pop.segment.subarray(0, N), pop.portfolio.subarray(0, N), cohort, m.segmentIds, m.portfolioIds, { order, work });
  },
};
