/**
 * The comparison of strategies: every metric of docs/metrics.md computed from the
 * replications of each strategy (and, optionally, the lever-off runs for attribution). Pure
 * data in, plain JSON-able data out: the CLI writes it, the report renders it, and
 * `cxsim report` re-renders it without simulating again.
 */
import type { ReplicationResult } from '../engine/result.ts';
import type { Scenario } from '../scenario/schema.ts';
import { attribute, type Attribution } from './attribution.ts';
import { breakEven, pairedNetDifferencePaths, valuedBreakEvenYear, type BreakEven } from './break-even.ts';
import { clvBy, clvOverall, type ClvGroup } from './clv.ts';
import { cxSpendByLever, cxSpendPerYear } from './cx-spend.ts';
import { equityByYear } from './equity-over-time.ts';
import { summarise, type IntervalSummary } from './interval.ts';
import { pairByReplication, pairedDifference, sortByReplication, type PairedDifference } from './paired-difference.ts';
import { poolShares } from './pool-share.ts';
import { rankingIssues, type RankingIssue } from './ranking-precision.ts';
import { retentionCurves } from './retention.ts';
import { roi, type Roi } from './roi.ts';
import { bandsByStep, seriesBand, type SeriesBand } from './series-bands.ts';
import { serviceProfitChain, type IndicatorSummary, type ServiceProfitIndicator } from './service-profit-chain.ts';
import type { ReplicationTotals } from '../engine/result.ts';
import { horizonRobustness, valueSplit, type HorizonRobustness, type ValueSplit } from './valuation-split.ts';
import { mean } from 'simple-statistics';

export const COMPARISON_FORMAT = 2;

export interface VsBaseline {
  customerEquity: PairedDifference;
  netEquity: PairedDifference;
  cxSpendPV: PairedDifference;
  workforceCostPV: PairedDifference;
  breakEven: BreakEven;
  /** First year after which net equity valued at the year end stays ahead of the baseline's (null: never within the horizon). */
  aheadInEquityFromYear: number | null;
  roi: Roi;
}

export interface StrategySummary {
  strategy: string;
  name: string;
  baseline: boolean;
  totals: Record<TotalKey, IntervalSummary>;
  vsBaseline: VsBaseline | null;
  clv: { all: ClvGroup; bySegment: Record<string, ClvGroup>; byPortfolio: Record<string, ClvGroup>; byCohort: Record<string, ClvGroup> };
  poolShareAtHorizon: Record<string, IntervalSummary>;
  cxSpendByLever: Record<string, IntervalSummary>;
  serviceProfitChain: Partial<Record<ServiceProfitIndicator, IndicatorSummary>>;
  /** Trigger rules that fired: share of replications and median month. */
  firedRules: { rule: number; name: string; share: number; medianMonth: number }[];
}

export const TOTAL_KEYS = [
  'customerEquity',
  'netEquity',
  'equityExisting',
  'equityAcquired',
  'netEquityWithinHorizon',
  'netValueRunoff',
  'netValueClosing',
  'netValueBeyondHorizon',
  'costsBeyondHorizonPV',
  'acquisitionCostPV',
  'cxSpendPV',
  'workforceCostPV',
  'acquired',
  'churned',
  'alive',
] as const satisfies readonly (keyof ReplicationTotals)[];
export type TotalKey = (typeof TOTAL_KEYS)[number];

export interface Comparison {
  format: typeof COMPARISON_FORMAT;
  scenario: {
    name: string;
    description: string;
    currency: string;
    horizonMonths: number;
    stepsPerYear: number;
    discountRate: number;
    agentScale: number;
    seed: number;
    replications: number;
    /** Whether the scenario models a front-line workforce (else the service-profit chain is flat). */
    workforce: boolean;
  };
  /** Stress applied to every run ("none" when unstressed). */
  stress: string;
  baseline: string;
  strategies: { id: string; name: string; description: string; baseline: boolean }[];
  labels: {
    pools: Record<string, { name: string; kind: 'current' | 'emerging' }>;
    segments: Record<string, string>;
    portfolios: Record<string, string>;
    levers: Record<string, string>;
  };
  /** Derived seed of each replication (the same for every strategy: common random numbers). */
  seeds: { replication: number; seed: string }[];
  headline: StrategySummary[];
  /** Net equity within the horizon, in the run-off and in the closing perpetuity, per strategy, and whether the ranking holds without the value beyond the horizon. */
  valuation: ValueSplit;
  /** Paired difference vs the baseline in net equity valued at each year end, and the year from which each lead is established. */
  horizonRobustness: HorizonRobustness[];
  /** Equity if valued at each year end, per strategy (bands over replications, index = year − 1). */
  equityByYear: { strategy: string; years: number[]; customerEquity: SeriesBand; netEquity: SeriesBand }[];
  /** Cumulative discounted net value difference vs the baseline, per step, per non-baseline strategy. */
  pairedNetDifference: { strategy: string; band: SeriesBand; breakEven: BreakEven }[];
  /** Bands of every series (except `discount`) per strategy and step. */
  series: { strategy: string; metric: string; band: SeriesBand }[];
  /** Mean spend per year by lever, per strategy. */
  cxSpendPerYear: { strategy: string; lever: string; year: number; spend: number }[];
  /** Retention curves per strategy and segment. */
  retention: { strategy: string; segment: string; band: SeriesBand }[];
  attribution: Attribution[];
  rankingIssues: RankingIssue[];
  warnings: string[];
}

export interface ComparisonInput {
  /** The normalised scenario as run (seed and replications as used). */
  scenario: Scenario;
  /** Replications of every compared strategy. */
  results: ReplicationResult[];
  /** Strategy ids in display order (the baseline is added first if missing). */
  strategies?: string[];
  /**
   * Coalition runs for the Shapley attribution: for every strategy (the baseline included), the
   * strategy with only `levers` on, for every coalition `coalitionsToRun` lists, on replications
   * 0..m−1 (m ≤ the comparison's replications).
   */
  attributionRuns?: { strategy: string; levers: string[]; results: ReplicationResult[] }[];
  /** The active levers of every strategy (scenario order), for the attribution. */
  attributionLevers?: Record<string, string[]>;
  /** Money formatter for messages. */
  formatMoney?: (x: number) => string;
}

export function baselineOf(scenario: Scenario): string {
  const ids = Object.keys(scenario.strategies);
  return ids.find((id) => scenario.strategies[id].baseline) ?? ids[0];
}

export function compareStrategies(input: ComparisonInput): Comparison {
  const { scenario, results } = input;
  const fmt = input.formatMoney ?? ((x: number) => x.toPrecision(4));
  const baseline = baselineOf(scenario);
  const wanted = input.strategies ?? Object.keys(scenario.strategies);
  const order = wanted.includes(baseline) ? wanted : [baseline, ...wanted];
  const byStrategy = new Map<string, ReplicationResult[]>();
  for (const id of order) {
    const rs = sortByReplication(results.filter((r) => r.strategy === id));
    if (rs.length < 2) throw new RangeError(`strategy "${id}" has ${rs.length} replication(s); a comparison needs at least 2`);
    byStrategy.set(id, rs);
  }
  const base = byStrategy.get(baseline)!;
  const tv = scenario.valuation.beyondHorizon !== 'none';
  const warnings: string[] = [];
  const stresses = [...new Set(results.map((r) => r.stress))];
  if (stresses.length > 1) throw new RangeError(`results mix stresses (${stresses.join(', ')}); compare one stress at a time`);

  // common random numbers: replication k must have the same seed in every strategy
  const seeds = base.map((r) => ({ replication: r.replication, seed: r.seed }));
  for (const id of order) {
    const rs = byStrategy.get(id)!;
    pairByReplication(rs, base);
    const differing = rs.filter((r, k) => r.seed !== base[k].seed).map((r) => r.replication);
    if (differing.length > 0) {
      warnings.push(`${id}: replications ${differing.slice(0, 5).join(', ')}${differing.length > 5 ? ', …' : ''} used other seeds than the baseline, so the differences are not paired under common random numbers.`);
    }
  }

  const headline: StrategySummary[] = order.map((id) => {
    const rs = byStrategy.get(id)!;
    const totals = Object.fromEntries(TOTAL_KEYS.map((k) => [k, summarise(rs.map((r) => r.totals[k]))])) as Record<TotalKey, IntervalSummary>;
    let vsBaseline: VsBaseline | null = null;
    if (id !== baseline) {
      const d = (k: TotalKey) => pairedDifference(rs.map((r) => r.totals[k]), base.map((r) => r.totals[k]));
      const dNet = rs.map((r, k) => r.totals.netEquity - base[k].totals.netEquity);
      const dOf = (f: (r: ReplicationResult) => number) => rs.map((r, k) => f(r) - f(base[k]));
      const costDeltas = { cxSpendPV: dOf((r) => r.totals.cxSpendPV), workforceCostPV: dOf((r) => r.totals.workforceCostPV), visitCostPV: dOf(visitCostPV) };
      vsBaseline = {
        customerEquity: d('customerEquity'),
        netEquity: d('netEquity'),
        cxSpendPV: d('cxSpendPV'),
        workforceCostPV: d('workforceCostPV'),
        breakEven: breakEven(pairedNetDifferencePaths(rs, base), rs[0].stepsPerYear),
        aheadInEquityFromYear: valuedBreakEvenYear(
          rs.map((r) => equityByYear(r, tv).map((e) => e.netEquity)),
          base.map((r) => equityByYear(r, tv).map((e) => e.netEquity)),
        ),
        // ROI on every strategy-driven cost; material: at least 1% of the larger of the two strategies' costs (PV)
        roi: roi(dNet, costDeltas, Math.max(mean(rs.map(strategyCostPV)), mean(base.map(strategyCostPV))), fmt),
      };
    }
    return {
      strategy: id,
      name: scenario.strategies[id]?.name ?? id,
      baseline: id === baseline,
      totals,
      vsBaseline,
      clv: { all: clvOverall(rs), bySegment: clvBy(rs, 'bySegment'), byPortfolio: clvBy(rs, 'byPortfolio'), byCohort: clvBy(rs, 'byCohort') },
      poolShareAtHorizon: Object.fromEntries(poolShares(rs).map((p) => [p.pool, p.atHorizon])),
      cxSpendByLever: cxSpendByLever(rs),
      serviceProfitChain: serviceProfitChain(rs),
      firedRules: firedRules(rs),
    };
  });

  const equity = order.map((id) => {
    const paths = byStrategy.get(id)!.map((r) => equityByYear(r, tv));
    return {
      strategy: id,
      years: paths[0].map((e) => e.year),
      customerEquity: bandsByStep(paths.map((p) => p.map((e) => e.customerEquity))),
      netEquity: bandsByStep(paths.map((p) => p.map((e) => e.netEquity))),
    };
  });

  const pairedNet = order
    .filter((id) => id !== baseline)
    .map((id) => {
      const paths = pairedNetDifferencePaths(byStrategy.get(id)!, base);
      return { strategy: id, band: bandsByStep(paths), breakEven: headline.find((h) => h.strategy === id)!.vsBaseline!.breakEven };
    });

  const seriesBands: Comparison['series'] = [];
  for (const id of order) {
    const rs = byStrategy.get(id)!;
    for (const metric of Object.keys(rs[0].series)) if (metric !== 'discount') seriesBands.push({ strategy: id, metric, band: seriesBand(rs, metric) });
  }

  const attribution: Attribution[] = [];
  const runsOf = (id: string) => (input.attributionRuns ?? []).filter((a) => a.strategy === id);
  const leversOf = (id: string) => input.attributionLevers?.[id] ?? [];
  const attributionReps = new Set((input.attributionRuns ?? [])[0]?.results.map((r) => r.replication) ?? []);
  const onAttributionReps = (rs: ReplicationResult[]) => rs.filter((r) => attributionReps.has(r.replication));
  for (const id of order) {
    if (id === baseline || input.attributionLevers === undefined || (leversOf(id).length === 0 && leversOf(baseline).length === 0)) continue;
    const s = attributionReps.size ? onAttributionReps(byStrategy.get(id)!) : byStrategy.get(id)!;
    const b = attributionReps.size ? onAttributionReps(base) : base;
    if (s.length < 2) continue;
    attribution.push(attribute(s, b, leversOf(id), runsOf(id), leversOf(baseline), runsOf(baseline), scenario.meta.seed));
  }

  const netByStrategy = Object.fromEntries(order.map((id) => [id, byStrategy.get(id)!.map((r) => r.totals.netEquity)]));
  const issues = rankingIssues(netByStrategy, baseline, fmt, (id) => scenario.strategies[id]?.name ?? id);

  return {
    format: COMPARISON_FORMAT,
    scenario: {
      name: scenario.meta.name,
      description: scenario.meta.description,
      currency: scenario.meta.currency,
      horizonMonths: scenario.meta.horizonMonths,
      stepsPerYear: scenario.meta.stepsPerYear,
      discountRate: scenario.meta.discountRate,
      agentScale: scenario.meta.agentScale,
      seed: scenario.meta.seed,
      replications: base.length,
      workforce: scenario.workforce !== undefined,
    },
    stress: stresses[0] ?? 'none',
    baseline,
    strategies: order.map((id) => ({
      id,
      name: scenario.strategies[id]?.name ?? id,
      description: scenario.strategies[id]?.description ?? '',
      baseline: id === baseline,
    })),
    labels: {
      pools: Object.fromEntries(Object.entries(scenario.pools).map(([id, p]) => [id, { name: p.name ?? id, kind: p.kind }])),
      segments: Object.fromEntries(Object.entries(scenario.segments).map(([id, s]) => [id, s.name ?? id])),
      portfolios: Object.fromEntries(Object.entries(scenario.portfolios).map(([id, p]) => [id, p.name ?? id])),
      levers: Object.fromEntries(Object.entries(scenario.levers).map(([id, l]) => [id, l.name ?? id])),
    },
    seeds,
    headline,
    valuation: valueSplit(byStrategy, baseline),
    horizonRobustness: order.filter((id) => id !== baseline).map((id) => horizonRobustness(byStrategy.get(id)!, base, tv)),
    equityByYear: equity,
    pairedNetDifference: pairedNet,
    series: seriesBands,
    cxSpendPerYear: order.flatMap((id) => cxSpendPerYear(byStrategy.get(id)!).map((row) => ({ strategy: id, ...row }))),
    retention: order.flatMap((id) =>
      Object.entries(retentionCurves(byStrategy.get(id)!)).map(([segment, band]) => ({ strategy: id, segment, band })),
    ),
    attribution,
    rankingIssues: issues,
    warnings,
  };
}

/** PV of touchpoint visit costs (inside customer equity's margin): Σ_t D[t]·visitCost[t]. */
export function visitCostPV(r: ReplicationResult): number {
  const v = r.series.visitCost;
  // discounted as the engine discounts the margin they sit in: start of the step when paid in advance
  const d = r.valuation?.paymentTiming === 'advance' ? r.series['discount.start'] : r.series.discount;
  if (!v || !d) return 0;
  let pv = 0;
  for (let t = 0; t < v.length; t++) pv += d[t] * v[t];
  return pv;
}

/** Every cost a strategy drives, PV: CX spend + workforce + visit costs (ROI's denominator). */
export function strategyCostPV(r: ReplicationResult): number {
  return r.totals.cxSpendPV + r.totals.workforceCostPV + visitCostPV(r);
}

function firedRules(rs: ReplicationResult[]): StrategySummary['firedRules'] {
  const byRule = new Map<number, { name: string; months: number[] }>();
  for (const r of rs) {
    for (const f of r.firedRules) {
      const e = byRule.get(f.rule) ?? { name: f.name, months: [] };
      e.months.push(f.month);
      byRule.set(f.rule, e);
    }
  }
  return [...byRule.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rule, { name, months }]) => {
      const sorted = months.slice().sort((a, b) => a - b);
      const mid = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
      return { rule, name, share: new Set(rs.filter((r) => r.firedRules.some((f) => f.rule === rule)).map((r) => r.replication)).size / rs.length, medianMonth: mid };
    });
}
