/**
 * Valuation (docs/model.md §1.4, §8, §11): present values at month 0 of everything the horizon
 * earns and spends, the value beyond the horizon, and the value beyond each year end.
 *
 *   margin: received at the start of a step (advance: δ^t) or at its end (arrears: δ^(t+1));
 *   lever spend at the start; offers and treatments with the margin; workforce and acquisition at the end
 *   year end (approximate, §11.5): survivors' Gordon perpetuity − the year's run-rate costs per step
 *                                  × each survivor's annuity factor of the cost's timing / survivors:
 *                                  lever spend A_start = (1+d)/(1+d−ρ), workforce δ·A_start,
 *                                  offers and treatments the margin's A (§11.3)
 *   year end (runoff, §11.5): a run-off (runoff.ts) of copies of the customers and the firm
 *   beyond the horizon (§11.2, §11.3): the run-off + closing perpetuity, the perpetuity alone, or nothing
 *
 * Costs beyond the horizon (costsBeyondHorizon run-rate) are the horizon's last year's lever
 * spend (other than acquisition), workforce cost and offers + treatments, per step. Series:
 * discount, discount.start (δ at the end and start of each step), cxSpend (levers + treatments +
 * offers per step). Totals: the ReplicationResult's `totals`.
 *
 * Parameters: compileValuationPart (src/model/valuation.ts).
 */
import type { CompileContext, CompiledModel } from '../../model/compile.ts';
import { BEYOND_PERPETUITY, BEYOND_RUNOFF, compileValuation, type CompiledValuation } from '../../model/valuation.ts';
import { T_ALIVE_END, T_ANNUITY, T_ANNUITY_START, T_CLOSE_ACQUIRED, T_CLOSE_EXISTING, T_MARGIN_ACQUIRED, T_MARGIN_EXISTING, T_TV } from '../customer-step.ts';
import { makeStepOutputs, type FirmState, type StepOutputs } from '../firm-step.ts';
import type { Population } from '../population.ts';
import type { ReplicationResult, ReplicationTotals } from '../result.ts';
import { runOff, type RunoffValue } from '../runoff.ts';
import { acquisition } from './acquisition.ts';
import { churn } from './churn.ts';
import { levers } from './levers.ts';
import type { Mechanic, Replication } from './mechanic.ts';
import { portfolios } from './portfolios.ts';
import { satisfaction } from './satisfaction.ts';
import { workforce } from './workforce.ts';

export interface ValuationState {
  equityExisting: number;
  equityAcquired: number;
  cxPV: number;
  wfPV: number;
  /** Net value beyond each year end, and the costs in it (index = year − 1). */
  beyondByYear: Float64Array;
  beyondCostsByYear: Float64Array;
  /** The current year's run-rates: spend per lever, workforce cost, offers + treatments, and its steps so far. */
  yearLeverSpend: Float64Array;
  yearWorkforce: number;
  yearCustomerCosts: number;
  yearSteps: number;
  /** At the horizon's last step: the closing tallies and the year-end approximation. */
  closing: { existing: number; acquired: number; annuity: number; annuityStart: number; alive: number; approx: number; runRate: number };
  discount: Float64Array;
  discountStart: Float64Array;
  cxSpend: Float64Array;
  /** Customer-steps simulated by the run-offs so far: year ends' and the horizon's (customers alive at the start of each run-off step). */
  runoffCustomerSteps: number;
  /** Set by finish(). */
  totals: ReplicationTotals | null;
}

/** The run-off (runoff.ts) from the end of step t, with this year's run-rates and the workforce as it is now. */
function runoffFrom(r: Replication, v: ValuationState, p: Population, f: FirmState, o: StepOutputs, cap: Float64Array, t: number, disc: number, walk: Float64Array): RunoffValue {
  // the horizon's own population continues with the horizon kernel's live list; a year end's copy has a list of its own
  const { m } = r;
  const L = m.leverIds.length;
  const monthsPerStep = m.clock.monthsPerStep;
  const w = r.state(workforce);
  const leverSpendPerMonth = new Float64Array(L);
  if (m.valuation.costsRunRate) for (let l = 0; l < L; l++) if (m.levers[l].kind !== 'acquisition') leverSpendPerMonth[l] = v.yearLeverSpend[l] / (v.yearSteps * monthsPerStep);
  return runOff(m, r.runoffModel!, {
    pop: p,
    kernel: r.kernel,
    live: p === r.pop ? r.live : undefined,
    firm: f,
    outputs: o,
    capital: cap,
    leverSpendPerMonth,
    workforceCostPerMonth: m.valuation.costsRunRate ? v.yearWorkforce / (v.yearSteps * monthsPerStep) : 0,
    serviceQuality: w.sq,
    deflection: w.deflection,
    autoQuality: w.autoQuality,
    discount: disc,
    replicationKey: r.repKey,
    horizonMonths: (t + 1) * monthsPerStep,
    walletWalk: walk,
  });
}

export const valuation: Mechanic<ValuationState> = {
  name: 'valuation',
  start(r) {
    const { m, series } = r;
    const years = Math.floor(m.clock.steps / m.clock.stepsPerYear);
    return {
      equityExisting: 0,
      equityAcquired: 0,
      cxPV: 0,
      wfPV: 0,
      beyondByYear: new Float64Array(years),
      beyondCostsByYear: new Float64Array(years),
      yearLeverSpend: new Float64Array(m.leverIds.length),
      yearWorkforce: 0,
      yearCustomerCosts: 0,
      yearSteps: 0,
      closing: { existing: 0, acquired: 0, annuity: 0, annuityStart: 0, alive: 0, approx: 0, runRate: 0 },
      discountStart: series.one('discount.start'),
      cxSpend: series.one('cxSpend'),
      discount: series.one('discount'),
      runoffCustomerSteps: 0,
      totals: null,
    };
  },
  before(s, r, t) {
    const { m, step, clock } = r;
    s.discount[t] = clock.dEnd;
    s.discountStart[t] = clock.dStart;
    if (t % m.clock.stepsPerYear === 0) {
      s.yearLeverSpend.fill(0);
      s.yearWorkforce = s.yearCustomerCosts = s.yearSteps = 0;
    }
    step.discount = clock.dMargin;
    step.endDiscount = clock.dEnd;
    step.monthsAtEnd = (t + 1) * m.clock.monthsPerStep;
    step.checkpoint = clock.isCheckpoint || clock.isLast;
    step.closing = clock.isLast && m.valuation.beyond === BEYOND_PERPETUITY;
  },
  after(s, r, t) {
    const { m, out, clock } = r;
    const { tally } = out;
    const scale = m.agentScale;
    const L = m.leverIds.length;
    const spy = m.clock.stepsPerYear;
    const { dStart, dEnd, dMargin, isCheckpoint, isLast } = clock;
    const lv = r.state(levers);
    const offersCost = r.state(satisfaction).offersCost;
    const treatmentCost = r.state(portfolios).treatmentCost;
    const wfCost = r.state(workforce).cost;
    const cxSpend = lv.spend;
    for (let l = 0; l < L; l++) s.yearLeverSpend[l] += lv.spendNow[l];
    s.cxSpend[t] = cxSpend + offersCost + treatmentCost;
    s.equityExisting += tally[T_MARGIN_EXISTING] * dMargin * scale;
    s.equityAcquired += tally[T_MARGIN_ACQUIRED] * dMargin * scale;
    // lever spend at the start of the step; offers and treatments with the margin; workforce at the end
    s.cxPV += cxSpend * dStart + (offersCost + treatmentCost) * dMargin;
    s.wfPV += wfCost[t] * dEnd;
    s.yearWorkforce += wfCost[t];
    s.yearCustomerCosts += offersCost + treatmentCost;
    s.yearSteps++;
    if (isCheckpoint || isLast) {
      const aliveEnd = tally[T_ALIVE_END];
      // year-end approximation of the value beyond: the survivors' perpetuity, with the year's run-rate costs per customer
      // capitalised each with the annuity of its own timing (§11.3): offers and treatments with the margin's A, lever
      // spend at the start of each step A_start, the workforce at the end of each such step δ·A_start
      const customerRate = s.yearCustomerCosts / s.yearSteps;
      let leverRate = 0, wfRate = 0;
      if (m.valuation.costsRunRate) {
        wfRate = s.yearWorkforce / s.yearSteps;
        for (let l = 0; l < L; l++) if (m.levers[l].kind !== 'acquisition') leverRate += s.yearLeverSpend[l] / s.yearSteps;
      }
      const runRate = customerRate + wfRate + leverRate;
      const startRate = leverRate + wfRate * m.clock.discountPerStep;
      const costs = (aliveEnd > 0 ? (customerRate * tally[T_ANNUITY] + startRate * tally[T_ANNUITY_START]) / aliveEnd : 0) * dEnd;
      const approx = tally[T_TV] * scale * dEnd - costs;
      if (isCheckpoint && m.valuation.beyond !== 0) {
        s.beyondByYear[(t + 1) / spy - 1] = approx;
        s.beyondCostsByYear[(t + 1) / spy - 1] = costs;
      }
      if (isCheckpoint && !isLast && m.valuation.yearEndRunoff) {
        // the full rule at this year end: a run-off of copies of the surviving customers and the firm as they
        // are now (before this step's acquisitions, who join after the valuation date)
        const { firm } = r;
        const P = m.poolIds.length, T = m.clock.steps;
        const o = makeStepOutputs(m);
        o.participants.set(out.participants);
        o.churnedWallet.set(out.churnedWallet);
        const f: FirmState = { readiness: firm.readiness.slice(), capture: firm.capture.slice(), lastMarginWeights: firm.lastMarginWeights.slice(), aliveCount: firm.aliveCount, friction: new Float64Array(m.touchpointIds.length) };
        const walk = new Float64Array(P);
        for (let p = 0; p < P; p++) walk[p] = m.walletWalk[p * T + t];
        const ro = runoffFrom(r, s, r.pop.survivors(), f, o, lv.capital.slice(), t, dEnd, walk);
        s.runoffCustomerSteps += ro.customerSteps;
        const v = netOfRunoff(ro);
        s.beyondByYear[(t + 1) / spy - 1] = v.netRunoff + v.netClosing;
        s.beyondCostsByYear[(t + 1) / spy - 1] = v.costs;
      }
      if (isLast) s.closing = { existing: tally[T_CLOSE_EXISTING], acquired: tally[T_CLOSE_ACQUIRED], annuity: tally[T_ANNUITY], annuityStart: tally[T_ANNUITY_START], alive: aliveEnd, approx, runRate };
    }
  },
  finish(s, r) {
    // ---- value beyond the horizon (docs/model.md §11): run-off + closing perpetuity, or the perpetuity alone
    const { m, firm } = r;
    const scale = m.agentScale;
    const L = m.leverIds.length, T = m.clock.steps;
    const spy = m.clock.stepsPerYear;
    const years = s.beyondByYear.length;
    const dEnd = r.clock.dEnd;
    const { closing, yearLeverSpend, yearSteps, yearCustomerCosts, yearWorkforce } = s;
    const aliveAtHorizon = firm.aliveCount * scale;
    let beyondMarginExisting = 0, beyondMarginAcquired = 0, beyondCx = 0, beyondWf = 0;
    let netRunoff = 0, netClosing = 0;
    if (m.valuation.beyond === BEYOND_PERPETUITY) {
      beyondMarginExisting = closing.existing * dEnd * scale;
      beyondMarginAcquired = closing.acquired * dEnd * scale;
      // run-rate costs per surviving customer, capitalised with each survivor's annuity factor of the cost's timing (§11.3):
      // offers and treatments with the margin (A), lever spend at the start of each step (A_start), workforce at its end (δ·A_start)
      const perCustomer = closing.alive > 0 ? (closing.annuity / closing.alive) * dEnd : 0;
      const perCustomerStart = closing.alive > 0 ? (closing.annuityStart / closing.alive) * dEnd : 0;
      let leverRate = 0;
      if (m.valuation.costsRunRate) for (let l = 0; l < L; l++) if (m.levers[l].kind !== 'acquisition') leverRate += yearLeverSpend[l] / yearSteps;
      beyondCx = leverRate * perCustomerStart + (yearCustomerCosts / yearSteps) * perCustomer;
      beyondWf = m.valuation.costsRunRate ? (yearWorkforce / yearSteps) * perCustomerStart * m.clock.discountPerStep : 0;
      netClosing = beyondMarginExisting + beyondMarginAcquired - beyondCx - beyondWf;
    } else if (m.valuation.beyond === BEYOND_RUNOFF && r.runoffModel) {
      const v = runoffFrom(r, s, r.pop, firm, r.out, r.state(levers).capital, T - 1, dEnd, m.walletWalkAtHorizon);
      s.runoffCustomerSteps += v.customerSteps;
      beyondMarginExisting = v.marginExisting + v.closingMarginExisting;
      beyondMarginAcquired = v.marginAcquired + v.closingMarginAcquired;
      const n = netOfRunoff(v);
      beyondCx = n.cx;
      beyondWf = n.wf;
      netRunoff = n.netRunoff;
      netClosing = n.netClosing;
    }
    const { equityExisting, equityAcquired, cxPV, wfPV } = s;
    const acq = r.state(acquisition);
    const ch = r.state(churn);
    const acqCostPV = acq.acqCostPV;
    const netWithin = equityExisting + equityAcquired - acqCostPV - cxPV - wfPV;
    if (years > 0 && years * spy === T) {
      s.beyondByYear[years - 1] = netRunoff + netClosing;
      s.beyondCostsByYear[years - 1] = beyondCx + beyondWf;
    }
    const equityExistingAll = equityExisting + beyondMarginExisting;
    const equityAcquiredNet = equityAcquired + beyondMarginAcquired - acqCostPV;
    const customerEquity = equityExistingAll + equityAcquiredNet;
    const cxAll = cxPV + beyondCx, wfAll = wfPV + beyondWf;
    s.totals = {
      customerEquity,
      equityExisting: equityExistingAll,
      equityAcquired: equityAcquiredNet,
      acquisitionCostPV: acqCostPV,
      cxSpendPV: cxAll,
      workforceCostPV: wfAll,
      netEquity: customerEquity - cxAll - wfAll,
      netEquityWithinHorizon: netWithin,
      netValueRunoff: netRunoff,
      netValueClosing: netClosing,
      netValueBeyondHorizon: netRunoff + netClosing,
      costsBeyondHorizonPV: beyondCx + beyondWf,
      initialCustomers: acq.initialTotal * scale,
      acquired: acq.acquiredTotal * scale,
      churned: ch.churnedTotal * scale,
      alive: aliveAtHorizon,
      aliveCustomerSteps: ch.aliveSteps,
      simulatedCustomerSteps: ch.aliveSteps + s.runoffCustomerSteps,
    };
  },
};

/** The valuation rule of a compiled model, as reported with its results. */
export function valuationRuleOf(m: CompiledModel): ReplicationResult['valuation'] {
  const v = m.valuation;
  return {
    beyondHorizon: v.beyond === BEYOND_RUNOFF ? 'runoff' : v.beyond === BEYOND_PERPETUITY ? 'perpetuity' : 'none',
    runoffYears: v.runoffYears,
    runoffStepsPerYear: v.runoffStepsPerYear,
    costsBeyondHorizon: v.costsRunRate ? 'run-rate' : 'none',
    paymentTiming: v.advance ? 'advance' : 'arrears',
    yearEnds: v.yearEndRunoff ? 'runoff' : 'approximate',
  };
}

/** The net parts of a run-off's value, summed in one order wherever they are used (so year ends and the horizon agree bit for bit). */
export function netOfRunoff(r: RunoffValue): { netRunoff: number; netClosing: number; cx: number; wf: number; costs: number } {
  const cx = r.cxSpend + r.closingCxSpend;
  const wf = r.workforceCost + r.closingWorkforceCost;
  return {
    netRunoff: r.marginExisting + r.marginAcquired - r.cxSpend - r.workforceCost,
    netClosing: r.closingMarginExisting + r.closingMarginAcquired - r.closingCxSpend - r.closingWorkforceCost,
    cx,
    wf,
    costs: cx + wf,
  };
}

/** The valuation rules (src/model/valuation.ts). */
export interface CompiledValuationPart {
  valuation: CompiledValuation;
}

export function compileValuationPart(c: CompileContext): CompiledValuationPart {
  return { valuation: compileValuation(c.sc) };
}
