/**
 * The run-off (docs/model.md §11.2): after the horizon, the customers alive there keep being
 * simulated for `valuation.runoffYears` on the run-off clock (`runoffStepsPerYear`), with
 *
 * - no acquisition (acquisition levers stop with it);
 * - pools (trajectory beyond the horizon × the wallet walk's level at the horizon), Bass
 *   diffusion, competitors (their paths, flat after the last point), stresses, satisfaction,
 *   churn, exits, offers, treatments and portfolio reviews continuing as in the horizon;
 * - with costsBeyondHorizon run-rate: every other lever funded at its spend per month over the
 *   horizon's last year (capital keeps decaying and being replenished), the workforce at its
 *   cost per month of that year and its service quality, deflection and automation quality as
 *   at the horizon's last step; with none: no spend (capital decays) and no workforce cost.
 *
 * Then the closing perpetuity of the survivors (Gordon form with each pool's long-run growth,
 * §11.3), the firm's run-rate costs per surviving customer capitalised each with the annuity
 * factor of its own timing: offers and treatments with the margin's A, lever spend (paid at the
 * start of each step) with A_start = (1+d)/(1+d−ρ), the workforce (paid at the end) with δ·A_start. Per-step base hazards are converted to the run-off step: 1 − (1−h)^(Δ'/Δ).
 *
 * Coarse steps and timing: a run-off step of k horizon steps carries k steps' money at once. So
 * that discounting matches money flowing every horizon step, each run-off flow is multiplied by
 * the mean discount of its k sub-steps relative to the run-off step's own date:
 *   paid at ends (arrears margin, workforce):   c_end   = (1/k)·Σ_{i=1..k} δ^(i−k)
 *   paid at starts (advance margin, levers):    c_start = (1/k)·Σ_{i=0..k−1} δ^i
 * (δ the horizon's per-step discount; both 1 when k = 1). The closing perpetuity is a sum of
 * such steps and takes the same factor. What this does not correct — a customer who leaves
 * within a coarse step pays none (arrears) or all (advance) of its months — is measured in
 * tests/engine/valuation.test.ts and docs/metrics.md.
 */
import type { CompiledModel } from '../model/compile.ts';
import { fmix32, mix2 } from '../random/counter.ts';
import type { Population } from './population.ts';
import { kernelFor, type KernelMode, type LiveList } from './kernel/cache.ts';
import { T_OFFERS, T_MARGIN_EXISTING, T_MARGIN_ACQUIRED, T_TREATCOST, T_ALIVE_END, T_CLOSE_EXISTING, T_CLOSE_ACQUIRED, T_ANNUITY, T_ANNUITY_START, T_ACTIVE } from './customer-step.ts';
import { clearStepOutputs, makeStepInput, setFirmConstants, type FirmState, type StepOutputs } from './firm-step.ts';
import { applyLeverEffects, LeverEffects } from './mechanics/levers.ts';
import { updateMarginWeights } from './mechanics/pools.ts';

/** State handed over from the horizon's last step. */
export interface RunoffStart {
  pop: Population;
  /** The customer step: the specialised kernel (default) or the reference `stepCustomers` (kernel/cache.ts). */
  kernel?: KernelMode;
  /** The horizon's live list when the run-off continues the horizon's own population (else the kernel keeps its own). */
  live?: LiveList;
  firm: FirmState;
  outputs: StepOutputs;
  /** Lever capital at the end of the horizon. */
  capital: Float64Array;
  /** Spend per month of each lever to keep funding (0 for acquisition levers and under costsBeyondHorizon none). */
  leverSpendPerMonth: Float64Array;
  /** Workforce cost per month to keep paying (real money; 0 under none). */
  workforceCostPerMonth: number;
  serviceQuality: number;
  deflection: number;
  autoQuality: number;
  /** δ^T: discount factor at the end of the horizon. */
  discount: number;
  replicationKey: number;
  /** Months in the horizon (or up to the year end the run-off starts from). */
  horizonMonths: number;
  /** The wallet walk's level per pool at the start of the run-off (held through it). */
  walletWalk: Float64Array;
}

/** Present values (month 0, real money) of what lies beyond the horizon. */
export interface RunoffValue {
  marginExisting: number;
  marginAcquired: number;
  cxSpend: number;
  workforceCost: number;
  /** Closing perpetuity of the run-off's survivors: margin side, and the capitalised run-rate costs. */
  closingMarginExisting: number;
  closingMarginAcquired: number;
  closingCxSpend: number;
  closingWorkforceCost: number;
  /** Customers (real) alive at the end of the run-off. */
  aliveAtEnd: number;
  /** Run-off steps simulated. */
  steps: number;
  /** Customer-steps simulated: over the run-off's steps, the customers alive at the start of each (not scaled). */
  customerSteps: number;
}

export function runOff(mh: CompiledModel, mr: CompiledModel, s: RunoffStart): RunoffValue {
  const { pop, firm, outputs: o } = s;
  const scale = mh.agentScale;
  const L = mr.levers.length;
  const kMonths = mr.clock.monthsPerStep;
  const T0 = Math.round(s.horizonMonths / kMonths);
  const R = mh.valuation.runoffYears * mr.clock.stepsPerYear;
  const advance = mh.valuation.advance;
  const delta = mr.clock.discountPerStep;

  // per-step base hazards on the run-off clock
  const ratio = kMonths / mh.clock.monthsPerStep;
  if (ratio !== 1) {
    for (let i = 0; i < pop.size; i++) {
      if (pop.alive[i] === 0) continue;
      const h = pop.hazard[i];
      pop.hazard[i] = h >= 1 ? 1 : 1 - Math.pow(1 - h, ratio);
    }
  }

  const z = makeStepInput(mr, o, firm.capture);
  const stepKernel = kernelFor(mr, z, s.kernel, s.live);
  z.acquiredMonthsPerStep = mh.clock.monthsPerStep;
  const fx = new LeverEffects(mr);
  const effect = new Float64Array(L);
  const capital = Float64Array.from(s.capital);
  let leverSpendPerStep = 0;
  for (let l = 0; l < L; l++) leverSpendPerStep += s.leverSpendPerMonth[l] * kMonths;
  const wfPerStep = s.workforceCostPerMonth * kMonths;

  // timing of coarse run-off steps (see the header)
  const k = Math.round(kMonths / mh.clock.monthsPerStep);
  let cEnd = 1, cStart = 1;
  if (k > 1) {
    cEnd = cStart = 0;
    for (let i = 0; i < k; i++) {
      cEnd += Math.pow(mh.clock.discountPerStep, i + 1 - k) / k;
      cStart += Math.pow(mh.clock.discountPerStep, i) / k;
    }
  }
  const cMargin = advance ? cStart : cEnd;

  const out: RunoffValue = { marginExisting: 0, marginAcquired: 0, cxSpend: 0, workforceCost: 0, closingMarginExisting: 0, closingMarginAcquired: 0, closingCxSpend: 0, closingWorkforceCost: 0, aliveAtEnd: 0, steps: R, customerSteps: 0 };
  let dEnd = s.discount;
  for (let j = 0; j < R; j++) {
    const t2 = Math.min(T0 + j, mr.clock.steps - 1);
    const dStart = dEnd;
    dEnd *= delta;
    for (let l = 0; l < L; l++) capital[l] = capital[l] * mr.leverRetention[l] + mr.levers[l].efficiency * s.leverSpendPerMonth[l] * kMonths;
    applyLeverEffects(mr, capital, effect, fx);
    setFirmConstants(mr, t2, z, fx, s.serviceQuality, s.autoQuality, firm, s.walletWalk);
    clearStepOutputs(o);
    const last = j === R - 1;
    z.t = mh.clock.steps + j;
    z.salt = fmix32(mix2(s.replicationKey ^ 0x52554e4f, j + 1));
    // the customers' money (margin, closing perpetuity) is discounted with the coarse-step timing factor
    z.discount = (advance ? dStart : dEnd) * cMargin;
    z.endDiscount = dEnd * cMargin;
    z.deflection = s.deflection;
    z.monthsAtEnd = s.horizonMonths + (j + 1) * kMonths;
    z.checkpoint = last;
    z.closing = last;
    z.review = (j + 1) % mr.portfolioReviewSteps === 0;
    stepKernel(pop, pop.size, z);
    const t = o.tally;
    out.customerSteps += t[T_ACTIVE];
    out.marginExisting += t[T_MARGIN_EXISTING] * z.discount * scale;
    out.marginAcquired += t[T_MARGIN_ACQUIRED] * z.discount * scale;
    const customerCosts = (t[T_OFFERS] * fx.offerCost + t[T_TREATCOST]) * scale;
    out.cxSpend += leverSpendPerStep * dStart * cStart + customerCosts * z.discount;
    const wf = wfPerStep; // the last year's workforce cost already includes its automated contacts
    out.workforceCost += wf * dEnd * cEnd;
    // the competitive pull's weights and the adopters' share for the next step
    updateMarginWeights(mr, o, z.idx, firm.lastMarginWeights);
    firm.aliveCount = t[T_ALIVE_END];
    if (last) {
      const alive = t[T_ALIVE_END];
      out.aliveAtEnd = alive * scale;
      out.closingMarginExisting = t[T_CLOSE_EXISTING] * z.endDiscount * scale;
      out.closingMarginAcquired = t[T_CLOSE_ACQUIRED] * z.endDiscount * scale;
      // run-rate costs per surviving customer, capitalised with each survivor's annuity factor of the cost's timing
      // (§11.3): offers and treatments with the margin (A, c_margin), lever spend at the start of each step
      // (A_start, c_start), the workforce at the end of each step (δ·A_start, c_end)
      const perCustomer = alive > 0 ? t[T_ANNUITY] / alive : 0;
      const perCustomerStart = alive > 0 ? t[T_ANNUITY_START] / alive : 0;
      out.closingCxSpend = (leverSpendPerStep * cStart * perCustomerStart + customerCosts * cMargin * perCustomer) * dEnd;
      out.closingWorkforceCost = wf * cEnd * perCustomerStart * delta * dEnd;
    }
  }
  return out;
}
