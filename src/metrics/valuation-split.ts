/**
 * The value split and horizon robustness (docs/metrics.md, "Valuation", "Horizon robustness").
 *
 * - Split: net equity = within the horizon + run-off + closing perpetuity, per strategy (means
 *   with intervals over replications), the share beyond the horizon (ratio of the means), and
 *   per non-baseline strategy the paired differences of the within-horizon and the
 *   beyond-horizon parts. "Holds within the horizon": the ranking of the strategies by mean net
 *   equity is the same when only the horizon's value counts.
 * - Horizon robustness: the paired difference strategy − baseline in net equity valued at each
 *   year end by the same rule (equity-over-time.ts: the closing perpetuity of the customers
 *   alive then, the full rule at the last year), with its 95% interval on the mean; the lead
 *   is "established from year y" when, from y to the horizon, every year's interval excludes 0
 *   on the side of the difference at the horizon.
 */
import type { ReplicationResult, ValuationRule } from '../engine/result.ts';
import { equityByYear } from './equity-over-time.ts';
import { summarise, type IntervalSummary } from './interval.ts';
import { pairByReplication, pairedDifference, type PairedDifference } from './paired-difference.ts';

export interface StrategyValueSplit {
  strategy: string;
  netEquity: IntervalSummary;
  withinHorizon: IntervalSummary;
  runoff: IntervalSummary;
  closing: IntervalSummary;
  beyondHorizon: IntervalSummary;
  /** Mean value beyond the horizon / mean net equity (NaN-free: null when net equity's mean is 0). */
  shareBeyondHorizon: number | null;
  vsBaseline: { withinHorizon: PairedDifference; beyondHorizon: PairedDifference } | null;
}

export interface ValueSplit {
  rule: ValuationRule;
  strategies: StrategyValueSplit[];
  /** Strategy ids by mean net equity, best first. */
  ranking: string[];
  /** Strategy ids by mean within-horizon net equity, best first. */
  rankingWithinHorizon: string[];
  /** Whether the two rankings agree. */
  rankingHoldsWithinHorizon: boolean;
  /** Whether the best strategy stays the best on within-horizon value alone. */
  bestHoldsWithinHorizon: boolean;
}

export function valueSplit(byStrategy: Map<string, ReplicationResult[]>, baseline: string): ValueSplit {
  const base = byStrategy.get(baseline)!;
  const strategies: StrategyValueSplit[] = [];
  for (const [id, rs] of byStrategy) {
    const pick = (f: (r: ReplicationResult) => number) => rs.map(f);
    const net = summarise(pick((r) => r.totals.netEquity));
    const beyond = summarise(pick((r) => r.totals.netValueBeyondHorizon));
    let vs: StrategyValueSplit['vsBaseline'] = null;
    if (id !== baseline) {
      const [a, b] = pairByReplication(rs, base);
      vs = {
        withinHorizon: pairedDifference(a.map((r) => r.totals.netEquityWithinHorizon), b.map((r) => r.totals.netEquityWithinHorizon)),
        beyondHorizon: pairedDifference(a.map((r) => r.totals.netValueBeyondHorizon), b.map((r) => r.totals.netValueBeyondHorizon)),
      };
    }
    strategies.push({
      strategy: id,
      netEquity: net,
      withinHorizon: summarise(pick((r) => r.totals.netEquityWithinHorizon)),
      runoff: summarise(pick((r) => r.totals.netValueRunoff)),
      closing: summarise(pick((r) => r.totals.netValueClosing)),
      beyondHorizon: beyond,
      shareBeyondHorizon: net.mean !== 0 ? beyond.mean / net.mean : null,
      vsBaseline: vs,
    });
  }
  const by = (f: (s: StrategyValueSplit) => number) => strategies.slice().sort((x, y) => f(y) - f(x)).map((s) => s.strategy);
  const ranking = by((s) => s.netEquity.mean);
  const rankingWithinHorizon = by((s) => s.withinHorizon.mean);
  return {
    rule: base[0].valuation,
    strategies,
    ranking,
    rankingWithinHorizon,
    rankingHoldsWithinHorizon: ranking.join('\u0000') === rankingWithinHorizon.join('\u0000'),
    bestHoldsWithinHorizon: ranking[0] === rankingWithinHorizon[0],
  };
}

export interface HorizonRobustness {
  strategy: string;
  /** Year ends 1..Y. */
  years: number[];
  /** Paired difference in net equity valued at each year end (mean and 95% interval on the mean). */
  mean: number[];
  lo95: number[];
  hi95: number[];
  /** Same without any value beyond the year end (within-horizon flows only). */
  meanWithin: number[];
  /** Sign of the difference at the horizon: 1 ahead, −1 behind, 0 not distinguishable from 0. */
  leadAtHorizon: 1 | -1 | 0;
  /** First year from which every later year's interval excludes 0 on the side of the horizon's lead; null when none. */
  establishedFromYear: number | null;
}

export function horizonRobustness(strategy: ReplicationResult[], baseline: ReplicationResult[], beyond: boolean): HorizonRobustness {
  const [a, b] = pairByReplication(strategy, baseline);
  const pa = a.map((r) => equityByYear(r, beyond)), pb = b.map((r) => equityByYear(r, beyond));
  const wa = a.map((r) => equityByYear(r, false)), wb = b.map((r) => equityByYear(r, false));
  const years = pa[0].map((e) => e.year);
  const mean: number[] = [], lo95: number[] = [], hi95: number[] = [], meanWithin: number[] = [];
  years.forEach((_, y) => {
    const d = pairedDifference(pa.map((p) => p[y].netEquity), pb.map((p) => p[y].netEquity));
    mean.push(d.mean);
    lo95.push(d.meanCi95[0]);
    hi95.push(d.meanCi95[1]);
    meanWithin.push(wa.reduce((s, p, k) => s + p[y].netEquity - wb[k][y].netEquity, 0) / wa.length);
  });
  const Y = years.length;
  const sign = Y === 0 ? 0 : lo95[Y - 1] > 0 ? 1 : hi95[Y - 1] < 0 ? -1 : 0;
  let from: number | null = null;
  if (sign !== 0) {
    let y = Y;
    while (y > 0 && (sign > 0 ? lo95[y - 1] > 0 : hi95[y - 1] < 0)) y--;
    from = years[y];
  }
  return { strategy: a[0].strategy, years, mean, lo95, hi95, meanWithin, leadAtHorizon: sign as 1 | -1 | 0, establishedFromYear: from };
}
