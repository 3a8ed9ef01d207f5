/**
 * Profit pools (docs/model.md §2): the firm-level part of wallets, participation and adoption,
 * capture, share of wallet, and the competitive pull.
 *
 *   readiness_p   = r0_p + (1 − r0_p)·effect(readiness levers)                       §2.5, §7.3
 *   capture_p(t)  = e^(s·r_p) / (e^(s·r_p) + Σ_c e^(s·x_cp(t)))                       §2.5
 *   sowC_p        = exp(−(logit(sow_base) + slope_r·(r_p − 0.5)))                     §2.6
 *   Bass hazard   = p_p + q_p·A_p,  A_p = participants_p / alive                      §2.4
 *   idx_p(t)      = walletIndex_p(t) · months per step                                §2.1
 *   pull          = exp(−k·Σ_p w_p·(r_p − max_c x_cp)),  w_p = last step's share of market margin
 *   revenue, margin, market and share per pool                                      §2.7
 *
 * The per-customer part (buying, adopting) is in the reference customer-step.ts and, for the
 * generated kernel, in the fragments below.
 * Series: revenue, margin (after unpooled visit costs), revenue.<pool>, margin.<pool>,
 * market.<pool>, share.<pool>, adoption.<pool>, walletIndex.<pool>, readiness.<pool>.
 *
 * Parameters: compilePools. Kernel fragments: marginFragment, advanceMarginFragment, lostWalletFragment,
 * exitedAfterBuyingFragment, valueBeyondFragment, adoptionFragment, participationFragment.
 */
import type { CompileContext, CompiledModel } from '../../model/compile.ts';
import { interpolatePoints, stepToMonth } from '../../model/time.ts';
import { walletIndexSeries } from '../../model/pool-trajectory.ts';
import { deriveStream } from '../../random/seeds.ts';
import { own } from '../../scenario/merge.ts';
import { T_ALIVE_END, T_VISITCOST, type StepInput } from '../customer-step.ts';
import type { FirmState, StepOutputs } from '../firm-step.ts';
import type { Population } from '../population.ts';
import { levers, type LeverEffects } from './levers.ts';
import type { Mechanic } from './mechanic.ts';
import { _, lines, type Code } from '../kernel/codegen.ts';
import { bit, draw, n, range, walletAt } from '../kernel/fragments.ts';
import type { KernelShape } from '../kernel/generate.ts';
import { U_ADOPT, U_CAPTURE } from '../customer-step.ts';

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

/**
 * The pools' step constants of `z` for step t (wallet index × `walletScale[p]`): readiness,
 * capture, share-of-wallet constants, Bass hazard, the wallet index × months per step, and the
 * competitive pull.
 */
export function poolConstants(m: CompiledModel, t: number, z: StepInput, fx: LeverEffects, st: FirmState, walletScale: Float64Array | null): void {
  const P = m.poolIds.length, T = m.clock.steps;
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
}

/**
 * Each pool's share of the step's market margin: the weights w_p of next step's competitive pull
 * (1/P when there is no market). Customers who bought this step and then left are in its market.
 */
export function updateMarginWeights(m: CompiledModel, o: StepOutputs, idx: Float64Array, weights: Float64Array): void {
  const P = m.poolIds.length;
  let total = 0;
  for (let p = 0; p < P; p++) total += (o.market[p] + (o.churnedWallet[p] - o.exitedWallet[p]) * idx[p]) * m.marginRate[p];
  for (let p = 0; p < P; p++) weights[p] = total > 0 ? ((o.market[p] + (o.churnedWallet[p] - o.exitedWallet[p]) * idx[p]) * m.marginRate[p]) / total : 1 / P;
}

/** Counts customer i among the participants of each pool it takes part in (when it joins). */
export function countParticipation(participants: Float64Array, pop: Population, i: number): void {
  for (let p = 0; p < participants.length; p++) if ((pop.participates[i] >> p) & 1) participants[p]++;
}

/** The pools' series of one replication. */
export interface PoolState {
  revenue: Float64Array;
  margin: Float64Array;
  poolRevenue: Float64Array[];
  poolMargin: Float64Array[];
  market: Float64Array[];
  share: Float64Array[];
  adoption: Float64Array[];
  walletIndex: Float64Array[];
  readiness: Float64Array[];
}

export const pools: Mechanic<PoolState> = {
  name: 'pools',
  start(r) {
    const { m, firm, series } = r;
    const P = m.poolIds.length;
    for (let p = 0; p < P; p++) {
      firm.readiness[p] = m.readiness0[p];
      firm.capture[p] = captureProbability(m, p, 0, firm.readiness[p]);
    }
    return {
      revenue: series.one('revenue'),
      margin: series.one('margin'),
      poolRevenue: series.family('revenue', m.poolIds),
      poolMargin: series.family('margin', m.poolIds),
      market: series.family('market', m.poolIds),
      share: series.family('share', m.poolIds),
      adoption: series.family('adoption', m.poolIds),
      walletIndex: series.family('walletIndex', m.poolIds),
      readiness: series.family('readiness', m.poolIds),
    };
  },
  before(s, r, t) {
    const { m, firm } = r;
    const T = m.clock.steps;
    poolConstants(m, t, r.step, r.state(levers).fx, firm, null);
    for (let p = 0; p < m.poolIds.length; p++) {
      s.readiness[p][t] = firm.readiness[p];
      s.walletIndex[p][t] = m.walletIndex[p * T + t];
    }
  },
  after(s, r, t) {
    const { m, out, step } = r;
    const P = m.poolIds.length;
    const scale = m.agentScale;
    const { revenue, margin: marginP, market, participants, churnedWallet, exitedWallet, tally } = out;
    const aliveEnd = tally[T_ALIVE_END];
    let revTotal = 0, marginTotal = 0;
    for (let p = 0; p < P; p++) {
      // customers who bought this step and then left are in this step's market, and in the lost wallets from the next
      const mk2 = market[p] + (churnedWallet[p] - exitedWallet[p]) * step.idx[p];
      s.poolRevenue[p][t] = revenue[p] * scale;
      s.poolMargin[p][t] = marginP[p] * scale;
      s.market[p][t] = mk2 * scale;
      s.share[p][t] = mk2 > 0 ? revenue[p] / mk2 : 0;
      s.adoption[p][t] = aliveEnd > 0 ? participants[p] / aliveEnd : 0;
      revTotal += revenue[p];
      marginTotal += marginP[p];
    }
    updateMarginWeights(m, out, step.idx, r.firm.lastMarginWeights);
    marginTotal -= tally[T_VISITCOST];
    s.revenue[t] = revTotal * scale;
    s.margin[t] = marginTotal * scale;
  },
};

/** The pools' compiled parameters (per step, per agent; docs/model.md §2). */
export interface CompiledPools {
  competitivePull: number;
  captureSens: number;
  sowLogitBase: number;
  sowSatSlope: number;
  sowReadinessSlope: number;
  /** Level exp(logWalk) of each pool's wallet random walk at the horizon's last step (1 without volatility). */
  walletWalkAtHorizon: Float64Array;
  /** The walk's level per pool and step, walletWalk[p * T + t] (for run-offs from year ends). */
  walletWalk: Float64Array;
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
  /** Wallet mean per month by [seg * P + p] (0 = no wallet there). */
  segWalletMean: Float64Array;
  segWalletCv: Float64Array;
  /** Adoption propensity by [seg * P + p]. */
  segAdoption: Float64Array;
}

export function compilePools(c: CompileContext): CompiledPools {
  const { sc, clock, stress, poolIds, segmentIds } = c;
  const T = clock.steps;
  const P = poolIds.length;
  const seed = sc.meta.seed;
  const perMonthToStep = clock.monthsPerStep;
  const pools = poolIds.map((id) => sc.pools[id]);
  const walletIndex = new Float64Array(P * T);
  const walletWalkAtHorizon = new Float64Array(P).fill(1);
  const walletWalk = new Float64Array(P * T).fill(1);
  pools.forEach((pool, p) => {
    walletIndex.set(
      walletIndexSeries(pool, clock, deriveStream(seed, 'walk', c.input.replication, poolIds[p]), stress.wallet[poolIds[p]], walletWalkAtHorizon.subarray(p, p + 1), walletWalk.subarray(p * T, (p + 1) * T)),
      p * T,
    );
  });

  // competitors
  const compIds = Object.keys(sc.competitors);
  const competitorLevel = new Float64Array(Math.max(1, compIds.length) * P * T);
  compIds.forEach((cid, ci) => {
    const comp = sc.competitors[cid];
    poolIds.forEach((pid, p) => {
      const lv = own(comp.experience, pid);
      for (let t = 0; t < T; t++) {
        const month = stepToMonth(t, clock);
        // NaN: the competitor is not in this pool (it neither captures adopters there nor pulls customers)
        const level = lv === undefined ? NaN : typeof lv === 'number' ? lv : interpolatePoints(lv.points, month);
        competitorLevel[ci * P * T + p * T + t] = Number.isNaN(level) ? NaN : Math.min(1, Math.max(0, level + stress.competitor[pid][t]));
      }
    });
  });

  // segments' wallets and adoption propensities
  const S = segmentIds.length;
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

  const b = sc.behaviour;
  const f64 = (xs: number[]) => Float64Array.from(xs);
  return {
    competitivePull: b.competitivePull,
    captureSens: b.captureSensitivity,
    sowLogitBase: Math.log(b.shareOfWallet.base / (1 - b.shareOfWallet.base)),
    sowSatSlope: b.shareOfWallet.satisfactionSlope,
    sowReadinessSlope: b.shareOfWallet.readinessSlope,
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
    segWalletMean,
    segWalletCv,
    segAdoption,
  };
}

/**
 * Pool p's share of a step's money for one customer, as the kernel fragments below emit it: the
 * market (wallet × index), our revenue (÷ (1 + sowFactor·sowC)) and margin (revenue × margin rate ×
 * stage multiplier − cost to serve), the margin also added to `into`; `also` runs first (a
 * leaver's wallet joining the lost wallets).
 */
function poolMoney(sh: KernelShape, p: number, into: Code, also: Code | null): Code {
  return _`if (${bit(_`partMask`, p)} !== 0) {
        const w = ${walletAt(sh, p)} * ${n('idx', p)};
        ${n('market', p)} += w;
        ${also ?? _``}
        if (${bit(_`usMask`, p)} !== 0) {
          const rev = w / (1 + zf * ${n('sowC', p)});
          ${n('revenue', p)} += rev;
          const mp = rev * ${n('marginRate', p)} * sm - ${n('cts', p)};
          ${n('margin', p)} += mp;
          ${into} += mp;
        }
      }`;
}

/** Kernel fragment (docs/model.md §2.6–§2.7): the step's market, revenue and margin per pool (poolMoney), summed into the customer's margin `mgn`. */
export function marginFragment(sh: KernelShape): Code {
  return lines(range(sh.pools).map((p) => poolMoney(sh, p, _`mgn`, null)));
}

/** Kernel fragment (payment in advance, §11.1): a leaver's margin of the step, received at its start; its wallets join the lost wallets. */
export function advanceMarginFragment(sh: KernelShape): Code {
  return lines(range(sh.pools).map((p) => poolMoney(sh, p, _`lost`, _`${n('exitedWallet', p)} += ${walletAt(sh, p)};`)));
}

/** Kernel fragment: a churned customer's wallets join the lost wallets of its pools. */
export function lostWalletFragment(sh: KernelShape): Code {
  const pools = range(sh.pools);
  return lines(pools.map((p) => _`if (${bit(_`partMask`, p)} !== 0) ${n('churnedWallet', p)} += ${walletAt(sh, p)};`));
}

/** Kernel fragment: a customer who bought this step and then exits: its wallets are lost from the next step (and in this step's market). */
export function exitedAfterBuyingFragment(sh: KernelShape): Code {
  const pools = range(sh.pools);
  return lines(
    pools.map(
      (p) => _`if (${bit(_`partMask`, p)} !== 0) {
        ${n('churnedWallet', p)} += ${walletAt(sh, p)};
        ${n('exitedWallet', p)} += ${walletAt(sh, p)};
      }`,
    ),
  );
}

/** Kernel fragment (docs/model.md §11.3): the survivor's value beyond this step per pool, a Gordon perpetuity with the pool's growth, net of cost to serve × the annuity factor. */
export function valueBeyondFragment(sh: KernelShape): Code {
  const pools = range(sh.pools);
  return lines(
    pools.map(
      (p) => _`if (${bit(_`usMask`, p)} !== 0 && ${bit(_`partMask`, p)} !== 0) {
        const rev = (${walletAt(sh, p)} * ${n('idx', p)}) / (1 + zf * ${n('sowC', p)});
        const g = ${n('growth', p)};
        tv += (rev * ${n('marginRate', p)} * smT * g * f) / (1 + dStep - rho * g) - ${n('cts', p)} * annuity;
      }`,
    ),
  );
}

/**
 * Kernel fragment (docs/model.md §2.4–§2.5): adoption of the emerging pools the customer's segment
 * can adopt and it has not — Bass hazard × propensity, then captured by us with the capture
 * probability; declares `newPart` (the participation mask after the step).
 */
export function adoptionFragment(sh: KernelShape): Code {
  const P = sh.pools;
  const emergingPools = range(P).filter((p) => sh.emerging[p]);
  return emergingPools.length
    ? _`let newPart = partMask;
    const open = adoptMask[seg] & ~partMask;
    if (open !== 0) {
      ${lines(
        emergingPools.map(
          (p) => _`if (${bit(_`open`, p)} !== 0) {
        if (${draw(U_ADOPT + p)} < ${n('bassHaz', p)} * segAdoption[seg * ${P} + ${p}]) {
          newPart |= ${1 << p};
          if (${draw(U_CAPTURE + p)} < ${n('capture', p)}) usMask |= ${1 << p};
        }
      }`,
        ),
      )}
      if (newPart !== partMask) {
        part[i] = newPart;
        withUs[i] = usMask;
      }
    }`
    : _`const newPart = partMask;`;
}

/** Kernel fragment: the customer counts among the participants of each pool it takes part in at the end of the step. */
export function participationFragment(sh: KernelShape): Code {
  return lines(range(sh.pools).map((p) => _`if (${bit(_`newPart`, p)} !== 0) ${n('participants', p)}++;`));
}
