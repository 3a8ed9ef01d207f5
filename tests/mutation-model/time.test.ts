/**
 * src/model/time.ts pinned to hand-computed values (issue 17 item 4: each assertion kills a
 * class of mutants — a wrong operator, a wrong rounding, a dropped guard).
 */
import { describe, expect, it } from 'vitest';
import { annualToStepProbability, interpolatePoints, makeClock, monthToStep, perStepProbability, stepFunction, stepToMonth } from '../../src/model/time.ts';

describe('makeClock', () => {
  it('monthly: 24 steps of 1 month; δ^12 = 1/1.1 at 10% a year', () => {
    const c = makeClock(24, 12, 0.1);
    expect(c.steps).toBe(24);
    expect(c.stepsPerYear).toBe(12);
    expect(c.monthsPerStep).toBe(1);
    // 1.1^(−1/12) = exp(−ln 1.1 / 12) = exp(−0.0079425150) = 1 − x + x²/2 − x³/6 … = 0.9920889434
    expect(c.discountPerStep).toBeCloseTo(0.9920889434, 9);
    expect(c.discountPerStep ** 12).toBeCloseTo(1 / 1.1, 12);
  });
  it('quarterly: 3 months a step; steps are the horizon in steps rounded to nearest, at least 1', () => {
    const c = makeClock(24, 4, 0.21);
    expect(c.monthsPerStep).toBe(3);
    expect(c.steps).toBe(8);
    // 1.21^(−1/4) = 1.1^(−1/2)
    expect(c.discountPerStep).toBeCloseTo(1 / Math.sqrt(1.1), 12);
    expect(makeClock(5, 4, 0).steps).toBe(2); // 5/3 = 1.67 → 2
    expect(makeClock(4, 4, 0).steps).toBe(1); // 4/3 = 1.33 → 1
    expect(makeClock(1, 4, 0).steps).toBe(1); // 1/3 → 0 → at least 1
    expect(makeClock(12, 1, 0).discountPerStep).toBe(1);
  });
});

describe('month ↔ step', () => {
  const q = makeClock(24, 4, 0);
  it('monthToStep rounds month / monthsPerStep', () => {
    expect(monthToStep(7, q)).toBe(2); // 2.33
    expect(monthToStep(8, q)).toBe(3); // 2.67
    expect(monthToStep(9, q)).toBe(3);
  });
  it('stepToMonth is step × monthsPerStep', () => {
    expect(stepToMonth(5, q)).toBe(15);
    expect(stepToMonth(0, q)).toBe(0);
  });
});

describe('probabilities per step', () => {
  const q = makeClock(24, 4, 0);
  const semi = makeClock(24, 2, 0);
  it('per month → per quarter: 1 − 0.9³ = 0.271', () => {
    expect(perStepProbability(0.1, q)).toBeCloseTo(0.271, 14);
    expect(perStepProbability(0, q)).toBe(0);
  });
  it('a per-month probability of 1 or more is certain', () => {
    expect(perStepProbability(1, q)).toBe(1);
    expect(perStepProbability(1.5, q)).toBe(1); // (1 − 1.5)³ would give 1.125
    expect(perStepProbability(1.5, makeClock(24, 6, 0))).toBe(1); // and (−0.5)² 0.75
  });
  it('per year → per step: 1 − (1 − p)^(1/stepsPerYear)', () => {
    expect(annualToStepProbability(0.19, semi)).toBeCloseTo(0.1, 14); // 0.81^(1/2) = 0.9
    expect(annualToStepProbability(0.3439, q)).toBeCloseTo(0.1, 14); // 0.6561^(1/4) = 0.9
    expect(annualToStepProbability(1, q)).toBe(1);
    expect(annualToStepProbability(1.5, semi)).toBe(1);
  });
});

describe('interpolatePoints (piecewise linear, flat outside)', () => {
  const pts = [[2, 1], [12, 6], [24, 0]] as const;
  it('flat before the first point and after the last', () => {
    expect(interpolatePoints(pts, 0)).toBe(1);
    expect(interpolatePoints(pts, 2)).toBe(1);
    expect(interpolatePoints(pts, 30)).toBe(0);
  });
  it('linear in between', () => {
    expect(interpolatePoints(pts, 4)).toBeCloseTo(2, 14); // 1 + 5·2/10
    expect(interpolatePoints(pts, 12)).toBe(6);
    expect(interpolatePoints(pts, 15)).toBeCloseTo(4.5, 14); // 6 − 6·3/12
    expect(interpolatePoints(pts, 24)).toBe(0);
  });
  it('a single point is a constant', () => {
    expect(interpolatePoints([[5, 3]], 0)).toBe(3);
    expect(interpolatePoints([[5, 3]], 9)).toBe(3);
  });
});

describe('stepFunction (the last point at or before the month; 0 before the first)', () => {
  const pts = [[3, 10], [6, 20], [12, 30]] as const;
  it('reads the step at and between points', () => {
    expect(stepFunction(pts, 0)).toBe(0);
    expect(stepFunction(pts, 2.9)).toBe(0);
    expect(stepFunction(pts, 3)).toBe(10);
    expect(stepFunction(pts, 5)).toBe(10);
    expect(stepFunction(pts, 6)).toBe(20);
    expect(stepFunction(pts, 11)).toBe(20);
    expect(stepFunction(pts, 12)).toBe(30);
    expect(stepFunction(pts, 100)).toBe(30);
  });
});
