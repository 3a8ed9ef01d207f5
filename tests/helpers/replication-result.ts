/**
 * Hand-made ReplicationResults for metric tests: give the series that matter, the rest is
 * filled with zeros and the totals are derived from the series with the documented timing
 * (end-of-step discounting, value beyond the last year end), unless given.
 */
import type { ClvSummary, ReplicationResult, ReplicationTotals } from '../../src/engine/result.ts';

export interface ResultSpec {
  strategy?: string;
  replication?: number;
  seed?: string;
  stress?: string;
  steps: number;
  stepsPerYear?: number;
  /** Annual discount rate r; discount[t] = (1+d)^−(t+1) with d = (1+r)^(1/stepsPerYear) − 1. */
  discountRate?: number;
  series?: Record<string, ArrayLike<number> | number>;
  /** Value beyond each year end, not discounted (at the year end); becomes valueBeyondByYear discounted to month 0. */
  terminalValueByYear?: number[];
  totals?: Partial<ReplicationTotals>;
  clv?: Partial<ReplicationResult['clv']>;
  firedRules?: ReplicationResult['firedRules'];
}

export function clvSummary(values: number[]): ClvSummary {
  const s = values.slice().sort((a, b) => a - b);
  const n = s.length;
  const q = (p: number) => {
    const i = (n - 1) * p;
    const lo = Math.floor(i);
    return s[lo] + (i - lo) * ((s[Math.ceil(i)] ?? s[lo]) - s[lo]);
  };
  const mean = s.reduce((a, x) => a + x, 0) / n;
  const sd = Math.sqrt(s.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(n - 1, 1));
  return { count: n, mean, sd, min: s[0], p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95), max: s[n - 1] };
}

export function makeResult(spec: ResultSpec): ReplicationResult {
  const steps = spec.steps;
  const spy = spec.stepsPerYear ?? 12;
  const d = (1 + (spec.discountRate ?? 0)) ** (1 / spy) - 1;
  const discount = Float64Array.from({ length: steps }, (_, t) => (1 + d) ** -(t + 1));
  const series: Record<string, Float64Array> = { discount };
  for (const name of ['margin', 'acquisitionCost', 'cxSpend', 'workforceCost', 'active', 'engagement', 'turnover', 'serviceQuality', 'workload', 'isq']) {
    series[name] = new Float64Array(steps);
  }
  for (const [name, v] of Object.entries(spec.series ?? {})) {
    series[name] = typeof v === 'number' ? new Float64Array(steps).fill(v) : Float64Array.from(v);
    if (series[name].length !== steps) throw new Error(`series ${name}: ${series[name].length} values for ${steps} steps`);
  }
  const years = Math.floor(steps / spy);
  const tvByYear = Float64Array.from(spec.terminalValueByYear ?? new Array(years).fill(0));
  const beyondByYear = tvByYear.map((v, y) => v * discount[(y + 1) * spy - 1]);
  const pv = (name: string) => series[name].reduce((a, x, t) => a + x * discount[t], 0);
  const tvPV = years > 0 && years * spy === steps ? tvByYear[years - 1] * discount[steps - 1] : 0;
  const customerEquity = pv('margin') - pv('acquisitionCost') + tvPV;
  const cxSpendPV = pv('cxSpend');
  const workforceCostPV = pv('workforceCost');
  const totals: ReplicationTotals = {
    customerEquity,
    equityExisting: customerEquity,
    equityAcquired: 0,
    netEquityWithinHorizon: customerEquity - tvPV - cxSpendPV - workforceCostPV,
    netValueRunoff: 0,
    netValueClosing: tvPV,
    netValueBeyondHorizon: tvPV,
    costsBeyondHorizonPV: 0,
    acquisitionCostPV: pv('acquisitionCost'),
    cxSpendPV,
    workforceCostPV,
    netEquity: customerEquity - cxSpendPV - workforceCostPV,
    initialCustomers: 0,
    acquired: 0,
    churned: 0,
    alive: 0,
    aliveCustomerSteps: 0,
    simulatedCustomerSteps: 0,
    ...spec.totals,
  };
  const none = clvSummary([0]);
  return {
    scenario: 'test',
    strategy: spec.strategy ?? 'base',
    stress: spec.stress ?? 'none',
    replication: spec.replication ?? 0,
    seed: spec.seed ?? `seed${spec.replication ?? 0}`,
    steps,
    stepsPerYear: spy,
    series,
    valuation: { beyondHorizon: 'perpetuity', runoffYears: 10, runoffStepsPerYear: 4, costsBeyondHorizon: 'run-rate', paymentTiming: 'arrears', yearEnds: 'approximate' },
    valueBeyondByYear: beyondByYear,
    costsBeyondByYear: new Float64Array(years),
    approximateValueBeyondAtHorizon: tvPV,
    totals,
    clv: { all: none, bySegment: {}, byPortfolio: {}, byCohort: {}, ...spec.clv },
    params: {},
    firedRules: spec.firedRules ?? [],
  };
}
