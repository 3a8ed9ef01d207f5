/**
 * Switching values at their edges (src/finance/sensitivity.ts, issue 17 item 4; written against
 * the survivors of finance-sensitivity.test.ts's switching tests), each grid small enough to
 * interpolate by hand, and a declared parameter whose file value is not the middle of its range.
 *
 * A crossing between neighbours (v₁, m₁), (v₂, m₂) of opposite signs is v₁ + (0 − m₁)/(m₂ − m₁)·(v₂ − v₁);
 * across a run of zeros it is the first zero's value. The band's crossing nearest to the first
 * switch (the first of two equally near) brackets it; a band that does not cross 0 gives null.
 */
import { describe, expect, it } from 'vitest';
import { analyseSensitivity, planSensitivity, switchingValue, type Factor } from '../../src/finance/sensitivity.ts';
import { wilsonInterval } from '../../src/metrics/interval.ts';
import { levered } from '../finance/levered.ts';
import { stubResult } from './finance-sensitivity-fixture.ts';

const g = (value: number, mean: number, lo: number, hi: number) => ({ value, mean, ci95: [lo, hi] as [number, number], pBeats: 0.5 });
const sw = (grid: ReturnType<typeof g>[]) => switchingValue('p', grid, 'A', 'B');

describe('the band around a switch', () => {
  it('of two band crossings the nearer one; equally near: the first', () => {
    // mean −10, −5, 5, 10 crosses at 1.5; lower band 2, −20, −5, 5 at 2/22 and 2.5 (nearer); upper never
    const one = sw([g(0, -10, 2, 12), g(1, -5, -20, 11), g(2, 5, -5, 20), g(3, 10, 5, 30)]);
    expect([one.value, one.range, one.text]).toEqual([1.5, [2.5, null], 'switches from B to A at 1.5']);
    // lower band 1, −1, −1, 1 crosses at 0.5 and 2.5, both 1 from 1.5; upper −1, 1, … at 0.5
    const tie = sw([g(0, -10, 1, -1), g(1, -5, -1, 1), g(2, 5, -1, 20), g(3, 10, 1, 30)]);
    expect([tie.range, tie.text]).toEqual([[0.5, 0.5], 'switches from B to A at 1.5 (95% band crosses 0 between 0.5 and 0.5)']);
  });

  it('only the upper band crosses, or neither: no band in words', () => {
    // upper −1 → 12 crosses at 1/13
    const hi = sw([g(0, -10, -12, -1), g(1, 10, -5, 12)]);
    expect([hi.value, hi.range![0], hi.text]).toEqual([0.5, null, 'switches from B to A at 0.5']);
    expect(hi.range![1]).toBeCloseTo(1 / 13, 15);
    const none = sw([g(0, -10, -12, -8), g(1, 10, -12, -8)]);
    expect([none.range, none.text]).toEqual([[null, null], 'switches from B to A at 0.5']);
  });

  it('a run of zeros crosses at its first point, whatever the levels on either side', () => {
    // mean −1, 0, 3: at 1 (not at the interpolation 0.5 between −1 and 3); lower −2, −1, 1 at 1.5
    const z = sw([g(0, -1, -2, 1), g(1, 0, -1, 1), g(2, 3, 1, 5)]);
    expect([z.value, z.switches, z.range]).toEqual([1, [1], [1.5, null]]);
  });

  it('three switches: back and forth in words; the band from its nearest crossings, in order', () => {
    // mean −1, 1, −1, 1: 0.5, 1.5, 2.5; lower −2, 0.5, −2, 0.5: 0.8, 1.2, 2.8 (nearest 0.8); upper 0.5, 2, −0.5, 2: 1.8, 2.2
    const t = sw([g(0, -1, -2, 0.5), g(1, 1, 0.5, 2), g(2, -1, -2, -0.5), g(3, 1, 0.5, 2)]);
    expect(t.switches).toEqual([0.5, 1.5, 2.5]);
    expect(t.range![0]).toBeCloseTo(0.8, 15);
    expect(t.range![1]).toBeCloseTo(1.8, 15);
    expect(t.text).toBe('switches from B to A at 0.5 (95% band crosses 0 between 0.8 and 1.8), back to B at 1.5, back to A at 2.5');
  });
});

describe('no switch', () => {
  it('the lead is the first mean that is not 0; 0.01 is written as 0.01', () => {
    const s = sw([g(0.01, 0, -1, 1), g(1, 2, 1, 3)]);
    expect(s.text).toBe('no switch in range: A is preferred from 0.01 to 1 (the 95% band of the difference contains 0 at 1 of 2 grid values)');
    expect([s.preferredAtLow, s.preferredAtHigh]).toEqual(['A and B alike', 'A']);
  });
  it('a band wholly below 0 is not open', () => {
    expect(sw([g(0, -3, -5, -1), g(1, -4, -6, -2)]).text).toBe('no switch in range: B is preferred from 0 to 1');
  });
});

describe('a declared parameter whose file value is not the middle of its range', () => {
  // marginRate declared 0.2 to 0.4 with the file value 0.25: the centre point has it at 0.25
  // (difference 0 + e_k = −1, 0, 1, 0), the grid's middle point at 0.3 (50 + e_k)
  const run = () => {
    const sc = levered();
    const views = { strategy: sc, baseline: sc };
    const fs: Factor[] = [{ path: 'pools.core.marginRate', source: 'declared', low: 0.2, high: 0.4, centre: 0.25 }];
    const settings = { replications: 4, grid: 3, trajectories: 0, morrisReplications: 4, levels: 4, sobol: 0, sobolReplications: 2 };
    const plan = planSensitivity(views, 'spend', 'zero', fs, settings, 'difference');
    return { plan, s: analyseSensitivity(views, fs, settings, plan, plan.jobs.map(stubResult)) };
  };

  it('the switching grid reads the grid point at 0.3, not the centre', () => {
    const { plan, s } = run();
    expect(plan.points.map((p) => p.id)).toEqual(['centre', 'pools.core.marginRate@low', 'pools.core.marginRate@0.500', 'pools.core.marginRate@high']);
    expect(s.switching[0].grid.map((x) => Math.round(x.mean * 1e9) / 1e9)).toEqual([-50, 50, 150]);
    expect(s.switching[0].value).toBeCloseTo(0.25, 12);
  });

  it('a replication with a difference of exactly 0 counts half a win', () => {
    const { s } = run();
    // centre: −1, 0, 1, 0 → wins 0 + ½ + 1 + ½ = 2 of 4: Wilson [0.150, 0.850]
    expect(s.centre.output.mean).toBeCloseTo(0, 12);
    const ci = (s.centre.output as { pBeatsCi95: [number, number] }).pBeatsCi95;
    expect(ci).toEqual(wilsonInterval(2, 4));
    expect(ci[0]).toBeCloseTo(0.150035, 5);
    expect(ci[1]).toBeCloseTo(0.849965, 5);
  });
});
