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
  /** Customers paying the margin of each step, split initial / acquired. */
  payersInitial: Float64Array;
  payersAcquired: Float64Array;
}

/**
 * Every churned customer's CLV must be the value of exactly one churn step; every survivor's must be
 * `survivorValue(a, within)` (Float32). Returns the inferred churn steps and the payers per step.
 */
function inferHistory(r: ReplicationResult, c: Conventions, survivorValue: (a: number, within32: number) => number | null): Inferred {
  const cu = r.customers!;
  const N = cu.clv.length;
  const T = c.T;
  const churnStep = new Int32Array(N);
  const payersInitial = new Float64Array(T), payersAcquired = new Float64Array(T);
  const cache = new Map<number, number[]>();
  for (let i = 0; i < N; i++) {
    const a = Math.max(0, cu.acquiredStep[i]);
    const clv = cu.clv[i];
    let step = -1;
    if (cu.alive[i] === 1) {
      const expected = survivorValue(a, c.within(a, T).f32);
      if (expected !== null) expectClose(clv, c.atAcquisition(a, expected), c.m);
      step = T;
    } else {
      let values = cache.get(a);
      if (!values) {
        values = [];
        for (let s = a; s < T; s++) values.push(c.atAcquisition(a, c.within(a, s).f32));
        cache.set(a, values);
      }
      const k = values.findIndex((v) => Math.abs(v - clv) <= REL * Math.max(Math.abs(v), c.m));
      if (k < 0) expect.fail(`customer ${i} (acquired at step ${a}) has CLV ${clv}, which is the value of no churn step: ${values.slice(0, 4).join(', ')}, …`);
      step = a + k;
    }
    churnStep[i] = step;
    for (const s of c.paidSteps(a, step)) (cu.acquiredStep[i] < 0 ? payersInitial : payersAcquired)[s]++;
  }
  // the inferred churn steps are the realised churn series, step by step
  const counts = new Float64Array(T);
  for (let i = 0; i < N; i++) if (churnStep[i] < T) counts[churnStep[i]]++;
  expect(Array.from(counts)).toEqual(Array.from(r.series.churned));
  return { churnStep, payersInitial, payersAcquired };
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
    const o: FirmOptions = { spy, timing, beyond, horizonMonths, theta: spy === 12 ? 0.3 : 0.25, prospects: 40, acquisitionCost: 30, budget: 24000 };
    const c = new Conventions(o);
    const r = run(firm(o));
    const V = c.perpetuity();
    // a survivor of the horizon: within-horizon margins, then (perpetuity) the Gordon value at the end of the last step
    const h = inferHistory(r, c, (_a, w) => (beyond === 'perpetuity' ? Math.fround(w + V * c.D(c.T - 1)) : w));
    const { acqPV, cxPV, existingPV, acquiredPV, spend } = checkHorizon(r, c, o, h);
    const cu = r.customers!;
    let aliveInitial = 0, aliveAcquired = 0;
    for (let i = 0; i < cu.clv.length; i++) if (cu.alive[i] === 1) cu.acquiredStep[i] < 0 ? aliveInitial++ : aliveAcquired++;
    expect(aliveInitial + aliveAcquired).toBe(r.totals.alive);
    expect(r.totals.alive).toBe(r.series.active[c.T - 1] - r.series.churned[c.T - 1]);
    const atHorizon = c.D(c.T - 1);
    const closingExisting = beyond === 'perpetuity' ? aliveInitial * V * atHorizon : 0;
    const closingAcquired = beyond === 'perpetuity' ? aliveAcquired * V * atHorizon : 0;
    // run-rate lever spend beyond the horizon, capitalised per surviving customer with the margin's annuity factor (§11.3)
    const costsBeyond = beyond === 'perpetuity' ? spend * c.annuity() * atHorizon * (r.totals.alive > 0 ? 1 : 0) : 0;
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
