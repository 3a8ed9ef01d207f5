/**
 * Cumulative discounted value flows of one replication, step by step (docs/metrics.md,
 * "Timing"). Step t's flows are discounted by series.discount[t] = (1+d)^−(t+1): end-of-step
 * timing.
 *
 * - customer value flow  = margin − acquisitionCost            (what customer equity sums)
 * - net value flow       = margin − acquisitionCost − cxSpend − workforceCost
 */
import type { ReplicationResult } from '../engine/result.ts';
import { series } from './series.ts';

/** Σ_{s≤t} discount[s]·Σ_i sign_i·series_i[s] for every step t. */
function cumulativeDiscounted(r: ReplicationResult, terms: [name: string, sign: number][]): Float64Array {
  const disc = series(r, 'discount');
  const parts = terms.map(([name, sign]) => [series(r, name), sign] as const);
  const out = new Float64Array(r.steps);
  let acc = 0;
  for (let t = 0; t < r.steps; t++) {
    let flow = 0;
    for (const [s, sign] of parts) flow += sign * s[t];
    acc += disc[t] * flow;
    out[t] = acc;
  }
  return out;
}

/** Cumulative discounted margin − acquisition cost, by step (customer equity without terminal value). */
export function cumulativeCustomerValue(r: ReplicationResult): Float64Array {
  return cumulativeDiscounted(r, [
    ['margin', 1],
    ['acquisitionCost', -1],
  ]);
}

/** Cumulative discounted net value (after CX spend and workforce costs), by step. */
export function cumulativeNetValue(r: ReplicationResult): Float64Array {
  return cumulativeDiscounted(r, [
    ['margin', 1],
    ['acquisitionCost', -1],
    ['cxSpend', -1],
    ['workforceCost', -1],
  ]);
}

/** Cumulative discounted CX spend, by step. */
export function cumulativeCxSpend(r: ReplicationResult): Float64Array {
  return cumulativeDiscounted(r, [['cxSpend', 1]]);
}
