/**
 * Customer equity over time: "equity if valued at the end of year y" = cumulative discounted
 * (margin − acquisition cost) through year y + the value beyond year y of the customers alive
 * then, by the scenario's valuation (docs/metrics.md, "Valuation at each year end"). Net equity
 * subtracts the cumulative discounted CX spend and workforce costs.
 *
 * - Customers acquired in the year's last step join after the valuation date: neither their
 *   acquisition cost nor their value is counted at that year end.
 * - The value beyond year y (result.valueBeyondByYear) is the survivors' closing perpetuity
 *   with each pool's long-run growth and the year's run-rate costs per customer capitalised
 *   alike — the year-end approximation of the valuation rule; at the horizon's last year it is
 *   the full rule, so the last point equals totals.customerEquity / totals.netEquity.
 * - `beyond` false: within-horizon value only at every year end.
 */
import type { ReplicationResult } from '../engine/result.ts';
import { cumulativeCustomerValue, cumulativeNetValue, discountedAcquisitionCost } from './cumulative-value.ts';

export interface EquityAtYear {
  year: number;
  /** Months elapsed at the valuation date. */
  month: number;
  customerEquity: number;
  netEquity: number;
}

/** Equity valued at each whole year end inside the horizon. */
export function equityByYear(r: ReplicationResult, beyond = true): EquityAtYear[] {
  const customer = cumulativeCustomerValue(r);
  const net = cumulativeNetValue(r);
  const years = Math.min(Math.floor(r.steps / r.stepsPerYear), r.valueBeyondByYear.length);
  const out: EquityAtYear[] = [];
  const last = years * r.stepsPerYear === r.steps ? years : -1;
  for (let y = 1; y <= years; y++) {
    const t = y * r.stepsPerYear - 1;
    const lateAcq = discountedAcquisitionCost(r, t);
    if (y === last && beyond) {
      // the full valuation rule at the horizon
      out.push({ year: y, month: 12 * y, customerEquity: r.totals.customerEquity, netEquity: r.totals.netEquity });
      continue;
    }
    const b = beyond ? r.valueBeyondByYear[y - 1] : 0;
    const costs = beyond ? r.costsBeyondByYear[y - 1] : 0;
    out.push({ year: y, month: 12 * y, customerEquity: customer[t] + lateAcq + b + costs, netEquity: net[t] + lateAcq + b });
  }
  return out;
}
