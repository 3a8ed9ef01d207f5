/**
 * Lever capital → effects (docs/model.md §7) and the capture probability of an emerging pool
 * (docs/model.md §2), on hand-set compiled models: several levers on one target combine as
 * 1 − Π(1 − e), portfolio treatments add, friction levers reach controllable touchpoints and
 * mitigation levers the others, the first retention offer's terms apply.
 */
import { describe, expect, it } from 'vitest';
import type { CompiledModel } from '../../src/model/compile.ts';
import type { ResolvedLever } from '../../src/model/lever.ts';
import { Lever } from '../../src/scenario/schema.ts';
import { LeverEffects, applyLeverEffects } from '../../src/engine/mechanics/levers.ts';
import { captureProbability } from '../../src/engine/mechanics/pools.ts';

const lever = (kind: string, targets: string[], offer?: Record<string, number>) =>
  Lever.parse({ kind, targets, response: { scale: 100 }, ...(offer ? { offer } : {}) }) as ResolvedLever;
/** Capital giving effect e with scale 100, max 1: C = −100·ln(1 − e). */
const capitalFor = (e: number) => -100 * Math.log(1 - e);

const levers = [
  lever('friction', ['tpA', 'tpB', 'zz']),
  lever('friction', ['tpA']),
  lever('mitigation', ['tpA', 'tpB']),
  lever('readiness', ['p1', 'zz']),
  lever('acquisition', []),
  lever('acquisition', ['s2', 'zz']),
  lever('portfolioTreatment', []),
  lever('portfolioTreatment', ['k1', 'zz']),
  lever('employeeSupport', []),
  lever('employeeSupport', []),
  lever('automation', []),
  lever('automationQuality', []),
  lever('retentionOffer', [], { satisfactionDrop: 0.2, satisfactionBoost: 0.3, costPerOffer: 7 }),
  lever('retentionOffer', [], { satisfactionDrop: 0.4, satisfactionBoost: 0.1, costPerOffer: 9 }),
];
const m = {
  levers,
  touchpointIds: ['tpA', 'tpB'],
  tpControllable: Uint8Array.from([1, 0]),
  poolIds: ['p0', 'p1'],
  segmentIds: ['s1', 's2'],
  portfolioIds: ['k0', 'k1'],
} as unknown as CompiledModel;
const effects = [0.5, 0.75, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.5, 0.5, 0.4, 0.3, 0.5, 0.5];

describe('applyLeverEffects', () => {
  const fx = new LeverEffects(m);
  const effect = new Float64Array(levers.length);
  const run = (capital: number[]) => applyLeverEffects(m, Float64Array.from(capital), effect, fx);
  it('every kind, with targets, combined', () => {
    run(effects.map(capitalFor));
    for (let l = 0; l < levers.length; l++) expect(effect[l]).toBeCloseTo(effects[l], 12);
    expect(fx.friction[0]).toBeCloseTo(0.875, 12); // 1 − 0.5·0.25 (friction on the controllable one)
    expect(fx.friction[1]).toBeCloseTo(0.5, 12); // mitigation only
    expect(Array.from(fx.readiness)).toEqual([0, expect.closeTo(0.5, 12)]);
    expect(fx.acquisition[0]).toBeCloseTo(0.5, 12); // no targets: every segment
    expect(fx.acquisition[1]).toBeCloseTo(0.75, 12);
    expect(fx.treatment[0]).toBeCloseTo(0.5, 12); // treatments add
    expect(fx.treatment[1]).toBeCloseTo(0.75, 12);
    expect(fx.support).toBeCloseTo(0.75, 12);
    expect(fx.automation).toBeCloseTo(0.4, 12);
    expect(fx.autoQuality).toBeCloseTo(0.3, 12);
    expect(fx.offerCoverage).toBeCloseTo(0.75, 12);
    expect([fx.offerDrop, fx.offerBoost, fx.offerCost]).toEqual([0.2, 0.3, 7]);
  });
  it('starts from nothing at every call', () => {
    run(effects.map(capitalFor));
    run(effects.map(() => 0));
    expect(Array.from(effect)).toEqual(effects.map(() => 0));
    for (const a of [fx.friction, fx.readiness, fx.acquisition, fx.treatment]) expect(Array.from(a)).toEqual([0, 0]);
    expect([fx.support, fx.automation, fx.autoQuality, fx.offerCoverage, fx.offerBoost, fx.offerCost]).toEqual([0, 0, 0, 0, 0.3, 7]);
    expect(fx.offerDrop).toBe(0.2); // terms of the first offer lever, even at zero coverage
  });
  it('without a retention offer lever: no drop triggers an offer', () => {
    const m2 = { ...m, levers: levers.slice(0, 2) } as unknown as CompiledModel;
    const fx2 = new LeverEffects(m2);
    applyLeverEffects(m2, Float64Array.from([capitalFor(0.5), capitalFor(0.5)]), new Float64Array(2), fx2);
    expect(fx2.offerDrop).toBe(Infinity);
    expect([fx2.offerBoost, fx2.offerCost, fx2.offerCoverage]).toEqual([0, 0, 0]);
  });
  it('arrays sized by the model', () => {
    const f = new LeverEffects({ ...m, touchpointIds: ['a', 'b', 'c'], poolIds: ['p'], segmentIds: ['x', 'y', 'z', 'w'], portfolioIds: [] } as unknown as CompiledModel);
    expect([f.friction.length, f.readiness.length, f.acquisition.length, f.treatment.length]).toEqual([3, 1, 4, 0]);
    expect([f.support, f.automation, f.autoQuality, f.offerCoverage, f.offerDrop, f.offerBoost, f.offerCost]).toEqual([0, 0, 0, 0, Infinity, 0, 0]);
  });
});

describe('captureProbability (multinomial logit)', () => {
  const T = 3, P = 2;
  // competitor levels [c][p][t]; NaN = absent from the pool
  const level = new Float64Array(2 * P * T).fill(NaN);
  level[0 * P * T + 1 * T + 2] = 0; // competitor 0 in pool 1 at step 2
  level[1 * P * T + 1 * T + 2] = 1; // competitor 1 in pool 1 at step 2
  level[0 * P * T + 0 * T + 1] = 0.5; // competitor 0 in pool 0 at step 1
  const mc = { competitorCount: 2, poolIds: ['p0', 'p1'], clock: { steps: T }, captureSens: Math.log(3), competitorLevel: level } as unknown as CompiledModel;
  it('no competitors: every adopter is ours', () => {
    expect(captureProbability({ ...mc, competitorCount: 0 } as unknown as CompiledModel, 1, 2, 0)).toBe(1);
  });
  it('e^(s·ours) / (e^(s·ours) + Σ e^(s·theirs)), absent competitors left out', () => {
    // readiness 1: 3 / (3 + 1 + 3)
    expect(captureProbability(mc, 1, 2, 1)).toBeCloseTo(3 / 7, 14);
    // readiness 0: 1 / (1 + 1 + 3)
    expect(captureProbability(mc, 1, 2, 0)).toBeCloseTo(1 / 5, 14);
    // pool 0 at step 1: one competitor at 0.5, readiness 0.5: ½
    expect(captureProbability(mc, 0, 1, 0.5)).toBeCloseTo(0.5, 14);
    // nobody there: 1
    expect(captureProbability(mc, 0, 0, 0.2)).toBe(1);
  });
});
