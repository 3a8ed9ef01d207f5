/**
 * What the live page shows, computed from the replications of the two compared strategies
 * with the same metric functions as `cxsim compare` (src/metrics). Pure data in, plain
 * JSON-able data out (it crosses from the Web Worker to the page by structured clone).
 *
 * Engine result fields are read ONLY through the adapter functions at the top of this file,
 * so a change of the result's shape (e.g. the value within / beyond the horizon) is adapted
 * in one place.
 */
import type { ReplicationResult, ValuationRule } from '../engine/result.ts';
import type { Scenario } from '../scenario/schema.ts';
import { breakEven, pairedNetDifferencePaths, type BreakEven } from '../metrics/break-even.ts';
import { cumulativeNetValue } from '../metrics/cumulative-value.ts';
import { equityByYear } from '../metrics/equity-over-time.ts';
import { summarise, type IntervalSummary } from '../metrics/interval.ts';
import { pairedDifference, type PairedDifference } from '../metrics/paired-difference.ts';
import { bandsByStep, type SeriesBand } from '../metrics/series-bands.ts';
import { monthsElapsedAfterStep } from '../metrics/series.ts';

// ---- adapters: the only readers of ReplicationResult fields -------------------------------

/** Net customer equity of a replication (money, present value at month 0, whole horizon + value beyond it). */
export const netEquityOf = (r: ReplicationResult): number => r.totals.netEquity;
/** Customer equity before CX spend and workforce costs. */
export const customerEquityOf = (r: ReplicationResult): number => r.totals.customerEquity;
/** Present value of CX spend. */
export const cxSpendOf = (r: ReplicationResult): number => r.totals.cxSpendPV;
/** Net value beyond the horizon (run-off + closing perpetuity, costs beyond the horizon deducted), present value at month 0. */
export const beyondHorizonOf = (r: ReplicationResult): number => r.totals.netValueBeyondHorizon;
/** Real customers alive at the horizon. */
export const aliveAtHorizonOf = (r: ReplicationResult): number => r.totals.alive;
/** Net equity if valued at each whole year end (index = year − 1). */
export const netEquityByYearOf = (r: ReplicationResult, sc: Scenario): number[] => equityByYear(r, sc.valuation.beyondHorizon !== 'none').map((e) => e.netEquity);
/** Cumulative discounted net value flow per step (no value beyond the horizon). */
export const cumulativeNetOf = (r: ReplicationResult): Float64Array => cumulativeNetValue(r);
/** One per-step series; undefined when the run has none of that name. */
export const seriesOf = (r: ReplicationResult, name: string): Float64Array | undefined => r.series[name];
/** The valuation rule the engine actually used for this replication (horizon, value beyond it, costs, timing, year ends). */
export const valuationOf = (r: ReplicationResult): ValuationRule => r.valuation;
/** Steps and steps per year of a replication. */
export const clockOf = (r: ReplicationResult): { steps: number; stepsPerYear: number } => ({ steps: r.steps, stepsPerYear: r.stepsPerYear });

// ---- the view ------------------------------------------------------------------------------

export interface StrategyView {
  id: string;
  name: string;
  netEquity: IntervalSummary;
  customerEquity: IntervalSummary;
  cxSpendPV: IntervalSummary;
  beyondHorizonPV: IntervalSummary;
  aliveAtHorizon: IntervalSummary;
  /** Net equity of each replication, in replication order (for checks against a CLI run). */
  netEquityByReplication: number[];
  /** Our share of each pool's market at the horizon. */
  shareAtHorizon: Record<string, IntervalSummary>;
}

export interface Trace {
  strategy: string;
  key: string;
  label: string;
  mean: number[];
  lo: number[];
  hi: number[];
}

export interface View {
  replications: number;
  /** Months elapsed at the end of each step. */
  months: number[];
  currency: string;
  strategies: StrategyView[];
  /** B − A, replication by replication. */
  difference: { netEquity: PairedDifference; path: SeriesBand; breakEven: BreakEven };
  /** Cumulative discounted net value per step, per strategy (bands over replications). */
  cumulativeNet: Trace[];
  /** Net equity if valued at each year end (value beyond the horizon of the customers alive then included). */
  equityByYear: { strategy: string; years: number[]; band: SeriesBand }[];
  /** Market spend and our revenue per month in each pool (means over replications), and our share. */
  pools: { strategy: string; pool: string; name: string; market: number[]; revenue: number[]; share: number[] }[];
  /** Service-profit-chain indicators over time (0..1 scales), per strategy. */
  chain: Trace[];
  workforce: boolean;
  /** The valuation rule the runs were computed with (read from the results, so the page states what it used). */
  valuation: ValuationRule;
  /** Horizon in months (the scenario's meta.horizonMonths). */
  horizonMonths: number;
}

const CHAIN: [key: string, label: string][] = [
  ['isq', 'Employee support (ISQ)'],
  ['engagement', 'Employee engagement'],
  ['serviceQuality', 'Service quality'],
  ['satisfaction', 'Customer satisfaction'],
];

function trace(strategy: string, key: string, label: string, paths: ArrayLike<number>[]): Trace {
  const b = bandsByStep(paths);
  return { strategy, key, label, mean: b.mean, lo: b.lo90, hi: b.hi90 };
}

function meanPath(paths: ArrayLike<number>[]): number[] {
  const n = paths.length;
  return Array.from({ length: paths[0].length }, (_, t) => paths.reduce((a, p) => a + p[t], 0) / n);
}

/**
 * The view of two strategies' replications (`a`, `b` in replication order, paired by index
 * under common random numbers). Needs at least 2 replications each.
 */
export function viewOf(sc: Scenario, ids: [string, string], a: ReplicationResult[], b: ReplicationResult[]): View {
  const runs: [string, ReplicationResult[]][] = [
    [ids[0], a],
    [ids[1], b],
  ];
  const { steps, stepsPerYear } = clockOf(a[0]);
  const months = Array.from({ length: steps }, (_, t) => monthsElapsedAfterStep(t, stepsPerYear));
  const poolIds = Object.keys(sc.pools);
  const strategies = runs.map(([id, rs]): StrategyView => ({
    id,
    name: sc.strategies[id]?.name ?? id,
    netEquity: summarise(rs.map(netEquityOf)),
    customerEquity: summarise(rs.map(customerEquityOf)),
    cxSpendPV: summarise(rs.map(cxSpendOf)),
    beyondHorizonPV: summarise(rs.map(beyondHorizonOf)),
    aliveAtHorizon: summarise(rs.map(aliveAtHorizonOf)),
    netEquityByReplication: rs.map(netEquityOf),
    shareAtHorizon: Object.fromEntries(
      poolIds.filter((p) => seriesOf(rs[0], `share.${p}`)).map((p) => [p, summarise(rs.map((r) => seriesOf(r, `share.${p}`)![steps - 1]))]),
    ),
  }));
  const diffPaths = pairedNetDifferencePaths(b, a);
  const years = netEquityByYearOf(a[0], sc).map((_, y) => y + 1);
  const chain: Trace[] = [];
  for (const [id, rs] of runs) {
    for (const [key, label] of CHAIN) {
      // without a workforce only customer satisfaction moves: the employee indicators would be flat lines
      if (!seriesOf(rs[0], key) || (sc.workforce === undefined && key !== 'satisfaction' && key !== 'serviceQuality')) continue;
      chain.push(trace(id, key, label, rs.map((r) => seriesOf(r, key)!)));
    }
  }
  return {
    replications: a.length,
    months,
    currency: sc.meta.currency,
    strategies,
    difference: {
      netEquity: pairedDifference(b.map(netEquityOf), a.map(netEquityOf)),
      path: bandsByStep(diffPaths),
      breakEven: breakEven(diffPaths, stepsPerYear),
    },
    cumulativeNet: runs.map(([id, rs]) => trace(id, 'cumulativeNet', 'Cumulative discounted net value', rs.map(cumulativeNetOf))),
    equityByYear: runs.map(([id, rs]) => ({ strategy: id, years, band: bandsByStep(rs.map((r) => netEquityByYearOf(r, sc))) })),
    pools: runs.flatMap(([id, rs]) =>
      poolIds
        .filter((p) => seriesOf(rs[0], `market.${p}`) && seriesOf(rs[0], `revenue.${p}`))
        .map((p) => ({
          strategy: id,
          pool: p,
          name: sc.pools[p].name ?? p,
          market: meanPath(rs.map((r) => seriesOf(r, `market.${p}`)!)),
          revenue: meanPath(rs.map((r) => seriesOf(r, `revenue.${p}`)!)),
          share: meanPath(rs.map((r) => seriesOf(r, `share.${p}`) ?? new Float64Array(steps))),
        })),
    ),
    chain,
    workforce: sc.workforce !== undefined,
    valuation: valuationOf(a[0]),
    horizonMonths: sc.meta.horizonMonths,
  };
}
