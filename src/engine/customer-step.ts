/**
 * The hot loop: one step for every customer alive at its start (docs/model.md §4–§5).
 *
 * It lives alone in this function so that V8 keeps every value in registers: no closures,
 * no captured variables, inputs in one object of fixed shape read once into locals, outputs
 * in typed arrays and the `tally` array (indices T_*). Order per customer:
 * touchpoint visits and service contacts → satisfaction (with retention offers) → churn →
 * margin and share of wallet → terminal value at checkpoints → stage transition →
 * adoption of emerging pools → portfolio review.
 */
import { EXIT } from '../model/compile.ts';
import { fmix32, GOLDEN, INV_2_32 } from '../random/counter.ts';
import { normalQuantile } from '../random/normal.ts';
import type { Population } from './population.ts';

// Draw numbers (purposes) within a customer-step; touchpoint k uses 32 + 2k and 33 + 2k.
export const U_CHURN = 0, U_TRANSITION = 1, U_CONTACTS = 2, U_DEFLECT = 3, U_CONTACT_NOISE = 4, U_OFFER = 6;
export const U_ADOPT = 8, U_CAPTURE = 16, U_TOUCHPOINT = 32;

// Scalar outputs in `tally`.
export const T_HUMAN = 0, T_AUTO = 1, T_OFFERS = 2, T_CHURNED = 3, T_EXITS = 4, T_SAT = 5, T_PROMOTERS = 6;
export const T_MARGIN_EXISTING = 7, T_MARGIN_ACQUIRED = 8, T_TV = 9, T_VISITCOST = 10, T_TREATCOST = 11, T_ALIVE_END = 12;
export const T_TV_EXISTING = 13, T_TV_ACQUIRED = 14, T_ACTIVE = 15;
export const TALLY_SIZE = 16;

/** Everything one step needs; built once per replication, its scalar fields updated every step. */
export interface StepInput {
  pools: number;
  portfolios: number;
  // model constants
  tpStart: Int32Array;
  tpPool: Int32Array;
  tpVisit: Float64Array;
  tpNoise: Float64Array;
  tpCost: Float64Array;
  tpHuman: Uint8Array;
  poolEmerging: Uint8Array;
  exitBelow: Float64Array;
  /** Per-step probability of the transition to "exit" from each stage. */
  exitStep: Float64Array;
  transStart: Int32Array;
  transCum: Float64Array;
  transTarget: Int32Array;
  marginRate: Float64Array;
  costToServe: Float64Array;
  portCost: Float64Array;
  portRuleMetric: Int8Array;
  portRuleMin: Float64Array;
  portRuleMax: Float64Array;
  segAdoption: Float64Array;
  /** Bit p set: customers of the segment can adopt emerging pool p. */
  adoptMask: Uint8Array;
  needNow: Float64Array;
  p0Need: Float64Array;
  lambda: number;
  satRef: number;
  churnSens: number;
  sowSlope: number;
  promoterThreshold: number;
  contactNoise: number;
  monthsPerStep: number;
  dStep: number;
  terminalValue: boolean;
  // step constants
  t: number;
  salt: number;
  discount: number;
  deflection: number;
  contactHuman: number;
  contactAuto: number;
  pull: number;
  offerDrop: number;
  offerBoost: number;
  offerCoverage: number;
  checkpoint: boolean;
  last: boolean;
  review: boolean;
  tpQual: Float64Array;
  boost: Float64Array;
  churnPort: Float64Array;
  sowC: Float64Array;
  bassHaz: Float64Array;
  idx: Float64Array;
  capture: Float64Array;
  // outputs (zeroed by the caller each step)
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
  /** Customers alive at the end of the step by pool: participants[p] (expanded from a count by mask). */
  participants: Float64Array;
  /** Participating wallets of customers lost so far (not zeroed: cumulative). */
  churnedWallet: Float64Array;
}

export function stepCustomers(pop: Population, n: number, z: StepInput): void {
  const P = z.pools, K = z.portfolios;
  const key = pop.key, segment = pop.segment, portfolio = pop.portfolio, stage = pop.stage, alive = pop.alive;
  const acquired = pop.acquired, hazard = pop.hazard, sensitivity = pop.sensitivity, satisfaction = pop.satisfaction;
  const churnFactor = pop.churnFactor, sowFactor = pop.sowFactor;
  const wallet = pop.wallet, part = pop.participates, withUs = pop.withUs, value = pop.value;
  const tpStart = z.tpStart, tpPool = z.tpPool, tpVisit = z.tpVisit, tpNoise = z.tpNoise, tpCost = z.tpCost, tpHuman = z.tpHuman;
  const poolEmerging = z.poolEmerging, exitBelow = z.exitBelow, exitStep = z.exitStep, transStart = z.transStart, transCum = z.transCum, transTarget = z.transTarget;
  const marginRate = z.marginRate, cts = z.costToServe;
  const ruleMetric = z.portRuleMetric, ruleMin = z.portRuleMin, ruleMax = z.portRuleMax;
  const segAdoption = z.segAdoption, adoptMask = z.adoptMask, needNow = z.needNow, p0Need = z.p0Need;
  const lambda = z.lambda, satRef = z.satRef, churnSens = z.churnSens, sowSlope = z.sowSlope, promoterThr = z.promoterThreshold;
  const contactNoise = z.contactNoise, monthsPerStep = z.monthsPerStep, dStep = z.dStep, terminalValue = z.terminalValue;
  const t = z.t, salt = z.salt, discount = z.discount, deflection = z.deflection, contactHuman = z.contactHuman, contactAuto = z.contactAuto;
  const pull = z.pull, offerDrop = z.offerDrop, offerBoost = z.offerBoost, offerCoverage = z.offerCoverage;
  const checkpoint = z.checkpoint, last = z.last, review = z.review;
  const tpQual = z.tpQual, boostNow = z.boost, churnPort = z.churnPort, sowC = z.sowC, bassHaz = z.bassHaz, idx = z.idx, capture = z.capture;
  const revenue = z.revenue, marginP = z.margin, market = z.market, activeSeg = z.activeSeg, promotersSeg = z.promotersSeg;
  const initialAliveSeg = z.initialAliveSeg, band = z.band, stageCount = z.stageCount, portCount = z.portCount, visits = z.visits;
  const churnedWallet = z.churnedWallet;
  const byMask = new Float64Array(256); // survivors by participation mask, expanded to pools at the end

  let humanContacts = 0, autoContacts = 0, offers = 0, churned = 0, exits = 0, satSum = 0, promoters = 0, active = 0;
  let marginExisting = 0, marginAcquired = 0, tvSum = 0, tvExisting = 0, tvAcquired = 0, visitCostUnpooled = 0, aliveEnd = 0;

  for (let i = 0; i < n; i++) {
    if (alive[i] === 0) continue;
    active++;
    const seg = segment[i];
    const port = portfolio[i];
    const st = stage[i];
    // Root of this customer-step's draws; draw d is fmix32(x + d·φ)·2⁻³² (see random/counter.ts, inlined here).
    const x = fmix32((key[i] ^ salt) | 0);
    activeSeg[seg]++;
    stageCount[st]++;
    portCount[port]++;
    const boost = boostNow[port];
    const partMask = part[i];
    let usMask = withUs[i];
    let s = satisfaction[i];
    const isInitial = acquired[i] < 0;

    // experiences: touchpoints of the current stage, then service contacts
    let sumE = 0, nE = 0, cost = 0, exit = false;
    for (let k = tpStart[st], end = tpStart[st + 1]; k < end; k++) {
      const pl = tpPool[k];
      if (pl >= 0 && poolEmerging[pl] === 1 && ((usMask >> pl) & 1) === 0) continue;
      if ((fmix32((x + Math.imul(U_TOUCHPOINT + 2 * k, GOLDEN)) | 0) + 0.5) * INV_2_32 >= tpVisit[k]) continue;
      const e = tpQual[k] + boost + tpNoise[k] * normalQuantile((fmix32((x + Math.imul(U_TOUCHPOINT + 1 + 2 * k, GOLDEN)) | 0) + 0.5) * INV_2_32);
      sumE += e;
      nE++;
      visits[k]++;
      const c = tpCost[k];
      if (c !== 0) {
        cost += c;
        if (pl >= 0) marginP[pl] -= c;
        else visitCostUnpooled += c;
      }
      if (tpHuman[k] === 1) humanContacts++;
      if (e < exitBelow[st]) exit = true;
    }
    const need = needNow[seg * K + port];
    if (need > 0) {
      // Poisson(need) contacts by inversion; most customers have none (one comparison).
      const u = (fmix32((x + Math.imul(U_CONTACTS, GOLDEN)) | 0) + 0.5) * INV_2_32;
      let pk = p0Need[seg * K + port];
      let cdf = pk;
      let contacts = 0;
      while (u > cdf && contacts < 100) {
        contacts++;
        pk *= need / contacts;
        cdf += pk;
      }
      if (contacts > 0) {
        let e = contactHuman;
        if ((fmix32((x + Math.imul(U_DEFLECT, GOLDEN)) | 0) + 0.5) * INV_2_32 < deflection) {
          autoContacts += contacts;
          e = contactAuto;
        } else {
          humanContacts += contacts;
        }
        sumE += e + boost + contactNoise * normalQuantile((fmix32((x + Math.imul(U_CONTACT_NOISE, GOLDEN)) | 0) + 0.5) * INV_2_32);
        nE++;
      }
    }
    if (nE > 0) {
      let next = lambda * s + ((1 - lambda) * sumE) / nE;
      if (s - next > offerDrop && (fmix32((x + Math.imul(U_OFFER, GOLDEN)) | 0) + 0.5) * INV_2_32 < offerCoverage) {
        // a gesture of care recovers (part of) the fall, never more: no offer can trigger the next one by itself
        next = Math.min(next + offerBoost, s);
        offers++;
      }
      s = next;
      satisfaction[i] = s;
      const sens = sensitivity[i];
      churnFactor[i] = Math.exp(-churnSens * sens * (s - satRef));
      sowFactor[i] = Math.exp(-sowSlope * sens * (s - satRef));
    }
    satSum += s;
    const b = Math.floor(s * 10);
    band[b < 0 ? 0 : b > 9 ? 9 : b]++;

    // churn: base hazard × satisfaction × competitive pull × portfolio treatment × stress
    let h = hazard[i] * churnFactor[i] * pull * churnPort[port];
    if (h > 1) h = 1;
    else if (!(h >= 0)) h = 0; // 0 × ∞ (θ = 0 or a zero multiplier, with a churn factor overflowing its Float32): the zero wins
    if (exit || (fmix32((x + Math.imul(U_CHURN, GOLDEN)) | 0) + 0.5) * INV_2_32 < h) {
      // the step's visit costs were incurred before leaving
      value[i] -= cost * discount;
      if (isInitial) marginExisting -= cost;
      else marginAcquired -= cost;
      alive[i] = 0;
      churned++;
      if (exit) exits++;
      for (let p = 0; p < P; p++) if ((partMask >> p) & 1) churnedWallet[p] += wallet[i * P + p];
      continue;
    }

    // margin of the step: share of wallet logistic in satisfaction (and readiness, in sowC)
    const zf = sowFactor[i];
    let mgn = -cost;
    for (let p = 0; p < P; p++) {
      if (((partMask >> p) & 1) === 0) continue;
      const w = wallet[i * P + p] * idx[p];
      market[p] += w;
      if (((usMask >> p) & 1) === 0) continue;
      const rev = w / (1 + zf * sowC[p]);
      revenue[p] += rev;
      const mp = rev * marginRate[p] - cts[p];
      marginP[p] += mp;
      mgn += mp;
    }
    value[i] += mgn * discount;
    if (isInitial) marginExisting += mgn;
    else marginAcquired += mgn;

    // stage transition (exit ends the relationship after this step's margin)
    const ut = (fmix32((x + Math.imul(U_TRANSITION, GOLDEN)) | 0) + 0.5) * INV_2_32;
    let j = transStart[st];
    while (ut > transCum[j]) j++;
    const target = transTarget[j];
    if (target === EXIT) {
      alive[i] = 0;
      churned++;
      exits++;
      for (let p = 0; p < P; p++) if ((partMask >> p) & 1) churnedWallet[p] += wallet[i * P + p];
      continue;
    }
    stage[i] = target;

    // from here on: customers who stay past this step
    if (isInitial) initialAliveSeg[seg]++;
    if (s > promoterThr) {
      promoters++;
      promotersSeg[seg]++;
    }
    if (checkpoint || last) {
      // terminal value at the end of this step, with this step's margin m, churn survival 1−h and
      // the exit probability e of the stage now entered: each future step survives churn, earns m,
      // then may exit, so TV = Σ_k m(1−h)^k(1−e)^(k−1)/(1+d)^k = m(1−h)/(1+d−ρ), ρ = (1−h)(1−e);
      // with no exit transition it is Gupta–Lehmann's m·ρ/(1+d−ρ).
      const rho = (1 - h) * (1 - exitStep[target]);
      const tv = (mgn * (1 - h)) / (1 + dStep - rho);
      tvSum += tv;
      if (last && terminalValue) {
        value[i] += tv * discount;
        if (isInitial) tvExisting += tv;
        else tvAcquired += tv;
      }
    }

    // adoption of emerging pools: Bass hazard × propensity; captured by us or by a competitor
    let newPart = partMask;
    const open = adoptMask[seg] & ~partMask;
    if (open !== 0) {
      for (let p = 0; p < P; p++) {
        if (((open >> p) & 1) === 0) continue;
        if ((fmix32((x + Math.imul(U_ADOPT + p, GOLDEN)) | 0) + 0.5) * INV_2_32 < bassHaz[p] * segAdoption[seg * P + p]) {
          newPart |= 1 << p;
          if ((fmix32((x + Math.imul(U_CAPTURE + p, GOLDEN)) | 0) + 0.5) * INV_2_32 < capture[p]) usMask |= 1 << p;
        }
      }
      if (newPart !== partMask) {
        part[i] = newPart;
        withUs[i] = usMask;
      }
    }
    byMask[newPart]++;
    aliveEnd++;

    if (review) {
      const tenureMonths = (t - (isInitial ? 0 : acquired[i]) + 1) * monthsPerStep;
      const monthly = mgn / monthsPerStep;
      let k = 0;
      for (; k < K - 1; k++) {
        const metric = ruleMetric[k];
        if (metric < 0) break;
        const v = metric === 0 ? monthly : metric === 1 ? tenureMonths : s;
        if (v >= ruleMin[k] && v < ruleMax[k]) break;
      }
      portfolio[i] = k;
    }
  }

  const participants = z.participants;
  for (let mask = 1; mask < 256; mask++) {
    if (byMask[mask] === 0) continue;
    for (let p = 0; p < P; p++) if ((mask >> p) & 1) participants[p] += byMask[mask];
  }
  const tally = z.tally;
  tally[T_HUMAN] = humanContacts;
  tally[T_AUTO] = autoContacts;
  tally[T_OFFERS] = offers;
  tally[T_CHURNED] = churned;
  tally[T_EXITS] = exits;
  tally[T_SAT] = satSum;
  tally[T_PROMOTERS] = promoters;
  tally[T_MARGIN_EXISTING] = marginExisting;
  tally[T_MARGIN_ACQUIRED] = marginAcquired;
  tally[T_TV] = tvSum;
  tally[T_VISITCOST] = visitCostUnpooled;
  let treatCost = 0;
  for (let k = 0; k < K; k++) treatCost += portCount[k] * z.portCost[k];
  tally[T_TREATCOST] = treatCost;
  tally[T_ALIVE_END] = aliveEnd;
  tally[T_TV_EXISTING] = tvExisting;
  tally[T_TV_ACQUIRED] = tvAcquired;
  tally[T_ACTIVE] = active;
}
