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
 * numbers from counter.ts, keyed by (customer, step, purpose). Firm-level parts of a step are
 * in firm-step.ts; the value beyond the horizon (run-off, closing perpetuity) in runoff.ts
 * (docs/model.md §11).
 */
import { POPULATION_LIMIT } from './population-limit.ts';
import type { StressShock, Scenario } from '../scenario/schema.ts';
import { compileModel, type CompiledModel } from '../model/compile.ts';
import { BEYOND_PERPETUITY, BEYOND_RUNOFF } from '../model/valuation.ts';
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
  T_HUMAN, T_AUTO, T_OFFERS, T_CHURNED, T_EXITS, T_SAT, T_PROMOTERS, T_MARGIN_EXISTING, T_MARGIN_ACQUIRED,
  T_TV, T_VISITCOST, T_TREATCOST, T_ALIVE_END, T_CLOSE_EXISTING, T_CLOSE_ACQUIRED, T_ANNUITY,
} from './customer-step.ts';
import { kernelFor, type KernelMode } from './kernel/cache.ts';
import { applyLeverEffects, captureProbability, clearStepOutputs, LeverEffects, makeStepInput, makeStepOutputs, setFirmConstants, type FirmState, type StepOutputs } from './firm-step.ts';
import { runOff, type RunoffValue } from './runoff.ts';

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
  const S = m.segmentIds.length;
  const K = m.portfolioIds.length;
  const NS = m.stageIds.length;
  const NTP = m.touchpointIds.length;
  const L = m.leverIds.length;
  const scale = m.agentScale;
  const delta = m.clock.discountPerStep;
  const advance = m.valuation.advance;
  const repKey = deriveKey(m.seed, 'replication', m.replication);
  const monthsPerStep = m.clock.monthsPerStep;

  // ---- series
  const series: Record<string, Float64Array> = {};
  const mk = (name: string) => (series[name] = new Float64Array(T));
  const sDiscountStart = mk('discount.start');
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
  const pop = new Population(P, Math.ceil(initialTotal + 1.2 * expectedAcq + 64), Math.min(maxCustomers, POPULATION_LIMIT));
  const firm: FirmState = {
    readiness: new Float64Array(P),
    capture: new Float64Array(P),
    lastMarginWeights: new Float64Array(P).fill(1 / Math.max(1, P)),
    aliveCount: 0,
    friction: new Float64Array(NTP),
  };
  const capture = firm.capture;
  const readiness = firm.readiness;
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
  const fx = new LeverEffects(m);
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
  const out = makeStepOutputs(m);
  const { revenue, margin: marginP, market, activeSeg, promotersSeg, initialAliveSeg, band, stageCount, portCount, visits, participants, churnedWallet, exitedWallet, tally } = out;
  firm.aliveCount = pop.size;
  for (let i = 0; i < pop.size; i++) for (let p = 0; p < P; p++) if ((pop.participates[i] >> p) & 1) participants[p]++;
  const lastMarginWeights = firm.lastMarginWeights;
  let lastSatMean = 0;
  const initialSeg = new Float64Array(S);
  for (let i = 0; i < pop.size; i++) initialSeg[pop.segment[i]]++;
  const step = makeStepInput(m, out, capture);

  let equityExisting = 0, equityAcquired = 0, acqCostPV = 0, cxPV = 0, wfPV = 0;
  let acquiredTotal = 0, churnedTotal = 0, aliveSteps = 0;
  const years = Math.floor(T / m.clock.stepsPerYear);
  const beyondByYear = new Float64Array(years);
  const beyondCostsByYear = new Float64Array(years);
  // the last year's run-rates (spend per lever, workforce cost, offers + treatments), for the value beyond the horizon
  const spy = m.clock.stepsPerYear;
  const yearLeverSpend = new Float64Array(L);
  let yearWorkforce = 0, yearCustomerCosts = 0, yearSteps = 0;
  let closing = { existing: 0, acquired: 0, annuity: 0, alive: 0, approx: 0, runRate: 0 };
  let dEnd = 1;
  let sqNow = 0.7, deflectionNow = 0, autoQualityNow = 1;
  /** The run-off (runoff.ts) from the end of step t, with this year's run-rates and the workforce as it is now. */
  const runoffFrom = (p: Population, f: FirmState, o: StepOutputs, cap: Float64Array, t: number, disc: number, walk: Float64Array) => {
    const leverSpendPerMonth = new Float64Array(L);
    if (m.valuation.costsRunRate) for (let l = 0; l < L; l++) if (m.levers[l].kind !== 'acquisition') leverSpendPerMonth[l] = yearLeverSpend[l] / (yearSteps * monthsPerStep);
    return runOff(m, runoffModel!, {
      pop: p,
      kernel: hooks.kernel,
      firm: f,
      outputs: o,
      capital: cap,
      leverSpendPerMonth,
      workforceCostPerMonth: m.valuation.costsRunRate ? yearWorkforce / (yearSteps * monthsPerStep) : 0,
      serviceQuality: sqNow,
      deflection: deflectionNow,
      autoQuality: autoQualityNow,
      discount: disc,
      replicationKey: repKey,
      horizonMonths: (t + 1) * monthsPerStep,
      walletWalk: walk,
    });
  };

  const stepKernel = kernelFor(m, step, hooks.kernel);
  for (let t = 0; t < T; t++) {
    const dStart = dEnd;
    dEnd *= delta; // δ^(t+1): end of step t
    sDiscount[t] = dEnd;
    sDiscountStart[t] = dStart;
    const dMargin = advance ? dStart : dEnd;
    const month = t * monthsPerStep;
    if (t % spy === 0) {
      yearLeverSpend.fill(0);
      yearWorkforce = yearCustomerCosts = yearSteps = 0;
    }

    // (1) levers: this step's spend (paid at its start) becomes capital after the lag; capital → effects
    let cxSpend = 0;
    for (let l = 0; l < L; l++) {
      const sched = m.plan.scheduled[l * T + t];
      const spend = (Number.isNaN(sched) ? m.plan.budget[t] * alloc[l] : sched) * m.stress.budget[t];
      spendHist[l * T + t] = spend;
      const lag = m.leverLag[l];
      capital[l] = capital[l] * m.leverRetention[l] + m.levers[l].efficiency * (t >= lag ? spendHist[l * T + t - lag] : 0);
      sLever[l][t] = spend;
      yearLeverSpend[l] += spend;
      cxSpend += spend;
    }
    applyLeverEffects(m, capital, effect, fx);

    // (2) workforce
    let sq = 0.7, deflection = 0, autoQuality = 1;
    if (wf && m.workforce) {
      const w = wf.step(lastHumanContacts, fx.support, m.stress.turnover[t]);
      sq = w.serviceQuality;
      deflection = m.workforce.deflection0 + (1 - m.workforce.deflection0) * fx.automation;
      autoQuality = m.workforce.autoQuality0 + (1 - m.workforce.autoQuality0) * fx.autoQuality;
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
    sqNow = sq;
    deflectionNow = deflection;
    autoQualityNow = autoQuality;

    // (3) firm-level constants of the step
    setFirmConstants(m, t, step, fx, sq, autoQuality, firm, null);
    for (let k = 0; k < NTP; k++) sFriction[k][t] = firm.friction[k];
    for (let p = 0; p < P; p++) {
      sPoolReady[p][t] = readiness[p];
      sPoolIdx[p][t] = m.walletIndex[p * T + t];
    }
    const isCheckpoint = (t + 1) % m.clock.stepsPerYear === 0;
    const isLast = t === T - 1;

    // (4) the customers
    clearStepOutputs(out);
    step.t = t;
    step.salt = fmix32(mix2(repKey, t + 0x3c6ef372));
    step.discount = dMargin;
    step.endDiscount = dEnd;
    step.monthsAtEnd = (t + 1) * monthsPerStep;
    step.deflection = deflection;
    step.checkpoint = isCheckpoint || isLast;
    step.closing = isLast && m.valuation.beyond === BEYOND_PERPETUITY;
    step.review = (t + 1) % m.portfolioReviewSteps === 0;
    const n = pop.size;
    stepKernel(pop, n, step);
    const humanContacts = tally[T_HUMAN], autoContacts = tally[T_AUTO], offers = tally[T_OFFERS];
    const churned = tally[T_CHURNED], exits = tally[T_EXITS], satSum = tally[T_SAT], promoters = tally[T_PROMOTERS];
    const marginExisting = tally[T_MARGIN_EXISTING], marginAcquired = tally[T_MARGIN_ACQUIRED], tvStep = tally[T_TV];
    const visitCostUnpooled = tally[T_VISITCOST], treatCost = tally[T_TREATCOST], aliveEnd = tally[T_ALIVE_END];

    // (5) aggregates of the step
    let active = 0;
    for (let s = 0; s < S; s++) {
      active += activeSeg[s];
      sSeg[s][t] = activeSeg[s] * scale;
      sSegRet[s][t] = initialSeg[s] > 0 ? initialAliveSeg[s] / initialSeg[s] : 0;
    }
    aliveSteps += active;
    firm.aliveCount = aliveEnd;
    sActive[t] = active * scale;
    sChurned[t] = churned * scale;
    sExits[t] = exits * scale;
    churnedTotal += churned;
    let revTotal = 0, marginTotal = 0, marketMarginTotal = 0;
    for (let p = 0; p < P; p++) {
      // customers who bought this step and then left are in this step's market, and in the lost wallets from the next
      const mk2 = market[p] + (churnedWallet[p] - exitedWallet[p]) * step.idx[p];
      sPoolRev[p][t] = revenue[p] * scale;
      sPoolMargin[p][t] = marginP[p] * scale;
      sPoolMarket[p][t] = mk2 * scale;
      sPoolShare[p][t] = mk2 > 0 ? revenue[p] / mk2 : 0;
      sPoolAdopt[p][t] = aliveEnd > 0 ? participants[p] / aliveEnd : 0;
      revTotal += revenue[p];
      marginTotal += marginP[p];
      marketMarginTotal += mk2 * m.marginRate[p];
    }
    for (let p = 0; p < P; p++) lastMarginWeights[p] = marketMarginTotal > 0 ? (market[p] + (churnedWallet[p] - exitedWallet[p]) * step.idx[p]) * m.marginRate[p] / marketMarginTotal : 1 / P;
    marginTotal -= visitCostUnpooled;
    sRevenue[t] = revTotal * scale;
    sMargin[t] = marginTotal * scale;
    // every touchpoint visit cost of the step (pooled ones also sit in margin.<p>): what ROI's ΔV needs
    let visitCostAll = 0;
    for (let k = 0; k < NTP; k++) visitCostAll += visits[k] * m.tpCost[k];
    sVisitCost[t] = visitCostAll * scale;
    lastSatMean = active > 0 ? satSum / active : lastSatMean;
    sSat[t] = lastSatMean;
    sPromoters[t] = aliveEnd > 0 ? promoters / aliveEnd : 0;
    for (let k = 0; k < 10; k++) sBand[k][t] = active > 0 ? band[k] / active : 0;
    for (let s = 0; s < NS; s++) sStage[s][t] = stageCount[s] * scale;
    for (let k = 0; k < NTP; k++) sVisits[k][t] = visits[k] * scale;
    for (let k = 0; k < K; k++) sPort[k][t] = portCount[k] * scale;
    sOffers[t] = offers * scale;
    const offersCost = offers * fx.offerCost * scale;
    const treatmentCost = treatCost * scale;
    sCxOffers[t] = offersCost;
    sCxTreat[t] = treatmentCost;
    sCx[t] = cxSpend + offersCost + treatmentCost;
    sContacts[t] = (humanContacts + autoContacts) * scale;
    lastHumanContacts = humanContacts * scale;
    if (m.workforce) sWfCost[t] += autoContacts * scale * m.workforce.autoCostPerContact;
    equityExisting += marginExisting * dMargin * scale;
    equityAcquired += marginAcquired * dMargin * scale;
    // lever spend at the start of the step; offers and treatments with the margin; workforce at the end
    cxPV += cxSpend * dStart + (offersCost + treatmentCost) * dMargin;
    wfPV += sWfCost[t] * dEnd;
    yearWorkforce += sWfCost[t];
    yearCustomerCosts += offersCost + treatmentCost;
    yearSteps++;
    if (isCheckpoint || isLast) {
      // year-end approximation of the value beyond: the survivors' perpetuity, with the year's run-rate costs per customer capitalised alike
      let runRate = yearCustomerCosts / yearSteps;
      if (m.valuation.costsRunRate) {
        runRate += yearWorkforce / yearSteps;
        for (let l = 0; l < L; l++) if (m.levers[l].kind !== 'acquisition') runRate += yearLeverSpend[l] / yearSteps;
      }
      const costs = (aliveEnd > 0 ? (runRate * tally[T_ANNUITY]) / aliveEnd : 0) * dEnd;
      const approx = tvStep * scale * dEnd - costs;
      if (isCheckpoint && m.valuation.beyond !== 0) {
        beyondByYear[(t + 1) / spy - 1] = approx;
        beyondCostsByYear[(t + 1) / spy - 1] = costs;
      }
      if (isCheckpoint && !isLast && m.valuation.yearEndRunoff) {
        // the full rule at this year end: a run-off of copies of the customers and the firm as they are now
        // (before this step's acquisitions, who join after the valuation date)
        const o = makeStepOutputs(m);
        o.participants.set(participants);
        o.churnedWallet.set(churnedWallet);
        const f: FirmState = { readiness: firm.readiness.slice(), capture: firm.capture.slice(), lastMarginWeights: firm.lastMarginWeights.slice(), aliveCount: firm.aliveCount, friction: new Float64Array(NTP) };
        const walk = new Float64Array(P);
        for (let p = 0; p < P; p++) walk[p] = m.walletWalk[p * T + t];
        const r = netOfRunoff(runoffFrom(pop.clone(), f, o, capital.slice(), t, dEnd, walk));
        beyondByYear[(t + 1) / spy - 1] = r.netRunoff + r.netClosing;
        beyondCostsByYear[(t + 1) / spy - 1] = r.costs;
      }
      if (isLast) closing = { existing: tally[T_CLOSE_EXISTING], acquired: tally[T_CLOSE_ACQUIRED], annuity: tally[T_ANNUITY], alive: aliveEnd, approx, runRate };
    }

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
        const expected = m.segAcqBase[s] * (1 + fx.acquisition[s]) + referrals;
        if (!(expected > 0)) continue;
        const stream = new CounterStream(mix2(repKey ^ 0x7f4a7c15, (t << 8) | s));
        const count = poisson(expected, stream.next);
        const stage0 = m.journeyFirstStage[m.segJourney[s]];
        for (let k = 0; k < count; k++) {
          const i = pop.add(m, s, acquiredCustomerKey(repKey, t + 1, s, k), t + 1, stage0, capture);
          pop.portfolio[i] = assignPortfolio(expectedMonthlyMargin(i, t + 1), 0, pop.satisfaction[i]);
          for (let p = 0; p < P; p++) if ((pop.participates[i] >> p) & 1) participants[p]++;
        }
        firm.aliveCount += count;
        acquiredNow += count;
        // the referred share of the count (in expectation) pays the referral cost, the rest the acquisition cost
        const referred = (count * referrals) / expected;
        referralsNow += referred;
        sSegAcq[s][t] = count * scale;
        acqCost += ((count - referred) * m.segAcqCost[s] + referred * m.segReferralCost[s]) * scale;
      }
      sAcquired[t] = acquiredNow * scale;
      sReferrals[t] = referralsNow * scale;
      sAcqCost[t] = acqCost;
      acquiredTotal += acquiredNow;
      acqCostPV += acqCost * dEnd; // paid as they join, at the end of the step
    }
    hooks.onStep?.(t, T);
  }

  // ---- value beyond the horizon (docs/model.md §11): run-off + closing perpetuity, or the perpetuity alone
  const aliveAtHorizon = firm.aliveCount * scale;
  let beyondMarginExisting = 0, beyondMarginAcquired = 0, beyondCx = 0, beyondWf = 0;
  let netRunoff = 0, netClosing = 0;
  if (m.valuation.beyond === BEYOND_PERPETUITY) {
    beyondMarginExisting = closing.existing * dEnd * scale;
    beyondMarginAcquired = closing.acquired * dEnd * scale;
    // run-rate costs per surviving customer, capitalised with each survivor's annuity factor (split as the run-rates are)
    const perCustomer = closing.alive > 0 ? (closing.annuity / closing.alive) * dEnd : 0;
    let leverRate = 0;
    if (m.valuation.costsRunRate) for (let l = 0; l < L; l++) if (m.levers[l].kind !== 'acquisition') leverRate += yearLeverSpend[l] / yearSteps;
    beyondCx = (leverRate + yearCustomerCosts / yearSteps) * perCustomer;
    beyondWf = m.valuation.costsRunRate ? (yearWorkforce / yearSteps) * perCustomer : 0;
    netClosing = beyondMarginExisting + beyondMarginAcquired - beyondCx - beyondWf;
  } else if (m.valuation.beyond === BEYOND_RUNOFF && runoffModel) {
    const r = runoffFrom(pop, firm, out, capital, T - 1, dEnd, m.walletWalkAtHorizon);
    beyondMarginExisting = r.marginExisting + r.closingMarginExisting;
    beyondMarginAcquired = r.marginAcquired + r.closingMarginAcquired;
    const n = netOfRunoff(r);
    beyondCx = n.cx;
    beyondWf = n.wf;
    netRunoff = n.netRunoff;
    netClosing = n.netClosing;
  }
  const netWithin = equityExisting + equityAcquired - acqCostPV - cxPV - wfPV;
  if (years > 0 && years * spy === T) {
    beyondByYear[years - 1] = netRunoff + netClosing;
    beyondCostsByYear[years - 1] = beyondCx + beyondWf;
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

  const equityExistingAll = equityExisting + beyondMarginExisting;
  const equityAcquiredNet = equityAcquired + beyondMarginAcquired - acqCostPV;
  const customerEquity = equityExistingAll + equityAcquiredNet;
  const cxAll = cxPV + beyondCx, wfAll = wfPV + beyondWf;
  const result: ReplicationResult = {
    scenario: m.scenarioName,
    strategy: m.strategyId,
    stress: m.stressLabel,
    replication: m.replication,
    seed: repKey.toString(16).padStart(8, '0'),
    steps: T,
    stepsPerYear: m.clock.stepsPerYear,
    series,
    valuation: valuationRuleOf(m),
    valueBeyondByYear: beyondByYear,
    costsBeyondByYear: beyondCostsByYear,
    approximateValueBeyondAtHorizon: m.valuation.beyond === 0 ? 0 : closing.approx,
    totals: {
      customerEquity,
      equityExisting: equityExistingAll,
      equityAcquired: equityAcquiredNet,
      acquisitionCostPV: acqCostPV,
      cxSpendPV: cxAll,
      workforceCostPV: wfAll,
      netEquity: customerEquity - cxAll - wfAll,
      netEquityWithinHorizon: netWithin,
      netValueRunoff: netRunoff,
      netValueClosing: netClosing,
      netValueBeyondHorizon: netRunoff + netClosing,
      costsBeyondHorizonPV: beyondCx + beyondWf,
      initialCustomers: initialTotal * scale,
      acquired: acquiredTotal * scale,
      churned: churnedTotal * scale,
      alive: aliveAtHorizon,
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

/** The valuation rule of a compiled model, as reported with its results. */
function valuationRuleOf(m: CompiledModel): ReplicationResult['valuation'] {
  const v = m.valuation;
  return {
    beyondHorizon: v.beyond === BEYOND_RUNOFF ? 'runoff' : v.beyond === BEYOND_PERPETUITY ? 'perpetuity' : 'none',
    runoffYears: v.runoffYears,
    runoffStepsPerYear: v.runoffStepsPerYear,
    costsBeyondHorizon: v.costsRunRate ? 'run-rate' : 'none',
    paymentTiming: v.advance ? 'advance' : 'arrears',
    yearEnds: v.yearEndRunoff ? 'runoff' : 'approximate',
  };
}

/** The net parts of a run-off's value, summed in one order wherever they are used (so year ends and the horizon agree bit for bit). */
function netOfRunoff(r: RunoffValue): { netRunoff: number; netClosing: number; cx: number; wf: number; costs: number } {
  const cx = r.cxSpend + r.closingCxSpend;
  const wf = r.workforceCost + r.closingWorkforceCost;
  return {
    netRunoff: r.marginExisting + r.marginAcquired - r.cxSpend - r.workforceCost,
    netClosing: r.closingMarginExisting + r.closingMarginAcquired - r.closingCxSpend - r.closingWorkforceCost,
    cx,
    wf,
    costs: cx + wf,
  };
}
