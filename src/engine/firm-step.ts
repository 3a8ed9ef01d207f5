/**
 * What the firm hands the customer step and gets back from it, shared by the horizon
 * (replication.ts, mechanics/) and the run-off (runoff.ts): the firm state carried from step to
 * step, the step's input (its constants: makeStepInput) and outputs (its aggregates), and all the
 * mechanics' step constants at once for the run-off (setFirmConstants).
 */
import type { CompiledModel } from '../model/compile.ts';
import { TALLY_SIZE, type StepInput } from './customer-step.ts';
import type { LeverEffects } from './mechanics/levers.ts';
import { poolConstants } from './mechanics/pools.ts';
import { portfolioConstants } from './mechanics/portfolios.ts';
import { offerConstants } from './mechanics/satisfaction.ts';
import { touchpointConstants } from './mechanics/touchpoints.ts';
import { contactConstants } from './mechanics/workforce.ts';

/** Firm state carried from step to step (and from the horizon into the run-off). */
export interface FirmState {
  readiness: Float64Array;
  capture: Float64Array;
  /** Each pool's share of the market margin last step: weights of the competitive pull. */
  lastMarginWeights: Float64Array;
  /** Customers alive (agents) at the start of the step. */
  aliveCount: number;
  /** Friction of each touchpoint this step (output). */
  friction: Float64Array;
}

/**
 * Sets the step constants of `z` for step t of model m (whose wallet index is multiplied by
 * `walletScale[p]`), as the mechanics' `before` phases do in the horizon: touchpoint quality from
 * friction and service quality, portfolio boosts and churn multipliers, readiness, capture,
 * share-of-wallet constants, Bass hazard, the wallet index × months per step, the competitive
 * pull, contact quality and retention offers. Used by the run-off (runoff.ts).
 */
export function setFirmConstants(
  m: CompiledModel,
  t: number,
  z: StepInput,
  fx: LeverEffects,
  sq: number,
  autoQuality: number,
  st: FirmState,
  walletScale: Float64Array | null,
): void {
  touchpointConstants(m, z, fx, sq, st);
  portfolioConstants(m, t, z, fx);
  poolConstants(m, t, z, fx, st, walletScale);
  contactConstants(m, z, sq, autoQuality);
  offerConstants(z, fx);
}

/** Output arrays of the customer loop, shared by the horizon's and the run-off's step inputs. */
export interface StepOutputs {
  tally: Float64Array;
  revenue: Float64Array;
  margin: Float64Array;
  market: Float64Array;
  activeSeg: Float64Array;
  promotersSeg: Float64Array;
  initialAliveSeg: Float64Array;
  band: Float64Array;
  stageCount: Float64Array;
  portCount: Float64Array;
  visits: Float64Array;
  participants: Float64Array;
  churnedWallet: Float64Array;
  exitedWallet: Float64Array;
}

export function makeStepOutputs(m: CompiledModel): StepOutputs {
  const P = m.poolIds.length, S = m.segmentIds.length;
  return {
    tally: new Float64Array(TALLY_SIZE),
    revenue: new Float64Array(P),
    margin: new Float64Array(P),
    market: new Float64Array(P),
    activeSeg: new Float64Array(S),
    promotersSeg: new Float64Array(S),
    initialAliveSeg: new Float64Array(S),
    band: new Float64Array(10),
    stageCount: new Float64Array(m.stageIds.length),
    portCount: new Float64Array(m.portfolioIds.length),
    visits: new Float64Array(m.touchpointIds.length),
    participants: new Float64Array(P),
    churnedWallet: new Float64Array(P),
    exitedWallet: new Float64Array(P),
  };
}

/** Zeroes the per-step outputs (not the cumulative churnedWallet). */
export function clearStepOutputs(o: StepOutputs): void {
  for (const a of [o.revenue, o.margin, o.market, o.activeSeg, o.promotersSeg, o.initialAliveSeg, o.band, o.stageCount, o.portCount, o.visits, o.participants, o.exitedWallet, o.tally]) a.fill(0);
}

/**
 * The customer loop's input for model m (its per-step constants), writing into `out`.
 * `growth[p]` = (1+g_p)^(1/stepsPerYear) is the Gordon growth factor per step of pool p.
 */
export function makeStepInput(m: CompiledModel, out: StepOutputs, capture: Float64Array): StepInput {
  const P = m.poolIds.length, S = m.segmentIds.length, K = m.portfolioIds.length, NTP = m.touchpointIds.length;
  const needNow = new Float64Array(S * K);
  const p0Need = new Float64Array(S * K);
  for (let s = 0; s < S; s++)
    for (let k = 0; k < K; k++) {
      needNow[s * K + k] = m.segNeedStep[s] * m.portNeedMult[k];
      p0Need[s * K + k] = Math.exp(-needNow[s * K + k]);
    }
  const adoptMask = new Uint8Array(S);
  for (let s = 0; s < S; s++) for (let p = 0; p < P; p++) if (m.poolEmerging[p] && m.segAdoption[s * P + p] > 0) adoptMask[s] |= 1 << p;
  const growth = new Float64Array(P);
  for (let p = 0; p < P; p++) growth[p] = Math.pow(1 + m.valuation.growthPerYear[p], 1 / m.clock.stepsPerYear);
  return {
    pools: P,
    portfolios: K,
    tpStart: m.tpStart,
    tpPool: m.tpPool,
    tpVisit: m.tpVisit,
    tpNoise: m.tpNoise,
    tpCost: m.tpCost,
    tpHuman: m.tpHuman,
    poolEmerging: m.poolEmerging,
    exitBelow: m.stageExitBelow,
    exitStep: m.stageExitStep,
    transStart: m.transStart,
    transCum: m.transCum,
    transTarget: m.transTarget,
    marginRate: m.marginRate,
    costToServe: m.costToServeStep,
    stageMult: m.stageMarginMult,
    stageCost: m.stageCostStep,
    portCost: m.portCostStep,
    portRuleMetric: m.portRuleMetric,
    portRuleMin: m.portRuleMin,
    portRuleMax: m.portRuleMax,
    segAdoption: m.segAdoption,
    adoptMask,
    needNow,
    p0Need,
    lambda: m.satMemory,
    satRef: m.satRef,
    churnSens: m.churnSatSens,
    sowSlope: m.sowSatSlope,
    promoterThreshold: m.promoterThreshold,
    contactNoise: m.contactNoise,
    monthsPerStep: m.clock.monthsPerStep,
    dStep: 1 / m.clock.discountPerStep - 1,
    advance: m.valuation.advance,
    t: 0,
    monthsAtEnd: 0,
    acquiredMonthsPerStep: m.clock.monthsPerStep,
    salt: 0,
    discount: 1,
    endDiscount: 1,
    deflection: 0,
    contactHuman: 0,
    contactAuto: 0,
    pull: 1,
    offerDrop: Infinity,
    offerBoost: 0,
    offerCoverage: 0,
    checkpoint: false,
    closing: false,
    review: false,
    growth,
    tpQual: new Float64Array(NTP),
    boost: new Float64Array(K),
    churnPort: new Float64Array(K),
    sowC: new Float64Array(P),
    bassHaz: new Float64Array(P),
    idx: new Float64Array(P),
    capture,
    ...out,
  };
}
