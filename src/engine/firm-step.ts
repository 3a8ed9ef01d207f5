/**
 * Firm-level parts of a step, shared by the horizon (replication.ts) and the run-off
 * (runoff.ts): lever capital → effects (docs/model.md §7), and the step constants the
 * customer loop reads — touchpoint quality, readiness, capture, share-of-wallet constants,
 * Bass hazard, wallet index and competitive pull (docs/model.md §2, §5).
 */
import type { CompiledModel } from '../model/compile.ts';
import { leverEffect } from '../model/lever.ts';
import { TALLY_SIZE, type StepInput } from './customer-step.ts';

/** Combined effects of all levers in one step. */
export class LeverEffects {
  readonly friction: Float64Array;
  readonly readiness: Float64Array;
  readonly acquisition: Float64Array;
  readonly treatment: Float64Array;
  support = 0;
  automation = 0;
  autoQuality = 0;
  offerCoverage = 0;
  offerDrop = Infinity;
  offerBoost = 0;
  offerCost = 0;

  constructor(m: CompiledModel) {
    this.friction = new Float64Array(m.touchpointIds.length);
    this.readiness = new Float64Array(m.poolIds.length);
    this.acquisition = new Float64Array(m.segmentIds.length);
    this.treatment = new Float64Array(m.portfolioIds.length);
  }
}

/**
 * Effects of the levers' capital: effect_l = response(C_l), several levers on one target
 * combining as 1 − Π(1 − effect). `effect[l]` receives each lever's own effect.
 */
export function applyLeverEffects(m: CompiledModel, capital: Float64Array, effect: Float64Array, fx: LeverEffects): void {
  fx.friction.fill(0);
  fx.readiness.fill(0);
  fx.acquisition.fill(0);
  fx.treatment.fill(0);
  fx.support = fx.automation = fx.autoQuality = fx.offerCoverage = 0;
  fx.offerDrop = Infinity;
  fx.offerBoost = fx.offerCost = 0;
  const S = m.segmentIds.length, K = m.portfolioIds.length;
  const combine = (arr: Float64Array, i: number, e: number) => (arr[i] = 1 - (1 - arr[i]) * (1 - e));
  for (let l = 0; l < m.levers.length; l++) {
    const lever = m.levers[l];
    const e = leverEffect(lever, capital[l]);
    effect[l] = e;
    switch (lever.kind) {
      case 'friction':
      case 'mitigation':
        for (const id of lever.targets) {
          const k = m.touchpointIds.indexOf(id);
          if (k >= 0 && (m.tpControllable[k] === 1) === (lever.kind === 'friction')) combine(fx.friction, k, e);
        }
        break;
      case 'readiness':
        for (const id of lever.targets) {
          const p = m.poolIds.indexOf(id);
          if (p >= 0) combine(fx.readiness, p, e);
        }
        break;
      case 'acquisition':
        if (lever.targets.length === 0) for (let s = 0; s < S; s++) combine(fx.acquisition, s, e);
        for (const id of lever.targets) {
          const s = m.segmentIds.indexOf(id);
          if (s >= 0) combine(fx.acquisition, s, e);
        }
        break;
      case 'portfolioTreatment':
        if (lever.targets.length === 0) for (let k = 0; k < K; k++) fx.treatment[k] += e;
        for (const id of lever.targets) {
          const k = m.portfolioIds.indexOf(id);
          if (k >= 0) fx.treatment[k] += e;
        }
        break;
      case 'employeeSupport':
        fx.support = 1 - (1 - fx.support) * (1 - e);
        break;
      case 'automation':
        fx.automation = 1 - (1 - fx.automation) * (1 - e);
        break;
      case 'automationQuality':
        fx.autoQuality = 1 - (1 - fx.autoQuality) * (1 - e);
        break;
      case 'retentionOffer':
        fx.offerCoverage = 1 - (1 - fx.offerCoverage) * (1 - e);
        if (fx.offerDrop === Infinity) {
          fx.offerDrop = lever.offer.satisfactionDrop;
          fx.offerBoost = lever.offer.satisfactionBoost;
          fx.offerCost = lever.offer.costPerOffer;
        }
        break;
    }
  }
}

/** Capture probability of an emerging pool at step t: multinomial logit of our readiness against each competitor's level. */
export function captureProbability(m: CompiledModel, p: number, t: number, readiness: number): number {
  if (m.competitorCount === 0) return 1;
  const P = m.poolIds.length, T = m.clock.steps;
  const ours = Math.exp(m.captureSens * readiness);
  let sum = ours;
  for (let c = 0; c < m.competitorCount; c++) {
    const level = m.competitorLevel[c * P * T + p * T + t];
    if (!Number.isNaN(level)) sum += Math.exp(m.captureSens * level); // a competitor absent from the pool does not compete for it
  }
  return ours / sum;
}

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
 * `walletScale[p]`): touchpoint quality from friction and service quality, portfolio boosts and
 * churn multipliers, readiness, capture, share-of-wallet constants, Bass hazard, the wallet
 * index × months per step, and the competitive pull.
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
  const P = m.poolIds.length, K = m.portfolioIds.length, NTP = m.touchpointIds.length, T = m.clock.steps;
  for (let k = 0; k < NTP; k++) {
    // Readiness of a pool is the experience we have built there: it also lowers the friction of the pool's controllable touchpoints.
    const pl = m.tpPool[k];
    const ready = pl >= 0 && m.tpControllable[k] === 1 ? fx.readiness[pl] : 0;
    const f = m.tpFloor[k] + (m.tpFriction0[k] - m.tpFloor[k]) * (1 - fx.friction[k]) * (1 - ready);
    st.friction[k] = f;
    z.tpQual[k] = m.tpBase[k] + (m.tpHuman[k] ? m.tpServiceWeight[k] * sq : 0) - f;
  }
  for (let k = 0; k < K; k++) {
    z.boost[k] = m.portBoost[k] + fx.treatment[k];
    z.churnPort[k] = m.portChurnMult[k] * m.stress.churn[t];
  }
  let ourCX = 0, compCX = 0;
  for (let p = 0; p < P; p++) {
    const readiness = m.readiness0[p] + (1 - m.readiness0[p]) * fx.readiness[p];
    st.readiness[p] = readiness;
    // wallets are spend per month: the step's spend multiplier is index × months per step
    z.idx[p] = m.walletIndex[p * T + t] * (walletScale ? walletScale[p] : 1) * m.clock.monthsPerStep;
    st.capture[p] = captureProbability(m, p, t, readiness);
    z.sowC[p] = Math.exp(-(m.sowLogitBase + m.sowReadinessSlope * (readiness - 0.5)));
    const A = st.aliveCount > 0 ? z.participants[p] / st.aliveCount : 0;
    z.bassHaz[p] = m.poolEmerging[p] ? m.bassP[p] + m.bassQ[p] * A : 0;
    if (m.competitorCount > 0) {
      let best = 0;
      for (let c = 0; c < m.competitorCount; c++) {
        const level = m.competitorLevel[c * P * T + p * T + t];
        if (level > best) best = level; // NaN (not in this pool) never wins
      }
      ourCX += st.lastMarginWeights[p] * readiness;
      compCX += st.lastMarginWeights[p] * best;
    }
  }
  z.pull = m.competitorCount > 0 ? Math.exp(-m.competitivePull * (ourCX - compCX)) : 1;
  z.contactHuman = m.contactBase + m.contactWeight * sq;
  z.contactAuto = m.contactBase + m.contactWeight * autoQuality - (m.workforce ? m.workforce.autoFriction : 0) * (1 - autoQuality);
  z.offerDrop = fx.offerDrop;
  z.offerBoost = fx.offerBoost;
  z.offerCoverage = fx.offerCoverage;
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
