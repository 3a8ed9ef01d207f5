/**
 * Return on the extra strategy-driven costs of a strategy versus the baseline
 * (docs/metrics.md, "ROI"):
 *
 *   Δ costs = Δ CX spend PV + Δ workforce cost PV + Δ touchpoint visit cost PV
 *   ROI     = Δ net equity / Δ costs
 *
 * with every Δ = strategy − baseline in the same replication. Every cost a strategy drives is
 * in the denominator — a chatbot whose case is wage savings has its lower workforce cost there,
 * not left out — so costs and benefits are treated symmetrically. (Visit costs sit inside
 * customer equity's margin; they are counted as a cost here and so Δ net equity + Δ costs is
 * the gross benefit before every strategy-driven cost.)
 *
 * The point estimate is the ratio of mean differences; its standard error is the delta-method
 * one, sd(Δnet − R·Δcosts)/(√n·|mean Δcosts|), and the interval uses t_{n−1}. ROI is null, with
 * the reason in `note`, when Δ costs is within the materiality band (1% of the larger of the
 * two strategies' strategy-driven costs: a ratio over a near-zero denominator is noise) or
 * negative (the strategy costs less: there is no extra investment to return on).
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { t95, type Interval } from './interval.ts';

/** Share of the strategy-driven costs below which a difference in costs is not material. */
export const ROI_MATERIALITY = 0.01;

export interface Roi {
  /** Δ net equity / Δ strategy-driven costs (ratio of means); null with the reason in note. */
  value: number | null;
  se: number | null;
  meanCi95: Interval | null;
  /** Mean Δ strategy-driven costs PV: CX spend + workforce + visit costs (the denominator). */
  deltaCostPV: number;
  /** Its parts. */
  deltaCxSpendPV: number;
  deltaWorkforceCostPV: number;
  deltaVisitCostPV: number;
  /** The materiality band: |Δ costs| at or below this is "about the same cost". */
  materiality: number;
  /** Why value is null, in words. */
  note?: string;
  /** The same, in a few words (table cells). */
  short?: string;
}

export interface CostDeltas {
  cxSpendPV: number[];
  workforceCostPV: number[];
  visitCostPV: number[];
}

/**
 * @param deltaNet Δ net equity per replication.
 * @param deltas Δ of each strategy-driven cost PV per replication.
 * @param scale The strategy-driven costs PV the difference is measured against (the larger of
 *   the two strategies'); the band is ROI_MATERIALITY of it.
 * @param fmt money formatter for the note.
 */
export function roi(deltaNet: number[], deltas: CostDeltas, scale: number, fmt: (x: number) => string = (x) => x.toPrecision(3)): Roi {
  const n = deltaNet.length;
  const cost = deltaNet.map((_, k) => deltas.cxSpendPV[k] + deltas.workforceCostPV[k] + deltas.visitCostPV[k]);
  const mCost = mean(cost);
  const parts = { deltaCostPV: mCost, deltaCxSpendPV: mean(deltas.cxSpendPV), deltaWorkforceCostPV: mean(deltas.workforceCostPV), deltaVisitCostPV: mean(deltas.visitCostPV) };
  const materiality = ROI_MATERIALITY * Math.abs(scale);
  const none = (note: string, short: string): Roi => ({ value: null, se: null, meanCi95: null, ...parts, materiality, note, short });
  if (Math.abs(mCost) <= materiality) {
    return none(
      `costs about the same as the baseline: Δ costs ${fmt(mCost)} (CX spend ${fmt(parts.deltaCxSpendPV)}, workforce ${fmt(parts.deltaWorkforceCostPV)}, visits ${fmt(parts.deltaVisitCostPV)}) is within the ${Math.round(ROI_MATERIALITY * 100)}% materiality band (${fmt(materiality)}), so a ratio would be noise: read Δ net equity`,
      `same cost (±${Math.round(ROI_MATERIALITY * 100)}%)`,
    );
  }
  if (mCost < 0) {
    return none(
      `costs less than the baseline (Δ costs ${fmt(mCost)}: CX spend ${fmt(parts.deltaCxSpendPV)}, workforce ${fmt(parts.deltaWorkforceCostPV)}, visits ${fmt(parts.deltaVisitCostPV)}): there is no extra investment to return on: read Δ net equity`,
      'costs less',
    );
  }
  const r = mean(deltaNet) / mCost;
  const resid = deltaNet.map((x, k) => x - r * cost[k]);
  const se = n > 1 ? sampleStandardDeviation(resid) / Math.sqrt(n) / Math.abs(mCost) : 0;
  const h = n > 1 ? t95(n) * se : 0;
  return { value: r, se, meanCi95: [r - h, r + h], ...parts, materiality };
}
