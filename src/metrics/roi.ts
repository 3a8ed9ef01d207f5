/**
 * Return on the extra CX spend of a strategy versus the baseline (docs/metrics.md, "ROI"):
 *
 *   ROI = (Δ customer equity − Δ workforce cost PV − Δ CX spend PV) / Δ CX spend PV
 *       = Δ net equity / Δ CX spend PV
 *
 * with every Δ = strategy − baseline in the same replication. Workforce costs are included
 * because CX levers move them (employee support lowers turnover and hiring costs); when they
 * are equal this is the textbook (Δ equity − Δ spend) / Δ spend.
 *
 * The point estimate is the ratio of mean differences (stable when single replications have a
 * small Δ spend); its standard error is the delta-method one, var(Δnet − R·Δspend)/(n·mean(Δspend)²).
 * ROI is undefined (null) when the strategy spends about the same as (within 1%), or less than, the baseline.
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { Z95, type Interval } from './interval.ts';

export interface Roi {
  /** Δ net equity / Δ CX spend PV (ratio of means); null when Δ CX spend is about zero. */
  value: number | null;
  se: number | null;
  meanCi95: Interval | null;
  /** Mean Δ CX spend PV (the denominator). */
  deltaCxSpendPV: number;
  /** Why value is null, in words. */
  note?: string;
}

/**
 * @param deltaNet Δ net equity per replication.
 * @param deltaCx Δ CX spend PV per replication.
 * @param scale The CX spend PV the extra spend is measured against (the larger of the two
 *   strategies'): an extra spend within 1% of it counts as "the same spend" — a ratio over
 *   a near-zero denominator would be noise, not a return.
 */
export function roi(deltaNet: number[], deltaCx: number[], scale: number): Roi {
  const n = deltaNet.length;
  const mCx = mean(deltaCx);
  if (Math.abs(mCx) <= 0.01 * Math.abs(scale) || mCx === 0) {
    return { value: null, se: null, meanCi95: null, deltaCxSpendPV: mCx, note: 'about the same CX spend as the baseline (within 1%): see Δ net equity' };
  }
  if (mCx < 0) {
    return { value: null, se: null, meanCi95: null, deltaCxSpendPV: mCx, note: 'spends less than the baseline: see Δ net equity' };
  }
  const r = mean(deltaNet) / mCx;
  const resid = deltaNet.map((x, k) => x - r * deltaCx[k]);
  const se = n > 1 ? sampleStandardDeviation(resid) / Math.sqrt(n) / Math.abs(mCx) : 0;
  return { value: r, se, meanCi95: [r - Z95 * se, r + Z95 * se], deltaCxSpendPV: mCx };
}
