/**
 * Levers (docs/model.md §7.1–§7.4): each step's spend (the strategy's budget × allocation, or its
 * schedule, × the budget stress) is paid at the start of the step and becomes capital after the
 * lever's lag; capital decays at the lever's retention:
 *
 *   C_l(t) = C_l(t−1)·retention_l + efficiency_l·spend_l(t − lag_l)
 *   effect_l = response_l(C_l)       (src/model/lever.ts; several levers on one target: 1 − Π(1 − effect))
 *
 * Series: cxSpend.<lever> (spend per step). The allocation is the budget plan's, moved by the
 * trigger rules (rules.ts). The effects are read by the other mechanics through `fx`.
 */
import type { CompileContext, CompiledModel } from '../../model/compile.ts';
import { capitalRetention, lagSteps, leverEffect, type ResolvedLever } from '../../model/lever.ts';
import type { Mechanic } from './mechanic.ts';

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

/** Lever state of one replication. */
export interface LeverState {
  capital: Float64Array;
  /** spendHist[l * T + t]: spend of lever l at step t. */
  spendHist: Float64Array;
  /** Each lever's own effect this step. */
  effect: Float64Array;
  /** Combined effects of this step. */
  fx: LeverEffects;
  /** The budget plan's allocation now (trigger rules move shares between levers). */
  alloc: Float64Array;
  /** Spend of each lever this step, and their sum. */
  spendNow: Float64Array;
  spend: number;
  series: Float64Array[];
}

export const levers: Mechanic<LeverState> = {
  name: 'levers',
  start(r) {
    const { m } = r;
    const L = m.leverIds.length, T = m.clock.steps;
    return {
      capital: new Float64Array(L),
      spendHist: new Float64Array(L * T),
      effect: new Float64Array(L),
      fx: new LeverEffects(m),
      alloc: Float64Array.from(m.plan.allocation),
      spendNow: new Float64Array(L),
      spend: 0,
      series: r.series.family('cxSpend', m.leverIds),
    };
  },
  before(s, r, t) {
    // this step's spend (paid at its start) becomes capital after the lag; capital → effects
    const { m } = r;
    const L = m.leverIds.length, T = m.clock.steps;
    const { capital, spendHist, alloc } = s;
    let cxSpend = 0;
    for (let l = 0; l < L; l++) {
      const sched = m.plan.scheduled[l * T + t];
      const spend = (Number.isNaN(sched) ? m.plan.budget[t] * alloc[l] : sched) * m.stress.budget[t];
      spendHist[l * T + t] = spend;
      const lag = m.leverLag[l];
      capital[l] = capital[l] * m.leverRetention[l] + m.levers[l].efficiency * (t >= lag ? spendHist[l * T + t - lag] : 0);
      s.series[l][t] = spend;
      s.spendNow[l] = spend;
      cxSpend += spend;
    }
    s.spend = cxSpend;
    applyLeverEffects(m, capital, s.effect, s.fx);
  },
};

/** The levers (their response curves in src/model/lever.ts), capital retention per step and lag in steps. */
export interface CompiledLevers {
  leverIds: string[];
  levers: ResolvedLever[];
  leverRetention: Float64Array;
  leverLag: Int32Array;
}

export function compileLevers(c: CompileContext): CompiledLevers {
  const { sc, clock } = c;
  const leverIds = Object.keys(sc.levers);
  const levers = leverIds.map((id) => sc.levers[id]);
  return {
    leverIds,
    levers,
    leverRetention: Float64Array.from(levers.map((l) => capitalRetention(l, clock))),
    leverLag: Int32Array.from(levers.map((l) => lagSteps(l, clock))),
  };
}
