/**
 * Exact checks of every timing and valuation convention (docs/model.md §1.4, §8, §11; issue 17 item 1).
 *
 * With a fixed churn rate (`churn: { annualRate: θ }`: every customer has the same per-step hazard)
 * and a constant wallet (cv 0, constant index, no volatility, no competitors, no touchpoints or
 * contacts, satisfaction at the reference so churn and share of wallet stay at their base), every
 * customer earns the same margin m per step, and their CLV is a deterministic function of three
 * integers: the step they were acquired, the step they churned, and (beyond the horizon) the
 * run-off step they churned. So nothing here is Monte Carlo: each test reads the realised churn
 * (the `churned` series and the per-customer `alive` flags of `job.customers = true`), infers each
 * customer's churn step from its CLV (which must equal one of the allowed values: a wrong discount,
 * margin or timing matches none of them), checks that the inferred churn steps reproduce the
 * `churned` series customer for customer, and compares every reported total with the value the
 * conventions give for that realised history.
 *
 * Tolerance: 1e-9 relative. Totals are Float64 and are compared with Float64 closed forms. Per-customer
 * CLV is stored in Float32 (docs/model.md §8: "per-customer CLV in Float32"), so its reference
 * accumulates δ-discounted margins with the same Float32 rounding after each step (and the
 * reference is itself checked within 2e-6 of the exact Float64 sum). The per-step base hazard is
 * stored in Float32 (docs/model.md §3.2), so the closed forms use h = fround(1 − (1 − θ)^(1/spy)).
 * A one-step timing slip moves a value by a factor δ (0.8% monthly, 9% annual at r = 10%): 10⁷ times
 * the tolerance.
 *
 * Numbers: wallet 100 a month, share of wallet 0.5, margin rate 0.25 → m = 12.5 a month (150 a year
 * on annual steps), all exact in binary; discount rate 10% a year.
 */
import { describe, expect, it } from 'vitest';
import { simulateReplication } from '../../src/engine/replication.ts';
import type { ReplicationResult } from '../../src/engine/result.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { neutral } from './neutral.ts';

const R = 0.1; // annual discount rate
const M_MONTH = 100 * 0.5 * 0.25; // 12.5
const REL = 1e-9;

type Timing = 'arrears' | 'advance';
type Beyond = 'none' | 'perpetuity' | 'runoff';

interface FirmOptions {
  spy: 1 | 12;
  horizonMonths: number;
  theta: number;
  timing: Timing;
  beyond: Beyond;
  initial?: number;
  /** Acquisitions per month (prospects × conversion 0.5) and the cost of each. */
  prospects?: number;
  acquisitionCost?: number;
  /** Lever spend per year (a lever with no effect on customers: employee support without a workforce). */
  budget?: number;
  /** Workforce wage per month of each of 2 employees, no turnover (so no hires): a constant cost of 2·wage a month, paid at the end of each month. */
  wage?: number;
  costsBeyond?: 'run-rate' | 'none';
  runoffYears?: number;
  runoffStepsPerYear?: 1 | 4 | 12;
  yearEnds?: 'approximate' | 'runoff';
}

function firm(o: FirmOptions): Scenario {
  return neutral({
    meta: { horizonMonths: o.horizonMonths, stepsPerYear: o.spy, discountRate: R, seed: 11 },
    behaviour: { satisfactionReference: 0.5 },
    pools: { core: { marginRate: 0.25 } },
    segments: {
      s: {
        initialCustomers: o.initial ?? 400,
        churn: { annualRate: o.theta },
        initialSatisfaction: 0.5,
        acquisition: { prospectsPerMonth: o.prospects ?? 0, conversion: 0.5, cost: o.acquisitionCost ?? 0 },
      },
    },
    ...(o.budget
      ? {
          levers: { care: { kind: 'employeeSupport', response: { scale: 1000 } } },
          strategies: { none: { baseline: true, budget: { perYear: o.budget, allocation: { care: 1 } } } },
        }
      : {}),
    ...(o.wage ? { workforce: { headcount: 2, wagePerMonth: o.wage, turnover: { annualRate: 0 } } } : {}),
    valuation: {
      beyondHorizon: o.beyond,
      paymentTiming: o.timing,
      costsBeyondHorizon: o.costsBeyond ?? 'run-rate',
      runoffYears: o.runoffYears ?? 10,
      runoffStepsPerYear: o.runoffStepsPerYear ?? 4,
      yearEnds: o.yearEnds ?? 'approximate',
    },
  });
}

function run(sc: Scenario, yearEnds = false): ReplicationResult {
  return simulateReplication({ scenario: sc, strategy: 'none', replication: 0, customers: true, yearEnds });
}

/** |a − b| ≤ REL·max(|a|, |b|, floor). */
function expectClose(actual: number, expected: number, floor = 1): void {
  const tol = REL * Math.max(Math.abs(actual), Math.abs(expected), floor);
  if (!(Math.abs(actual - expected) <= tol)) expect.fail(`${actual} differs from ${expected} by ${actual - expected} (tolerance ${tol})`);
}

/** The conventions, written out from docs/model.md §1.4 and §11 (not from the engine's code). */
class Conventions {
  readonly spy: number;
  readonly T: number;
  readonly delta: number; // per-step discount factor (1+r)^(−1/spy)
  readonly d: number; // per-step rate
  readonly m: number; // margin per step per customer
  readonly h: number; // per-step hazard as stored (Float32)
  readonly advance: boolean;
  constructor(readonly o: FirmOptions) {
    this.spy = o.spy;
    this.T = Math.round((o.horizonMonths * o.spy) / 12);
    this.delta = Math.pow(1 + R, -1 / o.spy);
    this.d = Math.pow(1 + R, 1 / o.spy) - 1;
    this.m = (M_MONTH * 12) / o.spy;
    this.h = Math.fround(1 - Math.pow(1 - o.theta, 1 / o.spy));
    this.advance = o.timing === 'advance';
  }
  /** End of step t: δ^(t+1). */
  D(t: number): number {
    return Math.pow(this.delta, t + 1);
  }
  /** Start of step t: δ^t. */
  D0(t: number): number {
    return Math.pow(this.delta, t);
  }
  /** Discount of the margin of step t: start (advance) or end (arrears). */
  Dm(t: number): number {
    return this.advance ? this.D0(t) : this.D(t);
  }
  /** Gordon value at the end of a step of a customer who stays, per docs/model.md §11.3 with G = 1, e = 0. */
  perpetuity(m = this.m, h = this.h, d = this.d): number {
    return (m * (this.advance ? 1 + d : 1 - h)) / (1 + d - (1 - h));
  }
  /** The annuity factor A that capitalises run-rate costs per customer (§11.3). */
  annuity(h = this.h, d = this.d): number {
    return (this.advance ? 1 + d : 1 - h) / (1 + d - (1 - h));
  }
  /** Steps a customer present from step a and churning in step c is paid for (c = T: survived the horizon). */
  paidSteps(a: number, c: number): number[] {
    const last = c >= this.T ? this.T - 1 : this.advance ? c : c - 1;
    const out: number[] = [];
    for (let s = a; s <= last; s++) out.push(s);
    return out;
  }
  /** The horizon part of the value (at month 0), Float32-accumulated as the engine stores it, and in Float64. */
  within(a: number, c: number): { f32: number; f64: number } {
    let f32 = 0, f64 = 0;
    for (const s of this.paidSteps(a, c)) {
      f32 = Math.fround(f32 + this.m * this.Dm(s));
      f64 += this.m * this.Dm(s);
    }
    return { f32, f64 };
  }
  /** Restated at acquisition: ÷ δ^a for a customer acquired at step a (a ≤ 0: valued at month 0). */
  atAcquisition(a: number, value32: number): number {
    return a <= 0 ? value32 : Math.fround(value32 / Math.pow(this.delta, a));
  }
}

interface Inferred {
  /** Churn step of every customer (T for customers alive at the horizon). */
  churnStep: Int32Array;
  /** Beyond the horizon (run-off), for customers alive at the horizon: the run-off step they churned in, or −1 (alive at the end). */
  runoffChurn: Int32Array;
  /** Customers paying the margin of each step, split initial / acquired. */
  payersInitial: Float64Array;
  payersAcquired: Float64Array;
}

/**
 * Every churned customer's CLV must be the value of exactly one churn step; every customer still alive at the end
 * must have `survivorValue(a, within)` (Float32). With a run-off, `alive` is read at its end, and a customer who
 * churned in run-off step j has `runoffChurnValues(a, within)[j]`. Returns the inferred churn steps and the payers
 * per step, and checks that the churn steps inside the horizon are the `churned` series.
 */
function inferHistory(
  r: ReplicationResult,
  c: Conventions,
  survivorValue: (a: number, within32: number) => number,
  runoffChurnValues: (a: number, within32: number) => number[] = () => [],
): Inferred {
  const cu = r.customers!;
  const N = cu.clv.length;
  const T = c.T;
  const churnStep = new Int32Array(N), runoffChurn = new Int32Array(N).fill(-1);
  const payersInitial = new Float64Array(T), payersAcquired = new Float64Array(T);
  const cache = new Map<number, number[]>();
  const horizonChurns = new Map<number, number>();
  for (let i = 0; i < N; i++) {
    const a = Math.max(0, cu.acquiredStep[i]);
    const clv = cu.clv[i];
    let step = T;
    if (cu.alive[i] === 1) {
      expectClose(clv, c.atAcquisition(a, survivorValue(a, c.within(a, T).f32)), c.m);
    } else {
      let values = cache.get(a);
      if (!values) {
        values = [];
        for (let s = a; s < T; s++) values.push(c.atAcquisition(a, c.within(a, s).f32));
        horizonChurns.set(a, values.length);
        for (const v of runoffChurnValues(a, c.within(a, T).f32)) values.push(c.atAcquisition(a, v));
        cache.set(a, values);
      }
      const k = values.findIndex((v) => Math.abs(v - clv) <= REL * Math.max(Math.abs(v), c.m));
      if (k < 0) expect.fail(`customer ${i} (acquired at step ${a}) has CLV ${clv}, which is the value of no churn step: ${values.slice(0, 4).join(', ')}, …`);
      const nh = horizonChurns.get(a)!;
      if (k < nh) step = a + k;
      else runoffChurn[i] = k - nh;
    }
    churnStep[i] = step;
    for (const s of c.paidSteps(a, step)) (cu.acquiredStep[i] < 0 ? payersInitial : payersAcquired)[s]++;
  }
  // the inferred churn steps are the realised churn series, step by step
  const counts = new Float64Array(T);
  for (let i = 0; i < N; i++) if (churnStep[i] < T) counts[churnStep[i]]++;
  expect(Array.from(counts)).toEqual(Array.from(r.series.churned));
  return { churnStep, runoffChurn, payersInitial, payersAcquired };
}

/** Within-horizon checks shared by every case: discount series, margin per step, acquisition cost timing, CX spend timing. */
function checkHorizon(r: ReplicationResult, c: Conventions, o: FirmOptions, h: Inferred) {
  const T = c.T;
  expect(r.steps).toBe(T);
  const s = r.series;
  for (let t = 0; t < T; t++) {
    expectClose(s.discount[t], c.D(t), 0);
    expectClose(s['discount.start'][t], c.D0(t), 0);
    // margin of the step: m per customer who pays it (survivors of the step in arrears, all alive at its start in advance)
    const payers = c.advance ? s.active[t] : s.active[t] - s.churned[t];
    expect(s.margin[t]).toBe(c.m * payers);
    expect(s.margin[t]).toBe(c.m * (h.payersInitial[t] + h.payersAcquired[t]));
  }
  // acquisitions: a customer acquired in step t is "acquired at step t+1" and its cost is paid at the end of step t
  const cu = r.customers!;
  const joined = new Float64Array(T);
  for (let i = 0; i < cu.clv.length; i++) if (cu.acquiredStep[i] >= 0) joined[cu.acquiredStep[i] - 1]++;
  expect(Array.from(joined)).toEqual(Array.from(s.acquired));
  let acqPV = 0;
  for (let t = 0; t < T; t++) {
    expect(s.acquisitionCost[t]).toBe(s.acquired[t] * (o.acquisitionCost ?? 0));
    acqPV += s.acquisitionCost[t] * c.D(t);
  }
  expectClose(r.totals.acquisitionCostPV, acqPV);
  // lever spend: budget/spy a step, paid at the start of the step
  const spend = (o.budget ?? 0) / c.spy;
  let cxPV = 0;
  for (let t = 0; t < T; t++) {
    expect(s.cxSpend[t]).toBe(spend);
    cxPV += spend * c.D0(t);
  }
  // net equity within the horizon = Σ margin·D_m − PV(acquisition cost) − PV(CX spend)
  let marginPV = 0, existingPV = 0, acquiredPV = 0;
  for (let t = 0; t < T; t++) {
    marginPV += s.margin[t] * c.Dm(t);
    existingPV += c.m * h.payersInitial[t] * c.Dm(t);
    acquiredPV += c.m * h.payersAcquired[t] * c.Dm(t);
  }
  expectClose(r.totals.netEquityWithinHorizon, marginPV - acqPV - cxPV);
  return { acqPV, cxPV, existingPV, acquiredPV, spend };
}

const cases: { spy: 1 | 12; timing: Timing; beyond: 'none' | 'perpetuity'; horizonMonths: number }[] = [];
for (const spy of [12, 1] as const)
  for (const timing of ['arrears', 'advance'] as const)
    for (const beyond of ['none', 'perpetuity'] as const) cases.push({ spy, timing, beyond, horizonMonths: spy === 12 ? 36 : 72 });

describe('per-customer CLV, equity and the value beyond the horizon, exactly, for the realised churn', () => {
  it.each(cases)('stepsPerYear $spy, $timing, beyondHorizon $beyond', ({ spy, timing, beyond, horizonMonths }) => {
    // costsBeyondHorizon none: lever spend stops at the horizon (the capitalised run-rate costs have their own test below)
    const o: FirmOptions = { spy, timing, beyond, horizonMonths, theta: spy === 12 ? 0.3 : 0.25, prospects: 40, acquisitionCost: 30, budget: 24000, costsBeyond: 'none' };
    const c = new Conventions(o);
    const r = run(firm(o));
    const V = c.perpetuity();
    // a survivor of the horizon: within-horizon margins, then (perpetuity) the Gordon value at the end of the last step
    const h = inferHistory(r, c, (_a, w) => (beyond === 'perpetuity' ? Math.fround(w + V * c.D(c.T - 1)) : w));
    const { acqPV, cxPV, existingPV, acquiredPV } = checkHorizon(r, c, o, h);
    const cu = r.customers!;
    let aliveInitial = 0, aliveAcquired = 0;
    for (let i = 0; i < cu.clv.length; i++) if (cu.alive[i] === 1) cu.acquiredStep[i] < 0 ? aliveInitial++ : aliveAcquired++;
    expect(aliveInitial + aliveAcquired).toBe(r.totals.alive);
    expect(r.totals.alive).toBe(r.series.active[c.T - 1] - r.series.churned[c.T - 1]);
    const atHorizon = c.D(c.T - 1);
    const closingExisting = beyond === 'perpetuity' ? aliveInitial * V * atHorizon : 0;
    const closingAcquired = beyond === 'perpetuity' ? aliveAcquired * V * atHorizon : 0;
    const costsBeyond = 0;
    const t = r.totals;
    expectClose(t.equityExisting, existingPV + closingExisting);
    expectClose(t.equityAcquired, acquiredPV + closingAcquired - acqPV);
    expectClose(t.customerEquity, existingPV + acquiredPV + closingExisting + closingAcquired - acqPV);
    expectClose(t.cxSpendPV, cxPV + costsBeyond);
    expectClose(t.costsBeyondHorizonPV, costsBeyond, 1);
    expectClose(t.netValueClosing, closingExisting + closingAcquired - costsBeyond, 1);
    expect(t.netValueRunoff).toBe(0);
    expectClose(t.netEquity, t.netEquityWithinHorizon + t.netValueBeyondHorizon);
    if (beyond === 'none') expect(t.netValueBeyondHorizon).toBe(0);
    // the Float32 per-customer reference is itself the Float64 closed form to Float32 accuracy
    const w = c.within(0, c.T);
    expect(Math.abs(w.f32 - w.f64)).toBeLessThan(2e-6 * w.f64);
    // every churn step and both kinds of customer occur, so no branch of the check is empty
    expect(aliveInitial).toBeGreaterThan(0);
    expect(aliveAcquired).toBeGreaterThan(0);
    expect(r.totals.churned).toBeGreaterThan(50);
  });
});

describe('the run-off (beyondHorizon runoff) with constant parameters, exactly', () => {
  // Annual horizon steps and an annual run-off (k = 1: no coarse-step factor): a survivor of the horizon keeps
  // earning m a year in the run-off until it churns there, then the survivors of the run-off get the closing
  // perpetuity at its end (§11.2–11.3). Each survivor's CLV must be one of those R + 1 values; the run-off's
  // realised survivors per year, read from them, give netValueRunoff and netValueClosing exactly.
  it.each(['arrears', 'advance'] as const)('annual steps, a 6-year annual run-off, %s', (timing) => {
    const o: FirmOptions = { spy: 1, timing, beyond: 'runoff', horizonMonths: 48, theta: 0.25, initial: 600, prospects: 20, acquisitionCost: 30, runoffYears: 6, runoffStepsPerYear: 1 };
    const c = new Conventions(o);
    const r = run(firm(o));
    const T = c.T, Rn = 6;
    const V = c.perpetuity();
    /** Run-off step j's margin discount (start in advance, end in arrears), at month 0. */
    const DmR = (j: number) => c.Dm(T + j);
    /** The value of a horizon survivor (Float32, at month 0) who churns in run-off step j, or (last) survives the run-off. */
    const candidates = (_a: number, within: number) => {
      const out: number[] = [];
      // churn in run-off step j (0 ≤ j < R): paid run-off steps 0..j−1 (arrears) or 0..j (advance)
      for (let j = 0; j < Rn; j++) {
        let v = within;
        for (let i = 0; i <= (c.advance ? j : j - 1); i++) v = Math.fround(v + c.m * DmR(i));
        out.push(v);
      }
      // survived the run-off: all R steps, then the closing perpetuity at the end of its last step
      let v = within;
      for (let i = 0; i < Rn; i++) v = Math.fround(v + c.m * DmR(i));
      out.push(Math.fround(v + V * c.D(T + Rn - 1)));
      return out;
    };
    const payersRunoff = new Float64Array(Rn);
    const survivors = { initial: 0, acquired: 0 };
    let closingInitial = 0, closingAcquired = 0;
    let marginRunoffInitial = 0, marginRunoffAcquired = 0;
    const h = inferHistory(r, c, (a, w) => candidates(a, w)[Rn], (a, w) => candidates(a, w).slice(0, Rn));
    checkHorizon(r, c, o, h);
    const cu = r.customers!;
    for (let i = 0; i < cu.clv.length; i++) {
      if (h.churnStep[i] < T) continue;
      const initial = cu.acquiredStep[i] < 0;
      const j = h.runoffChurn[i];
      const paid = j < 0 ? Rn : c.advance ? j + 1 : j;
      for (let i2 = 0; i2 < paid; i2++) {
        payersRunoff[i2]++;
        if (initial) marginRunoffInitial += c.m * DmR(i2);
        else marginRunoffAcquired += c.m * DmR(i2);
      }
      if (j < 0) {
        survivors[initial ? 'initial' : 'acquired']++;
        if (initial) closingInitial += V * c.D(T + Rn - 1);
        else closingAcquired += V * c.D(T + Rn - 1);
      }
    }
    // the run-off really ran: customers churned in it and some survived it
    expect(payersRunoff[0]).toBeGreaterThan(payersRunoff[Rn - 1]);
    expect(survivors.initial).toBeGreaterThan(0);
    expect(survivors.acquired).toBeGreaterThan(0);
    const t = r.totals;
    expectClose(t.netValueRunoff, marginRunoffInitial + marginRunoffAcquired);
    expectClose(t.netValueClosing, closingInitial + closingAcquired);
    expect(t.costsBeyondHorizonPV).toBe(0);
    // the split of customer equity carries the run-off and closing values to the right side
    let withinInitial = 0, withinAcquired = 0;
    for (let s = 0; s < T; s++) {
      withinInitial += c.m * h.payersInitial[s] * c.Dm(s);
      withinAcquired += c.m * h.payersAcquired[s] * c.Dm(s);
    }
    expectClose(t.equityExisting, withinInitial + marginRunoffInitial + closingInitial);
    expectClose(t.equityAcquired, withinAcquired + marginRunoffAcquired + closingAcquired - t.acquisitionCostPV);
    // the last year end is valued by the full rule
    expect(r.valueBeyondByYear[T - 1]).toBe(t.netValueBeyondHorizon);
  });

  // Without churn everything is deterministic, and a quarterly run-off of a monthly model must give exactly the
  // monthly stream: each quarter carries 3 months' margin × the coarse-step factor c_end = (1/3)Σ_{i=1..3} δ^(i−3)
  // (c_start = (1/3)Σ_{i=0..2} δ^i in advance), and the closing quarterly perpetuity × the same factor equals the
  // monthly perpetuity (3m·c_end/d_q = m/d_monthly). So the value beyond the horizon of each customer is the
  // closed form m·δ^T/d (arrears) or m·δ^T·(1+d)/d (advance), for any number of run-off years.
  it.each([
    { timing: 'arrears' as const, runoffStepsPerYear: 4 as const },
    { timing: 'advance' as const, runoffStepsPerYear: 4 as const },
    { timing: 'arrears' as const, runoffStepsPerYear: 1 as const },
    { timing: 'advance' as const, runoffStepsPerYear: 12 as const },
  ])('no churn: a $runoffStepsPerYear-step-a-year run-off of monthly steps + its closing perpetuity = m·δ^T/d per customer, $timing', ({ timing, runoffStepsPerYear }) => {
    const N = 50;
    const o: FirmOptions = { spy: 12, timing, beyond: 'runoff', horizonMonths: 24, theta: 0, initial: N, runoffYears: 3, runoffStepsPerYear };
    const c = new Conventions(o);
    const r = run(firm(o));
    const perCustomerBeyond = (c.m * c.D0(c.T) * (c.advance ? 1 + c.d : 1)) / c.d;
    expectClose(r.totals.netValueBeyondHorizon, N * perCustomerBeyond);
    let within = 0;
    for (let t = 0; t < c.T; t++) within += c.m * c.Dm(t);
    expectClose(r.totals.customerEquity, N * (within + perCustomerBeyond));
    expectClose(r.totals.netEquityWithinHorizon, N * within);
    // the run-off part alone: the first 3 years of the monthly stream
    let runoff = 0;
    for (let i = 0; i < 36; i++) runoff += c.m * c.Dm(c.T + i);
    expectClose(r.totals.netValueRunoff, N * runoff);
    // per customer (Float32, accumulated over 24 + 12 steps): within 2e-6 of the Float64 closed form
    for (const v of r.customers!.clv) expect(Math.abs(v / (within + perCustomerBeyond) - 1)).toBeLessThan(2e-6);
  });
});

describe('year-end values (valueBeyondByYear), exactly', () => {
  // Year-end approximation (§11.5): the customers alive at the end of year y (before that step's acquisitions,
  // who join after the valuation date) valued by the closing perpetuity at D[12y − 1]; the last year end is the
  // full rule (= the value beyond the horizon).
  it.each(['arrears', 'advance'] as const)('approximate year ends: survivors × the Gordon value at each year end, %s', (timing) => {
    const o: FirmOptions = { spy: 12, timing, beyond: 'perpetuity', horizonMonths: 36, theta: 0.3, prospects: 40, acquisitionCost: 30, costsBeyond: 'none' };
    const c = new Conventions(o);
    const r = run(firm(o));
    const V = c.perpetuity();
    expect(r.valueBeyondByYear.length).toBe(3);
    for (let y = 1; y <= 3; y++) {
      const t = 12 * y - 1;
      const alive = r.series.active[t] - r.series.churned[t];
      expectClose(r.valueBeyondByYear[y - 1], alive * V * c.D(t));
      expect(r.costsBeyondByYear[y - 1]).toBe(0);
    }
    expectClose(r.valueBeyondByYear[2], r.totals.netValueBeyondHorizon);
    expectClose(r.approximateValueBeyondAtHorizon, r.totals.netValueBeyondHorizon);
  });

  // The year-end approximation is the horizon's rule applied at the year end: with run-rate lever spend, the value
  // and the costs beyond the end of year y of a 3-year run equal those beyond the horizon of a y-year run.
  it('approximate year ends with run-rate costs = the perpetuity of a run whose horizon ends there', () => {
    const base: FirmOptions = { spy: 12, timing: 'arrears', beyond: 'perpetuity', horizonMonths: 36, theta: 0.3, prospects: 40, acquisitionCost: 30, budget: 24000 };
    const long = run(firm(base));
    for (const y of [1, 2]) {
      const short = run(firm({ ...base, horizonMonths: 12 * y }));
      expect(short.totals.costsBeyondHorizonPV).toBeGreaterThan(0);
      expectClose(long.costsBeyondByYear[y - 1], short.totals.costsBeyondHorizonPV);
      expectClose(long.valueBeyondByYear[y - 1], short.totals.netValueBeyondHorizon);
    }
  });

  // Full rule at every year end (valuation.yearEnds runoff): a run-off from each year end. Without churn and
  // acquisition it is the closed form N·m·δ^(12y)/d (arrears) or ·(1+d)/d (advance).
  it.each(['arrears', 'advance'] as const)('run-off year ends without churn: N·m·δ^(12y)·(1 or 1+d)/d, %s', (timing) => {
    const N = 40;
    const o: FirmOptions = { spy: 12, timing, beyond: 'runoff', horizonMonths: 36, theta: 0, initial: N, runoffYears: 2, runoffStepsPerYear: 4, yearEnds: 'runoff' };
    const c = new Conventions(o);
    const r = run(firm(o), true);
    expect(r.valuation.yearEnds).toBe('runoff');
    for (let y = 1; y <= 3; y++) expectClose(r.valueBeyondByYear[y - 1], (N * c.m * c.D0(12 * y) * (c.advance ? 1 + c.d : 1)) / c.d);
  });
});

describe('payment timing: advance is arrears one step of discount earlier, exactly', () => {
  // Without churn every customer pays every step under both timings; advance receives each payment at the start
  // of the step (δ^t) instead of the end (δ^(t+1)), and the perpetuity (1+d)/d instead of 1/d: every value is the
  // arrears value ÷ δ. Monthly and annual steps, the perpetuity and the run-off.
  it.each([
    { spy: 12 as const, beyond: 'perpetuity' as const },
    { spy: 1 as const, beyond: 'perpetuity' as const },
    { spy: 12 as const, beyond: 'runoff' as const },
    { spy: 1 as const, beyond: 'none' as const },
  ])('stepsPerYear $spy, beyondHorizon $beyond', ({ spy, beyond }) => {
    const base = { spy, beyond, horizonMonths: 36, theta: 0, initial: 30, runoffYears: 2, runoffStepsPerYear: 4 as const };
    const arrears = run(firm({ ...base, timing: 'arrears' })).totals;
    const advance = run(firm({ ...base, timing: 'advance' })).totals;
    const delta = Math.pow(1 + R, -1 / spy);
    expectClose(advance.customerEquity, arrears.customerEquity / delta);
    expectClose(advance.netEquityWithinHorizon, arrears.netEquityWithinHorizon / delta);
    expectClose(advance.netValueBeyondHorizon, arrears.netValueBeyondHorizon / delta, 1);
  });
});

describe('costs beyond the horizon (costsBeyondHorizon run-rate)', () => {
  // Lever spend is paid at the start of each step (§1.4, §11.1), inside the horizon and in the run-off. Without
  // churn the run-off's lever spend must be the monthly start-of-month stream s·Σ_{i<12R} δ^(T+i), whatever the
  // run-off's step (the coarse-step factor c_start).
  it.each([4, 12] as const)('run-off lever spend is paid at the start of each month (run-off steps a year: %i)', (runoffStepsPerYear) => {
    const budget = 24000, s = budget / 12;
    const o: FirmOptions = { spy: 12, timing: 'arrears', beyond: 'runoff', horizonMonths: 24, theta: 0, initial: 20, budget, runoffYears: 2, runoffStepsPerYear };
    const c = new Conventions(o);
    const r = run(firm(o));
    let margin = 0, spend = 0;
    for (let i = 0; i < 24; i++) {
      margin += 20 * c.m * c.D(c.T + i);
      spend += s * c.D0(c.T + i);
    }
    expectClose(r.totals.netValueRunoff, margin - spend);
  });

  // The closing perpetuity capitalises each run-rate cost with the annuity of its own timing (§11.3). Lever spend
  // is paid at the START of each step (§1.4), so without churn the capitalised spend is s·δ^T_c·Σ_{i≥0} δ^i =
  // s·δ^T_c/(1−δ) (T_c the closing date). Until it was fixed the closing used the margin's arrears factor
  // A = (1−h)/(1+d−ρ) (end of step, survivors only): δ^k of it, one closing step (k horizon steps) too little cost.
  it.each([
    { beyond: 'perpetuity' as const, runoffStepsPerYear: 12 as const },
    { beyond: 'runoff' as const, runoffStepsPerYear: 4 as const },
  ])('closing perpetuity: capitalised lever spend = the start-of-month stream s·δ^T/(1−δ) (beyondHorizon $beyond, arrears)', ({ beyond, runoffStepsPerYear }) => {
    const budget = 24000, s = budget / 12;
    const o: FirmOptions = { spy: 12, timing: 'arrears', beyond, horizonMonths: 24, theta: 0, initial: 20, budget, runoffYears: 2, runoffStepsPerYear };
    const c = new Conventions(o);
    const r = run(firm(o));
    const closingDate = beyond === 'runoff' ? c.T + 24 : c.T;
    const closingMargin = (20 * c.m * c.D0(closingDate)) / c.d;
    expectClose(r.totals.netValueClosing, closingMargin - (s * c.D0(closingDate)) / (1 - c.delta));
  });

  // The workforce is paid at the END of each step (§1.4) for the customers there at its start: without churn its
  // capitalised cost is the end-of-month stream W·Σ_{i≥0} δ^(T_c+i+1) = W·δ^(T_c+1)/(1−δ), in arrears AND in advance
  // (advance moves the margin, not the wage bill). Before the fix the advance closing charged it one step early (÷δ).
  it.each([
    { timing: 'arrears' as const, beyond: 'perpetuity' as const, runoffStepsPerYear: 12 as const },
    { timing: 'advance' as const, beyond: 'perpetuity' as const, runoffStepsPerYear: 12 as const },
    { timing: 'advance' as const, beyond: 'runoff' as const, runoffStepsPerYear: 4 as const },
    { timing: 'arrears' as const, beyond: 'runoff' as const, runoffStepsPerYear: 4 as const },
  ])('closing perpetuity: capitalised workforce = the end-of-month stream W·δ^(T+1)/(1−δ) (beyondHorizon $beyond, $timing)', ({ timing, beyond, runoffStepsPerYear }) => {
    const wage = 1000, W = 2 * wage;
    const o: FirmOptions = { spy: 12, timing, beyond, horizonMonths: 24, theta: 0, initial: 20, wage, runoffYears: 2, runoffStepsPerYear };
    const c = new Conventions(o);
    const r = run(firm(o));
    const closingDate = beyond === 'runoff' ? c.T + 24 : c.T;
    // the margin's Gordon value per survivor (h = 0): m·(1 or 1+d)/d at the closing date
    const closingMargin = 20 * c.perpetuity() * c.D0(closingDate);
    expectClose(r.totals.netValueClosing, closingMargin - (W * c.D(closingDate)) / (1 - c.delta));
  });

  // With churn every survivor has the same ρ = 1−h, so the capitalised costs do not depend on how many survive:
  // per survivor and step, lever spend s·(1+d)/(d+h) at δ^T and the workforce W·δ·(1+d)/(d+h) = W/(d+h) at δ^T,
  // in either timing. (The margin's arrears factor (1−h)/(d+h) would charge less; the advance one, the workforce ÷δ.)
  it.each(['arrears', 'advance'] as const)('closing perpetuity with churn: lever spend at A_start = (1+d)/(d+h), workforce at δ·A_start (%s)', (timing) => {
    const budget = 24000, s = budget / 12, wage = 1000, W = 2 * wage;
    const o: FirmOptions = { spy: 12, timing, beyond: 'perpetuity', horizonMonths: 24, theta: 0.2, initial: 20, budget, wage };
    const c = new Conventions(o);
    const r = run(firm(o));
    expect(r.totals.alive).toBeGreaterThan(0);
    const startFactor = (1 + c.d) / (c.d + c.h);
    expectClose(r.totals.costsBeyondHorizonPV, (s * startFactor + W * c.delta * startFactor) * c.D0(c.T));
  });
});
