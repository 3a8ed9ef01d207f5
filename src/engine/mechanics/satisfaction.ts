/**
 * Satisfaction, advocacy and retention offers (docs/model.md §5.2, §5.3, §5.5): per customer,
 *
 *   S ← λ·S + (1 − λ)·experience of the step's visits and contacts      (customer-step.ts, kernel/)
 *   promoter: S ≥ promoter threshold;  a drop ≥ offerDrop → an offer with probability coverage, S += boost
 *
 * Here: the offers' step constants (from retentionOffer levers) and the step's aggregates.
 * Series: satisfaction (mean over customers alive at the start of the step; the last value when
 * none), promoters (share of customers alive at the end), satisfactionBand.<k> (share in each
 * tenth), offers, cxSpend.offers (their cost).
 */
import type { CompileContext } from '../../model/compile.ts';
import type { StepInput } from '../customer-step.ts';
import { T_ALIVE_END, T_OFFERS, T_PROMOTERS, T_SAT } from '../customer-step.ts';
import { churn } from './churn.ts';
import { levers, type LeverEffects } from './levers.ts';
import type { Mechanic } from './mechanic.ts';

/** The retention offers' step constants. */
export function offerConstants(z: StepInput, fx: LeverEffects): void {
  z.offerDrop = fx.offerDrop;
  z.offerBoost = fx.offerBoost;
  z.offerCoverage = fx.offerCoverage;
}

export interface SatisfactionState {
  lastSatMean: number;
  /** Cost of this step's retention offers (real money). */
  offersCost: number;
  satisfaction: Float64Array;
  promoters: Float64Array;
  offers: Float64Array;
  offersCostSeries: Float64Array;
  bands: Float64Array[];
}

export const satisfaction: Mechanic<SatisfactionState> = {
  name: 'satisfaction',
  start(r) {
    const { series } = r;
    return {
      lastSatMean: 0,
      offersCost: 0,
      satisfaction: series.one('satisfaction'),
      promoters: series.one('promoters'),
      offersCostSeries: series.one('cxSpend.offers'),
      offers: series.one('offers'),
      bands: series.family('satisfactionBand', Array.from({ length: 10 }, (_, k) => k)),
    };
  },
  before(_s, r) {
    offerConstants(r.step, r.state(levers).fx);
  },
  after(s, r, t) {
    const { m, out } = r;
    const scale = m.agentScale;
    const { tally, band } = out;
    const active = r.state(churn).active;
    const aliveEnd = tally[T_ALIVE_END];
    s.lastSatMean = active > 0 ? tally[T_SAT] / active : s.lastSatMean;
    s.satisfaction[t] = s.lastSatMean;
    s.promoters[t] = aliveEnd > 0 ? tally[T_PROMOTERS] / aliveEnd : 0;
    for (let k = 0; k < 10; k++) s.bands[k][t] = active > 0 ? band[k] / active : 0;
    const offers = tally[T_OFFERS];
    s.offers[t] = offers * scale;
    s.offersCost = offers * r.state(levers).fx.offerCost * scale;
    s.offersCostSeries[t] = s.offersCost;
  },
};

/** Satisfaction parameters: memory, reference and promoter threshold; each segment's CX sensitivity and initial satisfaction. */
export interface CompiledSatisfaction {
  satMemory: number;
  satRef: number;
  promoterThreshold: number;
  segSensMean: Float64Array;
  segSensCv: Float64Array;
  segInitialSat: Float64Array;
}

export function compileSatisfaction(c: CompileContext): CompiledSatisfaction {
  const { sc, segmentIds } = c;
  const segs = segmentIds.map((id) => sc.segments[id]);
  const b = sc.behaviour;
  const f64 = (xs: number[]) => Float64Array.from(xs);
  return {
    satMemory: b.satisfactionMemory,
    satRef: b.satisfactionReference,
    promoterThreshold: b.promoterThreshold,
    segSensMean: f64(segs.map((s) => s.cxSensitivity.mean)),
    segSensCv: f64(segs.map((s) => s.cxSensitivity.cv)),
    segInitialSat: f64(segs.map((s) => s.initialSatisfaction)),
  };
}
