/**
 * Stress tests (docs/finance.md, "Stress tests"): every strategy under every stress — the
 * unstressed case, the scenario's named stresses and ad-hoc shocks from the command line —
 * with the same replications everywhere (common random numbers: replication k of every cell
 * shares its random streams), so losses versus unstressed are paired.
 *
 * The headline is net equity (customer equity − PV of CX spend − PV of workforce costs):
 * a finance reader wants value net of what the CX programme costs, and a stress that cuts
 * the budget lowers spend as well as customer equity; customer equity alone would hide that
 * trade-off. Customer equity is reported alongside.
 */
import type { Job } from '../engine/replication.ts';
import type { ReplicationResult } from '../engine/result.ts';
import type { Scenario, StressShock } from '../scenario/schema.ts';
import { baselineOf } from '../metrics/comparison.ts';
import { summarise, type IntervalSummary } from '../metrics/interval.ts';
import { pairedDifference, sortByReplication, type PairedDifference } from '../metrics/paired-difference.ts';
import { probabilityBelow, tailRisk, type TailRisk } from './tail-risk.ts';
import { robustness, type Robustness } from './robustness.ts';
import { describeShocks, firstShockMonth } from './shock-description.ts';

export const STRESS_FORMAT = 1;
export const UNSTRESSED = 'none';

/** A column of the stress table. */
export interface StressColumn {
  /** "none", a stress id of the scenario, or "shock-1", "shock-2", … for ad-hoc shocks. */
  id: string;
  name: string;
  description: string;
  /** Named stress of the scenario. */
  stress?: string;
  /** Ad-hoc shocks (with the text they were parsed from). */
  shocks?: StressShock[];
  text?: string;
  /** Every shock in words, with its timing ("the film pool's wallet × 0.6 from month 24 (year 3) on"). */
  timing: string;
  /** First month a shock strikes (null: the unstressed case). */
  firstMonth: number | null;
}

export function stressColumns(scenario: Scenario, named: string[], adhoc: { text: string; shocks: StressShock[] }[]): StressColumn[] {
  const cols: StressColumn[] = [{ id: UNSTRESSED, name: 'Unstressed', description: 'The scenario as written.', timing: 'no shock', firstMonth: null }];
  for (const id of named) {
    const s = scenario.stresses[id];
    cols.push({ id, name: s.name ?? id, description: s.description, stress: id, timing: describeShocks(s.shocks), firstMonth: firstShockMonth(s.shocks) });
  }
  adhoc.forEach((a, i) =>
    cols.push({ id: `shock-${i + 1}`, name: a.text, description: `Ad-hoc shock ${a.text}`, shocks: a.shocks, text: a.text, timing: describeShocks(a.shocks), firstMonth: firstShockMonth(a.shocks) }),
  );
  return cols;
}

export interface StressPlan {
  jobs: Job[];
  cells: { strategy: string; stress: string; from: number; to: number }[];
}

/** strategies × columns × replications 0..n−1 (the same replications in every cell). */
export function planStress(scenario: Scenario, strategies: string[], columns: StressColumn[], replications: number): StressPlan {
  const jobs: Job[] = [];
  const cells: StressPlan['cells'] = [];
  for (const strategy of strategies) {
    for (const col of columns) {
      const from = jobs.length;
      for (let replication = 0; replication < replications; replication++) {
        jobs.push({ scenario, strategy, replication, ...(col.stress ? { stress: col.stress } : {}), ...(col.shocks ? { shocks: col.shocks } : {}) });
      }
      cells.push({ strategy, stress: col.id, from, to: jobs.length });
    }
  }
  return { jobs, cells };
}

export interface StressCell {
  strategy: string;
  stress: string;
  netEquity: IntervalSummary;
  customerEquity: IntervalSummary;
  cxSpendPV: IntervalSummary;
  /** Unstressed − stressed net equity, replication by replication (null for the unstressed cell). */
  lossVsUnstressed: PairedDifference | null;
  /** Strategy − baseline net equity under the same stress, replication by replication (null for the baseline). */
  vsBaseline: PairedDifference | null;
  /** The sign of the lead over the baseline differs from the unstressed case (null: baseline or unstressed). "clear": both 95% CIs exclude 0. */
  flip: 'clear' | 'possible' | null;
  /** Tail of net equity: P5, CVaR 5%. */
  tail: TailRisk;
  /** P(net equity < threshold). */
  belowThreshold: { p: number; se: number; ci95: [number, number] };
}

export interface StressTest {
  format: typeof STRESS_FORMAT;
  scenario: { name: string; description: string; currency: string; horizonMonths: number; seed: number; agentScale: number };
  replications: number;
  metric: 'netEquity';
  threshold: { value: number; source: string };
  baseline: string;
  strategies: { id: string; name: string; baseline: boolean }[];
  stresses: StressColumn[];
  cells: StressCell[];
  robustness: Robustness;
  /** Derived seed of each replication (the same in every cell). */
  seeds: { replication: number; seed: string }[];
}

export interface StressInput {
  scenario: Scenario;
  strategies: string[];
  columns: StressColumn[];
  plan: StressPlan;
  /** Results of plan.jobs, in job order. */
  results: ReplicationResult[];
  /** Threshold for P(net equity < threshold); default: the baseline's expected unstressed net equity. */
  threshold?: number;
}

export function summariseStress(input: StressInput): StressTest {
  const { scenario, strategies, columns, plan, results } = input;
  const cellResults = new Map<string, ReplicationResult[]>();
  for (const c of plan.cells) cellResults.set(`${c.strategy}\u0000${c.stress}`, sortByReplication(results.slice(c.from, c.to)));
  const get = (s: string, z: string) => cellResults.get(`${s}\u0000${z}`)!;
  const net = (rs: ReplicationResult[]) => rs.map((r) => r.totals.netEquity);

  const baseline = strategies.includes(baselineOf(scenario)) ? baselineOf(scenario) : strategies[0];
  const baseMean = summarise(net(get(baseline, UNSTRESSED))).mean;
  const threshold =
    input.threshold === undefined
      ? { value: baseMean, source: `the expected unstressed net equity of the baseline strategy (${scenario.strategies[baseline]?.name ?? baseline})` }
      : { value: input.threshold, source: 'given with --threshold' };

  const cells: StressCell[] = [];
  const rob = robustness(
    plan.cells.map((c) => ({ strategy: c.strategy, stress: c.stress, values: net(get(c.strategy, c.stress)) })),
    strategies,
    baseline,
    UNSTRESSED,
  );
  for (const s of strategies) {
    const unstressed = net(get(s, UNSTRESSED));
    const flips = rob.rows.find((r) => r.strategy === s)!.flips;
    for (const col of columns) {
      const rs = get(s, col.id);
      const values = net(rs);
      const summary = summarise(values);
      const f = flips.find((x) => x.stress === col.id);
      cells.push({
        strategy: s,
        stress: col.id,
        netEquity: summary,
        customerEquity: summarise(rs.map((r) => r.totals.customerEquity)),
        cxSpendPV: summarise(rs.map((r) => r.totals.cxSpendPV)),
        lossVsUnstressed: col.id === UNSTRESSED ? null : pairedDifference(unstressed, values),
        vsBaseline: s === baseline ? null : pairedDifference(values, net(get(baseline, col.id))),
        flip: f ? (f.clear ? 'clear' : 'possible') : null,
        tail: tailRisk(values, summary.range90[0]),
        belowThreshold: probabilityBelow(values, threshold.value),
      });
    }
  }
  const first = get(strategies[0], UNSTRESSED);
  return {
    format: STRESS_FORMAT,
    scenario: {
      name: scenario.meta.name,
      description: scenario.meta.description,
      currency: scenario.meta.currency,
      horizonMonths: scenario.meta.horizonMonths,
      seed: scenario.meta.seed,
      agentScale: scenario.meta.agentScale,
    },
    replications: first.length,
    metric: 'netEquity',
    threshold,
    baseline,
    strategies: strategies.map((id) => ({ id, name: scenario.strategies[id]?.name ?? id, baseline: id === baseline })),
    stresses: columns,
    cells,
    robustness: rob,
    seeds: first.map((r) => ({ replication: r.replication, seed: r.seed })),
  };
}
