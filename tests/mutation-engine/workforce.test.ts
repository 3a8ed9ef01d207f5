/**
 * The service-profit chain's workforce step (docs/model.md §6) on a hand-set compiled workforce:
 * each quantity of one step written out with its numbers.
 */
import { describe, expect, it } from 'vitest';
import type { CompiledWorkforce } from '../../src/model/compile.ts';
import { WorkforceState } from '../../src/engine/mechanics/workforce.ts';

const base: CompiledWorkforce = {
  headcount: 10,
  wagePerStep: 3000,
  productivityPerStep: 100,
  hireCost: 500,
  demandStaffing: false,
  targetWorkload: 0.8,
  adjustPerStep: 0.5,
  isqBase: 0.4,
  engagement0: 0.5,
  engBase: 0.2,
  engIsq: 0.5,
  engBurnout: 0.4,
  engRelax: 0.5,
  turnoverAnnual: 0.36,
  turnoverSens: 2,
  turnoverRef: 0.575,
  experience0: 0.6,
  learnRelax: 0.2,
  newHireProductivity: 0.5,
  sqBase: 0.3,
  sqEngagement: 0.4,
  sqExperience: 0.2,
  sqOverload: 0.5,
  deflection0: 0,
  autoQuality0: 0,
  autoCostPerContact: 0,
  autoFriction: 0,
};

describe('WorkforceState', () => {
  it('starts at the compiled state; capacity = headcount · productivity · (h + (1 − h)·X)', () => {
    const w = new WorkforceState(base, 4);
    expect([w.engagement, w.experience, w.headcount]).toEqual([0.5, 0.6, 10]);
    expect(w.capacity()).toBeCloseTo(800, 12); // 10 · 100 · 0.8
  });
  it('one overloaded step, fixed staffing', () => {
    const w = new WorkforceState(base, 4);
    const s = w.step(1000, 0.5, 1);
    expect(s.workload).toBeCloseTo(1.25, 14); // 1000 / 800
    expect(s.isq).toBeCloseTo(0.7, 14); // 0.4 + 0.6 · 0.5
    // target E* = 0.2 + 0.5 · 0.7 − 0.4 · 0.25 = 0.45; E = 0.5 + (0.45 − 0.5) · 0.5
    expect(s.engagement).toBeCloseTo(0.475, 14);
    // annual turnover 0.36 · exp(−2 · (0.475 − 0.575)) = 0.36 · e^0.2; per quarter 1 − (1 − a)^(1/4)
    const annual = 0.36 * Math.exp(0.2);
    const turnover = 1 - Math.pow(1 - annual, 0.25);
    expect(s.turnover).toBeCloseTo(turnover, 14);
    expect(s.hires).toBeCloseTo(10 * turnover, 12);
    expect(s.headcount).toBeCloseTo(10, 12);
    // X: 0.6 + 0.4 · 0.2 = 0.68, then leavers take their share: · (10 − leavers)/10
    expect(s.experience).toBeCloseTo(0.68 * (1 - turnover), 14);
    // SQ = 0.3 + 0.4 · 0.475 + 0.2 · X − 0.5 · 0.25
    expect(s.serviceQuality).toBeCloseTo(0.3 + 0.19 + 0.2 * 0.68 * (1 - turnover) - 0.125, 14);
    expect(s.cost).toBeCloseTo(10 * 3000 + 10 * turnover * 500, 9);
    expect([w.engagement, w.experience, w.headcount]).toEqual([s.engagement, s.experience, s.headcount]);
  });
  it('a light step: no overload, the stress multiplier on turnover', () => {
    const w = new WorkforceState(base, 4);
    const s = w.step(400, 0, 2);
    expect(s.workload).toBeCloseTo(0.5, 14);
    // E* = 0.2 + 0.5 · 0.4 = 0.4; E = 0.45
    expect(s.engagement).toBeCloseTo(0.45, 14);
    const turnover = 2 * (1 - Math.pow(1 - 0.36 * Math.exp(0.25), 0.25));
    expect(s.turnover).toBeCloseTo(turnover, 14);
    expect(s.serviceQuality).toBeCloseTo(0.3 + 0.4 * 0.45 + 0.2 * 0.68 * (1 - turnover), 14);
  });
  it('clamps: engagement target and turnover at 1, service quality at 0', () => {
    const w = new WorkforceState({ ...base, engBase: 2, turnoverAnnual: 0.9, turnoverRef: 1.5, sqBase: -5 }, 4); // annual 0.9·e^1.5 > 1
    const s = w.step(0, 0, 1);
    expect(s.engagement).toBeCloseTo(0.75, 14); // 0.5 + (1 − 0.5) · 0.5
    expect(s.turnover).toBe(1);
    expect(s.headcount).toBe(10); // everyone leaves, as many are hired
    expect(s.experience).toBe(0); // hires bring none
    expect(s.serviceQuality).toBe(0);
    const low = new WorkforceState({ ...base, engBase: -2, turnoverAnnual: 0.1, sqBase: 5 }, 4).step(0, 0, 30);
    expect(low.engagement).toBeCloseTo(0.25, 14);
    expect(low.turnover).toBe(1);
    expect(low.serviceQuality).toBe(1);
  });
  it('no staff: workload 10 with contacts, 0 without', () => {
    const none = { ...base, headcount: 0 };
    expect(new WorkforceState(none, 4).step(5, 0, 1).workload).toBe(10);
    const idle = new WorkforceState(none, 4).step(0, 0, 1);
    expect(idle.workload).toBe(0);
    expect(idle.experience).toBe(0);
    expect(idle.headcount).toBe(0);
  });
  it('demand staffing: hires = leavers + (needed − headcount) · adjustment, needed at the target workload', () => {
    const w = new WorkforceState({ ...base, demandStaffing: true }, 4);
    const s = w.step(1000, 0.5, 1);
    const turnover = 1 - Math.pow(1 - 0.36 * Math.exp(0.2), 0.25);
    // per head 100 · 0.8 · 0.8 = 64 contacts; needed 1000/64 = 15.625
    const hires = 10 * turnover + (15.625 - 10) * 0.5;
    expect(s.hires).toBeCloseTo(hires, 12);
    expect(s.headcount).toBeCloseTo(10 + (15.625 - 10) * 0.5, 12);
    expect(s.experience).toBeCloseTo((0.68 * 10 * (1 - turnover)) / s.headcount, 14);
    expect(s.cost).toBeCloseTo(s.headcount * 3000 + hires * 500, 9);
    // too many staff: hires never negative
    const shrink = new WorkforceState({ ...base, demandStaffing: true }, 4).step(0, 0.5, 1);
    expect(shrink.hires).toBe(0);
    expect(shrink.headcount).toBeCloseTo(10 * (1 - (1 - Math.pow(1 - 0.36 * Math.exp(-2 * (0.5 + (0.2 + 0.35 - 0.5) * 0.5 - 0.575)), 0.25))), 12);
    // no productivity: nobody is needed
    const idle = new WorkforceState({ ...base, demandStaffing: true, productivityPerStep: 0 }, 4).step(100, 0, 1);
    expect(idle.workload).toBe(10);
    expect(idle.hires).toBeCloseTo(Math.max(0, idle.turnover * 10 - 10 * 0.5), 12);
  });
});
