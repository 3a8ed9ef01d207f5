/**
 * Small helpers the notebooks share: run a comparison in process (the same `simulate` and
 * `compareStrategies` the CLI uses, without the attribution runs), pick a report chart,
 * and read one paired difference. Nothing here models anything: the model is src/.
 */
import { simulate, type SimulateOptions } from '../../src/index.ts';
import { compareStrategies, type Comparison, type StrategySummary } from '../../src/metrics/comparison.ts';
import { CHARTS } from '../../src/report/charts/index.ts';
import { chartContext } from '../../src/report/chart-context.ts';
import { deepMerge } from '../../src/scenario/merge.ts';
import { Scenario } from '../../src/scenario/schema.ts';
import type { ReplicationResult } from '../../src/engine/result.ts';

/**
 * Replications for the notebooks' runs: the scenario's own number, unless the environment
 * variable CXSIM_NOTEBOOK_REPLICATIONS says otherwise (the test suite sets a small number so
 * that every cell still runs, quickly; numbers then are noisier, not different in kind).
 */
export function notebookReplications(scenario: Scenario): number {
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.CXSIM_NOTEBOOK_REPLICATIONS;
  const n = env === undefined ? NaN : Number(env);
  return Number.isInteger(n) && n >= 2 ? n : scenario.meta.replications;
}

export interface Run {
  scenario: Scenario;
  results: ReplicationResult[];
  comparison: Comparison;
  /** Wall-clock seconds the simulations took. */
  seconds: number;
}

/** Simulate every listed strategy (default: all) and compare them against the baseline. */
export function runComparison(scenario: Scenario, options: { strategies?: string[]; replications?: number; stress?: string } = {}): Run {
  const strategies = options.strategies ?? Object.keys(scenario.strategies);
  const sim: SimulateOptions = { replications: options.replications ?? notebookReplications(scenario), stress: options.stress };
  const started = performance.now();
  const results = strategies.flatMap((id) => simulate(scenario, id, sim));
  const seconds = (performance.now() - started) / 1000;
  return { scenario, results, comparison: compareStrategies({ scenario, results, strategies }), seconds };
}

/** A scenario with some of its parameters changed (deep merge, then normalised and validated again). */
export function withChanges(scenario: Scenario, changes: Record<string, unknown>): Scenario {
  return Scenario.parse(deepMerge(scenario, changes));
}

/** One of the report's charts (src/report/charts) as SVG/HTML markup, with its caption. */
export function reportChart(comparison: Comparison, id: string, width = 900): { svg: string; caption: string } {
  const chart = CHARTS.find((c) => c.id === id);
  if (!chart) throw new Error(`no report chart "${id}"; there are: ${CHARTS.map((c) => c.id).join(', ')}`);
  const built = chart.build(comparison, chartContext(comparison, width));
  if (built.svg === null) throw new Error(`chart "${id}" does not apply here: ${built.caption}`);
  return { svg: built.svg, caption: built.caption };
}

/** The headline summary of one strategy. */
export function summaryOf(comparison: Comparison, strategy: string): StrategySummary {
  const s = comparison.headline.find((h) => h.strategy === strategy);
  if (!s) throw new Error(`strategy "${strategy}" is not in this comparison`);
  return s;
}

/** Per-replication paired differences of a total (strategy − other), by replication number. */
export function pairedTotals(run: Run, strategy: string, other: string, total: keyof ReplicationResult['totals'] = 'netEquity'): number[] {
  const by = (id: string) => run.results.filter((r) => r.strategy === id).sort((a, b) => a.replication - b.replication);
  const a = by(strategy);
  const b = by(other);
  if (a.length === 0 || a.length !== b.length) throw new Error(`need the same replications of "${strategy}" and "${other}"`);
  return a.map((r, k) => r.totals[total] - b[k].totals[total]);
}

/** Mean, standard error and share of positive values of a list of paired differences. */
export function describeDifferences(d: number[]): { mean: number; se: number; pPositive: number; n: number } {
  const n = d.length;
  const mean = d.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, n - 1));
  return { mean, se: sd / Math.sqrt(n), pPositive: d.filter((x) => x > 0).length / n, n };
}
