/**
 * What a mechanic is, and the replication it runs in (docs/model.md, "Where each mechanism lives").
 *
 * A mechanic (levers, pools, workforce, …) owns one mechanism of docs/model.md: its state for one
 * replication, its firm-level step and the series it records. The replication (replication.ts)
 * runs the mechanics of the registry (index.ts) in its order, phase by phase:
 *
 *   start(r)        once, before step 0 (pools before acquisition: capture is needed to create
 *                   the initial customers; acquisition before those that read the population)
 *   per step t:
 *     before(t)     firm-level step before the customers: effects, step constants of the kernel
 *     — the customer step (the kernel) —
 *     after(t)      this step's aggregates → series and firm state; year-end values; trigger rules
 *     join(t)       customers who join at the end of step t (active from t + 1)
 *   finish()        after the horizon: value beyond it, per-customer CLV
 *
 * A mechanic reads another's state with r.state(other) (the other must come earlier in the
 * registry). Everything a mechanic does is exactly the arithmetic it did inline in the step loop
 * before the split: results are bit-identical (scripts/engine-digest.ts).
 */
import type { CompiledModel } from '../../model/compile.ts';
import type { StepInput } from '../customer-step.ts';
import type { FirmState, StepOutputs } from '../firm-step.ts';
import type { KernelMode, LiveList } from '../kernel/cache.ts';
import type { Population } from '../population.ts';

/** One mechanic's hooks. `S` is its state for one replication. */
export interface Mechanic<S> {
  readonly name: string;
  start(r: Replication): S;
  before?(s: S, r: Replication, t: number): void;
  after?(s: S, r: Replication, t: number): void;
  join?(s: S, r: Replication, t: number): void;
  finish?(s: S, r: Replication): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMechanic = Mechanic<any>;

/** The clock of the current step: discount factors δ^t at its start and δ^(t+1) at its end. */
export interface StepClock {
  t: number;
  /** δ^t: discount factor at the start of the step (lever spend is paid then). */
  dStart: number;
  /** δ^(t+1): discount factor at the end of the step. */
  dEnd: number;
  /** Discount factor of the customers' margin: dStart under payment in advance, dEnd in arrears. */
  dMargin: number;
  /** Months since the start at the start of the step. */
  month: number;
  /** The end of a whole year (a checkpoint of the value beyond), and the horizon's last step. */
  isCheckpoint: boolean;
  isLast: boolean;
}

/** One replication of one strategy as the mechanics see it. */
export interface Replication {
  readonly m: CompiledModel;
  /** The same job on the run-off clock (valuation.beyondHorizon runoff), else null. */
  readonly runoffModel: CompiledModel | null;
  readonly kernel: KernelMode | undefined;
  /** The horizon kernel's list of live customers (kernel/cache.ts), handed on to the run-off beyond the horizon. */
  readonly live: LiveList;
  /** The replication's key: root of every random stream. */
  readonly repKey: number;
  readonly pop: Population;
  readonly firm: FirmState;
  /** The customer step's outputs (aggregates of the step) and input (its constants). */
  readonly out: StepOutputs;
  readonly step: StepInput;
  readonly series: SeriesBook;
  readonly clock: StepClock;
  /** The state of a mechanic registered earlier. */
  state<S>(mechanic: Mechanic<S>): S;
}

/**
 * The order of the series in a result (and so in series.csv): names, and families `<prefix>.*`
 * (members in the order their mechanic declares them). Series of a mechanic not listed here follow,
 * in the order they were declared.
 */
export const SERIES_ORDER: readonly string[] = [
  'discount.start', 'active', 'acquired', 'referrals', 'churned', 'exits', 'revenue', 'margin', 'satisfaction', 'promoters',
  'engagement', 'turnover', 'serviceQuality', 'workload', 'isq', 'headcount', 'employeeExperience', 'deflection',
  'automationQuality', 'cxSpend', 'cxSpend.treatment', 'cxSpend.offers', 'offers', 'workforceCost', 'acquisitionCost', 'discount',
  'visitCost', 'contacts',
  'active.*', 'acquired.*', 'retention.*', 'revenue.*', 'margin.*', 'market.*', 'share.*', 'adoption.*', 'walletIndex.*',
  'readiness.*', 'satisfactionBand.*', 'cxSpend.*', 'stage.*', 'visits.*', 'friction.*', 'portfolio.*',
];

/**
 * The series of one replication: each mechanic declares its own (`one`, `family`) and writes into
 * the arrays it gets back; `record()` assembles the result's `series` in SERIES_ORDER. Where two
 * declarations share a name (a lever called "treatment" and `cxSpend.treatment`), the name keeps
 * the position of the first in that order and the array of the last, as plain assignment would.
 */
export class SeriesBook {
  private readonly declared: { name: string; family: string | null; values: Float64Array }[] = [];

  constructor(readonly steps: number) {}

  /** A series of its own name. */
  one(name: string): Float64Array {
    const values = new Float64Array(this.steps);
    this.declared.push({ name, family: null, values });
    return values;
  }

  /** The series `<prefix>.<id>` of each id, in order. */
  family(prefix: string, ids: readonly (string | number)[]): Float64Array[] {
    return ids.map((id) => {
      const values = new Float64Array(this.steps);
      this.declared.push({ name: `${prefix}.${id}`, family: prefix, values });
      return values;
    });
  }

  record(): Record<string, Float64Array> {
    const series: Record<string, Float64Array> = {};
    const placed = new Set<number>();
    const place = (k: number) => {
      placed.add(k);
      series[this.declared[k].name] = this.declared[k].values;
    };
    for (const entry of SERIES_ORDER) {
      const family = entry.endsWith('.*') ? entry.slice(0, -2) : null;
      this.declared.forEach((d, k) => {
        if (family === null ? d.family === null && d.name === entry : d.family === family) place(k);
      });
    }
    this.declared.forEach((_, k) => placed.has(k) || place(k));
    return series;
  }
}
