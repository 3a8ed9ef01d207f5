/**
 * src/engine/population.ts pinned: capacity and growth, the traits of a new customer from the
 * compiled model (base hazard per step, sensitivity, the satisfaction factors, wallets and pool
 * bits, emerging pools at month 0), the population limit, clone, and the customers' stream keys.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/model/compile.ts';
import { Population, acquiredCustomerKey, initialCustomerKey } from '../../src/engine/population.ts';
import { PopulationLimitError, POPULATION_LIMIT } from '../../src/engine/population-limit.ts';
import { neutral } from '../engine/neutral.ts';

/** A quarterly model with two pools (current `core`, emerging `new`) and two segments. */
function model(over: Record<string, unknown> = {}) {
  const sc = neutral({
    meta: { stepsPerYear: 4, horizonMonths: 12 },
    behaviour: { satisfactionReference: 0.6, churnSatisfactionSensitivity: 2, shareOfWallet: { satisfactionSlope: 0.5 } },
    pools: { new: { kind: 'emerging', marginRate: 0.2, initialAdoption: 1 } },
    segments: {
      s: { churn: { annualRate: 0.3439 }, initialSatisfaction: 0.8, cxSensitivity: { mean: 1.5, cv: 0 }, wallet: { core: { mean: 100, cv: 0 }, new: { mean: 40, cv: 0 } } },
      t: { initialCustomers: 10, churn: { annualRate: 1 }, initialSatisfaction: 0.6, wallet: { core: { mean: 0, cv: 0 } } },
    },
    ...over,
  });
  return compileModel({ scenario: sc, strategy: 'none', replication: 0 });
}

describe('Population: capacity', () => {
  it('at least 16 slots, at most the limit; arrays sized by capacity and pools', () => {
    expect(new Population(2, 5).capacity).toBe(16);
    expect(new Population(2, 100).capacity).toBe(100);
    expect(new Population(2, 100, 50).capacity).toBe(50);
    const p = new Population(3, 20);
    expect(p.wallet.length).toBe(60);
    expect(p.key.length).toBe(20);
    expect(p.value.length).toBe(20);
    expect(p.limit).toBe(POPULATION_LIMIT);
    expect(p.pools).toBe(3);
    expect(p.size).toBe(0);
  });
  it('at most 8 pools', () => {
    expect(() => new Population(9, 16)).toThrow(/at most 8 pools/);
    expect(new Population(8, 16).pools).toBe(8);
  });
  it('36 + 4·P bytes per customer', () => {
    expect(Population.bytesPerCustomer(3)).toBe(48);
    expect(Population.bytesPerCustomer(0)).toBe(36);
  });
});

describe('Population.add', () => {
  const m = model();
  const capture = Float64Array.from([0, 1]);
  it('a customer of segment s at month 0: hazard per quarter, traits, both pools', () => {
    const p = new Population(2, 16);
    const i = p.add(m, 0, 12345, -1, 0, capture);
    expect(i).toBe(0);
    expect(p.size).toBe(1);
    expect(p.key[0]).toBe(12345);
    expect(p.segment[0]).toBe(0);
    expect(p.stage[0]).toBe(0);
    expect(p.alive[0]).toBe(1);
    expect(p.acquired[0]).toBe(-1);
    expect(p.value[0]).toBe(0);
    expect(p.portfolio[0]).toBe(0);
    expect(p.hazard[0]).toBeCloseTo(0.1, 7); // 1 − 0.6561^(1/4)
    expect(p.sensitivity[0]).toBeCloseTo(1.5, 7);
    expect(p.satisfaction[0]).toBeCloseTo(0.8, 7);
    expect(p.churnFactor[0]).toBeCloseTo(Math.exp(-2 * 1.5 * 0.2), 6);
    expect(p.sowFactor[0]).toBeCloseTo(Math.exp(-0.5 * 1.5 * 0.2), 6);
    expect(p.wallet[0]).toBe(100);
    expect(p.wallet[1]).toBe(40);
    expect(p.participates[0]).toBe(0b11);
    expect(p.withUs[0]).toBe(0b11);
  });
  it('an initial adopter of an emerging pool buys it from us with probability captureAtStart', () => {
    const p = new Population(2, 16);
    p.add(m, 0, 1, -1, 2, Float64Array.from([0, 0]));
    expect(p.participates[0]).toBe(0b11);
    expect(p.withUs[0]).toBe(0b01);
    expect(p.stage[0]).toBe(2);
  });
  it('customers acquired later do not start in an emerging pool', () => {
    const p = new Population(2, 16);
    p.add(m, 0, 1, 3, 0, capture);
    expect(p.acquired[0]).toBe(3);
    expect(p.participates[0]).toBe(0b01);
    expect(p.withUs[0]).toBe(0b01);
  });
  it('no initial adoption: not in the emerging pool', () => {
    const m0 = model({ pools: { new: { kind: 'emerging', marginRate: 0.2, initialAdoption: 0 } } });
    const p = new Population(2, 16);
    p.add(m0, 0, 1, -1, 0, capture);
    expect(p.participates[0]).toBe(0b01);
  });
  it('churn 1 a year: hazard 1; no wallet: in no pool; satisfaction at the reference: factors 1', () => {
    const p = new Population(2, 16);
    p.add(m, 1, 7, -1, 0, capture);
    expect(p.segment[0]).toBe(1);
    expect(p.hazard[0]).toBe(1);
    expect(p.wallet[0]).toBe(0);
    expect(p.wallet[1]).toBe(0);
    expect(p.participates[0]).toBe(0);
    expect(p.withUs[0]).toBe(0);
    expect(p.churnFactor[0]).toBe(1);
    expect(p.sowFactor[0]).toBe(1);
  });
  it('a Beta churn propensity is drawn from the customer key: same key, same θ; other keys, others', () => {
    const mb = model({ segments: { s: { churn: { alpha: 1, beta: 3 } } } });
    const p = new Population(2, 16);
    p.add(mb, 0, 99, -1, 0, capture);
    p.add(mb, 0, 99, -1, 0, capture);
    p.add(mb, 0, 100, -1, 0, capture);
    expect(p.hazard[0]).toBe(p.hazard[1]);
    expect(p.hazard[2]).not.toBe(p.hazard[0]);
    expect(p.hazard[0]).toBeGreaterThan(0);
    expect(p.hazard[0]).toBeLessThan(1);
  });
  it('grows by half again, keeping the customers', () => {
    const p = new Population(2, 16);
    for (let k = 0; k < 17; k++) p.add(m, 0, 1000 + k, -1, 0, capture);
    expect(p.size).toBe(17);
    expect(p.capacity).toBe(24);
    expect(p.wallet.length).toBe(48);
    expect(Array.from(p.key.subarray(0, 17))).toEqual(Array.from({ length: 17 }, (_, k) => 1000 + k));
    expect(p.wallet[16 * 2]).toBe(100);
    expect(p.wallet[15 * 2 + 1]).toBe(40);
    expect(Array.from(p.alive.subarray(0, 17)).every((a) => a === 1)).toBe(true);
    expect(p.hazard[3]).toBeCloseTo(0.1, 7);
    const q = new Population(2, 16, 20);
    for (let k = 0; k < 17; k++) q.add(m, 0, k, -1, 0, capture);
    expect(q.capacity).toBe(20);
  });
  it('stops at the limit with a PopulationLimitError naming the step', () => {
    const p = new Population(2, 16, 2);
    p.add(m, 0, 1, 4, 0, capture);
    p.add(m, 0, 2, 4, 0, capture);
    let err: unknown;
    try {
      p.add(m, 0, 3, 5, 0, capture);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PopulationLimitError);
    expect((err as PopulationLimitError).limit).toBe(2);
    expect((err as PopulationLimitError).step).toBe(4);
    expect((err as Error).message).toMatch(/passed 2 customers in step 5/);
    expect(p.size).toBe(2);
  });
});

describe('Population.clone', () => {
  it('an independent copy of the first size customers', () => {
    const m = model();
    const p = new Population(2, 40);
    for (let k = 0; k < 3; k++) p.add(m, k % 2, 50 + k, k - 1, k, Float64Array.from([0, 1]));
    p.value[1] = 12.5;
    p.portfolio[2] = 1;
    p.alive[0] = 0;
    const c = p.clone();
    expect(c.size).toBe(3);
    expect(c.capacity).toBe(16);
    expect(c.pools).toBe(2);
    for (const k of ['key', 'segment', 'portfolio', 'stage', 'alive', 'acquired', 'hazard', 'sensitivity', 'satisfaction', 'churnFactor', 'sowFactor', 'participates', 'withUs', 'value'] as const) {
      expect(Array.from(c[k].subarray(0, 3)), k).toEqual(Array.from(p[k].subarray(0, 3)));
    }
    expect(Array.from(c.wallet.subarray(0, 6))).toEqual(Array.from(p.wallet.subarray(0, 6)));
    expect(c.value[1]).toBe(12.5);
    c.value[1] = 0;
    c.alive[1] = 0;
    expect(p.value[1]).toBe(12.5);
    expect(p.alive[1]).toBe(1);
  });
});

describe('Population.survivors', () => {
  it('an independent copy of the alive customers only, in index order', () => {
    const m = model();
    const p = new Population(2, 40);
    for (let k = 0; k < 5; k++) p.add(m, k % 2, 50 + k, k - 1, k, Float64Array.from([0, 1]));
    for (let k = 0; k < 5; k++) p.value[k] = 10 + k;
    p.alive[0] = 0;
    p.alive[3] = 0;
    const c = p.survivors();
    expect(c.size).toBe(3);
    expect(c.capacity).toBe(16);
    expect(c.pools).toBe(2);
    const kept = [1, 2, 4];
    for (const k of ['key', 'segment', 'portfolio', 'stage', 'alive', 'acquired', 'hazard', 'sensitivity', 'satisfaction', 'churnFactor', 'sowFactor', 'participates', 'withUs', 'value'] as const) {
      expect(Array.from(c[k].subarray(0, 3)), k).toEqual(kept.map((i) => p[k][i]));
    }
    expect(Array.from(c.alive.subarray(0, 3))).toEqual([1, 1, 1]);
    expect(Array.from(c.wallet.subarray(0, 6))).toEqual(kept.flatMap((i) => [p.wallet[2 * i], p.wallet[2 * i + 1]]));
    c.value[0] = 0;
    c.alive[1] = 0;
    expect(p.value[1]).toBe(11);
    expect(p.alive[2]).toBe(1);
    // nobody alive: an empty copy
    p.alive.fill(0);
    expect(p.survivors().size).toBe(0);
  });
});

describe('stream keys (every published result depends on them: pinned)', () => {
  it('initial customers', () => {
    expect([initialCustomerKey(0, 0), initialCustomerKey(0, 1), initialCustomerKey(12345, 7)]).toEqual(KEYS.initial);
  });
  it('acquired customers, by step, segment and index', () => {
    expect([acquiredCustomerKey(0, 0, 0, 0), acquiredCustomerKey(12345, 3, 2, 4), acquiredCustomerKey(12345, 4, 2, 4), acquiredCustomerKey(12345, 3, 1, 4), acquiredCustomerKey(12345, 3, 2, 5)]).toEqual(KEYS.acquired);
  });
});
// Values of the keys as of this commit (issue 17): a change here changes every replication of every scenario.
const KEYS = { initial: [246787645, 4153969781, 3314017414], acquired: [3473361899, 2813778608, 4097691515, 1852375117, 3965894490] };
