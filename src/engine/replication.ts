/**
 * One replication of one strategy: the step loop (monthly by default) over the population (docs/model.md).
 *
 * Per step: (1) levers turn this step's spend into capital and effects; (2) the workforce
 * advances from last step's contacts; (3) firm-level quantities of the step are fixed
 * (friction, readiness, capture, share-of-wallet constants, competitive pull); (4) every
 * customer alive at the start of the step is visited once, in index order: touchpoint
 * visits and service contacts → satisfaction → churn → margin → stage transition →
 * adoption → portfolio review; (5) aggregates become series, trigger rules are checked and
 * the step's acquisitions join (active from the next step).
 *
 * The per-customer loop reads only typed arrays and step constants and draws its random
 * numbers from counter.ts, keyed by (customer, step, purpose).
 */
import type { StressShock, Scenario } from '../scenario/schema.ts';
import { compileModel, type CompiledModel } from '../model/compile.ts';
import { leverEffect } from '../model/lever.ts';
import { ruleHolds } from '../model/strategy-plan.ts';
import { fmix32, mix2, CounterStream } from '../random/counter.ts';
import { poisson } from '../random/sampling.ts';
import { deriveKey } from '../random/seeds.ts';
import { Population, initialCustomerKey, acquiredCustomerKey } from './population.ts';
import { WorkforceState } from './workforce.ts';
import { summariseClv } from './clv-summary.ts';
import type { ReplicationResult } from './result.ts';
import {
  stepCustomers,
  TALLY_SIZE,
  T_HUMAN, T_AUTO, T_OFFERS, T_CHURNED, T_EXITS, T_SAT, T_PROMOTERS, T_MARGIN_EXISTING, T_MARGIN_ACQUIRED,
  T_TV, T_VISITCOST, T_TREATCOST, T_ALIVE_END, T_TV_EXISTING, T_TV_ACQUIRED,
  type StepInput,
} from './customer-step.ts';
import { kernelFor, type KernelMode } from './kernel/cache.ts';

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
}

/** Capture probability of an emerging pool: multinomial logit of our readiness against each competitor's level. */
function captureProbability(m: CompiledModel, p: number, t: number, readiness: number): number {
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

/** Observers of a running replication (not part of a Job: functions do not cross threads). */
export interface ReplicationHooks {
  /** Called after every step, e.g. for progress or to sample memory in the benchmark. */
  onStep?: (step: number, steps: number) => void;
  /** The customer step: the kernel specialised to the model (default) or the reference `stepCustomers`. */
  kernel?: KernelMode;
}

export function simulateReplication(job: Job, hooks: ReplicationHooks = {}): ReplicationResult {
  const m = compileModel(job);
  return runCompiled(m, job.customers === true, hooks);
}

export function runCompiled(m: CompiledModel, keepCustomers = false, hooks: ReplicationHooks = {}): ReplicationResult {
  const T = m.clock.steps;
  const P = m.poolIds.length;
  const S = m.segmentIds.length;
  const K = m.portfolioIds.length;
  const NS = m.stageIds.length;
  const NTP = m.touchpointIds.length;
  const L = m.leverIds.length;
  const scale = m.agentScale;
  const delta = m.clock.discountPerStep;
  const dStep = 1 / delta - 1;
  const repKey = deriveKey(m.seed, 'replication', m.replication);
  const monthsPerStep = m.clock.monthsPerStep;

  // ---- series
  const series: Record<string, Float64Array> = {};
  const mk = (name: string) => (series[name] = new Float64Array(T));
  const sActive = mk('active'), sAcquired = mk('acquired'), sReferrals = mk('referrals'), sChurned = mk('churned'), sExits = mk('exits');
  const sRevenue = mk('revenue'), sMargin = mk('margin'), sSat = mk('satisfaction'), sPromoters = mk('promoters');
  const sEngagement = mk('engagement'), sTurnover = mk('turnover'), sSQ = mk('serviceQuality'), sWorkload = mk('workload');
  const sIsq = mk('isq'), sHeadcount = mk('headcount'), sExperience = mk('employeeExperience'), sDeflection = mk('deflection');
  const sAQ = mk('automationQuality'), sCx = mk('cxSpend'), sCxTreat = mk('cxSpend.treatment'), sCxOffers = mk('cxSpend.offers');
  const sOffers = mk('offers'), sWfCost = mk('workforceCost'), sAcqCost = mk('acquisitionCost'), sDiscount = mk('discount');
  const sVisitCost = mk('visitCost'), sContacts = mk('contacts');
  const sSeg = m.segmentIds.map((id) => mk(`active.${id}`));
  const sSegAcq = m.segmentIds.map((id) => mk(`acquired.${id}`));
  const sSegRet = m.segmentIds.map((id) => mk(`retention.${id}`));
  const sPoolRev = m.poolIds.map((id) => mk(`revenue.${id}`));
  const sPoolMargin = m.poolIds.map((id) => mk(`margin.${id}`));
  const sPoolMarket = m.poolIds.map((id) => mk(`market.${id}`));
  const sPoolShare = m.poolIds.map((id) => mk(`share.${id}`));
  const sPoolAdopt = m.poolIds.map((id) => mk(`adoption.${id}`));
  const sPoolIdx = m.poolIds.map((id) => mk(`walletIndex.${id}`));
  const sPoolReady = m.poolIds.map((id) => mk(`readiness.${id}`));
  const sBand = Array.from({ length: 10 }, (_, k) => mk(`satisfactionBand.${k}`));
  const sLever = m.leverIds.map((id) => mk(`cxSpend.${id}`));
  const sStage = m.stageLabels.map((id) => mk(`stage.${id}`));
  const sVisits = m.touchpointIds.map((id) => mk(`visits.${id}`));
  const sFriction = m.touchpointIds.map((id) => mk(`friction.${id}`));
  const sPort = m.portfolioIds.map((id) => mk(`portfolio.${id}`));

  // ---- population at month 0
  let initialTotal = 0;
  for (let s = 0; s < S; s++) initialTotal += m.segInitialAgents[s];
  let expectedAcq = 0;
  for (let s = 0; s < S; s++) expectedAcq += m.segAcqBase[s] * T;
  const pop = new Population(P, Math.ceil(initialTotal + 1.2 * expectedAcq + 64));
  const capture = new Float64Array(P);
  const readiness = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    readiness[p] = m.readiness0[p];
    capture[p] = captureProbability(m, p, 0, readiness[p]);
  }
  {
    let idx = 0;
    for (let s = 0; s < S; s++) {
      const stage = m.journeyInitialStage[m.segJourney[s]];
      for (let k = 0; k < m.segInitialAgents[s]; k++) pop.add(m, s, initialCustomerKey(repKey, idx++), -1, stage, capture);
    }
  }
  const baseSow = 1 / (1 + Math.exp(-m.sowLogitBase));
  /** Monthly margin of customer i at base share of wallet and the wallet index of step t: what portfolio rules see at acquisition. */
  const expectedMonthlyMargin = (i: number, t: number) => {
    let v = 0;
    for (let p = 0; p < P; p++) {
      if (((pop.withUs[i] >> p) & 1) === 0) continue;
      v += pop.wallet[i * P + p] * m.walletIndex[p * T + Math.min(t, T - 1)] * baseSow * m.marginRate[p] - m.costToServeStep[p] / monthsPerStep;
    }
    return v;
  };
  const assignPortfolio = (monthlyMargin: number, tenureMonths: number, sat: number): number => {
    for (let k = 0; k < K; k++) {
      const metric = m.portRuleMetric[k];
      if (metric < 0) return k;
      const v = metric === 0 ? monthlyMargin : metric === 1 ? tenureMonths : sat;
      if (v >= m.portRuleMin[k] && v < m.portRuleMax[k]) return k;
    }
    return K - 1;
  };
  for (let i = 0; i < pop.size; i++) pop.portfolio[i] = assignPortfolio(expectedMonthlyMargin(i, 0), 0, pop.satisfaction[i]);

  // ---- firm-level state
  const capital = new Float64Array(L);
  const spendHist = new Float64Array(L * T);
  const effect = new Float64Array(L);
  const alloc = Float64Array.from(m.plan.allocation);
  const ruleFired = new Uint8Array(m.plan.rules.length);
  const ruleHeld = new Uint8Array(m.plan.rules.length);
  const firedRules: ReplicationResult['firedRules'] = [];
  const wf = m.workforce ? new WorkforceState(m.workforce, m.clock.stepsPerYear) : null;
  let lastHumanContacts = 0; // real contacts
  {
    let need = 0;
    for (let i = 0; i < pop.size; i++) need += m.segNeedStep[pop.segment[i]];
    lastHumanContacts = need * scale * (1 - (m.workforce?.deflection0 ?? 0));
  }
  const churnedWallet = new Float64Array(P);
  const participants = new Float64Array(P);
  let aliveCount = pop.size;
  for (let i = 0; i < pop.size; i++) for (let p = 0; p < P; p++) if ((pop.participates[i] >> p) & 1) participants[p]++;
  let lastMarginWeights = new Float64Array(P).fill(1 / Math.max(1, P));
  let lastSatMean = 0;

  // per-step scratch
  const frictionEff = new Float64Array(NTP);
  const readinessEff = new Float64Array(P);
  const acqEff = new Float64Array(S);
  const treatEff = new Float64Array(K);
  const tpQual = new Float64Array(NTP);
  const visits = new Float64Array(NTP);
  const sowC = new Float64Array(P);
  const bassHaz = new Float64Array(P);
  const idxNow = new Float64Array(P);
  const revenue = new Float64Array(P);
  const marginP = new Float64Array(P);
  const market = new Float64Array(P);
  const activeSeg = new Float64Array(S);
  const promotersSeg = new Float64Array(S);
  const initialAliveSeg = new Float64Array(S);
  const initialSeg = new Float64Array(S);
  for (let i = 0; i < pop.size; i++) initialSeg[pop.segment[i]]++;
  const band = new Float64Array(10);
  const stageCount = new Float64Array(NS);
  const portCount = new Float64Array(K);
  const needNow = new Float64Array(S * K);
  const p0Need = new Float64Array(S * K);
  const boostNow = new Float64Array(K);
  const churnPort = new Float64Array(K);
  for (let s = 0; s < S; s++)
    for (let k = 0; k < K; k++) {
      needNow[s * K + k] = m.segNeedStep[s] * m.portNeedMult[k];
      p0Need[s * K + k] = Math.exp(-needNow[s * K + k]);
    }
  const adoptMask = new Uint8Array(S);
  for (let s = 0; s < S; s++) for (let p = 0; p < P; p++) if (m.poolEmerging[p] && m.segAdoption[s * P + p] > 0) adoptMask[s] |= 1 << p;

  const tally = new Float64Array(TALLY_SIZE);
  const step: StepInput = {
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
    monthsPerStep,
    dStep,
    terminalValue: m.terminalValue,
    t: 0,
    salt: 0,
    discount: 1,
    deflection: 0,
    contactHuman: 0,
    contactAuto: 0,
    pull: 1,
    offerDrop: Infinity,
    offerBoost: 0,
    offerCoverage: 0,
    checkpoint: false,
    last: false,
    review: false,
    tpQual,
    boost: boostNow,
    churnPort,
    sowC,
    bassHaz,
    idx: idxNow,
    capture,
    tally,
    revenue,
    margin: marginP,
    market,
    activeSeg,
    promotersSeg,
    initialAliveSeg,
    band,
    stageCount,
    portCount,
    visits,
    participants,
    churnedWallet,
  };

  const stepKernel = kernelFor(m, step, hooks.kernel);
  let equityExisting = 0, equityAcquired = 0, acqCostPV = 0, cxPV = 0, wfPV = 0, tvPV = 0;
  let acquiredTotal = 0, churnedTotal = 0, aliveSteps = 0;
  const tvByYear = new Float64Array(Math.floor(T / m.clock.stepsPerYear));
  let discount = 1;

  for (let t = 0; t < T; t++) {
    discount *= delta; // D[t] = δ^(t+1): end-of-step cash flows
    sDiscount[t] = discount;
    const month = t * monthsPerStep;

    // (1) levers
    frictionEff.fill(0);
    readinessEff.fill(0);
    acqEff.fill(0);
    treatEff.fill(0);
    let supportEff = 0, automationEff = 0, autoQualityEff = 0, offerCoverage = 0;
    let offerDrop = Infinity, offerBoost = 0, offerCost = 0;
    let cxSpend = 0;
    // Several levers on one target combine as 1 − Π(1 − effect).
    const combine = (arr: Float64Array, i: number, e: number) => (arr[i] = 1 - (1 - arr[i]) * (1 - e));
    for (let l = 0; l < L; l++) {
      const lever = m.levers[l];
      const sched = m.plan.scheduled[l * T + t];
      const spend = (Number.isNaN(sched) ? m.plan.budget[t] * alloc[l] : sched) * m.stress.budget[t];
      spendHist[l * T + t] = spend;
      const lag = m.leverLag[l];
      capital[l] = capital[l] * m.leverRetention[l] + lever.efficiency * (t >= lag ? spendHist[l * T + t - lag] : 0);
      const e = leverEffect(lever, capital[l]);
      effect[l] = e;
      sLever[l][t] = spend;
      cxSpend += spend;
      switch (lever.kind) {
        case 'friction':
        case 'mitigation':
          for (const id of lever.targets) {
            const k = m.touchpointIds.indexOf(id);
            if (k >= 0 && (m.tpControllable[k] === 1) === (lever.kind === 'friction')) combine(frictionEff, k, e);
          }
          break;
        case 'readiness':
          for (const id of lever.targets) {
            const p = m.poolIds.indexOf(id);
            if (p >= 0) combine(readinessEff, p, e);
          }
          break;
        case 'acquisition':
          if (lever.targets.length === 0) for (let s = 0; s < S; s++) combine(acqEff, s, e);
          for (const id of lever.targets) {
            const s = m.segmentIds.indexOf(id);
            if (s >= 0) combine(acqEff, s, e);
          }
          break;
        case 'portfolioTreatment':
          if (lever.targets.length === 0) for (let k = 0; k < K; k++) treatEff[k] += e;
          for (const id of lever.targets) {
            const k = m.portfolioIds.indexOf(id);
            if (k >= 0) treatEff[k] += e;
          }
          break;
        case 'employeeSupport':
          supportEff = 1 - (1 - supportEff) * (1 - e);
          break;
        case 'automation':
          automationEff = 1 - (1 - automationEff) * (1 - e);
          break;
        case 'automationQuality':
          autoQualityEff = 1 - (1 - autoQualityEff) * (1 - e);
          break;
        case 'retentionOffer':
          offerCoverage = 1 - (1 - offerCoverage) * (1 - e);
          if (offerDrop === Infinity) {
            offerDrop = lever.offer.satisfactionDrop;
            offerBoost = lever.offer.satisfactionBoost;
            offerCost = lever.offer.costPerOffer;
          }
          break;
      }
    }

    // (2) workforce
    let sq = 0.7, deflection = 0, autoQuality = 1;
    if (wf && m.workforce) {
      const w = wf.step(lastHumanContacts, supportEff, m.stress.turnover[t]);
      sq = w.serviceQuality;
      deflection = m.workforce.deflection0 + (1 - m.workforce.deflection0) * automationEff;
      autoQuality = m.workforce.autoQuality0 + (1 - m.workforce.autoQuality0) * autoQualityEff;
      sEngagement[t] = w.engagement;
      sTurnover[t] = w.turnover;
      sSQ[t] = sq;
      sWorkload[t] = w.workload;
      sIsq[t] = w.isq;
      sHeadcount[t] = w.headcount;
      sExperience[t] = w.experience;
      sWfCost[t] = w.cost;
    } else {
      sSQ[t] = sq;
    }
    sDeflection[t] = deflection;
    sAQ[t] = autoQuality;

    // (3) firm-level constants of the step
    for (let k = 0; k < NTP; k++) {
      // Readiness of a pool is the experience we have built there: it also lowers the friction of the pool's controllable touchpoints.
      const pl = m.tpPool[k];
      const ready = pl >= 0 && m.tpControllable[k] === 1 ? readinessEff[pl] : 0;
      const f = m.tpFloor[k] + (m.tpFriction0[k] - m.tpFloor[k]) * (1 - frictionEff[k]) * (1 - ready);
      sFriction[k][t] = f;
      tpQual[k] = m.tpBase[k] + (m.tpHuman[k] ? m.tpServiceWeight[k] * sq : 0) - f;
    }
    for (let k = 0; k < K; k++) {
      boostNow[k] = m.portBoost[k] + treatEff[k];
      churnPort[k] = m.portChurnMult[k] * m.stress.churn[t];
    }
    let ourCX = 0, compCX = 0;
    for (let p = 0; p < P; p++) {
      readiness[p] = m.readiness0[p] + (1 - m.readiness0[p]) * readinessEff[p];
      sPoolReady[p][t] = readiness[p];
      sPoolIdx[p][t] = m.walletIndex[p * T + t];
      // wallets are spend per month: the step's spend multiplier is index × months per step
      idxNow[p] = m.walletIndex[p * T + t] * monthsPerStep;
      capture[p] = captureProbability(m, p, t, readiness[p]);
      sowC[p] = Math.exp(-(m.sowLogitBase + m.sowReadinessSlope * (readiness[p] - 0.5)));
      const A = aliveCount > 0 ? participants[p] / aliveCount : 0;
      bassHaz[p] = m.poolEmerging[p] ? m.bassP[p] + m.bassQ[p] * A : 0;
      if (m.competitorCount > 0) {
        let best = 0;
        for (let c = 0; c < m.competitorCount; c++) {
          const level = m.competitorLevel[c * P * T + p * T + t];
          if (level > best) best = level; // NaN (not in this pool) never wins
        }
        ourCX += lastMarginWeights[p] * readiness[p];
        compCX += lastMarginWeights[p] * best;
      }
    }
    const pull = m.competitorCount > 0 ? Math.exp(-m.competitivePull * (ourCX - compCX)) : 1;
    const isCheckpoint = (t + 1) % m.clock.stepsPerYear === 0;
    const isLast = t === T - 1;

    // (4) the customers
    for (const a of [revenue, marginP, market, activeSeg, promotersSeg, initialAliveSeg, band, stageCount, portCount, visits, participants, tally]) a.fill(0);
    step.t = t;
    step.salt = fmix32(mix2(repKey, t + 0x3c6ef372));
    step.discount = discount;
    step.deflection = deflection;
    step.contactHuman = m.contactBase + m.contactWeight * sq;
    step.contactAuto = m.contactBase + m.contactWeight * autoQuality - (m.workforce ? m.workforce.autoFriction : 0) * (1 - autoQuality);
    step.pull = pull;
    step.offerDrop = offerDrop;
    step.offerBoost = offerBoost;
    step.offerCoverage = offerCoverage;
    step.checkpoint = isCheckpoint;
    step.last = isLast;
    step.review = (t + 1) % m.portfolioReviewSteps === 0;
    const n = pop.size;
    stepKernel(pop, n, step);
    const humanContacts = tally[T_HUMAN], autoContacts = tally[T_AUTO], offers = tally[T_OFFERS];
    const churned = tally[T_CHURNED], exits = tally[T_EXITS], satSum = tally[T_SAT], promoters = tally[T_PROMOTERS];
    const marginExisting = tally[T_MARGIN_EXISTING], marginAcquired = tally[T_MARGIN_ACQUIRED], tvStep = tally[T_TV];
    const visitCostUnpooled = tally[T_VISITCOST], treatCost = tally[T_TREATCOST], aliveEnd = tally[T_ALIVE_END];
    if (isLast) {
      equityExisting += tally[T_TV_EXISTING] * discount * scale;
      equityAcquired += tally[T_TV_ACQUIRED] * discount * scale;
    }

    // (5) aggregates of the step
    let active = 0;
    for (let s = 0; s < S; s++) {
      active += activeSeg[s];
      sSeg[s][t] = activeSeg[s] * scale;
      sSegRet[s][t] = initialSeg[s] > 0 ? initialAliveSeg[s] / initialSeg[s] : 0;
    }
    aliveSteps += active;
    aliveCount = aliveEnd;
    sActive[t] = active * scale;
    sChurned[t] = churned * scale;
    sExits[t] = exits * scale;
    churnedTotal += churned;
    let revTotal = 0, marginTotal = 0, marketMarginTotal = 0;
    for (let p = 0; p < P; p++) {
      const mk2 = market[p] + churnedWallet[p] * idxNow[p];
      sPoolRev[p][t] = revenue[p] * scale;
      sPoolMargin[p][t] = marginP[p] * scale;
      sPoolMarket[p][t] = mk2 * scale;
      sPoolShare[p][t] = mk2 > 0 ? revenue[p] / mk2 : 0;
      sPoolAdopt[p][t] = aliveEnd > 0 ? participants[p] / aliveEnd : 0;
      revTotal += revenue[p];
      marginTotal += marginP[p];
      marketMarginTotal += mk2 * m.marginRate[p];
    }
    for (let p = 0; p < P; p++) lastMarginWeights[p] = marketMarginTotal > 0 ? (market[p] + churnedWallet[p] * idxNow[p]) * m.marginRate[p] / marketMarginTotal : 1 / P;
    marginTotal -= visitCostUnpooled;
    sRevenue[t] = revTotal * scale;
    sMargin[t] = marginTotal * scale;
    sVisitCost[t] = visitCostUnpooled * scale;
    lastSatMean = active > 0 ? satSum / active : lastSatMean;
    sSat[t] = lastSatMean;
    sPromoters[t] = aliveEnd > 0 ? promoters / aliveEnd : 0;
    for (let k = 0; k < 10; k++) sBand[k][t] = active > 0 ? band[k] / active : 0;
    for (let s = 0; s < NS; s++) sStage[s][t] = stageCount[s] * scale;
    for (let k = 0; k < NTP; k++) sVisits[k][t] = visits[k] * scale;
    for (let k = 0; k < K; k++) sPort[k][t] = portCount[k] * scale;
    sOffers[t] = offers * scale;
    const offersCost = offers * offerCost * scale;
    const treatmentCost = treatCost * scale;
    sCxOffers[t] = offersCost;
    sCxTreat[t] = treatmentCost;
    sCx[t] = cxSpend + offersCost + treatmentCost;
    sContacts[t] = (humanContacts + autoContacts) * scale;
    lastHumanContacts = humanContacts * scale;
    if (m.workforce) sWfCost[t] += autoContacts * scale * m.workforce.autoCostPerContact;
    equityExisting += marginExisting * discount * scale;
    equityAcquired += marginAcquired * discount * scale;
    cxPV += sCx[t] * discount;
    wfPV += sWfCost[t] * discount;
    if (isCheckpoint) tvByYear[(t + 1) / m.clock.stepsPerYear - 1] = tvStep * scale;
    if (isLast && m.terminalValue) tvPV += tvStep * discount * scale;

    // trigger rules on this step's leading indicators; effective from the next step
    if (m.plan.rules.length > 0) {
      const indicator = (name: string): number => {
        const [head, id] = name.split('.');
        const p = id === undefined ? -1 : m.poolIds.indexOf(id);
        switch (head) {
          case 'adoption':
            return p >= 0 ? sPoolAdopt[p][t] : NaN;
          case 'share':
            return p >= 0 ? sPoolShare[p][t] : NaN;
          case 'walletIndex':
            return p >= 0 ? sPoolIdx[p][t] : NaN;
          case 'satisfaction':
            return sSat[t];
          case 'promoters':
            return sPromoters[t];
          case 'churnRate':
            return active > 0 ? churned / active : 0;
          case 'activeCustomers':
            return aliveEnd * scale;
          case 'engagement':
            return sEngagement[t];
          case 'serviceQuality':
            return sSQ[t];
          case 'workload':
            return sWorkload[t];
          case 'month':
            return month + monthsPerStep;
          default:
            return NaN;
        }
      };
      m.plan.rules.forEach((rule, r) => {
        const holds = ruleHolds(rule, indicator(rule.indicator));
        const rising = holds && ruleHeld[r] === 0;
        ruleHeld[r] = holds ? 1 : 0;
        if (!rising || (rule.once && ruleFired[r]) || rule.from < 0 || rule.to < 0) return;
        ruleFired[r] = 1;
        const moved = alloc[rule.from] * rule.share;
        alloc[rule.from] -= moved;
        alloc[rule.to] += moved;
        firedRules.push({ rule: r, name: rule.name, month: month + monthsPerStep });
      });
    }

    // acquisitions of the step: prospects × conversion × (1 + acquisition effect) + referrals; active from next step
    if (t < T - 1) {
      let acqCost = 0;
      let acquiredNow = 0;
      let referralsNow = 0;
      for (let s = 0; s < S; s++) {
        const referrals = promotersSeg[s] * m.segReferralStep[s];
        const expected = m.segAcqBase[s] * (1 + acqEff[s]) + referrals;
        if (!(expected > 0)) continue;
        const stream = new CounterStream(mix2(repKey ^ 0x7f4a7c15, (t << 8) | s));
        const count = poisson(expected, stream.next);
        const stage0 = m.journeyFirstStage[m.segJourney[s]];
        for (let k = 0; k < count; k++) {
          const i = pop.add(m, s, acquiredCustomerKey(repKey, t + 1, s, k), t + 1, stage0, capture);
          pop.portfolio[i] = assignPortfolio(expectedMonthlyMargin(i, t + 1), 0, pop.satisfaction[i]);
          for (let p = 0; p < P; p++) if ((pop.participates[i] >> p) & 1) participants[p]++;
        }
        aliveCount += count;
        acquiredNow += count;
        referralsNow += expected > 0 ? (count * referrals) / expected : 0;
        sSegAcq[s][t] = count * scale;
        acqCost += count * m.segAcqCost[s] * scale;
      }
      sAcquired[t] = acquiredNow * scale;
      sReferrals[t] = referralsNow * scale;
      sAcqCost[t] = acqCost;
      acquiredTotal += acquiredNow;
      acqCostPV += acqCost * discount;
    }
    hooks.onStep?.(t, T);
  }

  // ---- per-customer CLV (discounted to acquisition) and summaries
  const N = pop.size;
  const clv = new Float32Array(N);
  const cohort = new Int16Array(N);
  for (let i = 0; i < N; i++) {
    const a = pop.acquired[i];
    clv[i] = a <= 0 ? pop.value[i] : pop.value[i] / Math.pow(delta, a);
    cohort[i] = a < 0 ? -1 : Math.floor((a * monthsPerStep) / 12);
  }
  const clvSummary = summariseClv(clv, pop.segment.subarray(0, N), pop.portfolio.subarray(0, N), cohort, m.segmentIds, m.portfolioIds);

  const equityAcquiredNet = equityAcquired - acqCostPV;
  const customerEquity = equityExisting + equityAcquiredNet;
  const result: ReplicationResult = {
    scenario: m.scenarioName,
    strategy: m.strategyId,
    stress: m.stressLabel,
    replication: m.replication,
    seed: repKey.toString(16).padStart(8, '0'),
    steps: T,
    stepsPerYear: m.clock.stepsPerYear,
    series,
    terminalValueByYear: tvByYear,
    totals: {
      customerEquity,
      equityExisting,
      equityAcquired: equityAcquiredNet,
      terminalValuePV: tvPV,
      acquisitionCostPV: acqCostPV,
      cxSpendPV: cxPV,
      workforceCostPV: wfPV,
      netEquity: customerEquity - cxPV - wfPV,
      initialCustomers: initialTotal * scale,
      acquired: acquiredTotal * scale,
      churned: churnedTotal * scale,
      alive: aliveCount * scale,
      aliveCustomerSteps: aliveSteps,
    },
    clv: clvSummary,
    params: m.params,
    firedRules,
  };
  if (keepCustomers) {
    result.customers = {
      segment: pop.segment.slice(0, N),
      portfolio: pop.portfolio.slice(0, N),
      acquiredStep: pop.acquired.slice(0, N),
      alive: pop.alive.slice(0, N),
      clv,
    };
  }
  return result;
}
