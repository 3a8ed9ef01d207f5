/**
 * Compilation: (scenario, strategy, stress, replication) → a flat model of numbers and
 * typed arrays that the hot loop reads without lookups by name. Uncertain parameters are
 * drawn here (once per replication); every per-month quantity is converted to per step.
 * Pure: no I/O, no global randomness.
 */
import type { Resolved, Scenario, StressShock, ResolvedScenario } from '../scenario/schema.ts';
import { scenarioForStrategy } from '../scenario/strategy-scenario.ts';
import { own } from '../scenario/merge.ts';
import { resolveScenario } from './uncertainty.ts';
import { makeClock, perStepProbability, annualToStepProbability, interpolatePoints, stepToMonth, type Clock } from './time.ts';
import { walletIndexSeries } from './pool-trajectory.ts';
import { compileValuation, runoffScenario, type CompiledValuation } from './valuation.ts';
import { compileStress, type StressModifiers } from './stress.ts';
import { compilePlan, type CompiledPlan } from './strategy-plan.ts';
import { capitalRetention, lagSteps, type ResolvedLever } from './lever.ts';
import { deriveStream } from '../random/seeds.ts';

export const EXIT = -1;

export interface CompiledWorkforce {
  headcount: number;
  wagePerStep: number;
  productivityPerStep: number;
  hireCost: number;
  demandStaffing: boolean;
  targetWorkload: number;
  adjustPerStep: number;
  isqBase: number;
  engagement0: number;
  engBase: number;
  engIsq: number;
  engBurnout: number;
  engRelax: number;
  turnoverAnnual: number;
  turnoverSens: number;
  turnoverRef: number;
  experience0: number;
  learnRelax: number;
  newHireProductivity: number;
  sqBase: number;
  sqEngagement: number;
  sqExperience: number;
  sqOverload: number;
  deflection0: number;
  autoQuality0: number;
  autoCostPerContact: number;
  autoFriction: number;
}

export interface CompiledModel {
  scenarioName: string;
  strategyId: string;
  stressLabel: string;
  replication: number;
  seed: number;
  clock: Clock;
  agentScale: number;
  params: Record<string, number>;

  // behaviour
  satMemory: number;
  satRef: number;
  promoterThreshold: number;
  churnSatSens: number;
  competitivePull: number;
  captureSens: number;
  sowLogitBase: number;
  sowSatSlope: number;
  sowReadinessSlope: number;
  portfolioReviewSteps: number;
  /** Valuation rules (src/model/valuation.ts). */
  valuation: CompiledValuation;
  /** Level exp(logWalk) of each pool's wallet random walk at the horizon's last step (1 without volatility). */
  walletWalkAtHorizon: Float64Array;
  /** The walk's level per pool and step, walletWalk[p * T + t] (for run-offs from year ends). */
  walletWalk: Float64Array;

  // pools
  poolIds: string[];
  poolEmerging: Uint8Array;
  marginRate: Float64Array;
  costToServeStep: Float64Array;
  readiness0: Float64Array;
  bassP: Float64Array;
  bassQ: Float64Array;
  initialAdoption: Float64Array;
  /** walletIndex[p * T + t]. */
  walletIndex: Float64Array;
  /** Competitors' experience level per pool and step: competitor-major [c * P * T + p * T + t]; NaN where a competitor is not in the pool. */
  competitorLevel: Float64Array;
  competitorCount: number;

  // segments
  segmentIds: string[];
  segInitialAgents: Int32Array;
  segJourney: Int32Array;
  /** Expected acquisitions per step from prospects × conversion (agents, before acquisition levers). */
  segAcqBase: Float64Array;
  segAcqCost: Float64Array;
  /** Acquisition cost per customer brought by a referral. */
  segReferralCost: Float64Array;
  segChurnAlpha: Float64Array;
  segChurnBeta: Float64Array;
  /** NaN when heterogeneous (Beta), else the fixed annual θ. */
  segChurnFixed: Float64Array;
  /** Wallet mean per month by [seg * P + p] (0 = no wallet there). */
  segWalletMean: Float64Array;
  segWalletCv: Float64Array;
  segSensMean: Float64Array;
  segSensCv: Float64Array;
  /** Adoption propensity by [seg * P + p]. */
  segAdoption: Float64Array;
  segNeedStep: Float64Array;
  segReferralStep: Float64Array;
  segInitialSat: Float64Array;

  // portfolios
  portfolioIds: string[];
  portRuleMetric: Int8Array; // -1 none, 0 monthlyMargin, 1 tenureMonths, 2 satisfaction
  portRuleMin: Float64Array;
  portRuleMax: Float64Array;
  portBoost: Float64Array;
  portChurnMult: Float64Array;
  portNeedMult: Float64Array;
  portCostStep: Float64Array;

  // journeys: stages are numbered globally
  stageIds: string[];
  /** Unique display labels of stages: the stage id, or journey/stage where ids repeat across journeys. */
  stageLabels: string[];
  stageJourney: Int32Array;
  journeyFirstStage: Int32Array;
  journeyInitialStage: Int32Array;
  /** For stage s, its transition targets are transTarget[transStart[s] .. transStart[s+1]) with cumulative probabilities. */
  transStart: Int32Array;
  transTarget: Int32Array;
  transCum: Float64Array;
  stageExitBelow: Float64Array; // -Infinity when none
  /** Probability per step of the transition to "exit" from each stage (0 when none). */
  stageExitStep: Float64Array;
  /** Multiplier on revenue × margin rate while in each stage. */
  stageMarginMult: Float64Array;
  /** Fixed cost per customer per step while in each stage. */
  stageCostStep: Float64Array;
  /** Touchpoints of stage s: tpStart[s] .. tpStart[s+1]. */
  tpStart: Int32Array;
  touchpointIds: string[];
  tpVisit: Float64Array;
  tpFriction0: Float64Array;
  tpFloor: Float64Array;
  tpCost: Float64Array;
  tpPool: Int32Array;
  tpHuman: Uint8Array;
  tpControllable: Uint8Array;
  tpBase: Float64Array;
  tpServiceWeight: Float64Array;
  tpNoise: Float64Array;

  // levers and plan
  leverIds: string[];
  levers: ResolvedLever[];
  leverRetention: Float64Array;
  leverLag: Int32Array;
  plan: CompiledPlan;

  workforce: CompiledWorkforce | null;
  contactBase: number;
  contactWeight: number;
  contactNoise: number;

  stress: StressModifiers;
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
  const T = clock.steps;
  const seed = sc.meta.seed;
  const scale = sc.meta.agentScale;
  const perMonthToStep = clock.monthsPerStep;

  // pools
  const poolIds = Object.keys(sc.pools);
  const P = poolIds.length;
  const stress = compileStress(shocks, poolIds, clock);
  const pools = poolIds.map((id) => sc.pools[id]);
  const walletIndex = new Float64Array(P * T);
  const walletWalkAtHorizon = new Float64Array(P).fill(1);
  const walletWalk = new Float64Array(P * T).fill(1);
  pools.forEach((pool, p) => {
    walletIndex.set(
      walletIndexSeries(pool, clock, deriveStream(seed, 'walk', input.replication, poolIds[p]), stress.wallet[poolIds[p]], walletWalkAtHorizon.subarray(p, p + 1), walletWalk.subarray(p * T, (p + 1) * T)),
      p * T,
    );
  });

  // competitors
  const compIds = Object.keys(sc.competitors);
  const competitorLevel = new Float64Array(Math.max(1, compIds.length) * P * T);
  compIds.forEach((cid, c) => {
    const comp = sc.competitors[cid];
    poolIds.forEach((pid, p) => {
      const lv = own(comp.experience, pid);
      for (let t = 0; t < T; t++) {
        const month = stepToMonth(t, clock);
        // NaN: the competitor is not in this pool (it neither captures adopters there nor pulls customers)
        const level = lv === undefined ? NaN : typeof lv === 'number' ? lv : interpolatePoints(lv.points, month);
        competitorLevel[c * P * T + p * T + t] = Number.isNaN(level) ? NaN : Math.min(1, Math.max(0, level + stress.competitor[pid][t]));
      }
    });
  });

  // segments
  const segmentIds = Object.keys(sc.segments);
  const S = segmentIds.length;
  const journeyIds = Object.keys(sc.journeys);
  const segs = segmentIds.map((id) => sc.segments[id]);
  const segWalletMean = new Float64Array(S * P);
  const segWalletCv = new Float64Array(S * P);
  const segAdoption = new Float64Array(S * P);
  segs.forEach((s, i) => {
    poolIds.forEach((pid, p) => {
      const w = own(s.wallet, pid);
      if (w) {
        segWalletMean[i * P + p] = w.mean;
        segWalletCv[i * P + p] = w.cv;
      }
      if (pools[p].kind === 'emerging') segAdoption[i * P + p] = own(s.adoption, pid) ?? (w ? 1 : 0);
    });
  });
  const churnOf = (s: (typeof segs)[number]) => s.churn as { alpha?: number; beta?: number; annualRate?: number };

  // portfolios (an implicit catch-all when none)
  const portfolioIds = Object.keys(sc.portfolios);
  const ports = portfolioIds.map((id) => sc.portfolios[id]);
  if (ports.length === 0) portfolioIds.push('all');
  const metricCode = { monthlyMargin: 0, tenureMonths: 1, satisfaction: 2 } as const;

  // journeys → global stages and touchpoints
  const stageIds: string[] = [];
  const stageJourney: number[] = [];
  const journeyFirstStage: number[] = [];
  const journeyInitialStage: number[] = [];
  const stageIndex = new Map<string, number>();
  journeyIds.forEach((jid, j) => {
    const journey = sc.journeys[jid];
    const ids = Object.keys(journey.stages);
    journeyFirstStage.push(stageIds.length);
    ids.forEach((sid) => {
      stageIndex.set(`${jid}/${sid}`, stageIds.length);
      stageIds.push(sid);
      stageJourney.push(j);
    });
    journeyInitialStage.push(stageIndex.get(`${jid}/${journey.initialStage ?? ids[0]}`) ?? journeyFirstStage[j]);
  });
  const transStart: number[] = [];
  const transTarget: number[] = [];
  const transCum: number[] = [];
  const tpStart: number[] = [];
  const tp: {
    id: string;
    visit: number;
    f0: number;
    floor: number;
    cost: number;
    pool: number;
    human: number;
    controllable: number;
    base: number;
    w: number;
    noise: number;
  }[] = [];
  const stageExitBelow: number[] = [];
  const stageExitStep: number[] = [];
  const stageMarginMult: number[] = [];
  const stageCostStep: number[] = [];
  journeyIds.forEach((jid) => {
    const journey = sc.journeys[jid];
    for (const [sid, stage] of Object.entries(journey.stages)) {
      const self = stageIndex.get(`${jid}/${sid}`)!;
      transStart.push(transTarget.length);
      // Per-step transition probabilities from monthly ones: off-diagonal × months per step, exact at monthly steps.
      const row = stage.next ?? { [sid]: 1 };
      let cum = 0;
      let stay = 1;
      const entries: [number, number][] = [];
      for (const [target, pMonth] of Object.entries(row)) {
        const idx = target === 'exit' ? EXIT : stageIndex.get(`${jid}/${target}`)!;
        if (idx === self) continue;
        const p = Math.min(1, pMonth * perMonthToStep);
        entries.push([idx, p]);
        stay -= p;
      }
      if (stay > 0) entries.unshift([self, stay]);
      const total = entries.reduce((a, [, p]) => a + p, 0);
      for (const [idx, p] of entries) {
        cum += p / total;
        transTarget.push(idx);
        transCum.push(cum);
      }
      transCum[transCum.length - 1] = 1;
      stageExitStep.push(entries.filter(([idx]) => idx === EXIT).reduce((a, [, p]) => a + p / total, 0));
      stageExitBelow.push(stage.exitBelow ?? -Infinity);
      stageMarginMult.push(stage.marginMultiplier);
      stageCostStep.push(stage.costPerMonth * perMonthToStep);
      tpStart.push(tp.length);
      for (const [tid, t] of Object.entries(stage.touchpoints)) {
        tp.push({
          id: tid,
          visit: perStepProbability(t.visitProbability, clock),
          f0: t.friction,
          floor: Math.min(t.floor, t.friction),
          cost: t.costPerVisit,
          pool: t.pool ? poolIds.indexOf(t.pool) : -1,
          human: t.served === 'human' ? 1 : 0,
          controllable: t.controllable ? 1 : 0,
          base: t.baseQuality,
          w: t.serviceWeight,
          noise: t.noise,
        });
      }
    }
  });
  transStart.push(transTarget.length);
  tpStart.push(tp.length);

  // levers and the strategy's plan
  const leverIds = Object.keys(sc.levers);
  const levers = leverIds.map((id) => sc.levers[id]);
  const strategy = own(sc.strategies, input.strategy)!;
  const plan = compilePlan(strategy, leverIds, clock);

  // workforce
  const wf = sc.workforce;
  const workforce: CompiledWorkforce | null = wf
    ? {
        headcount: wf.headcount,
        wagePerStep: wf.wagePerMonth * perMonthToStep,
        productivityPerStep: wf.productivity * perMonthToStep,
        hireCost: wf.hiringCost + wf.trainingCost,
        demandStaffing: wf.staffing.policy === 'demand',
        targetWorkload: wf.staffing.targetWorkload,
        adjustPerStep: perStepProbability(wf.staffing.adjustmentPerMonth, clock),
        isqBase: wf.internalServiceQuality.base,
        engagement0: wf.engagement.initial,
        engBase: wf.engagement.base,
        engIsq: wf.engagement.isqWeight,
        engBurnout: wf.engagement.burnoutWeight,
        engRelax: 1 - Math.exp(-perMonthToStep / wf.engagement.timeConstantMonths),
        turnoverAnnual: wf.turnover.annualRate,
        turnoverSens: wf.turnover.engagementSensitivity,
        turnoverRef: wf.turnover.reference,
        experience0: wf.experience.initial,
        learnRelax: 1 - Math.exp(-perMonthToStep / wf.experience.learningMonths),
        newHireProductivity: wf.experience.newHireProductivity,
        sqBase: wf.serviceQuality.base,
        sqEngagement: wf.serviceQuality.engagementWeight,
        sqExperience: wf.serviceQuality.experienceWeight,
        sqOverload: wf.serviceQuality.overloadPenalty,
        deflection0: wf.automation.deflection,
        autoQuality0: wf.automation.quality,
        autoCostPerContact: wf.automation.costPerContact,
        autoFriction: wf.automation.frictionAtZeroQuality,
      }
    : null;

  const b = sc.behaviour;
  const f64 = (xs: number[]) => Float64Array.from(xs);
  return {
    scenarioName: sc.meta.name,
    strategyId: input.strategy,
    stressLabel,
    replication: input.replication,
    seed,
    clock,
    agentScale: scale,
    params,
    satMemory: b.satisfactionMemory,
    satRef: b.satisfactionReference,
    promoterThreshold: b.promoterThreshold,
    churnSatSens: b.churnSatisfactionSensitivity,
    competitivePull: b.competitivePull,
    captureSens: b.captureSensitivity,
    sowLogitBase: Math.log(b.shareOfWallet.base / (1 - b.shareOfWallet.base)),
    sowSatSlope: b.shareOfWallet.satisfactionSlope,
    sowReadinessSlope: b.shareOfWallet.readinessSlope,
    portfolioReviewSteps: Math.max(1, Math.round(b.portfolioReviewMonths / perMonthToStep)),
    valuation: compileValuation(sc),
    walletWalkAtHorizon,
    walletWalk,
    poolIds,
    poolEmerging: Uint8Array.from(pools.map((p) => (p.kind === 'emerging' ? 1 : 0))),
    marginRate: f64(pools.map((p) => p.marginRate)),
    costToServeStep: f64(pools.map((p) => p.costToServe * perMonthToStep)),
    readiness0: f64(pools.map((p) => p.readiness)),
    bassP: f64(pools.map((p) => p.bass.p / clock.stepsPerYear)),
    bassQ: f64(pools.map((p) => p.bass.q / clock.stepsPerYear)),
    initialAdoption: f64(pools.map((p) => (p.kind === 'emerging' ? p.initialAdoption : 0))),
    walletIndex,
    competitorLevel,
    competitorCount: compIds.length,
    segmentIds,
    segInitialAgents: Int32Array.from(segs.map((s) => Math.round(s.initialCustomers / scale))),
    segJourney: Int32Array.from(segs.map((s) => Math.max(0, s.journey ? journeyIds.indexOf(s.journey) : 0))),
    segAcqBase: f64(segs.map((s) => (s.acquisition.prospectsPerMonth * s.acquisition.conversion * perMonthToStep) / scale)),
    segAcqCost: f64(segs.map((s) => s.acquisition.cost)),
    segReferralCost: f64(segs.map((s) => s.acquisition.referralCost)),
    segChurnAlpha: f64(segs.map((s) => churnOf(s).alpha ?? NaN)),
    segChurnBeta: f64(segs.map((s) => churnOf(s).beta ?? NaN)),
    segChurnFixed: f64(segs.map((s) => churnOf(s).annualRate ?? NaN)),
    segWalletMean,
    segWalletCv,
    segSensMean: f64(segs.map((s) => s.cxSensitivity.mean)),
    segSensCv: f64(segs.map((s) => s.cxSensitivity.cv)),
    segAdoption,
    segNeedStep: f64(segs.map((s) => s.serviceNeed * perMonthToStep)),
    segReferralStep: f64(segs.map((s) => s.referralRate * perMonthToStep)),
    segInitialSat: f64(segs.map((s) => s.initialSatisfaction)),
    portfolioIds,
    portRuleMetric: Int8Array.from(ports.length ? ports.map((p) => (p.rule ? metricCode[p.rule.metric] : -1)) : [-1]),
    portRuleMin: f64(ports.length ? ports.map((p) => p.rule?.min ?? -Infinity) : [-Infinity]),
    portRuleMax: f64(ports.length ? ports.map((p) => p.rule?.max ?? Infinity) : [Infinity]),
    portBoost: f64(ports.length ? ports.map((p) => p.treatment.experienceBoost) : [0]),
    portChurnMult: f64(ports.length ? ports.map((p) => p.treatment.churnMultiplier) : [1]),
    portNeedMult: f64(ports.length ? ports.map((p) => p.treatment.serviceNeedMultiplier) : [1]),
    portCostStep: f64(ports.length ? ports.map((p) => p.treatment.costPerCustomerPerMonth * perMonthToStep) : [0]),
    stageIds,
    stageLabels: stageIds.map((sid, s) => (stageIds.indexOf(sid) === stageIds.lastIndexOf(sid) ? sid : `${journeyIds[stageJourney[s]]}/${sid}`)),
    stageJourney: Int32Array.from(stageJourney),
    journeyFirstStage: Int32Array.from(journeyFirstStage),
    journeyInitialStage: Int32Array.from(journeyInitialStage),
    transStart: Int32Array.from(transStart),
    transTarget: Int32Array.from(transTarget),
    transCum: f64(transCum),
    stageExitBelow: f64(stageExitBelow),
    stageExitStep: f64(stageExitStep),
    stageMarginMult: f64(stageMarginMult),
    stageCostStep: f64(stageCostStep),
    tpStart: Int32Array.from(tpStart),
    touchpointIds: tp.map((x) => x.id),
    tpVisit: f64(tp.map((x) => x.visit)),
    tpFriction0: f64(tp.map((x) => x.f0)),
    tpFloor: f64(tp.map((x) => x.floor)),
    tpCost: f64(tp.map((x) => x.cost)),
    tpPool: Int32Array.from(tp.map((x) => x.pool)),
    tpHuman: Uint8Array.from(tp.map((x) => x.human)),
    tpControllable: Uint8Array.from(tp.map((x) => x.controllable)),
    tpBase: f64(tp.map((x) => x.base)),
    tpServiceWeight: f64(tp.map((x) => x.w)),
    tpNoise: f64(tp.map((x) => x.noise)),
    leverIds,
    levers,
    leverRetention: f64(levers.map((l) => capitalRetention(l, clock))),
    leverLag: Int32Array.from(levers.map((l) => lagSteps(l, clock))),
    plan,
    workforce,
    contactBase: wf ? wf.contact.baseQuality : 0.45,
    contactWeight: wf ? wf.contact.serviceWeight : 0.4,
    contactNoise: wf ? wf.contact.noise : 0.15,
    stress,
  };
}

export { annualToStepProbability };
