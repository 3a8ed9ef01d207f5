/**
 * The minimal churn / touchpoint / satisfaction model (scenarios/bench-minimal.yaml) written
 * by hand as one typed-array loop: the yardstick `npm run bench` holds the general engine
 * against (issue: "the engine ≥ 0.7× a hand-written loop of the same model").
 *
 * Same model, same random numbers: constants come from the engine's compiled model (so the
 * defaults are the scenario's), traits from the same trait streams, and every per-step draw
 * from the same counter-based streams keyed by (customer, step, purpose). With one stage and
 * one touchpoint the loop needs no journey, pool or touchpoint indirection: that is what a
 * specialised kernel can reach. Survivors per step agree with the engine exactly and the
 * discounted margin to floating-point rounding (the engine keeps per-customer Float32 values).
 *
 * Per customer-step: visit (probability v) → experience e = q + σ·Φ⁻¹(u) → satisfaction
 * s ← λs + (1−λ)e → churn factor exp(−β_s·c·(s − s_ref)) → churn with h·factor → margin
 * (wallet·index / (1 + sow·c_sow)) × marginRate − costToServe, discounted at δ^(t+1).
 */
import type { CompiledModel } from '../src/model/compile.ts';
import { Population, initialCustomerKey } from '../src/engine/population.ts';
import { fmix32, mix2, GOLDEN, INV_2_32 } from '../src/random/counter.ts';
import { normalQuantile } from '../src/random/normal.ts';
import { deriveKey } from '../src/random/seeds.ts';
import { U_CHURN, U_TOUCHPOINT } from '../src/engine/customer-step.ts';

export interface MinimalLoopResult {
  /** Customers alive at the start of each step. */
  aliveByStep: Float64Array;
  aliveCustomerSteps: number;
  /** Σ over customers and steps of margin × δ^(t+1), in agents (not scaled). */
  marginPV: number;
  /** Seconds spent in the step loop and in building the population. */
  loopSeconds: number;
  populationSeconds: number;
}

/** Checks that a compiled model is the minimal shape this loop implements. */
export function assertMinimal(m: CompiledModel): void {
  const ok =
    m.poolIds.length === 1 && m.segmentIds.length === 1 && m.stageIds.length === 1 && m.touchpointIds.length === 1 &&
    m.poolEmerging[0] === 0 && m.competitorCount === 0 && m.workforce === null && m.segAcqBase[0] === 0 &&
    m.segNeedStep[0] === 0 && m.segReferralStep[0] === 0 && m.portfolioIds.length === 1 && m.leverIds.length === 0;
  if (!ok) throw new Error('minimal-loop: the scenario is not the minimal model (one pool, segment, stage, touchpoint; nothing else)');
}

export function runMinimalLoop(m: CompiledModel): MinimalLoopResult {
  assertMinimal(m);
  const T = m.clock.steps;
  const repKey = deriveKey(m.seed, 'replication', m.replication);
  const N = m.segInitialAgents[0];

  // population: the engine's own trait draws (creation is not the loop being compared)
  const t0 = performance.now();
  const pop = new Population(1, N);
  const capture = new Float64Array(1);
  for (let i = 0; i < N; i++) pop.add(m, 0, initialCustomerKey(repKey, i), -1, 0, capture);
  const key = pop.key, hazard = pop.hazard, sat = pop.satisfaction, churnFactor = pop.churnFactor, sowFactor = pop.sowFactor;
  const wallet = pop.wallet, sens = pop.sensitivity;
  const alive = new Uint8Array(N).fill(1);
  const populationSeconds = (performance.now() - t0) / 1000;

  // constants of the one touchpoint, pool and behaviour
  const visitP = m.tpVisit[0], noise = m.tpNoise[0];
  const friction = m.tpFloor[0] + (m.tpFriction0[0] - m.tpFloor[0]);
  const quality = m.tpBase[0] - friction;
  const lambda = m.satMemory, satRef = m.satRef, churnSens = m.churnSatSens, sowSlope = m.sowSatSlope;
  const sowC = Math.exp(-(m.sowLogitBase + m.sowReadinessSlope * (m.readiness0[0] - 0.5)));
  const marginRate = m.marginRate[0], cts = m.costToServeStep[0], delta = m.clock.discountPerStep;
  const churnPort = m.portChurnMult[0];
  const visitPurpose = Math.imul(U_TOUCHPOINT, GOLDEN), noisePurpose = Math.imul(U_TOUCHPOINT + 1, GOLDEN);
  const churnPurpose = Math.imul(U_CHURN, GOLDEN);

  const aliveByStep = new Float64Array(T);
  let aliveSteps = 0, marginPV = 0, discount = 1;
  const t1 = performance.now();
  for (let t = 0; t < T; t++) {
    discount *= delta;
    const salt = fmix32(mix2(repKey, t + 0x3c6ef372));
    const idx = m.walletIndex[t] * m.clock.monthsPerStep;
    const churnMult = churnPort * m.stress.churn[t];
    let aliveNow = 0, margin = 0;
    for (let i = 0; i < N; i++) {
      if (alive[i] === 0) continue;
      aliveNow++;
      const x = fmix32((key[i] ^ salt) | 0);
      if ((fmix32((x + visitPurpose) | 0) + 0.5) * INV_2_32 < visitP) {
        const e = quality + noise * normalQuantile((fmix32((x + noisePurpose) | 0) + 0.5) * INV_2_32);
        const s = lambda * sat[i] + (1 - lambda) * e;
        sat[i] = s;
        churnFactor[i] = Math.exp(-churnSens * sens[i] * (s - satRef));
        sowFactor[i] = Math.exp(-sowSlope * sens[i] * (s - satRef));
      }
      let h = hazard[i] * churnFactor[i] * churnMult;
      if (h > 1) h = 1;
      if ((fmix32((x + churnPurpose) | 0) + 0.5) * INV_2_32 < h) {
        alive[i] = 0;
        continue;
      }
      margin += ((wallet[i] * idx) / (1 + sowFactor[i] * sowC)) * marginRate - cts;
    }
    aliveByStep[t] = aliveNow;
    aliveSteps += aliveNow;
    marginPV += margin * discount;
  }
  const loopSeconds = (performance.now() - t1) / 1000;
  return { aliveByStep, aliveCustomerSteps: aliveSteps, marginPV, loopSeconds, populationSeconds };
}
