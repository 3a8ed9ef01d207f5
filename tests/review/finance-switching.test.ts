/**
 * Review of switching values (src/finance/sensitivity.ts, docs/finance.md "Switching values"):
 * the sentence a CFO reads must name the strategies in the right order, every switch in the
 * range, and must not call a strategy "preferred" where the 95% band of the difference
 * contains 0 across the range.
 */
import { describe, expect, it } from 'vitest';
import { switchingValue, type Sensitivity, type SwitchingValue } from '../../src/finance/sensitivity.ts';
import { switchingCsv } from '../../src/finance/sensitivity-output.ts';

/** A grid at values 0, 1, 2, … with the given mean differences and a ± half-width 95% band. */
const grid = (means: number[], half = 1): SwitchingValue['grid'] =>
  means.map((m, i) => ({ value: i, mean: m, ci95: [m - half, m + half], pBeats: m > 0 ? 1 : m < 0 ? 0 : 0.5 }));

describe('switching values', () => {
  it('one sign change: switches from the strategy preferred at low to the one preferred at high, at the interpolated value', () => {
    const s = switchingValue('x', grid([4, 2, -2]), 'A', 'B');
    expect(s.value).toBe(1.5);
    expect(s.text).toMatch(/^switches from A to B at 1\.5/);
  });

  it('two sign changes: names both (not "from A to A")', () => {
    // + at 0, − at 1, + at 2: A preferred below 0.5, B between 0.5 and 1.5, A above 1.5
    const s = switchingValue('x', grid([5, -5, 5]), 'A', 'B');
    expect(s.text).not.toMatch(/from A to A/);
    expect(s.value).toBe(0.5);
    expect(s.switches).toEqual([0.5, 1.5]);
    expect(s.text).toMatch(/from A to B at 0\.5/);
    expect(s.text).toMatch(/back to A at 1\.5/);
  });

  it('a difference of exactly 0 at the low end that then stays positive is not a switch', () => {
    const s = switchingValue('x', grid([0, 1, 2], 0.1), 'A', 'B');
    expect(s.value).toBeNull();
    expect(s.text).not.toMatch(/switches from A and B alike/);
  });

  it('"no switch in range" does not call a strategy preferred when the 95% band contains 0 everywhere', () => {
    const s = switchingValue('x', grid([0.5, 0.4, 0.3], 1), 'A', 'B');
    expect(s.value).toBeNull();
    expect(s.text).toMatch(/no switch in range/);
    expect(s.text).toMatch(/not separated|contains 0/);
  });

  it('"no switch in range" with the band clear of 0 everywhere says so without a caveat', () => {
    const s = switchingValue('x', grid([5, 4, 3], 1), 'A', 'B');
    expect(s.text).toBe('no switch in range: A is preferred from 0 to 2');
  });

  it('switching.csv carries every switch, not only the first', () => {
    const sw = switchingValue('x', grid([5, -5, 5]), 'A', 'B');
    const csv = switchingCsv({ switching: [sw] } as unknown as Sensitivity).trim().split('\n');
    const header = csv[0].split(',');
    const col = header.indexOf('all_switching_values');
    expect(col).toBeGreaterThan(0);
    for (const line of csv.slice(1)) expect(line.split(',')[col]).toBe('0.5 1.5');
  });
});
