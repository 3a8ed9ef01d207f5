/**
 * Customer equity over time: "equity if valued at the end of year y" = cumulative discounted
 * (margin − acquisition cost) through year y + the discounted terminal value of the customers
 * alive then. Net equity subtracts the cumulative discounted CX spend and workforce costs.
 * At the final year end of the horizon this equals totals.customerEquity / totals.netEquity.
 */
import type { ReplicationResult } from '../engine/result.ts';
import { cumulativeCustomerValue, cumulativeNetValue } from './cumulative-value.ts';
import { series } from './series.ts';

export interface EquityAtYear {
  year: number;
  /** Months elapsed at the valuation date. */
  month: number;
  customerEquity: number;
  netEquity: number;
}

/**
 * Equity valued at each whole year end inside the horizon. `terminalValue` false (the
 * scenario's behaviour.terminalValue) leaves the terminal value out, as the totals do.
 */
export function equityByYear(r: ReplicationResult, terminalValue = true): EquityAtYear[] {
  const disc = series(r, 'discount');
  const customer = cumulativeCustomerValue(r);
  const net = cumulativeNetValue(r);
  const years = Math.min(Math.floor(r.steps / r.stepsPerYear), r.terminalValueByYear.length);
  const out: EquityAtYear[] = [];
  for (let y = 1; y <= years; y++) {
    const t = y * r.stepsPerYear - 1;
    const tv = terminalValue ? r.terminalValueByYear[y - 1] * disc[t] : 0;
    out.push({ year: y, month: 12 * y, customerEquity: customer[t] + tv, netEquity: net[t] + tv });
  }
  return out;
}
