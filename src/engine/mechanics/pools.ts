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
 * The per-customer part (buying, adopting) is in the customer step (customer-step.ts, kernel/).
 * Series: revenue, margin (after unpooled visit costs), revenue.<pool>, margin.<pool>,
 * market.<pool>, share.<pool>, adoption.<pool>, walletIndex.<pool>, readiness.<pool>.
 */
import type { CompiledModel } from '../../model/compile.ts';
import { T_ALIVE_END, T_VISITCOST, type StepInput } from '../customer-step.ts';
import type { FirmState, StepOutputs } from '../firm-step.ts';
import type { Population } from '../population.ts';
import { levers, type LeverEffects } from './levers.ts';
import type { Mechanic } from './mechanic.ts';

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
