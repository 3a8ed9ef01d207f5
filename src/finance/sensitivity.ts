/**
 * Sensitivity of one strategy's net equity to its parameters (docs/finance.md,
 * "Sensitivity"):
 *
 * - One at a time (tornado): every uncertain parameter of the scenario, and every parameter
 *   declared with `--param path=low:high`, is swung between its low and high value (by
 *   default the 10th and 90th percentiles of its distribution) while every other one is
 *   held at its median. Every point runs the same replications (common random numbers), so
 *   the swing high − low is a paired difference with its own standard error.
 * - Morris elementary effects over the same ranges (./morris.ts), for interactions and
 *   non-linearity that one-at-a-time swings cannot see.
 *
 * Pure: plans jobs and analyses results; the CLI runs them.
 */
import type { Job } from '../engine/replication.ts';
import type { ReplicationResult } from '../engine/result.ts';
import type { Distribution, Scenario } from '../scenario/schema.ts';
import { distributionQuantile } from '../model/uncertainty.ts';
import { summarise, type IntervalSummary } from '../metrics/interval.ts';
import { pairedDifference, sortByReplication, type PairedDifference } from '../metrics/paired-difference.ts';
import { fixParameters } from './fixed-parameters.ts';
import { elementaryEffects, morrisDelta, morrisTrajectories, type MorrisEffect, type Trajectory } from './morris.ts';

export const SENSITIVITY_FORMAT = 1;

/** A parameter swung by the analysis. */
export interface Factor {
  path: string;
  /** distribution: swung between two quantiles of its distribution; declared: between the given low and high. */
  source: 'distribution' | 'declared';
  dist?: Distribution;
  low: number;
  high: number;
  /** Value held while other parameters move: the median of a distribution, the file's number for a declared parameter. */
  centre: number;
  /** Quantile levels of low and high (distribution factors). */
  quantiles?: [number, number];
}

export function distributionFactor(path: string, dist: Distribution, [qLo, qHi]: [number, number]): Factor {
  return { path, source: 'distribution', dist, low: distributionQuantile(dist, qLo), high: distributionQuantile(dist, qHi), centre: distributionQuantile(dist, 0.5), quantiles: [qLo, qHi] };
}

/** The value of a factor at unit coordinate u ∈ [0, 1] (0 = low, 1 = high): through the quantile function for a distribution. */
export function factorValue(f: Factor, u: number): number {
  if (f.source === 'distribution' && f.dist && f.quantiles) {
    const [a, b] = f.quantiles;
    return distributionQuantile(f.dist, a + u * (b - a));
  }
  return f.low + u * (f.high - f.low);
}

export interface SensitivityPoint {
  id: string;
  kind: 'centre' | 'low' | 'high' | 'morris';
  /** Factor swung (tornado) — index into factors. */
  factor?: number;
  /** Morris trajectory and step. */
  trajectory?: number;
  step?: number;
  values: Record<string, number>;
  scenario: Scenario;
  replications: number;
}

export interface SensitivitySettings {
  /** Replications per tornado point. */
  replications: number;
  /** Morris trajectories (0 = no Morris). */
  trajectories: number;
  /** Replications per Morris point. */
  morrisReplications: number;
  /** Grid levels of the Morris design. */
  levels: number;
}

export interface SensitivityPlan {
  points: SensitivityPoint[];
  trajectories: Trajectory[];
  jobs: Job[];
  /** Job slice of each point. */
  slices: { from: number; to: number }[];
}

export function planSensitivity(view: Scenario, strategy: string, factors: Factor[], s: SensitivitySettings): SensitivityPlan {
  const centre = Object.fromEntries(factors.map((f) => [f.path, f.centre]));
  const points: SensitivityPoint[] = [];
  const point = (p: Omit<SensitivityPoint, 'scenario'>) => points.push({ ...p, scenario: fixParameters(view, p.values) });
  point({ id: 'centre', kind: 'centre', values: centre, replications: s.replications });
  factors.forEach((f, i) => {
    point({ id: `${f.path}@low`, kind: 'low', factor: i, values: { ...centre, [f.path]: f.low }, replications: s.replications });
    point({ id: `${f.path}@high`, kind: 'high', factor: i, values: { ...centre, [f.path]: f.high }, replications: s.replications });
  });
  const trajectories = s.trajectories > 0 && factors.length > 0 ? morrisTrajectories(factors.length, s.trajectories, view.meta.seed, s.levels) : [];
  trajectories.forEach((tr, t) =>
    tr.points.forEach((u, j) =>
      point({
        id: `morris-${t + 1}-${j}`,
        kind: 'morris',
        trajectory: t,
        step: j,
        values: Object.fromEntries(factors.map((f, i) => [f.path, factorValue(f, u[i])])),
        replications: s.morrisReplications,
      }),
    ),
  );
  const jobs: Job[] = [];
  const slices: SensitivityPlan['slices'] = [];
  for (const p of points) {
    const from = jobs.length;
    for (let replication = 0; replication < p.replications; replication++) jobs.push({ scenario: p.scenario, strategy, replication });
    slices.push({ from, to: jobs.length });
  }
  return { points, trajectories, jobs, slices };
}

export interface TornadoBar {
  path: string;
  source: Factor['source'];
  low: number;
  high: number;
  centre: number;
  quantiles?: [number, number];
  /** Mean net equity with the parameter at low / high (others at their medians). */
  atLow: number;
  atHigh: number;
  /** Net equity at high − at low, paired by replication. */
  difference: PairedDifference;
  /** |difference.mean|: the bar's length, the sort key. */
  swing: number;
}

export interface MorrisRow extends Omit<MorrisEffect, 'factor' | 'effects'> {
  path: string;
  /** Rank by μ* (1 = most important). */
  rank: number;
}

export interface Sensitivity {
  format: typeof SENSITIVITY_FORMAT;
  scenario: { name: string; currency: string; seed: number; horizonMonths: number };
  strategy: { id: string; name: string };
  metric: 'netEquity';
  factors: Factor[];
  settings: SensitivitySettings & { delta: number; morrisRuns: number; tornadoRuns: number };
  centre: { netEquity: IntervalSummary; customerEquity: IntervalSummary };
  tornado: TornadoBar[];
  morris: MorrisRow[] | null;
  /** Replications simulated in all. */
  runs: number;
}

export function analyseSensitivity(view: Scenario, strategy: string, factors: Factor[], settings: SensitivitySettings, plan: SensitivityPlan, results: ReplicationResult[]): Sensitivity {
  const net = (i: number) => sortByReplication(results.slice(plan.slices[i].from, plan.slices[i].to)).map((r) => r.totals.netEquity);
  const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
  const centreIdx = plan.points.findIndex((p) => p.kind === 'centre');
  const centreRs = results.slice(plan.slices[centreIdx].from, plan.slices[centreIdx].to);
  const tornado: TornadoBar[] = factors
    .map((f, i) => {
      const lo = net(plan.points.findIndex((p) => p.kind === 'low' && p.factor === i));
      const hi = net(plan.points.findIndex((p) => p.kind === 'high' && p.factor === i));
      const difference = pairedDifference(hi, lo);
      return { path: f.path, source: f.source, low: f.low, high: f.high, centre: f.centre, quantiles: f.quantiles, atLow: mean(lo), atHigh: mean(hi), difference, swing: Math.abs(difference.mean) };
    })
    .sort((a, b) => b.swing - a.swing);
  let morris: MorrisRow[] | null = null;
  if (plan.trajectories.length > 0) {
    const y = plan.trajectories.map((tr, t) => tr.points.map((_, j) => mean(net(plan.points.findIndex((p) => p.kind === 'morris' && p.trajectory === t && p.step === j)))));
    morris = elementaryEffects(plan.trajectories, y, factors.length)
      .map((e) => ({ path: factors[e.factor].path, mu: e.mu, muStar: e.muStar, sigma: e.sigma, muStarSe: e.muStarSe, rank: 0 }))
      .sort((a, b) => b.muStar - a.muStar);
    morris.forEach((m, i) => (m.rank = i + 1));
  }
  const tornadoRuns = plan.points.filter((p) => p.kind !== 'morris').reduce((a, p) => a + p.replications, 0);
  const morrisRuns = plan.points.filter((p) => p.kind === 'morris').reduce((a, p) => a + p.replications, 0);
  return {
    format: SENSITIVITY_FORMAT,
    scenario: { name: view.meta.name, currency: view.meta.currency, seed: view.meta.seed, horizonMonths: view.meta.horizonMonths },
    strategy: { id: strategy, name: view.strategies[strategy]?.name ?? strategy },
    metric: 'netEquity',
    factors,
    settings: { ...settings, delta: morrisDelta(settings.levels), tornadoRuns, morrisRuns },
    centre: { netEquity: summarise(centreRs.map((r) => r.totals.netEquity)), customerEquity: summarise(centreRs.map((r) => r.totals.customerEquity)) },
    tornado,
    morris,
    runs: results.length,
  };
}
