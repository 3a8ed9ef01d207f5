/**
 * Customers who join (docs/model.md §3.3): the initial customers at month 0 and, each step, the
 * acquisitions and referrals of every segment, who join at its end (active from the next step).
 *
 *   expected_s = prospects × conversion × Δ / agentScale × (1 + effect(acquisition levers)) + referrals_s
 *   referrals_s = promoters_s × referral rate × Δ,   count_s ~ Poisson(expected_s)  (stream keyed by step and segment)
 *   cost = (count − referred)·acquisition cost + referred·referral cost,  referred = count·referrals/expected
 *
 * A customer's traits come from its own stream (population.ts), so the same key gives the same
 * customer under every strategy. A joining customer is placed in its portfolio (portfolios.ts) and
 * counted among its pools' participants (pools.ts). Acquisition costs are paid as customers join,
 * at the end of the step. Series: acquired, acquired.<segment>, referrals, acquisitionCost.
 */
import type { CompileContext, CompiledModel } from '../../model/compile.ts';
import { mix2, CounterStream } from '../../random/counter.ts';
import { poisson } from '../../random/sampling.ts';
import { initialCustomerKey, acquiredCustomerKey } from '../population.ts';
import { levers } from './levers.ts';
import type { Mechanic } from './mechanic.ts';
import { countParticipation } from './pools.ts';
import { placeInPortfolio } from './portfolios.ts';

/** Initial customers (agents), and the slots to reserve: the initial customers + 1.2 × the acquisitions expected without levers + 64. */
export function expectedCustomers(m: CompiledModel): { initial: number; capacity: number } {
  const S = m.segmentIds.length, T = m.clock.steps;
  let initialTotal = 0;
  for (let s = 0; s < S; s++) initialTotal += m.segInitialAgents[s];
  let expectedAcq = 0;
  for (let s = 0; s < S; s++) expectedAcq += m.segAcqBase[s] * T;
  return { initial: initialTotal, capacity: Math.ceil(initialTotal + 1.2 * expectedAcq + 64) };
}

export interface AcquisitionState {
  /** Agents at month 0, and acquired over the horizon. */
  initialTotal: number;
  acquiredTotal: number;
  /** Present value (month 0) of acquisition costs. */
  acqCostPV: number;
  acquired: Float64Array;
  referrals: Float64Array;
  cost: Float64Array;
  acquiredSeg: Float64Array[];
}

export const acquisition: Mechanic<AcquisitionState> = {
  name: 'acquisition',
  start(r) {
    const { m, pop, firm, repKey, series } = r;
    const S = m.segmentIds.length;
    let idx = 0;
    for (let s = 0; s < S; s++) {
      const stage = m.journeyInitialStage[m.segJourney[s]];
      for (let k = 0; k < m.segInitialAgents[s]; k++) {
        const i = pop.add(m, s, initialCustomerKey(repKey, idx++), -1, stage, firm.capture);
        placeInPortfolio(m, pop, i, 0);
        countParticipation(r.out.participants, pop, i);
      }
    }
    firm.aliveCount = pop.size;
    return {
      initialTotal: expectedCustomers(m).initial,
      acquiredTotal: 0,
      acqCostPV: 0,
      acquired: series.one('acquired'),
      referrals: series.one('referrals'),
      cost: series.one('acquisitionCost'),
      acquiredSeg: series.family('acquired', m.segmentIds),
    };
  },
  join(st, r, t) {
    // acquisitions of the step: prospects × conversion × (1 + acquisition effect) + referrals; active from next step
    const { m, pop, firm, repKey } = r;
    const T = m.clock.steps, S = m.segmentIds.length;
    if (t >= T - 1) return;
    const scale = m.agentScale;
    const fx = r.state(levers).fx;
    let acqCost = 0;
    let acquiredNow = 0;
    let referralsNow = 0;
    for (let s = 0; s < S; s++) {
      const referrals = r.out.promotersSeg[s] * m.segReferralStep[s];
      const expected = m.segAcqBase[s] * (1 + fx.acquisition[s]) + referrals;
      if (!(expected > 0)) continue;
      const stream = new CounterStream(mix2(repKey ^ 0x7f4a7c15, (t << 8) | s));
      const count = poisson(expected, stream.next);
      const stage0 = m.journeyFirstStage[m.segJourney[s]];
      for (let k = 0; k < count; k++) {
        const i = pop.add(m, s, acquiredCustomerKey(repKey, t + 1, s, k), t + 1, stage0, firm.capture);
        placeInPortfolio(m, pop, i, t + 1);
        countParticipation(r.out.participants, pop, i);
      }
      firm.aliveCount += count;
      acquiredNow += count;
      // the referred share of the count (in expectation) pays the referral cost, the rest the acquisition cost
      const referred = (count * referrals) / expected;
      referralsNow += referred;
      st.acquiredSeg[s][t] = count * scale;
      acqCost += ((count - referred) * m.segAcqCost[s] + referred * m.segReferralCost[s]) * scale;
    }
    st.acquired[t] = acquiredNow * scale;
    st.referrals[t] = referralsNow * scale;
    st.cost[t] = acqCost;
    st.acquiredTotal += acquiredNow;
    st.acqCostPV += acqCost * r.clock.dEnd; // paid as they join, at the end of the step
  },
};

/** The segments' population and acquisition parameters (agents; per step). */
export interface CompiledAcquisition {
  segmentIds: string[];
  segInitialAgents: Int32Array;
  segJourney: Int32Array;
  /** Expected acquisitions per step from prospects × conversion (agents, before acquisition levers). */
  segAcqBase: Float64Array;
  segAcqCost: Float64Array;
  /** Acquisition cost per customer brought by a referral. */
  segReferralCost: Float64Array;
  /** Referrals per promoter per step. */
  segReferralStep: Float64Array;
}

export function compileAcquisition(c: CompileContext): CompiledAcquisition {
  const { sc, clock, segmentIds, journeyIds } = c;
  const scale = sc.meta.agentScale;
  const perMonthToStep = clock.monthsPerStep;
  const segs = segmentIds.map((id) => sc.segments[id]);
  const f64 = (xs: number[]) => Float64Array.from(xs);
  return {
    segmentIds,
    segInitialAgents: Int32Array.from(segs.map((s) => Math.round(s.initialCustomers / scale))),
    segJourney: Int32Array.from(segs.map((s) => Math.max(0, s.journey ? journeyIds.indexOf(s.journey) : 0))),
    segAcqBase: f64(segs.map((s) => (s.acquisition.prospectsPerMonth * s.acquisition.conversion * perMonthToStep) / scale)),
    segAcqCost: f64(segs.map((s) => s.acquisition.cost)),
    segReferralCost: f64(segs.map((s) => s.acquisition.referralCost)),
    segReferralStep: f64(segs.map((s) => s.referralRate * perMonthToStep)),
  };
}
