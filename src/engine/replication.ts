/**
 * One replication of one strategy: the step loop (monthly by default) over the population
 * (docs/model.md), as a sequence over the mechanics of the registry (mechanics/index.ts; what a
 * mechanic is: mechanics/mechanic.ts).
 *
 * Per step: (1) every mechanic's firm-level step (`before`, in registry order: levers turn this
 * step's spend into capital and effects; pools, workforce, touchpoints, portfolios, offers and the
 * valuation set the step's constants); (2) every customer alive at the start of the step is
 * visited once, in index order (the kernel: touchpoint visits and service contacts →
 * satisfaction → churn → margin → stage transition → adoption → portfolio review); (3) every
 * mechanic records the step's aggregates (`after`: series, year-end values, trigger rules);
 * (4) the step's acquisitions join (`join`, active from the next step). After the horizon
 * (`finish`): the value beyond it (runoff.ts, docs/model.md §11) and per-customer CLV.
 *
 * The per-customer loop reads only typed arrays and step constants and draws its random
 * numbers from counter.ts, keyed by (customer, step, purpose).
 */
import { POPULATION_LIMIT } from './population-limit.ts';
import type { StressShock, Scenario } from '../scenario/schema.ts';
import { compileModel, type CompiledModel } from '../model/compile.ts';
import { BEYOND_RUNOFF } from '../model/valuation.ts';
import { fmix32, mix2 } from '../random/counter.ts';
import { deriveKey } from '../random/seeds.ts';
import { Population } from './population.ts';
import type { ReplicationResult } from './result.ts';
import { kernelFor, LiveList, type KernelMode } from './kernel/cache.ts';
import { clearStepOutputs, makeStepInput, makeStepOutputs, type FirmState } from './firm-step.ts';
import { MECHANICS } from './mechanics/index.ts';
import { SeriesBook, type AnyMechanic, type Mechanic, type Replication, type StepClock } from './mechanics/mechanic.ts';
import { expectedCustomers } from './mechanics/acquisition.ts';
import { clv } from './mechanics/clv.ts';
import { rules } from './mechanics/rules.ts';
import { valuation, valuationRuleOf } from './mechanics/valuation.ts';

/** One unit of work: a replication of a strategy, optionally under a stress. */
export interface Job {
  scenario: Scenario;
  strategy: string;
  replication: number;
  /** Id of a stress in scenario.stresses, or "none". */
  stress?: string;
  /** Ad-hoc shocks applied on top (e.g. from the command line). */
  shocks?: StressShock[];
  /** Return per-customer detail (segment, portfolio, acquisition step, alive, CLV). */
  customers?: boolean;
  /**
   * Value each year end by its own run-off when the scenario's valuation.yearEnds asks for it
   * (compare's and run's jobs set it; the totals never depend on it, so attribution, stress,
   * sensitivity and optimisation runs leave it off and use the closing perpetuity).
   */
  yearEnds?: boolean;
  /** Stop with a PopulationLimitError beyond this many simulated customers (default and maximum: POPULATION_LIMIT). */
  maxCustomers?: number;
}

/** Observers of a running replication (not part of a Job: functions do not cross threads). */
export interface ReplicationHooks {
  /** Called after every step, e.g. for progress or to sample memory in the benchmark. */
  onStep?: (step: number, steps: number) => void;
  /** Called once after every mechanic's finish (the run-off beyond the horizon, the CLV pass), before the result is built: e.g. to sample memory. */
  onFinish?: () => void;
  /** The customer step: the kernel specialised to the model (default) or the reference `stepCustomers`. */
  kernel?: KernelMode;
}

export function simulateReplication(job: Job, hooks: ReplicationHooks = {}): ReplicationResult {
  const m = compileModel(job);
  if (job.yearEnds !== true) m.valuation.yearEndRunoff = false;
  const runoffModel = m.valuation.beyond === BEYOND_RUNOFF ? compileModel(job, m.valuation.runoffStepsPerYear) : null;
  return runCompiled(m, job.customers === true, hooks, runoffModel, job.maxCustomers);
}

/**
 * Runs a compiled model. `runoffModel`: the same job compiled on the run-off clock
 * (compileModel(job, valuation.runoffStepsPerYear)), required when beyondHorizon is runoff.
 */
export function runCompiled(
  m: CompiledModel,
  keepCustomers = false,
  hooks: ReplicationHooks = {},
  runoffModel: CompiledModel | null = null,
  maxCustomers = POPULATION_LIMIT,
): ReplicationResult {
  if (m.valuation.beyond === BEYOND_RUNOFF && !runoffModel) throw new Error('a run-off valuation needs the run-off model (compileModel(job, runoffStepsPerYear))');
  const T = m.clock.steps;
  const P = m.poolIds.length;
  const delta = m.clock.discountPerStep;
  const repKey = deriveKey(m.seed, 'replication', m.replication);
  const monthsPerStep = m.clock.monthsPerStep;

  const pop = new Population(P, expectedCustomers(m).capacity, Math.min(maxCustomers, POPULATION_LIMIT));
  const firm: FirmState = {
    readiness: new Float64Array(P),
    capture: new Float64Array(P),
    lastMarginWeights: new Float64Array(P).fill(1 / Math.max(1, P)),
    aliveCount: 0,
    friction: new Float64Array(m.touchpointIds.length),
  };
  const out = makeStepOutputs(m);
  const step = makeStepInput(m, out, firm.capture);
  const clock: StepClock = { t: 0, dStart: 1, dEnd: 1, dMargin: 1, month: 0, isCheckpoint: false, isLast: false };
  const states = new Map<AnyMechanic, unknown>();
  const live = new LiveList();
  const r: Replication = {
    m,
    runoffModel,
    kernel: hooks.kernel,
    live,
    repKey,
    pop,
    firm,
    out,
    step,
    series: new SeriesBook(T),
    clock,
    state<S>(mechanic: Mechanic<S>): S {
      if (!states.has(mechanic)) throw new Error(`mechanic "${mechanic.name}" is read before it started: register it earlier (mechanics/index.ts)`);
      return states.get(mechanic) as S;
    },
  };
  for (const mechanic of MECHANICS) states.set(mechanic, mechanic.start(r));
  type Phase = 'before' | 'after' | 'join';
  const phase = (name: Phase) => MECHANICS.filter((x) => x[name]).map((x) => [x, states.get(x)] as const);
  const before = phase('before'), after = phase('after'), join = phase('join');

  const stepKernel = kernelFor(m, step, hooks.kernel, live);
  for (let t = 0; t < T; t++) {
    clock.t = t;
    clock.dStart = clock.dEnd;
    clock.dEnd *= delta; // δ^(t+1): end of step t
    clock.dMargin = m.valuation.advance ? clock.dStart : clock.dEnd;
    clock.month = t * monthsPerStep;
    clock.isCheckpoint = (t + 1) % m.clock.stepsPerYear === 0;
    clock.isLast = t === T - 1;
    for (const [x, s] of before) x.before!(s, r, t);
    clearStepOutputs(out);
    step.t = t;
    step.salt = fmix32(mix2(repKey, t + 0x3c6ef372));
    stepKernel(pop, pop.size, step);
    for (const [x, s] of after) x.after!(s, r, t);
    for (const [x, s] of join) x.join!(s, r, t);
    hooks.onStep?.(t, T);
  }
  for (const mechanic of MECHANICS) mechanic.finish?.(states.get(mechanic), r);
  hooks.onFinish?.();

  const v = r.state(valuation);
  const c = r.state(clv);
  const result: ReplicationResult = {
    scenario: m.scenarioName,
    strategy: m.strategyId,
    stress: m.stressLabel,
    replication: m.replication,
    seed: repKey.toString(16).padStart(8, '0'),
    steps: T,
    stepsPerYear: m.clock.stepsPerYear,
    series: r.series.record(),
    valuation: valuationRuleOf(m),
    valueBeyondByYear: v.beyondByYear,
    costsBeyondByYear: v.beyondCostsByYear,
    approximateValueBeyondAtHorizon: m.valuation.beyond === 0 ? 0 : v.closing.approx,
    totals: v.totals!,
    clv: c.summary!,
    params: m.params,
    firedRules: r.state(rules).firedRules,
  };
  if (keepCustomers) {
    const N = pop.size;
    result.customers = {
      segment: pop.segment.slice(0, N),
      portfolio: pop.portfolio.slice(0, N),
      acquiredStep: pop.acquired.slice(0, N),
      alive: pop.alive.slice(0, N),
      clv: c.clv.slice(),
    };
  }
  return result;
}
