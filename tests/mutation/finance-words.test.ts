/**
 * What the finance commands print about their inputs, pinned exactly (issue 17: numbers and
 * words, not shapes; written against the surviving mutants of `npm run mutation -- --folder
 * finance`): a stress shock in words with its timing, dotted parameter paths, amounts as
 * typed on a command line.
 */
import { describe, expect, it } from 'vitest';
import { describeShock, describeShocks, firstShockMonth } from '../../src/finance/shock-description.ts';
import { splitPath, getAtPath, existingPrefix, setAtPath } from '../../src/finance/scenario-path.ts';
import { parseAmount, parseNumber } from '../../src/finance/amount.ts';
import type { StressShock } from '../../src/scenario/schema.ts';

describe('a stress shock in words, with when it strikes', () => {
  it.each<[StressShock, string]>([
    [{ kind: 'budgetCut', fromMonth: 24, cut: 0.255 }, "every lever's spend cut by 25.5% from month 24 (year 3) on"],
    [{ kind: 'budgetCut', fromMonth: 12, toMonth: 18, cut: 0.5 }, "every lever's spend cut by 50% in months 12–17 (6 months, starting in year 2)"],
    [{ kind: 'budgetCut', fromMonth: 0, cut: { dist: 'uniform', min: 0.1, max: 0.3 } as never }, "every lever's spend cut by an uncertain share from month 0 (year 1) on"],
    [{ kind: 'poolCollapse', pool: 'film', month: 11, factor: 0.6 }, "the film pool's wallet × 0.6 from month 11 (year 1) on"],
    [{ kind: 'poolCollapse', pool: 'film', month: 36, factor: { dist: 'uniform', min: 0.4, max: 0.8 } as never }, "the film pool's wallet × an uncertain factor from month 36 (year 4) on"],
    [{ kind: 'competitorLeap', pool: 'digital', month: 6, increase: 0.1 }, "every competitor's experience in the digital pool +0.1 from month 6 (year 1) on"],
    [{ kind: 'competitorLeap', pool: 'digital', month: 6, increase: -0.05 }, "every competitor's experience in the digital pool -0.05 from month 6 (year 1) on"],
    [{ kind: 'competitorLeap', pool: 'digital', month: 6, increase: { dist: 'uniform', min: 0, max: 0.2 } as never }, "every competitor's experience in the digital pool +an uncertain amount from month 6 (year 1) on"],
    [{ kind: 'recession', fromMonth: 12, walletFactor: 0.85 }, "every pool's wallet × 0.85 from month 12 (year 2) on"],
    [{ kind: 'recession', fromMonth: 12, toMonth: 30, walletFactor: 0.85 }, "every pool's wallet × 0.85 in months 12–29 (18 months, starting in year 2)"],
    [{ kind: 'attritionSpike', target: 'customers', fromMonth: 3, toMonth: 9, multiplier: 1.5 }, 'customer churn hazard × 1.5 in months 3–8 (6 months, starting in year 1)'],
    [{ kind: 'attritionSpike', target: 'employees', fromMonth: 3, toMonth: 9, multiplier: 2 }, 'employee turnover × 2 in months 3–8 (6 months, starting in year 1)'],
  ])('%o', (shock, words) => expect(describeShock(shock)).toBe(words));

  it('every shock of a stress joined by "; ", and the first month any of them strikes', () => {
    const shocks: StressShock[] = [
      { kind: 'recession', fromMonth: 12, walletFactor: 0.9 },
      { kind: 'poolCollapse', pool: 'film', month: 7, factor: 0.5 },
    ];
    expect(describeShocks(shocks)).toBe("every pool's wallet × 0.9 from month 12 (year 2) on; the film pool's wallet × 0.5 from month 7 (year 1) on");
    expect(firstShockMonth(shocks)).toBe(7);
    expect(firstShockMonth([shocks[0]])).toBe(12);
    expect(firstShockMonth([])).toBeNull();
  });
});

describe('dotted parameter paths', () => {
  const root = { pools: { digital: { bass: { q: 0.38 } } }, rules: [{ when: { above: 0.7 } }, { move: 2 }], zero: 0, nothing: null };
  it('split at dots and [i]; empty steps dropped', () => {
    expect(splitPath('rules[0].when.above')).toEqual(['rules', '0', 'when', 'above']);
    expect(splitPath('.a..b.')).toEqual(['a', 'b']);
    expect(splitPath('a[12][3]')).toEqual(['a', '12', '3']);
  });
  it('read a value, undefined when a step is missing or not an object', () => {
    expect(getAtPath(root, 'pools.digital.bass.q')).toBe(0.38);
    expect(getAtPath(root, 'rules.1.move')).toBe(2);
    expect(getAtPath(root, 'rules[0].when.above')).toBe(0.7);
    expect(getAtPath(root, 'pools.film.bass')).toBeUndefined();
    expect(getAtPath(root, 'zero.x')).toBeUndefined();
    expect(getAtPath(root, 'nothing.x')).toBeUndefined();
  });
  it('the longest existing prefix of a path', () => {
    expect(existingPrefix(root, 'pools.digital.bas.q')).toBe('pools.digital');
    expect(existingPrefix(root, 'pools.digital.bass.q')).toBe('pools.digital.bass.q');
    expect(existingPrefix(root, 'pool')).toBe('');
    expect(existingPrefix(root, 'zero.x')).toBe('zero');
    expect(existingPrefix(root, 'nothing.x')).toBe('nothing');
  });
  it('set a value copy-on-write: the original is untouched, siblings shared, arrays stay arrays', () => {
    const out = setAtPath(root, 'rules[0].when.above', 0.8);
    expect(out.rules[0].when.above).toBe(0.8);
    expect(root.rules[0].when.above).toBe(0.7);
    expect(Array.isArray(out.rules)).toBe(true);
    expect(out.rules[1]).toBe(root.rules[1]);
    expect(out.pools).toBe(root.pools);
    expect(setAtPath(root, 'pools.digital.bass.p', 0.01).pools.digital.bass).toEqual({ q: 0.38, p: 0.01 });
  });
  it('refuses an empty path and a missing intermediate step (a typo must not create a branch)', () => {
    expect(() => setAtPath(root, '', 1)).toThrow('setAtPath: empty path');
    expect(() => setAtPath(root, 'pools.film.bass.q', 1)).toThrow('no pools.film to set pools.film.bass.q in');
    expect(() => setAtPath(root, 'zero.x', 1)).toThrow('no zero to set zero.x in');
    expect(() => setAtPath(root, 'nothing.x', 1)).toThrow('no nothing to set nothing.x in');
  });
});

describe('amounts as typed on a command line', () => {
  it.each([
    ['3000000', 3e6], ['3e6', 3e6], ['3E+6', 3e6], ['+2.5', 2.5], ['-.5', -0.5], ['7.', 7], [' 42 ', 42],
  ])('number %j = %d', (t, x) => expect(parseNumber(t)).toBe(x));
  it.each(['1e999', '3,5', 'e5', '.', '1.2.3', '--1', '1e', 'Infinity', 'NaN'])('not a number: %j', (t) => expect(parseNumber(t)).toBeNull());
  it.each([
    ['500k', 5e5], ['500K', 5e5], ['2.5m', 2.5e6], ['3M', 3e6], ['1.2bn', 1.2e9], ['1.2BN', 1.2e9], ['1.2Bn', 1.2e9], ['2b', 2e9], ['2B', 2e9], ['-20M', -2e7], [' 4k ', 4e3], ['12', 12],
  ])('amount %j = %d', (t, x) => expect(parseAmount(t)).toBeCloseTo(x, 6));
  it.each(['k', 'xk', '1e999k', '3MM', '1.2.3M'])('not an amount: %j', (t) => expect(parseAmount(t)).toBeNull());
});
