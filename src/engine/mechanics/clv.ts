/**
 * Per-customer CLV (docs/model.md §8): each customer's discounted margin (within the horizon and
 * beyond it, as the valuation rule says), discounted to its acquisition step,
 *
 *   CLV_i = value_i / δ^(acquired_i)   (customers present at month 0: value_i)
 *
 * and its summaries overall, by segment, portfolio and cohort (year of acquisition; "initial"),
 * by clv-summary.ts. Runs after the valuation (a run-off adds to every survivor's value).
 */
import type { ReplicationResult } from '../result.ts';
import { summariseClv } from '../clv-summary.ts';
import type { Mechanic } from './mechanic.ts';

export interface ClvState {
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
    const clv = new Float32Array(N);
    const cohort = new Int16Array(N);
    for (let i = 0; i < N; i++) {
      const a = pop.acquired[i];
      clv[i] = a <= 0 ? pop.value[i] : pop.value[i] / Math.pow(delta, a);
      cohort[i] = a < 0 ? -1 : Math.floor((a * monthsPerStep) / 12);
    }
    s.clv = clv;
    s.summary = summariseClv(clv, pop.segment.subarray(0, N), pop.portfolio.subarray(0, N), cohort, m.segmentIds, m.portfolioIds);
  },
};
