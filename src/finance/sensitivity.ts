/**
 * Sensitivity of the decision to its parameters (docs/finance.md, "Sensitivity"). The output
 * analysed is, by default, the paired difference in net equity between a strategy and the
 * baseline (with P(beats)) — a parameter that moves every strategy alike cannot change the
 * decision, and this output shows it; optionally the strategy's own net equity.
 *
 * - One at a time (tornado): every uncertain parameter acting on the two strategies, and every
 *   parameter declared with `--param path=low:high`, is swung between its low and high value
 *   (by default the 10th and 90th percentiles of its distribution) while every other one is
 *   held at its median. Every point runs the same replications (common random numbers).
 * - Switching values: each parameter is also evaluated on a grid over its range (the tornado's
 *   low and high, its median and points between); where the mean difference changes sign
 *   between two grid points, the value at which the preferred strategy changes is found by
 *   linear interpolation, with the range where the 95% band crosses 0; otherwise "no switch
 *   in range".
 * - Morris elementary effects (./morris.ts) and Sobol first-order and total indices
 *   (./sobol.ts) over the same ranges, for interactions and non-linearity.
 *
 * Pure: plans jobs and analyses results; the CLI runs them.
 */
import type { Job } from '../engine/replication.ts';
import type { ReplicationResult } from '../engine/result.ts';
import type { Distribution, Scenario } from '../scenario/schema.ts';
import { parameterQuantile } from './parameter-quantile.ts';
import { summarise, wilsonInterval, type Interval, type IntervalSummary } from '../metrics/interval.ts';
import { pairedDifference, sortByReplication, withPBeats, type PairedDifference } from '../metrics/paired-difference.ts';
import { fixParameters } from './fixed-parameters.ts';
import { elementaryEffects, morrisDelta, morrisTrajectories, type MorrisEffect, type Trajectory } from './morris.ts';
import { sobolDesign, sobolIndices, type SobolIndex } from './sobol.ts';

export const SENSITIVITY_FORMAT = 2;

/** What the analysis explains: the strategy's lead over the baseline (paired), or its own net equity. */
export type SensitivityOutput = 'difference' | 'equity';

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
  return { path, source: 'distribution', dist, low: parameterQuantile(dist, qLo), high: parameterQuantile(dist, qHi), centre: parameterQuantile(dist, 0.5), quantiles: [qLo, qHi] };
}

/** The value of a factor at unit coordinate u ∈ [0, 1] (0 = low, 1 = high): through the quantile function for a distribution. */
export function factorValue(f: Factor, u: number): number {
  if (f.source === 'distribution' && f.dist && f.quantiles) {
    const [a, b] = f.quantiles;
    return parameterQuantile(f.dist, a + u * (b - a));
  }
  return f.low + u * (f.high - f.low);
}

export interface SensitivityPoint {
  id: string;
  kind: 'centre' | 'grid' | 'morris' | 'sobol';
  /** Factor swung (grid) — index into factors — and its unit coordinate. */
  factor?: number;
  u?: number;
  /** Morris trajectory and step. */
  trajectory?: number;
  step?: number;
  /** Sobol matrix ("A", "B" or "AB<i>") and row. */
  matrix?: string;
  row?: number;
  values: Record<string, number>;
  replications: number;
}

export interface SensitivitySettings {
  /** Replications per tornado / grid point. */
  replications: number;
  /** Grid points per parameter for switching values (≥ 2; the ends are the tornado's low and high). */
  grid: number;
  /** Morris trajectories (0 = no Morris). */
  trajectories: number;
  /** Replications per Morris point. */
  morrisReplications: number;
  /** Grid levels of the Morris design. */
  levels: number;
  /** Sobol base sample N (0 = no Sobol indices); N·(k+2) points. */
  sobol: number;
  /** Replications per Sobol point. */
  sobolReplications: number;
}

export interface SensitivityPlan {
  output: SensitivityOutput;
  strategy: string;
  baseline: string;
  points: SensitivityPoint[];
  trajectories: Trajectory[];
  sobolRows: number;
  jobs: Job[];
  /** Job slices of each point: the strategy's and (for the difference, and always on grid points) the baseline's. */
  slices: { strategy: { from: number; to: number }; baseline: { from: number; to: number } | null }[];
}

/** Unit coordinates of the switching-value grid: g evenly spaced points from 0 to 1, 0.5 always included. */
export function gridCoordinates(g: number): number[] {
  const us = Array.from({ length: Math.max(2, g) }, (_, i) => i / (Math.max(2, g) - 1));
  if (!us.some((u) => Math.abs(u - 0.5) < 1e-12)) us.push(0.5);
  return us.sort((a, b) => a - b);
}

/**
 * @param views the scenario as each strategy sees it (strategyView): parameters are fixed in both.
 */
export function planSensitivity(
  views: { strategy: Scenario; baseline: Scenario },
  strategy: string,
  baseline: string,
  factors: Factor[],
  s: SensitivitySettings,
  output: SensitivityOutput,
): SensitivityPlan {
  const centre = Object.fromEntries(factors.map((f) => [f.path, f.centre]));
  const points: SensitivityPoint[] = [];
  points.push({ id: 'centre', kind: 'centre', values: centre, replications: s.replications });
  factors.forEach((f, i) =>
    gridCoordinates(s.grid).forEach((u) => {
      if (u === 0.5 && f.source === 'distribution') return; // the all-medians point
      points.push({ id: `${f.path}@${u === 0 ? 'low' : u === 1 ? 'high' : u.toFixed(3)}`, kind: 'grid', factor: i, u, values: { ...centre, [f.path]: factorValue(f, u) }, replications: s.replications });
    }),
  );
  const seed = views.strategy.meta.seed;
  const trajectories = s.trajectories > 0 && factors.length > 0 ? morrisTrajectories(factors.length, s.trajectories, seed, s.levels) : [];
  trajectories.forEach((tr, t) =>
    tr.points.forEach((u, j) =>
      points.push({ id: `morris-${t + 1}-${j}`, kind: 'morris', trajectory: t, step: j, values: Object.fromEntries(factors.map((f, i) => [f.path, factorValue(f, u[i])])), replications: s.morrisReplications }),
    ),
  );
  if (s.sobol > 0 && factors.length > 0) {
    const d = sobolDesign(factors.length, s.sobol, seed);
    const add = (matrix: string, rows: number[][]) =>
      rows.forEach((u, row) => points.push({ id: `sobol-${matrix}-${row}`, kind: 'sobol', matrix, row, values: Object.fromEntries(factors.map((f, i) => [f.path, factorValue(f, u[i])])), replications: s.sobolReplications }));
    add('A', d.a);
    add('B', d.b);
    d.ab.forEach((m, i) => add(`AB${i}`, m));
  }
  const jobs: Job[] = [];
  const slices: SensitivityPlan['slices'] = [];
  const run = (view: Scenario, id: string, values: Record<string, number>, n: number) => {
    const sc = fixParameters(view, values);
    const from = jobs.length;
    for (let replication = 0; replication < n; replication++) jobs.push({ scenario: sc, strategy: id, replication });
    return { from, to: jobs.length };
  };
  for (const p of points) {
    const st = run(views.strategy, strategy, p.values, p.replications);
    const both = output === 'difference' || p.kind === 'centre' || p.kind === 'grid';
    slices.push({ strategy: st, baseline: both ? run(views.baseline, baseline, p.values, p.replications) : null });
  }
  return { output, strategy, baseline, points, trajectories, sobolRows: s.sobol, jobs, slices };
}

export interface TornadoBar {
  path: string;
  source: Factor['source'];
  low: number;
  high: number;
  centre: number;
  quantiles?: [number, number];
  /** Mean output with the parameter at low / high (others at their medians). */
  atLow: number;
  atHigh: number;
  /** P(strategy beats baseline) at low / high, with Wilson intervals (difference output). */
  pBeatsLow: number | null;
  pBeatsHigh: number | null;
  /** Their Wilson 95% intervals (difference output). */
  pBeatsLowCi95: Interval | null;
  pBeatsHighCi95: Interval | null;
  /** Output at high − at low, paired by replication. */
  difference: PairedDifference;
  /** |difference.mean|: the bar's length, the sort key. */
  swing: number;
}

export interface SwitchingValue {
  path: string;
  /** Mean difference (strategy − baseline) at every grid point. */
  grid: { value: number; mean: number; ci95: Interval; pBeats: number; pBeatsCi95?: Interval }[];
  /** The parameter value at which the mean difference crosses 0 (the first crossing); null: no switch in range. */
  value: number | null;
  /** Every value at which the mean difference changes sign, ascending (more than one: the preference switches back). */
  switches: number[];
  /** Where the 95% band of the difference crosses 0 around it (null ends: the band does not cross within the range). */
  range: [number | null, number | null] | null;
  /** Preferred strategy at the low and the high end of the range. */
  preferredAtLow: string;
  preferredAtHigh: string;
  /** In words: "switches to X above 0.42" or "no switch in range". */
  text: string;
}

export interface MorrisRow extends Omit<MorrisEffect, 'factor' | 'effects'> {
  path: string;
  /** Rank by μ* (1 = most important). */
  rank: number;
}

export interface SobolRow extends Omit<SobolIndex, 'factor'> {
  path: string;
  rank: number;
}

export interface Sensitivity {
  format: typeof SENSITIVITY_FORMAT;
  scenario: { name: string; currency: string; seed: number; horizonMonths: number };
  strategy: { id: string; name: string };
  baseline: { id: string; name: string };
  /** What is explained: the paired difference in net equity strategy − baseline, or the strategy's own net equity. */
  output: SensitivityOutput;
  metric: 'netEquity';
  factors: Factor[];
  settings: SensitivitySettings & { delta: number; morrisRuns: number; tornadoRuns: number; sobolRuns: number };
  /** The output with every parameter at its median (difference: with P(beats) and its Wilson interval). */
  centre: { output: IntervalSummary & { pBeats?: number; pBeatsCi95?: Interval }; netEquity: IntervalSummary; baselineNetEquity: IntervalSummary };
  tornado: TornadoBar[];
  switching: SwitchingValue[];
  morris: MorrisRow[] | null;
  sobol: SobolRow[] | null;
  /** Replications simulated in all. */
  runs: number;
}

export function analyseSensitivity(
  views: { strategy: Scenario; baseline: Scenario },
  factors: Factor[],
  settings: SensitivitySettings,
  plan: SensitivityPlan,
  results: ReplicationResult[],
): Sensitivity {
  const view = views.strategy;
  const nets = (sl: { from: number; to: number }) => sortByReplication(results.slice(sl.from, sl.to)).map((r) => r.totals.netEquity);
  const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
  /** The output per replication at point i. */
  const y = (i: number, output = plan.output): number[] => {
    const s = nets(plan.slices[i].strategy);
    if (output === 'equity') return s;
    const b = nets(plan.slices[i].baseline!);
    return s.map((x, k) => x - b[k]);
  };
  const diff = (i: number) => y(i, 'difference');
  const centreIdx = plan.points.findIndex((p) => p.kind === 'centre');
  const gridIdx = (f: number, u: number) =>
    u === 0.5 && factors[f].source === 'distribution' ? centreIdx : plan.points.findIndex((p) => p.kind === 'grid' && p.factor === f && Math.abs((p.u ?? -1) - u) < 1e-12);
  const sName = (id: string) => view.strategies[id]?.name ?? id;

  const tornado: TornadoBar[] = factors
    .map((f, i) => {
      const lo = y(gridIdx(i, 0));
      const hi = y(gridIdx(i, 1));
      const difference = pairedDifference(hi, lo);
      const pb = (xs: number[]) => (plan.output === 'difference' ? withPBeats(xs).pBeats : null);
      const pbCi = (xs: number[]) => (plan.output === 'difference' ? wilsonIntervalOf(xs) : null);
      return { path: f.path, source: f.source, low: f.low, high: f.high, centre: f.centre, quantiles: f.quantiles, atLow: mean(lo), atHigh: mean(hi), pBeatsLow: pb(lo), pBeatsHigh: pb(hi), pBeatsLowCi95: pbCi(lo), pBeatsHighCi95: pbCi(hi), difference, swing: Math.abs(difference.mean) };
    })
    .sort((a, b) => b.swing - a.swing);

  const switching: SwitchingValue[] = factors.map((f, i) => {
    const grid = gridCoordinates(settings.grid).map((u) => {
      const d = withPBeats(diff(gridIdx(i, u)));
      return { value: factorValue(f, u), mean: d.mean, ci95: d.meanCi95, pBeats: d.pBeats, pBeatsCi95: d.pBeatsCi95 };
    });
    return switchingValue(f.path, grid, sName(plan.strategy), sName(plan.baseline));
  });

  let morris: MorrisRow[] | null = null;
  if (plan.trajectories.length > 0) {
    const ys = plan.trajectories.map((tr, t) => tr.points.map((_, j) => mean(y(plan.points.findIndex((p) => p.kind === 'morris' && p.trajectory === t && p.step === j)))));
    morris = elementaryEffects(plan.trajectories, ys, factors.length)
      .map((e) => ({ path: factors[e.factor].path, mu: e.mu, muStar: e.muStar, sigma: e.sigma, muStarSe: e.muStarSe, rank: 0 }))
      .sort((a, b) => b.muStar - a.muStar);
    morris.forEach((m, i) => (m.rank = i + 1));
  }

  let sobol: SobolRow[] | null = null;
  if (plan.sobolRows > 0) {
    const at = (matrix: string) => Array.from({ length: plan.sobolRows }, (_, row) => mean(y(plan.points.findIndex((p) => p.kind === 'sobol' && p.matrix === matrix && p.row === row))));
    const idx = sobolIndices(at('A'), at('B'), factors.map((_, i) => at(`AB${i}`)), view.meta.seed);
    sobol = idx.map((s) => ({ path: factors[s.factor].path, first: s.first, firstCi95: s.firstCi95, total: s.total, totalCi95: s.totalCi95, rank: 0 })).sort((a, b) => b.total - a.total);
    sobol.forEach((s, i) => (s.rank = i + 1));
  }

  const runsOf = (kind: SensitivityPoint['kind'][]) =>
    plan.points.reduce((a, p, i) => (kind.includes(p.kind) ? a + (plan.slices[i].strategy.to - plan.slices[i].strategy.from) + (plan.slices[i].baseline ? plan.slices[i].baseline!.to - plan.slices[i].baseline!.from : 0) : a), 0);
  const c = y(centreIdx);
  const cSummary = summarise(c);
  const centreOutput = plan.output === 'difference' ? (() => {
    const d = withPBeats(c);
    return { ...cSummary, pBeats: d.pBeats, pBeatsCi95: wilsonIntervalOf(c) };
  })() : cSummary;
  return {
    format: SENSITIVITY_FORMAT,
    scenario: { name: view.meta.name, currency: view.meta.currency, seed: view.meta.seed, horizonMonths: view.meta.horizonMonths },
    strategy: { id: plan.strategy, name: sName(plan.strategy) },
    baseline: { id: plan.baseline, name: sName(plan.baseline) },
    output: plan.output,
    metric: 'netEquity',
    factors,
    settings: { ...settings, delta: morrisDelta(settings.levels), tornadoRuns: runsOf(['centre', 'grid']), morrisRuns: runsOf(['morris']), sobolRuns: runsOf(['sobol']) },
    centre: { output: centreOutput, netEquity: summarise(nets(plan.slices[centreIdx].strategy)), baselineNetEquity: summarise(nets(plan.slices[centreIdx].baseline!)) },
    tornado,
    switching,
    morris,
    sobol,
    runs: results.length,
  };
}

function wilsonIntervalOf(d: number[]): Interval {
  const wins = d.reduce((a, x) => a + (x > 0 ? 1 : x === 0 ? 0.5 : 0), 0);
  return wilsonInterval(wins, d.length);
}

/**
 * Every value where a piecewise-linear curve through (value, level) changes sign, ascending. A
 * level of exactly 0 is not a sign: touching 0 and coming back is no change, and a run of zeros
 * between opposite signs crosses at its first point.
 */
function crossings(points: { value: number; level: number }[]): number[] {
  const out: number[] = [];
  let last = -1;
  for (let j = 0; j < points.length; j++) {
    if (points[j].level === 0) continue;
    if (last >= 0 && Math.sign(points[j].level) !== Math.sign(points[last].level)) {
      const [a, b] = [points[last], points[j]];
      out.push(j === last + 1 ? a.value + ((0 - a.level) / (b.level - a.level)) * (b.value - a.value) : points[last + 1].value);
    }
    last = j;
  }
  return out;
}

/** The crossing of a curve nearest to x (null: none). */
function nearest(xs: number[], x: number): number | null {
  return xs.length === 0 ? null : xs.reduce((best, y) => (Math.abs(y - x) < Math.abs(best - x) ? y : best));
}

/** The switching value of one parameter from the mean difference (strategy − baseline) on its grid. */
export function switchingValue(path: string, grid: SwitchingValue['grid'], strategy: string, baseline: string): SwitchingValue {
  const pref = (m: number) => (m > 0 ? strategy : m < 0 ? baseline : `${strategy} and ${baseline} alike`);
  const first = grid[0];
  const last = grid[grid.length - 1];
  const switches = crossings(grid.map((g) => ({ value: g.value, level: g.mean })));
  const value = switches[0] ?? null;
  const fmt = (x: number) => (Math.abs(x) >= 1000 || (Math.abs(x) < 0.01 && x !== 0) ? x.toPrecision(3) : String(Math.round(x * 1000) / 1000));
  // the strategy preferred before the first switch: the sign of the first non-zero mean
  const lead = grid.find((g) => g.mean !== 0)?.mean ?? 0;
  let range: SwitchingValue['range'] = null;
  let text: string;
  if (value === null) {
    // how sure: where the 95% band of the difference contains 0, the preference is not established
    const open = grid.filter((g) => g.ci95[0] <= 0 && g.ci95[1] >= 0).length;
    const caveat =
      open === grid.length
        ? ' — but the 95% band of the difference contains 0 over the whole range: not separated at these replications'
        : open > 0
          ? ` (the 95% band of the difference contains 0 at ${open} of ${grid.length} grid values)`
          : '';
    text = `no switch in range: ${pref(lead)} is preferred from ${fmt(first.value)} to ${fmt(last.value)}${caveat}`;
  } else {
    // the 95% band's crossings nearest to the first switch bracket it
    const lo = nearest(crossings(grid.map((g) => ({ value: g.value, level: g.ci95[0] }))), value);
    const hi = nearest(crossings(grid.map((g) => ({ value: g.value, level: g.ci95[1] }))), value);
    const ends = [lo, hi].filter((x): x is number => x !== null).sort((a, b) => a - b);
    range = [ends.length === 2 ? ends[0] : lo, ends.length === 2 ? ends[1] : hi];
    const other = (m: number) => pref(-m);
    const back = switches.slice(1).map((x, i) => `, back to ${i % 2 === 0 ? pref(lead) : other(lead)} at ${fmt(x)}`).join('');
    text = `switches from ${pref(lead)} to ${other(lead)} at ${fmt(value)}${range[0] !== null && range[1] !== null ? ` (95% band crosses 0 between ${fmt(range[0])} and ${fmt(range[1])})` : ''}${back}`;
  }
  return { path, grid, value, switches, range, preferredAtLow: pref(first.mean), preferredAtHigh: pref(last.mean), text };
}
