/**
 * CX spend by lever (series cxSpend.<lever>, plus cxSpend.treatment for portfolio treatments
 * and cxSpend.offers for retention offers): present value per replication, and spend per year.
 */
import type { ReplicationResult } from '../engine/result.ts';
import { summarise, type IntervalSummary } from './interval.ts';
import { series, seriesFamily } from './series.ts';
import { discountOf } from './cumulative-value.ts';

/** Present value of a spend series within the horizon: Σ discount[t]·spend[t], with the timing of that money (cumulative-value.ts). */
export function presentValue(r: ReplicationResult, name: string): number {
  const s = series(r, name);
  const disc = discountOf(r, name);
  let pv = 0;
  for (let t = 0; t < r.steps; t++) pv += disc[t] * s[t];
  return pv;
}

/** PV of CX spend by lever (and treatment/offers), summarised over replications. */
export function cxSpendByLever(results: ReplicationResult[]): Record<string, IntervalSummary> {
  const out: Record<string, IntervalSummary> = {};
  for (const lever of seriesFamily(results[0], 'cxSpend')) {
    out[lever] = summarise(results.map((r) => presentValue(r, `cxSpend.${lever}`)));
  }
  return out;
}

/** Mean (over replications) undiscounted spend per year by lever: rows for charts and tables. */
export function cxSpendPerYear(results: ReplicationResult[]): { lever: string; year: number; spend: number }[] {
  const r0 = results[0];
  const years = Math.ceil(r0.steps / r0.stepsPerYear);
  const rows: { lever: string; year: number; spend: number }[] = [];
  for (const lever of seriesFamily(r0, 'cxSpend')) {
    for (let y = 1; y <= years; y++) {
      let total = 0;
      for (const r of results) {
        const s = series(r, `cxSpend.${lever}`);
        for (let t = (y - 1) * r.stepsPerYear; t < Math.min(y * r.stepsPerYear, r.steps); t++) total += s[t];
      }
      rows.push({ lever, year: y, spend: total / results.length });
    }
  }
  return rows;
}
