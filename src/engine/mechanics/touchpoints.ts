/**
 * Touchpoints and pain points (docs/model.md §4.2–§4.4): the firm-level part of a visit's
 * experience, fixed once per step.
 *
 *   friction_k = floor_k + (f0_k − floor_k)·(1 − effect(friction or mitigation levers))·(1 − effect(readiness of its pool))
 *   quality_k  = base_k + [served by people] serviceWeight_k·SQ − friction_k
 *
 * (readiness lowers the friction of its pool's controllable touchpoints only). Visits, their noise
 * and their cost are per customer (customer-step.ts, kernel/). Series: friction.<touchpoint>,
 * visits.<touchpoint>, visitCost (every visit's cost, pooled ones included).
 *
 * Parameters: compileTouchpoints. Kernel fragment: touchpointFragment.
 */
import type { CompileContext, CompiledModel } from '../../model/compile.ts';
import { perStepProbability } from '../../model/time.ts';
import type { StepInput } from '../customer-step.ts';
import type { FirmState } from '../firm-step.ts';
import { levers, type LeverEffects } from './levers.ts';
import type { Mechanic } from './mechanic.ts';
import { workforce } from './workforce.ts';
import { _, type Code } from '../kernel/codegen.ts';
import { bit, draw, n, normal, type TouchpointShape } from '../kernel/fragments.ts';
import type { KernelShape } from '../kernel/generate.ts';
import { U_TOUCHPOINT } from '../customer-step.ts';

/** The touchpoints' step constants: friction (into st.friction) and the quality of a visit, given service quality sq. */
export function touchpointConstants(m: CompiledModel, z: StepInput, fx: LeverEffects, sq: number, st: FirmState): void {
  for (let k = 0; k < m.touchpointIds.length; k++) {
    // Readiness of a pool is the experience we have built there: it also lowers the friction of the pool's controllable touchpoints.
    const pl = m.tpPool[k];
    const ready = pl >= 0 && m.tpControllable[k] === 1 ? fx.readiness[pl] : 0;
    const f = m.tpFloor[k] + (m.tpFriction0[k] - m.tpFloor[k]) * (1 - fx.friction[k]) * (1 - ready);
    st.friction[k] = f;
    z.tpQual[k] = m.tpBase[k] + (m.tpHuman[k] ? m.tpServiceWeight[k] * sq : 0) - f;
  }
}

export interface TouchpointState {
  visitCost: Float64Array;
  visits: Float64Array[];
  friction: Float64Array[];
}

export const touchpoints: Mechanic<TouchpointState> = {
  name: 'touchpoints',
  start(r) {
    return { visitCost: r.series.one('visitCost'), visits: r.series.family('visits', r.m.touchpointIds), friction: r.series.family('friction', r.m.touchpointIds) };
  },
  before(s, r, t) {
    touchpointConstants(r.m, r.step, r.state(levers).fx, r.state(workforce).sq, r.firm);
    for (let k = 0; k < r.m.touchpointIds.length; k++) s.friction[k][t] = r.firm.friction[k];
  },
  after(s, r, t) {
    const { m, out } = r;
    const scale = m.agentScale;
    // every touchpoint visit cost of the step (pooled ones also sit in margin.<p>): what ROI's ΔV needs
    let visitCostAll = 0;
    for (let k = 0; k < m.touchpointIds.length; k++) visitCostAll += out.visits[k] * m.tpCost[k];
    s.visitCost[t] = visitCostAll * scale;
    for (let k = 0; k < m.touchpointIds.length; k++) s.visits[k][t] = out.visits[k] * scale;
  },
};

/** The touchpoints of every stage (stage order as in journeys.ts), per step. */
export interface CompiledTouchpoints {
  /** Touchpoints of stage s: tpStart[s] .. tpStart[s+1]. */
  tpStart: Int32Array;
  touchpointIds: string[];
  tpVisit: Float64Array;
  tpFriction0: Float64Array;
  tpFloor: Float64Array;
  tpCost: Float64Array;
  tpPool: Int32Array;
  tpHuman: Uint8Array;
  tpControllable: Uint8Array;
  tpBase: Float64Array;
  tpServiceWeight: Float64Array;
  tpNoise: Float64Array;
}

export function compileTouchpoints(c: CompileContext): CompiledTouchpoints {
  const { sc, clock, journeyIds, poolIds } = c;
  const tpStart: number[] = [];
  const tp: { id: string; visit: number; f0: number; floor: number; cost: number; pool: number; human: number; controllable: number; base: number; w: number; noise: number }[] = [];
  journeyIds.forEach((jid) => {
    for (const stage of Object.values(sc.journeys[jid].stages)) {
      tpStart.push(tp.length);
      for (const [tid, t] of Object.entries(stage.touchpoints)) {
        tp.push({
          id: tid,
          visit: perStepProbability(t.visitProbability, clock),
          f0: t.friction,
          floor: Math.min(t.floor, t.friction),
          cost: t.costPerVisit,
          pool: t.pool ? poolIds.indexOf(t.pool) : -1,
          human: t.served === 'human' ? 1 : 0,
          controllable: t.controllable ? 1 : 0,
          base: t.baseQuality,
          w: t.serviceWeight,
          noise: t.noise,
        });
      }
    }
  });
  tpStart.push(tp.length);
  const f64 = (xs: number[]) => Float64Array.from(xs);
  return {
    tpStart: Int32Array.from(tpStart),
    touchpointIds: tp.map((x) => x.id),
    tpVisit: f64(tp.map((x) => x.visit)),
    tpFriction0: f64(tp.map((x) => x.f0)),
    tpFloor: f64(tp.map((x) => x.floor)),
    tpCost: f64(tp.map((x) => x.cost)),
    tpPool: Int32Array.from(tp.map((x) => x.pool)),
    tpHuman: Uint8Array.from(tp.map((x) => x.human)),
    tpControllable: Uint8Array.from(tp.map((x) => x.controllable)),
    tpBase: f64(tp.map((x) => x.base)),
    tpServiceWeight: f64(tp.map((x) => x.w)),
    tpNoise: f64(tp.map((x) => x.noise)),
  };
}

/**
 * Kernel fragment (generate.ts): a visit to touchpoint `tp` of stage s — drawn with its visit
 * probability (only for customers of its pool when the pool is emerging), experience = quality +
 * portfolio boost + noise·z; its cost (in its pool's margin, else unpooled); a human visit is a
 * human contact; experience below the stage's exitBelow ends the relationship.
 */
export function touchpointFragment(sh: KernelShape, tp: TouchpointShape, s: number): Code {
    const k = tp.k;
    const cost = tp.pool >= 0 ? _`${n('margin', tp.pool)} -= ${n('tpCost', k)};` : _`visitCostUnpooled += ${n('tpCost', k)};`;
    const body = _`if (${draw(U_TOUCHPOINT + 2 * k)} < ${n('tpVisit', k)}) {
        const e = ${n('tpQual', k)} + boost + ${n('tpNoise', k)} * ${normal(U_TOUCHPOINT + 1 + 2 * k)};
        sumE += e;
        nE++;
        ${n('visits', k)}++;
        if (${n('tpCost', k)} !== 0) {
          cost += ${n('tpCost', k)};
          ${cost}
        }
        ${tp.human ? _`humanContacts++;` : _``}
        ${sh.stages[s].exitBelow ? _`if (e < ${n('exitBelow', s)}) exit = true;` : _``}
      }`;
    return tp.emergingPool ? _`if (${bit(_`usMask`, tp.pool)} !== 0) {\n${body}\n}` : body;
  }
