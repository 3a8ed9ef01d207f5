/** src/model/lever.ts pinned to hand-computed values. */
import { describe, expect, it } from 'vitest';
import { capitalRetention, lagSteps, leverEffect, type ResolvedLever } from '../../src/model/lever.ts';
import { makeClock } from '../../src/model/time.ts';
import { Lever } from '../../src/scenario/schema.ts';

const lever = (over: Record<string, unknown>) => Lever.parse({ kind: 'friction', targets: ['tp'], ...over, response: { scale: 100, ...(over.response as object) } }) as ResolvedLever;

describe('leverEffect', () => {
  it('exponential: max·(1 − exp(−C/scale)); C = scale·ln 2 gives max/2', () => {
    const l = lever({ response: { scale: 100, max: 0.8 } });
    expect(leverEffect(l, 100 * Math.LN2)).toBeCloseTo(0.4, 14);
    expect(leverEffect(l, 100 * Math.log(4))).toBeCloseTo(0.6, 14);
  });
  it('Hill: max·Cⁿ/(Cⁿ + scaleⁿ)', () => {
    const l = lever({ response: { curve: 'hill', scale: 10, shape: 2, max: 0.5 } });
    expect(leverEffect(l, 10)).toBeCloseTo(0.25, 14);
    expect(leverEffect(l, 20)).toBeCloseTo(0.4, 14); // 0.5·400/500
    expect(leverEffect(l, 5)).toBeCloseTo(0.1, 14); // 0.5·25/125
  });
  it('no capital, or negative capital, has no effect', () => {
    expect(leverEffect(lever({ response: { scale: 100 } }), -10)).toBe(0);
    expect(leverEffect(lever({ response: { scale: 100 } }), 0)).toBe(0);
    expect(leverEffect(lever({ response: { curve: 'hill', scale: 10, shape: 0.5 } }), -10)).toBe(0);
  });
});

describe('capital and lag per step', () => {
  const q = makeClock(24, 4, 0);
  it('retention (1 − δ)^(months per step): 0.9³', () => {
    expect(capitalRetention(lever({ decayPerMonth: 0.1 }), q)).toBeCloseTo(0.729, 14);
    expect(capitalRetention(lever({ decayPerMonth: 0.1 }), makeClock(24, 12, 0))).toBeCloseTo(0.9, 14);
  });
  it('lag in steps: months / monthsPerStep rounded', () => {
    expect(lagSteps(lever({ lagMonths: 4 }), q)).toBe(1);
    expect(lagSteps(lever({ lagMonths: 5 }), q)).toBe(2);
    expect(lagSteps(lever({ lagMonths: 6 }), q)).toBe(2);
  });
});
