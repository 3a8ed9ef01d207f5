/**
 * Cumulative discounted value flows of one replication, step by step (docs/metrics.md,
 * "Timing"), within the horizon. Discount factors: series.discount[t] = (1+d)^−(t+1) (end of
 * step t) and series["discount.start"][t] = (1+d)^−t (its start). The margin is discounted as
 * the valuation's paymentTiming says (arrears: end, advance: start); lever spend at the start of
 * the step (it builds capital there); offers and portfolio treatments with the margin;
 * acquisition cost and workforce cost at the end.
 *
 * - customer value flow  = margin − acquisitionCost            (what customer equity sums)
 * - net value flow       = margin − acquisitionCost − cxSpend − workforceCost
 */
import type { ReplicationResult } from '../engine/result.ts';
import { series } from './series.ts';

interface Flows {
  margin: number;
  acquisition: number;
  cx: number;
  workforce: number;
}

/** Σ_{s≤t} of the discounted flows chosen by `weights`, for every step t. */
function cumulativeDiscounted(r: ReplicationResult, weights: Flows): Float64Array {
  const end = series(r, 'discount');
  const start = r.series['discount.start'] ?? end;
  const marginDisc = r.valuation?.paymentTiming === 'advance' ? start : end;
  const margin = series(r, 'margin'), acq = series(r, 'acquisitionCost'), cx = series(r, 'cxSpend'), wf = series(r, 'workforceCost');
  const offers = r.series['cxSpend.offers'], treat = r.series['cxSpend.treatment'];
  const out = new Float64Array(r.steps);
  let acc = 0;
  for (let t = 0; t < r.steps; t++) {
    const customerCx = (offers ? offers[t] : 0) + (treat ? treat[t] : 0);
    const leverCx = cx[t] - customerCx;
    acc +=
      weights.margin * margin[t] * marginDisc[t] +
      weights.acquisition * acq[t] * end[t] +
      weights.cx * (leverCx * start[t] + customerCx * marginDisc[t]) +
      weights.workforce * wf[t] * end[t];
    out[t] = acc;
  }
  return out;
}

/** Cumulative discounted margin − acquisition cost, by step (customer equity within the horizon). */
export function cumulativeCustomerValue(r: ReplicationResult): Float64Array {
  return cumulativeDiscounted(r, { margin: 1, acquisition: -1, cx: 0, workforce: 0 });
}

/** Cumulative discounted net value (after CX spend and workforce costs), by step. */
export function cumulativeNetValue(r: ReplicationResult): Float64Array {
  return cumulativeDiscounted(r, { margin: 1, acquisition: -1, cx: -1, workforce: -1 });
}

/** Cumulative discounted CX spend, by step. */
export function cumulativeCxSpend(r: ReplicationResult): Float64Array {
  return cumulativeDiscounted(r, { margin: 0, acquisition: 0, cx: 1, workforce: 0 });
}

/**
 * The discount factors of a series' money: lever spend (cxSpend.<lever>) at the start of each
 * step; margin, offers and treatments as paymentTiming says; the total cxSpend mixes both and
 * is handled by cumulativeCxSpend; everything else (acquisition, workforce) at the end.
 */
export function discountOf(r: ReplicationResult, name: string): Float64Array {
  const end = series(r, 'discount');
  const start = r.series['discount.start'] ?? end;
  const marginDisc = r.valuation?.paymentTiming === 'advance' ? start : end;
  if (name === 'margin' || name === 'cxSpend.offers' || name === 'cxSpend.treatment' || name.startsWith('margin.')) return marginDisc;
  if (name.startsWith('cxSpend.')) return start;
  if (name === 'cxSpend') {
    const cx = series(r, name), offers = r.series['cxSpend.offers'], treat = r.series['cxSpend.treatment'];
    return Float64Array.from(cx, (x, t) => {
      const customer = (offers ? offers[t] : 0) + (treat ? treat[t] : 0);
      return x !== 0 ? ((x - customer) * start[t] + customer * marginDisc[t]) / x : start[t];
    });
  }
  return end;
}

/** Discounted acquisition cost of step t alone (customers who join after step t's valuation date). */
export function discountedAcquisitionCost(r: ReplicationResult, t: number): number {
  return series(r, 'acquisitionCost')[t] * series(r, 'discount')[t];
}
