// The service-profit chain of a calibration, measured by simulation against the Sears
// employee-customer-profit chain (Rucci, Kirn & Quinn, "The Employee-Customer-Profit Chain at
// Sears", Harvard Business Review 76(1), 1998): +5 units of employee attitude → +1.3 units of
// customer impression → +0.5% revenue growth. docs/model.md §6.6 states the unit mapping and the
// design; scripts/calibration/chain.ts prints the table; tests/engine/service-profit-chain.test.ts
// holds the default calibration to it.
//
// Unit mapping. Sears' attitude and impression were survey indices; we read a "unit" as one
// hundredth of an index's range (a point on a 0–100 scale) and map it to 0.01 on cxsim's 0–1
// engagement and satisfaction scales (UNIT). Revenue growth is read as percentage points of
// annual revenue growth (revenue of the year after the change against the year before it).
//
// Design: a stationary reference firm (acquisitions replace expected churn, workforce and
// satisfaction start at their steady states, no overload), simulated in pairs under common
// random numbers (same replication, same customer keys, same uniforms):
// - employee → customer: the second arm has target and initial engagement `EMPLOYEE_STEP` (5
//   units) higher; link = Δ mean satisfaction / Δ engagement over year 5 (months 49–60), when
//   experience and satisfaction have settled.
// - customer → revenue: the second arm has every experience's base quality and the initial
//   satisfaction `CUSTOMER_STEP` (1.3 units) higher, so every customer's satisfaction is higher
//   by exactly that amount from month 0 (s ← λs + (1−λ)·mean(e) is linear); link = Δ revenue
//   growth of year 1 (percentage points) / Δ mean satisfaction of year 1 (units). The base arm
//   is stationary, so its year-1 revenue stands for the year before the change.
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { Scenario, type ScenarioInput } from '../../src/scenario/schema.ts';
import { deepMerge } from '../../src/scenario/merge.ts';
import { simulateReplication } from '../../src/engine/replication.ts';

/** One unit of a Sears survey index on cxsim's 0–1 scales (a hundredth of the range). */
export const UNIT = 0.01;
/** Sears (Rucci, Kirn & Quinn 1998): 5 units of attitude → 1.3 units of impression → 0.5 points of revenue growth. */
export const SEARS = {
  employeeUnits: 5,
  customerUnits: 1.3,
  revenueGrowthPoints: 0.5,
  /** customer units per employee unit */
  employeeToCustomer: 1.3 / 5,
  /** percentage points of annual revenue growth per customer unit */
  customerToRevenue: 0.5 / 1.3,
  /** percentage points of annual revenue growth per employee unit */
  endToEnd: 0.5 / 5,
} as const;
export const EMPLOYEE_STEP = SEARS.employeeUnits * UNIT;
export const CUSTOMER_STEP = SEARS.customerUnits * UNIT;

/**
 * Reference firms, differing only in what a customer experiences:
 * - store: a store visit served by employees (human-served touchpoint, friction 0.2) in half the
 *   months, plus service contacts: the Sears case, where the impression is formed by employees;
 * - contacts: service contacts only;
 * - mixed: service contacts plus a self-service (automated) touchpoint, friction 0.2, in half
 *   the months: the employees serve only a minority of the experiences.
 */
export const VARIANTS = ['store', 'contacts', 'mixed'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface ChainOptions {
  variant: Variant;
  customers: number;
  replications: number;
  seed?: number;
  /** Partial scenario (behaviour, workforce, …) merged over the reference before anything is derived: the calibration measured. */
  calibration?: Record<string, unknown>;
  /** Base quality, service weight and served mode of the reference's touchpoint, beyond the schema defaults. */
  touchpoint?: Record<string, unknown>;
}

const ANNUAL_CHURN = 0.2;
const VISIT_PROBABILITY = 0.5;
const FRICTION = 0.2;
const TARGET_WORKLOAD = 0.8;
const HORIZON = 60;
const CONVERSION = 0.1;

/** The reference scenario with its steady state, and the ids the arms override. */
function reference(o: ChainOptions): ScenarioInput {
  const tp = { visitProbability: VISIT_PROBABILITY, friction: FRICTION, served: o.variant === 'store' ? 'human' : 'automated', ...o.touchpoint };
  const draft = (extra: Record<string, unknown>): ScenarioInput =>
    deepMerge(
      deepMerge(
        {
          meta: { name: `chain-${o.variant}`, horizonMonths: HORIZON, seed: o.seed ?? 1, replications: o.replications },
          pools: { core: { marginRate: 0.3 } },
          segments: { s: { initialCustomers: o.customers, churn: { annualRate: ANNUAL_CHURN }, wallet: { core: { mean: 100 } } } },
          journeys: { j: { stages: { use: o.variant === 'contacts' ? {} : { touchpoints: { visit: tp } } } } },
          workforce: { headcount: 1 },
          strategies: { base: { baseline: true } },
        },
        o.calibration ?? {},
      ),
      extra,
    ) as ScenarioInput;
  // Steady state of the base arm, from the calibration's own values (docs/model.md §6.2, §5.2).
  const d = Scenario.parse(draft({}));
  const w = d.workforce!;
  const num = (x: unknown) => {
    if (typeof x !== 'number') throw new Error('the reference calibration must use plain numbers');
    return x;
  };
  const isq = num(w.internalServiceQuality.base);
  const E = Math.min(1, Math.max(0, num(w.engagement.base) + num(w.engagement.isqWeight) * isq));
  const annual = Math.min(1, num(w.turnover.annualRate) * Math.exp(-num(w.turnover.engagementSensitivity) * (E - num(w.turnover.reference))));
  const u = 1 - Math.pow(1 - annual, 1 / 12);
  const a = 1 - Math.exp(-1 / num(w.experience.learningMonths));
  const X = (a * (1 - u)) / (1 - (1 - a) * (1 - u));
  const SQ = Math.min(1, Math.max(0, num(w.serviceQuality.base) + num(w.serviceQuality.engagementWeight) * E + num(w.serviceQuality.experienceWeight) * X));
  const seg = d.segments.s;
  const need = num(seg.serviceNeed);
  const pc = 1 - Math.exp(-need);
  const eContact = num(w.contact.baseQuality) + num(w.contact.serviceWeight) * SQ;
  const t = d.journeys.j.stages.use.touchpoints.visit;
  const pv = t ? num(t.visitProbability) : 0;
  const eVisit = t ? num(t.baseQuality) + (t.served === 'human' ? num(t.serviceWeight) * SQ : 0) - num(t.friction) : 0;
  const s0 = (pv * (1 - pc) * eVisit + (1 - pv) * pc * eContact + pv * pc * (eVisit + eContact) / 2) / (1 - (1 - pv) * (1 - pc));
  const b = d.behaviour;
  const hazard = (1 - Math.pow(1 - ANNUAL_CHURN, 1 / 12)) * Math.exp(-b.churnSatisfactionSensitivity * (s0 - b.satisfactionReference));
  const humanContacts = o.customers * (need + (t && t.served === 'human' ? pv : 0));
  const perHead = num(w.productivity) * (num(w.experience.newHireProductivity) + (1 - num(w.experience.newHireProductivity)) * X);
  return draft({
    segments: { s: { initialSatisfaction: s0, acquisition: { prospectsPerMonth: (hazard * o.customers) / CONVERSION, conversion: CONVERSION } } },
    workforce: { headcount: Math.max(1, Math.round(humanContacts / (perHead * TARGET_WORKLOAD))), engagement: { initial: E }, experience: { initial: X } },
  });
}

/** The reference with a second strategy `step` that carries the given overrides. */
function paired(o: ChainOptions, step: (sc: ReturnType<typeof Scenario.parse>) => Record<string, unknown>) {
  const base = Scenario.parse(reference(o));
  return Scenario.parse(deepMerge(reference(o), { strategies: { step: { overrides: step(base) } } }));
}

/** Overrides that raise target and initial engagement by EMPLOYEE_STEP. */
function engagementStep(sc: ReturnType<typeof Scenario.parse>) {
  const e = sc.workforce!.engagement;
  return { workforce: { engagement: { base: (e.base as number) + EMPLOYEE_STEP, initial: (e.initial as number) + EMPLOYEE_STEP } } };
}

/** Overrides that raise every experience's base quality and the initial satisfaction by CUSTOMER_STEP. */
function satisfactionStep(sc: ReturnType<typeof Scenario.parse>) {
  const tp = sc.journeys.j.stages.use.touchpoints.visit;
  return {
    segments: { s: { initialSatisfaction: (sc.segments.s.initialSatisfaction as number) + CUSTOMER_STEP } },
    workforce: { contact: { baseQuality: (sc.workforce!.contact.baseQuality as number) + CUSTOMER_STEP } },
    ...(tp ? { journeys: { j: { stages: { use: { touchpoints: { visit: { baseQuality: (tp.baseQuality as number) + CUSTOMER_STEP } } } } } } } : {}),
  };
}

const windowMean = (a: Float64Array, from: number, to: number) => {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i];
  return s / (to - from);
};
const yearSum = (a: Float64Array, y: number) => windowMean(a, 12 * (y - 1), 12 * y) * 12;

export interface Estimate {
  mean: number;
  /** standard error of the mean over paired replications */
  se: number;
  values: number[];
}
const estimate = (values: number[]): Estimate => ({
  mean: mean(values),
  se: values.length > 1 ? sampleStandardDeviation(values) / Math.sqrt(values.length) : NaN,
  values,
});

export interface EmployeeToCustomer {
  /** customer units per employee unit (Δ satisfaction / Δ engagement, year 5) */
  link: Estimate;
  dEngagement: Estimate;
  dExperience: Estimate;
  dTurnoverAnnualPoints: Estimate;
  dServiceQuality: Estimate;
  /** Δ mean satisfaction in units, years 1…5 */
  dSatisfactionByYear: Estimate[];
  /** Δ revenue growth (percentage points) per employee unit, years 1…5: the chain end to end, as it unfolds */
  dGrowthPerEmployeeUnitByYear: Estimate[];
  baseSatisfaction: number;
  baseServiceQuality: number;
}

/** Employee → customer: paired runs with engagement EMPLOYEE_STEP higher. */
export function measureEmployeeToCustomer(o: ChainOptions): EmployeeToCustomer {
  const sc = paired(o, engagementStep);
  const acc = { link: [] as number[], dE: [] as number[], dX: [] as number[], dT: [] as number[], dSQ: [] as number[], bS: [] as number[], bSQ: [] as number[] };
  const byYear: number[][] = [[], [], [], [], []];
  const growth: number[][] = [[], [], [], [], []];
  for (let k = 0; k < o.replications; k++) {
    const a = simulateReplication({ scenario: sc, strategy: 'base', replication: k }).series;
    const b = simulateReplication({ scenario: sc, strategy: 'step', replication: k }).series;
    const d = (name: string, from = 48, to = 60) => windowMean(b[name], from, to) - windowMean(a[name], from, to);
    const dE = d('engagement');
    acc.dE.push(dE / UNIT);
    acc.link.push(d('satisfaction') / dE);
    acc.dX.push(d('employeeExperience'));
    acc.dSQ.push(d('serviceQuality'));
    const annualTurnover = (s: Float64Array) => 100 * (1 - Math.pow(1 - windowMean(s, 48, 60), 12));
    acc.dT.push(annualTurnover(b.turnover) - annualTurnover(a.turnover));
    acc.bS.push(windowMean(a.satisfaction, 48, 60));
    acc.bSQ.push(windowMean(a.serviceQuality, 48, 60));
    for (let y = 1; y <= 5; y++) {
      byYear[y - 1].push(d('satisfaction', 12 * (y - 1), 12 * y) / UNIT);
      const g = (s: Float64Array) => (y === 1 ? yearSum(s, 1) / yearSum(a.revenue, 1) : yearSum(s, y) / yearSum(s, y - 1));
      growth[y - 1].push((100 * (g(b.revenue) - g(a.revenue))) / (dE / UNIT));
    }
  }
  return {
    link: estimate(acc.link),
    dEngagement: estimate(acc.dE),
    dExperience: estimate(acc.dX),
    dTurnoverAnnualPoints: estimate(acc.dT),
    dServiceQuality: estimate(acc.dSQ),
    dSatisfactionByYear: byYear.map(estimate),
    dGrowthPerEmployeeUnitByYear: growth.map(estimate),
    baseSatisfaction: mean(acc.bS),
    baseServiceQuality: mean(acc.bSQ),
  };
}

export interface CustomerToRevenue {
  /** percentage points of year-1 revenue growth per customer unit */
  link: Estimate;
  /** Δ mean satisfaction in year 1, in units (≈ 1.3 by construction) */
  dSatisfaction: Estimate;
  /** Δ revenue growth (percentage points) per customer unit, years 1…5 (year y against year y−1) */
  dGrowthByYear: Estimate[];
  /** Δ active customers at month 60, % per customer unit */
  dActivePerUnit: Estimate;
  /** revenue growth of the base arm from year 1 to year 2, %: how stationary the reference is */
  baseDrift: number;
}

/** Customer → revenue: paired runs with every customer's satisfaction CUSTOMER_STEP higher. */
export function measureCustomerToRevenue(o: ChainOptions): CustomerToRevenue {
  const sc = paired(o, satisfactionStep);
  const link: number[] = [], dS: number[] = [], act: number[] = [], drift: number[] = [];
  const growth: number[][] = [[], [], [], [], []];
  for (let k = 0; k < o.replications; k++) {
    const a = simulateReplication({ scenario: sc, strategy: 'base', replication: k }).series;
    const b = simulateReplication({ scenario: sc, strategy: 'step', replication: k }).series;
    const ds = (windowMean(b.satisfaction, 0, 12) - windowMean(a.satisfaction, 0, 12)) / UNIT;
    dS.push(ds);
    for (let y = 1; y <= 5; y++) {
      const g = (s: Float64Array) => (y === 1 ? yearSum(s, 1) / yearSum(a.revenue, 1) : yearSum(s, y) / yearSum(s, y - 1));
      growth[y - 1].push((100 * (g(b.revenue) - g(a.revenue))) / ds);
    }
    link.push(growth[0][k]);
    act.push((100 * (b.active[59] / a.active[59] - 1)) / ds);
    drift.push(100 * (yearSum(a.revenue, 2) / yearSum(a.revenue, 1) - 1));
  }
  return { link: estimate(link), dSatisfaction: estimate(dS), dGrowthByYear: growth.map(estimate), dActivePerUnit: estimate(act), baseDrift: mean(drift) };
}

export interface ChainMeasurement {
  variant: Variant;
  employeeToCustomer: EmployeeToCustomer;
  customerToRevenue: CustomerToRevenue;
  /** product of the two links: percentage points of revenue growth per employee unit */
  endToEnd: Estimate;
}

/** Both links of one reference firm; the end-to-end figure is their product (its SE by the delta method, the two runs being independent). */
export function measureChain(o: ChainOptions): ChainMeasurement {
  const ec = measureEmployeeToCustomer(o);
  const cr = measureCustomerToRevenue(o);
  const m = ec.link.mean * cr.link.mean;
  const se = Math.sqrt((cr.link.mean * ec.link.se) ** 2 + (ec.link.mean * cr.link.se) ** 2);
  return { variant: o.variant, employeeToCustomer: ec, customerToRevenue: cr, endToEnd: { mean: m, se, values: [] } };
}

/** The calibration before issue 9 (item 6), for comparisons: the defaults this module was first measured on. */
export const CALIBRATION_BEFORE_ISSUE_9 = {
  behaviour: { churnSatisfactionSensitivity: 3, shareOfWallet: { base: 0.5, satisfactionSlope: 4, readinessSlope: 2 } },
} as const;
