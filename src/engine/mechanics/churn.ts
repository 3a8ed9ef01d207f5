/**
 * Churn and exits (docs/model.md §5.4, §4.1): who is lost in a step. The hazard of each customer
 *
 *   h = 1 − (1 − θ)^(1/steps per year) (θ: annual rate, Beta-distributed per customer or fixed)
 *   h_t = h · exp(−β·s_i·(S − S_ref)) · portfolio churn multiplier · churn stress · competitive pull
 *
 * is applied per customer (customer-step.ts, kernel/). Here: the step's counts. Series: active,
 * active.<segment> (alive at the start of the step), churned, exits, retention.<segment> (share
 * of the segment's month-0 customers still alive).
 */
import type { CompileContext } from '../../model/compile.ts';
import { T_ALIVE_END, T_CHURNED, T_EXITS } from '../customer-step.ts';
import type { Mechanic } from './mechanic.ts';

export interface ChurnState {
  /** Customers (agents) of each segment at month 0. */
  initialSeg: Float64Array;
  /** Agents alive at the start of this step, and those who churned in it. */
  active: number;
  churned: number;
  /** Over the horizon: agents lost, and customer-steps of customers alive at the start of a step. */
  churnedTotal: number;
  aliveSteps: number;
  activeSeries: Float64Array;
  churnedSeries: Float64Array;
  exits: Float64Array;
  activeSeg: Float64Array[];
  retention: Float64Array[];
}

export const churn: Mechanic<ChurnState> = {
  name: 'churn',
  start(r) {
    const { m, pop, series } = r;
    const initialSeg = new Float64Array(m.segmentIds.length);
    for (let i = 0; i < pop.size; i++) initialSeg[pop.segment[i]]++;
    return {
      initialSeg,
      active: 0,
      churned: 0,
      churnedTotal: 0,
      aliveSteps: 0,
      activeSeries: series.one('active'),
      churnedSeries: series.one('churned'),
      exits: series.one('exits'),
      activeSeg: series.family('active', m.segmentIds),
      retention: series.family('retention', m.segmentIds),
    };
  },
  after(s, r, t) {
    const { m, out } = r;
    const scale = m.agentScale;
    const { activeSeg, initialAliveSeg, tally } = out;
    let active = 0;
    for (let g = 0; g < m.segmentIds.length; g++) {
      active += activeSeg[g];
      s.activeSeg[g][t] = activeSeg[g] * scale;
      s.retention[g][t] = s.initialSeg[g] > 0 ? initialAliveSeg[g] / s.initialSeg[g] : 0;
    }
    const churned = tally[T_CHURNED];
    s.active = active;
    s.churned = churned;
    s.aliveSteps += active;
    r.firm.aliveCount = tally[T_ALIVE_END];
    s.activeSeries[t] = active * scale;
    s.churnedSeries[t] = churned * scale;
    s.exits[t] = tally[T_EXITS] * scale;
    s.churnedTotal += churned;
  },
};

/** Churn parameters: each segment's annual churn rate (Beta or fixed) and the sensitivity to satisfaction. */
export interface CompiledChurn {
  churnSatSens: number;
  segChurnAlpha: Float64Array;
  segChurnBeta: Float64Array;
  /** NaN when heterogeneous (Beta), else the fixed annual θ. */
  segChurnFixed: Float64Array;
}

export function compileChurn(c: CompileContext): CompiledChurn {
  const { sc, segmentIds } = c;
  const segs = segmentIds.map((id) => sc.segments[id]);
  const churnOf = (s: (typeof segs)[number]) => s.churn as { alpha?: number; beta?: number; annualRate?: number };
  const f64 = (xs: number[]) => Float64Array.from(xs);
  return {
    churnSatSens: sc.behaviour.churnSatisfactionSensitivity,
    segChurnAlpha: f64(segs.map((s) => churnOf(s).alpha ?? NaN)),
    segChurnBeta: f64(segs.map((s) => churnOf(s).beta ?? NaN)),
    segChurnFixed: f64(segs.map((s) => churnOf(s).annualRate ?? NaN)),
  };
}
