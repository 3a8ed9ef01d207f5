/**
 * The hot loop: one step for every customer alive at its start (docs/model.md §4–§5).
 *
 * It lives alone in this function so that V8 keeps every value in registers: no closures,
 * no captured variables, inputs in one object of fixed shape read once into locals, outputs
 * in typed arrays and the `tally` array (indices T_*). Order per customer:
 * touchpoint visits and service contacts → satisfaction (with retention offers) → churn →
 * margin and share of wallet (× the stage's margin multiplier, − its fixed cost) → stage
 * transition → value beyond this step at checkpoints (Gordon form, docs/model.md §11.3) →
 * adoption of emerging pools → portfolio review. With payment in advance a customer who
 * leaves during the step still pays the step's margin (received at its start).
 */
import { EXIT } from './mechanics/journeys.ts';
import { fmix32, GOLDEN, INV_2_32 } from '../random/counter.ts';
import { normalQuantile } from '../random/normal.ts';
import type { Population } from './population.ts';

// Draw numbers (purposes) within a customer-step; touchpoint k uses 32 + 2k and 33 + 2k.
export const U_CHURN = 0, U_TRANSITION = 1, U_CONTACTS = 2, U_DEFLECT = 3, U_CONTACT_NOISE = 4, U_OFFER = 6;
export const U_ADOPT = 8, U_CAPTURE = 16, U_TOUCHPOINT = 32;

// Scalar outputs in `tally`.
export const T_HUMAN = 0, T_AUTO = 1, T_OFFERS = 2, T_CHURNED = 3, T_EXITS = 4, T_SAT = 5, T_PROMOTERS = 6;
export const T_MARGIN_EXISTING = 7, T_MARGIN_ACQUIRED = 8, T_TV = 9, T_VISITCOST = 10, T_TREATCOST = 11, T_ALIVE_END = 12;
export const T_CLOSE_EXISTING = 13, T_CLOSE_ACQUIRED = 14, T_ACTIVE = 15, T_ANNUITY = 16;
export const TALLY_SIZE = 17;

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
  /** Multiplier on revenue × margin rate by stage. */
  stageMult: Float64Array;
  /** Fixed cost per customer per step by stage. */
  stageCost: Float64Array;
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
  /** Payment in advance: margin at the start of the step, from everyone alive at its start. */
  advance: boolean;
  // step constants
  t: number;
  /** Months elapsed at the end of this step, and months per step of the `acquired` step numbers (for tenure). */
  monthsAtEnd: number;
  acquiredMonthsPerStep: number;
  salt: number;
  /** Discount factor of this step's margin (start of step in advance, end in arrears). */
  discount: number;
  /** Discount factor at the end of this step: the valuation date of the closing perpetuity. */
  endDiscount: number;
  deflection: number;
  contactHuman: number;
  contactAuto: number;
  pull: number;
  offerDrop: number;
  offerBoost: number;
  offerCoverage: number;
  /** Value the survivors beyond this step (tally T_TV and T_ANNUITY): at year ends and at the valuation's closing step. */
  checkpoint: boolean;
  /** Add the closing perpetuity of this step's survivors to their value (and tallies T_CLOSE_*). */
  closing: boolean;
  review: boolean;
  /** Long-run growth factor per step of each pool's wallet index (1 + g_p), for the Gordon form. */
  growth: Float64Array;
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
  /** Participating wallets of customers who bought this step and then left (they join churnedWallet from the next step). */
  exitedWallet: Float64Array;
}

export function stepCustomers(pop: Population, n: number, z: StepInput): void {
  const P = z.pools, K = z.portfolios;
  const key = pop.key, segment = pop.segment, portfolio = pop.portfolio, stage = pop.stage, alive = pop.alive;
  const acquired = pop.acquired, hazard = pop.hazard, sensitivity = pop.sensitivity, satisfaction = pop.satisfaction;
  const churnFactor = pop.churnFactor, sowFactor = pop.sowFactor;
  const wallet = pop.wallet, part = pop.participates, withUs = pop.withUs, value = pop.value;
  const tpStart = z.tpStart, tpPool = z.tpPool, tpVisit = z.tpVisit, tpNoise = z.tpNoise, tpCost = z.tpCost, tpHuman = z.tpHuman;
  const poolEmerging = z.poolEmerging, exitBelow = z.exitBelow, exitStep = z.exitStep, transStart = z.transStart, transCum = z.transCum, transTarget = z.transTarget;
  const marginRate = z.marginRate, cts = z.costToServe, stageMult = z.stageMult, stageCost = z.stageCost, growth = z.growth;
  const ruleMetric = z.portRuleMetric, ruleMin = z.portRuleMin, ruleMax = z.portRuleMax;
  const segAdoption = z.segAdoption, adoptMask = z.adoptMask, needNow = z.needNow, p0Need = z.p0Need;
  const lambda = z.lambda, satRef = z.satRef, churnSens = z.churnSens, sowSlope = z.sowSlope, promoterThr = z.promoterThreshold;
  const contactNoise = z.contactNoise, monthsPerStep = z.monthsPerStep, dStep = z.dStep, advance = z.advance;
  const monthsAtEnd = z.monthsAtEnd, acqMonths = z.acquiredMonthsPerStep;
  const salt = z.salt, discount = z.discount, endDiscount = z.endDiscount, deflection = z.deflection, contactHuman = z.contactHuman, contactAuto = z.contactAuto;
  const pull = z.pull, offerDrop = z.offerDrop, offerBoost = z.offerBoost, offerCoverage = z.offerCoverage;
  const checkpoint = z.checkpoint, closing = z.closing, review = z.review;
  const tpQual = z.tpQual, boostNow = z.boost, churnPort = z.churnPort, sowC = z.sowC, bassHaz = z.bassHaz, idx = z.idx, capture = z.capture;
  const revenue = z.revenue, marginP = z.margin, market = z.market, activeSeg = z.activeSeg, promotersSeg = z.promotersSeg;
  const initialAliveSeg = z.initialAliveSeg, band = z.band, stageCount = z.stageCount, portCount = z.portCount, visits = z.visits;
  const churnedWallet = z.churnedWallet, exitedWallet = z.exitedWallet;
  const byMask = new Float64Array(256); // survivors by participation mask, expanded to pools at the end

  let humanContacts = 0, autoContacts = 0, offers = 0, churned = 0, exits = 0, satSum = 0, promoters = 0, active = 0;
  let marginExisting = 0, marginAcquired = 0, tvSum = 0, tvExisting = 0, tvAcquired = 0, annuitySum = 0, visitCostUnpooled = 0, aliveEnd = 0;

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
    const sm = stageMult[st];
    if (exit || (fmix32((x + Math.imul(U_CHURN, GOLDEN)) | 0) + 0.5) * INV_2_32 < h) {
      // the step's visit costs were incurred before leaving
      let lost = -cost;
      if (advance) {
        // paid in advance: the step's margin was received at its start, before leaving
        const zf = sowFactor[i];
        for (let p = 0; p < P; p++) {
          if (((partMask >> p) & 1) === 0) continue;
          const w = wallet[i * P + p] * idx[p];
          market[p] += w;
          exitedWallet[p] += wallet[i * P + p];
          if (((usMask >> p) & 1) === 0) continue;
          const rev = w / (1 + zf * sowC[p]);
          revenue[p] += rev;
          const mp = rev * marginRate[p] * sm - cts[p];
          marginP[p] += mp;
          lost += mp;
        }
        lost -= stageCost[st];
      }
      value[i] += lost * discount;
      if (isInitial) marginExisting += lost;
      else marginAcquired += lost;
      alive[i] = 0;
      churned++;
      if (exit) exits++;
      for (let p = 0; p < P; p++) if ((partMask >> p) & 1) churnedWallet[p] += wallet[i * P + p];
      continue;
    }

    // margin of the step: share of wallet logistic in satisfaction (and readiness, in sowC)
    const zf = sowFactor[i];
    let mgn = -cost - stageCost[st];
    for (let p = 0; p < P; p++) {
      if (((partMask >> p) & 1) === 0) continue;
      const w = wallet[i * P + p] * idx[p];
      market[p] += w;
      if (((usMask >> p) & 1) === 0) continue;
      const rev = w / (1 + zf * sowC[p]);
      revenue[p] += rev;
      const mp = rev * marginRate[p] * sm - cts[p];
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
      // they bought this step (they are in this step's market): their wallets count as lost from the next step
      for (let p = 0; p < P; p++) {
        if ((partMask >> p) & 1) {
          churnedWallet[p] += wallet[i * P + p];
          exitedWallet[p] += wallet[i * P + p];
        }
      }
      continue;
    }
    stage[i] = target;

    // from here on: customers who stay past this step
    if (isInitial) initialAliveSeg[seg]++;
    if (s > promoterThr) {
      promoters++;
      promotersSeg[seg]++;
    }
    if (checkpoint) {
      // Value beyond the end of this step (docs/model.md §11.3), from this step's hazard h, the exit
      // probability e of the stage now entered (ρ = (1−h)(1−e)) and its money: each pool's
      // contribution c_p grows by G_p = 1+g_p a step, fixed costs k do not.
      //   arrears: V = Σ_p c_p·G_p(1−h)/(1+d−ρG_p) − k(1−h)/(1+d−ρ)   (Gupta–Lehmann m·ρ/(1+d−ρ) at e = 0, G = 1)
      //   advance: V = Σ_p c_p·G_p(1+d)/(1+d−ρG_p) − k(1+d)/(1+d−ρ)   (the next payment is due at once)
      // The annuity factor A = (1−h or 1+d)/(1+d−ρ) capitalises firm costs per customer the same way.
      const rho = (1 - h) * (1 - exitStep[target]);
      const f = advance ? 1 + dStep : 1 - h;
      const annuity = f / (1 + dStep - rho);
      const smT = stageMult[target];
      let tv = -(cost + stageCost[target]) * annuity;
      for (let p = 0; p < P; p++) {
        if (((usMask >> p) & 1) === 0 || ((partMask >> p) & 1) === 0) continue;
        const rev = (wallet[i * P + p] * idx[p]) / (1 + zf * sowC[p]);
        const g = growth[p];
        tv += (rev * marginRate[p] * smT * g * f) / (1 + dStep - rho * g) - cts[p] * annuity;
      }
      tvSum += tv;
      annuitySum += annuity;
      if (closing) {
        value[i] += tv * endDiscount;
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
      const tenureMonths = monthsAtEnd - (isInitial ? 0 : acquired[i] * acqMonths);
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
  tally[T_CLOSE_EXISTING] = tvExisting;
  tally[T_CLOSE_ACQUIRED] = tvAcquired;
  tally[T_ACTIVE] = active;
  tally[T_ANNUITY] = annuitySum;
}
