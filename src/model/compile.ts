/**
 * Compilation: (scenario, strategy, stress, replication) → a flat model of numbers and
 * typed arrays that the hot loop reads without lookups by name. Uncertain parameters are
 * drawn here (once per replication); every per-month quantity is converted to per step.
 * Pure: no I/O, no global randomness.
 *
 * Each mechanic compiles its own parameters (`compile<Mechanic>` in src/engine/mechanics/<mechanic>.ts);
 * this file resolves the scenario for the job (strategy, stress, parameter draws), sets the clock
 * and the stress modifiers, and joins the parts. Adding a mechanic's parameters: its `Compiled…`
 * type in CompiledModel and its compile function in `compileModel`.
 */
import type { Resolved, Scenario, StressShock, ResolvedScenario } from '../scenario/schema.ts';
import { scenarioForStrategy } from '../scenario/strategy-scenario.ts';
import { own } from '../scenario/merge.ts';
import { resolveScenario } from './uncertainty.ts';
import { makeClock, annualToStepProbability, type Clock } from './time.ts';
import { runoffScenario } from './valuation.ts';
import { compileStress, type StressModifiers } from './stress.ts';
import { compileAcquisition, type CompiledAcquisition } from '../engine/mechanics/acquisition.ts';
import { compileChurn, type CompiledChurn } from '../engine/mechanics/churn.ts';
import { compileJourneys, type CompiledJourneys } from '../engine/mechanics/journeys.ts';
import { compileLevers, type CompiledLevers } from '../engine/mechanics/levers.ts';
import { compilePools, type CompiledPools } from '../engine/mechanics/pools.ts';
import { compilePortfolios, type CompiledPortfolios } from '../engine/mechanics/portfolios.ts';
import { compileRules, type CompiledRules } from '../engine/mechanics/rules.ts';
import { compileSatisfaction, type CompiledSatisfaction } from '../engine/mechanics/satisfaction.ts';
import { compileTouchpoints, type CompiledTouchpoints } from '../engine/mechanics/touchpoints.ts';
import { compileValuationPart, type CompiledValuationPart } from '../engine/mechanics/valuation.ts';
import { compileWorkforce, type CompiledWorkforcePart } from '../engine/mechanics/workforce.ts';

export { EXIT } from '../engine/mechanics/journeys.ts';
export type { CompiledWorkforce } from '../engine/mechanics/workforce.ts';

/** What every mechanic's compiled parameters share: the job, the clock, the stress modifiers. */
export interface CompiledCore {
  scenarioName: string;
  strategyId: string;
  stressLabel: string;
  replication: number;
  seed: number;
  clock: Clock;
  agentScale: number;
  params: Record<string, number>;
  stress: StressModifiers;
}

export type CompiledModel = CompiledCore &
  CompiledPools &
  CompiledAcquisition &
  CompiledChurn &
  CompiledSatisfaction &
  CompiledPortfolios &
  CompiledJourneys &
  CompiledTouchpoints &
  CompiledLevers &
  CompiledRules &
  CompiledWorkforcePart &
  CompiledValuationPart;

/** What a mechanic's compile function reads: the job, its resolved scenario, the clock, the stress modifiers and the ids in order. */
export interface CompileContext {
  input: CompileInput;
  sc: ResolvedScenario;
  clock: Clock;
  stress: StressModifiers;
  poolIds: string[];
  segmentIds: string[];
  journeyIds: string[];
}

export interface CompileInput {
  scenario: Scenario;
  strategy: string;
  replication: number;
  stress?: string;
  shocks?: StressShock[];
}

/**
 * Compiles a job. With `runoffStepsPerYear`, the model of the run-off: the same scenario (and
 * the same parameter draws) on the run-off clock over horizon + runoffYears (src/model/valuation.ts).
 */
export function compileModel(input: CompileInput, runoffStepsPerYear?: number): CompiledModel {
  const strategyScenario = scenarioForStrategy(input.scenario, input.strategy);
  const base = runoffStepsPerYear === undefined ? strategyScenario : runoffScenario(strategyScenario, runoffStepsPerYear);
  const stressDef = input.stress && input.stress !== 'none' ? own(base.stresses, input.stress) : undefined;
  if (input.stress && input.stress !== 'none' && !stressDef) throw new Error(`unknown stress "${input.stress}"`);
  // Stress shocks are resolved together with the scenario so their uncertain parts are drawn per replication.
  const withShocks = { ...base, stresses: { ...base.stresses, __applied: { description: '', shocks: [...(stressDef?.shocks ?? []), ...(input.shocks ?? [])] } } };
  const { resolved, params } = resolveScenario(withShocks as Scenario, input.replication);
  const sc = resolved as ResolvedScenario;
  const shocks = (sc.stresses as Record<string, { shocks: Resolved<StressShock>[] }>).__applied.shocks;
  const stressLabel = [input.stress && input.stress !== 'none' ? input.stress : '', (input.shocks ?? []).length ? 'ad-hoc' : ''].filter(Boolean).join('+') || 'none';
  // Keep the draws that matter to this run: not those of other strategies or of unapplied stresses.
  for (const k of Object.keys(params)) {
    if (k.startsWith('stresses.') || (k.startsWith('strategies.') && !k.startsWith(`strategies.${input.strategy}.`))) delete params[k];
  }

  const clock = makeClock(sc.meta.horizonMonths, sc.meta.stepsPerYear, sc.meta.discountRate);
  const poolIds = Object.keys(sc.pools);
  const c: CompileContext = {
    input,
    sc,
    clock,
    stress: compileStress(shocks, poolIds, clock),
    poolIds,
    segmentIds: Object.keys(sc.segments),
    journeyIds: Object.keys(sc.journeys),
  };
  return {
    scenarioName: sc.meta.name,
    strategyId: input.strategy,
    stressLabel,
    replication: input.replication,
    seed: sc.meta.seed,
    clock,
    agentScale: sc.meta.agentScale,
    params,
    stress: c.stress,
    ...compilePools(c),
    ...compileAcquisition(c),
    ...compileChurn(c),
    ...compileSatisfaction(c),
    ...compilePortfolios(c),
    ...compileJourneys(c),
    ...compileTouchpoints(c),
    ...compileLevers(c),
    ...compileRules(c),
    ...compileWorkforce(c),
    ...compileValuationPart(c),
  };
}

export { annualToStepProbability };
