/**
 * The kernel generator: JavaScript source of one customer step specialised to a compiled
 * model's structure (issue 12, item 1). It is the same sequence of statements as the reference
 * `stepCustomers` (src/engine/customer-step.ts), section by section, in the same order and with
 * the same floating-point operations on every accumulator — so results are bit-identical
 * (tests/engine/kernel.test.ts) — with the structure resolved at generation time:
 * - stages: a `switch` on the stage with each stage's touchpoints unrolled (pool, human service,
 *   emerging-pool gate and exit-below check present only where they apply), and each stage's
 *   transition resolved: one target → no draw and no search; several → a chain of comparisons;
 * - pools: the margin, lost-wallet, participation and adoption loops unrolled per pool;
 * - mechanisms absent from the model have no code: service contacts (no service need),
 *   retention offers (no offer lever), adoption (no emerging pool), portfolio review (one
 *   portfolio), exit-below, the leaver's margin of payment in advance (arrears);
 * - per-step counters and per-pool/per-touchpoint/per-stage sums live in locals, written back once.
 * Model numbers are read from the step input into locals at entry (so one kernel serves every
 * replication of the same structure); only structural integers and fixed constants are literals.
 * All source goes through the safe template of codegen.ts.
 */
import type { CompiledModel } from '../../model/compile.ts';
import { EXIT } from '../mechanics/journeys.ts';
import { U_CHURN } from '../customer-step.ts';
import { T_HUMAN, T_AUTO, T_OFFERS, T_CHURNED, T_EXITS, T_SAT, T_PROMOTERS, T_MARGIN_EXISTING, T_MARGIN_ACQUIRED, T_TV, T_VISITCOST, T_TREATCOST, T_ALIVE_END, T_CLOSE_EXISTING, T_CLOSE_ACQUIRED, T_ACTIVE, T_ANNUITY, T_ANNUITY_START } from '../customer-step.ts';
import type { StepInput } from '../customer-step.ts';
import { _, lines } from './codegen.ts';
import { draw, n, range, root, stageCase, stageSwitch } from './fragments.ts';
import { hazardFragment } from '../mechanics/churn.ts';
import { transitionFragment } from '../mechanics/journeys.ts';
import { adoptionFragment, advanceMarginFragment, exitedAfterBuyingFragment, lostWalletFragment, marginFragment, participationFragment, valueBeyondFragment } from '../mechanics/pools.ts';
import { reviewFragment } from '../mechanics/portfolios.ts';
import { satisfactionFragment } from '../mechanics/satisfaction.ts';
import { touchpointFragment } from '../mechanics/touchpoints.ts';
import { contactsFragment } from '../mechanics/workforce.ts';

/** The structure a kernel is specialised to: integers and flags only. */
export interface KernelShape {
  pools: number;
  portfolios: number;
  segments: number;
  emerging: boolean[];
  stages: {
    touchpoints: { k: number; pool: number; emergingPool: boolean; human: boolean }[];
    exitBelow: boolean;
    /** Transition targets in order (stage index or EXIT); the last one is reached with certainty. */
    targets: number[];
    /** Index of the first target in transCum. */
    transStart: number;
  }[];
  contacts: boolean;
  offers: boolean;
  /** Rule metric of each portfolio but the last (−1: none), when there are several. */
  ruleMetric: number[];
  /** Visit customers through the live list (skipping departed ones) instead of scanning every slot. */
  live: boolean;
  /** Payment in advance (valuation.paymentTiming): a leaver still pays the step's margin. */
  advance: boolean;
}

export function kernelShape(m: CompiledModel, z: StepInput, live = true): KernelShape {
  const NS = m.stageIds.length;
  const stages: KernelShape['stages'] = [];
  for (let s = 0; s < NS; s++) {
    const touchpoints: KernelShape['stages'][number]['touchpoints'] = [];
    for (let k = m.tpStart[s]; k < m.tpStart[s + 1]; k++) {
      const pool = m.tpPool[k];
      touchpoints.push({ k, pool, emergingPool: pool >= 0 && m.poolEmerging[pool] === 1, human: m.tpHuman[k] === 1 });
    }
    const targets: number[] = [];
    for (let j = m.transStart[s]; j < (s + 1 < NS ? m.transStart[s + 1] : m.transTarget.length); j++) targets.push(m.transTarget[j]);
    stages.push({ touchpoints, exitBelow: m.stageExitBelow[s] !== -Infinity, targets, transStart: m.transStart[s] });
  }
  let contacts = false;
  for (let i = 0; i < z.needNow.length; i++) if (z.needNow[i] > 0) contacts = true;
  const K = m.portfolioIds.length;
  return {
    pools: m.poolIds.length,
    portfolios: K,
    segments: m.segmentIds.length,
    emerging: Array.from(m.poolEmerging, (e) => e === 1),
    stages,
    contacts,
    offers: m.levers.some((l) => l.kind === 'retentionOffer'),
    ruleMetric: K > 1 ? Array.from(m.portRuleMetric.subarray(0, K - 1)) : [],
    live,
    advance: z.advance,
  };
}


/**
 * Source of the body of `function (pop, n, z, live)`, which calls no function of the project:
 * the draws are written inline (fragments.ts `root`, `draw`, `normal`).
 * With `sh.live`, `live` is a LiveList (cache.ts): the indices of the customers alive after the
 * previous call, ascending, and `seen`, the population size then. Every call visits the list
 * plus the customers added since (indices seen..n; on the first call over a population, all of
 * them) and writes this step's survivors back into it — one loop shape on every step, so the
 * optimised code never meets a switch of mode mid-run. The list stays ascending, so the visiting
 * order is index order, the same as a scan's: results are those of the scan (`sh.live` off).
 */
export function generateKernelSource(sh: KernelShape): string {
  const P = sh.pools, K = sh.portfolios, S = sh.segments, NS = sh.stages.length;
  const pools = range(P);
  const emergingPools = pools.filter((p) => sh.emerging[p]);
  const allTp = sh.stages.flatMap((s) => s.touchpoints);
  const anyExitBelow = sh.stages.some((s) => s.exitBelow);
  const anyExitTarget = sh.stages.some((s) => s.targets.includes(EXIT));
  const oneK = K === 1, oneS = S === 1;
  // the segment index is read only where something depends on it
  const usesSeg = !oneS || sh.contacts || emergingPools.length > 0;

  // ---- prologue: customer arrays, model and step constants in locals
  const prologue = lines([
    _`const key = pop.key, segment = pop.segment, portfolio = pop.portfolio, stage = pop.stage, alive = pop.alive;`,
    _`const acquired = pop.acquired, hazard = pop.hazard, sensitivity = pop.sensitivity, satisfaction = pop.satisfaction;`,
    _`const churnFactor = pop.churnFactor, sowFactor = pop.sowFactor, wallet = pop.wallet, part = pop.participates, withUs = pop.withUs, value = pop.value;`,
    _`const lambda = z.lambda, satRef = z.satRef, churnSens = z.churnSens, sowSlope = z.sowSlope, promoterThr = z.promoterThreshold;`,
    _`const monthsPerStep = z.monthsPerStep, dStep = z.dStep, exitStep = z.exitStep, stageMult = z.stageMult, stageCost = z.stageCost;`,
    _`const monthsAtEnd = z.monthsAtEnd, acqMonths = z.acquiredMonthsPerStep, endDiscount = z.endDiscount;`,
    _`const salt = z.salt, discount = z.discount, pull = z.pull, checkpoint = z.checkpoint, closing = z.closing, review = z.review;`,
    _`const activeSeg = z.activeSeg, promotersSeg = z.promotersSeg, initialAliveSeg = z.initialAliveSeg, band = z.band;`,
    sh.contacts
      ? _`const needNow = z.needNow, p0Need = z.p0Need, deflection = z.deflection, contactHuman = z.contactHuman, contactAuto = z.contactAuto, contactNoise = z.contactNoise;`
      : _``,
    sh.offers ? _`const offerDrop = z.offerDrop, offerBoost = z.offerBoost, offerCoverage = z.offerCoverage;` : _``,
    emergingPools.length ? _`const adoptMask = z.adoptMask, segAdoption = z.segAdoption;` : _``,
    oneK
      ? _`const boost0 = z.boost[0], churnPort0 = z.churnPort[0]; let portCount0 = z.portCount[0];`
      : _`const boostNow = z.boost, churnPort = z.churnPort, portCount = z.portCount;`,
    oneS ? _`let activeSeg0 = activeSeg[0], promotersSeg0 = promotersSeg[0], initialAliveSeg0 = initialAliveSeg[0];` : _``,
    ...sh.ruleMetric.map((_m, k) => _`const ${n('ruleMin', k)} = z.portRuleMin[${k}], ${n('ruleMax', k)} = z.portRuleMax[${k}];`),
    ...allTp.map(
      ({ k }) =>
        _`const ${n('tpVisit', k)} = z.tpVisit[${k}], ${n('tpNoise', k)} = z.tpNoise[${k}], ${n('tpCost', k)} = z.tpCost[${k}], ${n('tpQual', k)} = z.tpQual[${k}]; let ${n('visits', k)} = z.visits[${k}];`,
    ),
    ...sh.stages.map((st, s) => (st.exitBelow ? _`const ${n('exitBelow', s)} = z.exitBelow[${s}];` : _``)),
    ...sh.stages.flatMap((st) => (st.targets.length > 1 ? st.targets.slice(0, -1).map((_t, j) => _`const ${n('transCum', st.transStart + j)} = z.transCum[${st.transStart + j}];`) : [])),
    ...range(NS).map((s) => _`let ${n('stageCount', s)} = z.stageCount[${s}];`),
    ...pools.map(
      (p) =>
        _`const ${n('idx', p)} = z.idx[${p}], ${n('sowC', p)} = z.sowC[${p}], ${n('marginRate', p)} = z.marginRate[${p}], ${n('cts', p)} = z.costToServe[${p}];
const ${n('growth', p)} = z.growth[${p}];
let ${n('market', p)} = z.market[${p}], ${n('revenue', p)} = z.revenue[${p}], ${n('margin', p)} = z.margin[${p}], ${n('churnedWallet', p)} = z.churnedWallet[${p}], ${n('exitedWallet', p)} = z.exitedWallet[${p}], ${n('participants', p)} = 0;`,
    ),
    ...emergingPools.map((p) => _`const ${n('bassHaz', p)} = z.bassHaz[${p}], ${n('capture', p)} = z.capture[${p}];`),
    _`let humanContacts = 0, autoContacts = 0, offers = 0, churned = 0, exits = 0, satSum = 0, promoters = 0, active = 0;`,
    _`let marginExisting = 0, marginAcquired = 0, tvSum = 0, tvExisting = 0, tvAcquired = 0, annuitySum = 0, annuityStartSum = 0, visitCostUnpooled = 0, aliveEnd = 0;`,
    // scratch of the inline draws (fragments.ts): hm the int32 hash, nu/nq/nr the normal draw's doubles
    _`let hm = 0, nu = 0, nq = 0, nr = 0;`,
  ]);

  // ---- experiences of one stage: its touchpoints, unrolled
  const experiences = lines(sh.stages.map((st, s) => stageCase(sh, s, lines([_`${n('stageCount', s)}++;`, ...st.touchpoints.map((tp) => touchpointFragment(sh, tp, s))]))));

  const body = _`
  ${prologue}
  ${sh.live ? _`const liveIndex = live.index;
  let liveCount = live.count;
  for (let i = live.seen; i < n; i++) liveIndex[liveCount++] = i;
  let kept = 0;
  for (let j = 0; j < liveCount; j++) {
    const i = liveIndex[j];` : _`for (let i = 0; i < n; i++) {`}
    if (alive[i] === 0) continue;
    active++;
    ${usesSeg ? _`const seg = segment[i];` : _``}
    ${oneK ? _`` : _`const port = portfolio[i];`}
    ${NS === 1 ? _`` : _`const st = stage[i];`}
    ${P === 1 ? _`` : _`const iP = i * ${P};`}
    ${root(_`key[i]`)}
    ${oneS ? _`activeSeg0++;` : _`activeSeg[seg]++;`}
    ${oneK ? _`portCount0++;` : _`portCount[port]++;`}
    const boost = ${oneK ? _`boost0` : _`boostNow[port]`};
    const partMask = part[i];
    let usMask = withUs[i];
    let s = satisfaction[i];
    const isInitial = acquired[i] < 0;
    let sumE = 0, nE = 0, cost = 0${anyExitBelow ? _`, exit = false` : _``};
    ${stageSwitch(sh, experiences)}
    ${contactsFragment(sh)}
    ${satisfactionFragment(sh)}

    ${hazardFragment(sh)}
    const sm = stageMult[${NS === 1 ? _`0` : _`st`}];
    if (${anyExitBelow ? _`exit || ` : _``}${draw(U_CHURN)} < h) {
      let lost = -cost;
      ${sh.advance ? _`{
        const zf = sowFactor[i];
        ${advanceMarginFragment(sh)}
        lost -= stageCost[${NS === 1 ? _`0` : _`st`}];
      }` : _``}
      value[i] += lost * discount;
      if (isInitial) marginExisting += lost;
      else marginAcquired += lost;
      alive[i] = 0;
      churned++;
      ${anyExitBelow ? _`if (exit) exits++;` : _``}
      ${lostWalletFragment(sh)}
      continue;
    }

    const zf = sowFactor[i];
    let mgn = -cost - stageCost[${NS === 1 ? _`0` : _`st`}];
    ${marginFragment(sh)}
    value[i] += mgn * discount;
    if (isInitial) marginExisting += mgn;
    else marginAcquired += mgn;

    let target = 0;
    ${transitionFragment(sh)}
    ${anyExitTarget ? _`if (target === ${EXIT}) {
      alive[i] = 0;
      churned++;
      exits++;
      ${exitedAfterBuyingFragment(sh)}
      continue;
    }` : _``}
    ${NS === 1 ? _`` : _`stage[i] = target;`}

    if (isInitial) ${oneS ? _`initialAliveSeg0++` : _`initialAliveSeg[seg]++`};
    if (s > promoterThr) {
      promoters++;
      ${oneS ? _`promotersSeg0++` : _`promotersSeg[seg]++`};
    }
    if (checkpoint) {
      const rho = (1 - h) * (1 - exitStep[target]);
      const f = ${sh.advance ? _`1 + dStep` : _`1 - h`};
      const annuity = f / (1 + dStep - rho);
      const smT = stageMult[target];
      let tv = -(cost + stageCost[target]) * annuity;
      ${valueBeyondFragment(sh)}
      tvSum += tv;
      annuitySum += annuity;
      annuityStartSum += (1 + dStep) / (1 + dStep - rho);
      if (closing) {
        value[i] += tv * endDiscount;
        if (isInitial) tvExisting += tv;
        else tvAcquired += tv;
      }
    }

    ${adoptionFragment(sh)}
    ${participationFragment(sh)}
    aliveEnd++;
    ${reviewFragment(sh)}
    ${sh.live ? _`liveIndex[kept++] = i;` : _``}
  }
  ${sh.live ? _`live.count = kept;
  live.seen = n;` : _``}

  ${lines(allTp.map(({ k }) => _`z.visits[${k}] = ${n('visits', k)};`))}
  ${lines(range(NS).map((s) => _`z.stageCount[${s}] = ${n('stageCount', s)};`))}
  ${lines(
    pools.map(
      (p) =>
        _`z.market[${p}] = ${n('market', p)}; z.revenue[${p}] = ${n('revenue', p)}; z.margin[${p}] = ${n('margin', p)}; z.churnedWallet[${p}] = ${n('churnedWallet', p)}; z.exitedWallet[${p}] = ${n('exitedWallet', p)}; z.participants[${p}] += ${n('participants', p)};`,
    ),
  )}
  ${oneK ? _`z.portCount[0] = portCount0;` : _``}
  ${oneS ? _`activeSeg[0] = activeSeg0; promotersSeg[0] = promotersSeg0; initialAliveSeg[0] = initialAliveSeg0;` : _``}
  const tally = z.tally;
  tally[${T_HUMAN}] = humanContacts;
  tally[${T_AUTO}] = autoContacts;
  tally[${T_OFFERS}] = offers;
  tally[${T_CHURNED}] = churned;
  tally[${T_EXITS}] = exits;
  tally[${T_SAT}] = satSum;
  tally[${T_PROMOTERS}] = promoters;
  tally[${T_MARGIN_EXISTING}] = marginExisting;
  tally[${T_MARGIN_ACQUIRED}] = marginAcquired;
  tally[${T_TV}] = tvSum;
  tally[${T_VISITCOST}] = visitCostUnpooled;
  let treatCost = 0;
  for (let k = 0; k < ${K}; k++) treatCost += z.portCount[k] * z.portCost[k];
  tally[${T_TREATCOST}] = treatCost;
  tally[${T_ALIVE_END}] = aliveEnd;
  tally[${T_CLOSE_EXISTING}] = tvExisting;
  tally[${T_CLOSE_ACQUIRED}] = tvAcquired;
  tally[${T_ACTIVE}] = active;
  tally[${T_ANNUITY}] = annuitySum;
  tally[${T_ANNUITY_START}] = annuityStartSum;
`;
  return body.text;
}
