/**
 * The ad-hoc shock syntax of `cxsim stress --shock`: every documented form parses to the
 * scenario's StressShock, and bad input gets one exact message naming the flag.
 */
import { describe, expect, it } from 'vitest';
import { parseShocks, SHOCK_FORMS } from '../../src/finance/shock-syntax.ts';
import { parseAmount } from '../../src/finance/amount.ts';
import { Stress } from '../../src/scenario/schema.ts';

const POOLS = ['film', 'digital', 'digital-natives'];
const ok = (text: string) => {
  const r = parseShocks(text, POOLS);
  if (!r.ok) throw new Error(r.message);
  return r.shocks;
};
const err = (text: string) => {
  const r = parseShocks(text, POOLS);
  if (r.ok) throw new Error(`expected an error for ${text}`);
  return r.message;
};

describe('shock syntax: the horizon', () => {
  it('a shock starting after the horizon is refused rather than silently doing nothing', () => {
    const r = parseShocks('budget:-30%@500', POOLS, 24);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('--shock "budget:-30%@500": expected a month before the end of the horizon (24 months), found 500');
    expect(parseShocks('budget:-30%@23', POOLS, 24).ok).toBe(true);
  });
});

describe('shock syntax: documented forms', () => {
  it.each([
    ['budget:-30%@24', { kind: 'budgetCut', fromMonth: 24, cut: 0.3 }],
    ['budget:-100%@12-36', { kind: 'budgetCut', fromMonth: 12, toMonth: 36, cut: 1 }],
    ['pool:film*0.5@36', { kind: 'poolCollapse', pool: 'film', month: 36, factor: 0.5 }],
    ['competitor:digital+0.2@24', { kind: 'competitorLeap', pool: 'digital', month: 24, increase: 0.2 }],
    ['competitor:digital-natives-0.1@6', { kind: 'competitorLeap', pool: 'digital-natives', month: 6, increase: -0.1 }],
    ['recession:0.85@12-36', { kind: 'recession', fromMonth: 12, toMonth: 36, walletFactor: 0.85 }],
    ['recession:*0.9@30', { kind: 'recession', fromMonth: 30, walletFactor: 0.9 }],
    ['attrition:customers*2@12-18', { kind: 'attritionSpike', target: 'customers', fromMonth: 12, toMonth: 18, multiplier: 2 }],
    ['attrition:employees*1.5@6-18', { kind: 'attritionSpike', target: 'employees', fromMonth: 6, toMonth: 18, multiplier: 1.5 }],
    [' budget : -30% @ 24 ', { kind: 'budgetCut', fromMonth: 24, cut: 0.3 }],
  ])('%s', (text, shock) => {
    expect(ok(text)).toEqual([shock]);
  });

  it('joins shocks with ";" into one stress, a trailing ";" allowed', () => {
    expect(ok('pool:film*0.5@36;recession:0.85@12-36;')).toEqual([
      { kind: 'poolCollapse', pool: 'film', month: 36, factor: 0.5 },
      { kind: 'recession', fromMonth: 12, toMonth: 36, walletFactor: 0.85 },
    ]);
  });

  it('every form in the help parses and is a valid stress of the scenario schema', () => {
    for (const text of SHOCK_FORMS) {
      const shocks = ok(text);
      expect(Stress.safeParse({ shocks }).success).toBe(true);
    }
  });
});

describe('shock syntax: one exact message per mistake', () => {
  it.each([
    ['', '--shock "": expected a shock like budget:-30%@24, found nothing'],
    ['budgte:-30%@24', '--shock "budgte:-30%@24": expected a shock kind budget, pool, competitor, recession or attrition before ":", found "budgte" (did you mean "budget"?)'],
    ['budget-30%@24', '--shock "budget-30%@24": expected a shock kind budget, pool, competitor, recession or attrition before ":", found "budget-30%@24" and no ":"'],
    ['budget:-30%', '--shock "budget:-30%": expected "@MONTH" or "@FROM-TO" after the change, found none'],
    ['budget:30%@24', '--shock "budget:30%@24": expected a cut like -30% after "budget:", found "30%"'],
    ['budget:-130%@24', '--shock "budget:-130%@24": expected a cut from -0% to -100%, found "-130%"'],
    ['budget:-30%@x', '--shock "budget:-30%@x": expected a month (a number ≥ 0) or a range FROM-TO after "@", found "x"'],
    ['budget:-30%@36-12', '--shock "budget:-30%@36-12": expected a range FROM-TO with TO after FROM, found "36-12"'],
    ['pool:film@36', '--shock "pool:film@36": expected POOL*FACTOR after "pool:" (e.g. pool:film*0.5), found "film"'],
    ['pool:flim*0.5@36', '--shock "pool:flim*0.5@36": unknown pool "flim" (did you mean "film"?); the scenario has film, digital, digital-natives'],
    ['pool:film*-1@36', '--shock "pool:film*-1@36": expected a factor ≥ 0 after "*", found "-1"'],
    ['pool:film*0.5@12-24', '--shock "pool:film*0.5@12-24": expected a single month after "@" for a pool collapse (it lasts to the horizon), found "12-24"'],
    ['competitor:digital@24', '--shock "competitor:digital@24": expected POOL+INCREASE after "competitor:" (e.g. competitor:digital+0.2), found "digital"'],
    ['recession:deep@12', '--shock "recession:deep@12": expected a wallet factor like 0.85 after "recession:", found "deep"'],
    ['attrition:staff*2@1-3', '--shock "attrition:staff*2@1-3": expected customers*MULTIPLIER or employees*MULTIPLIER after "attrition:", found "staff*2"'],
    ['attrition:customers*2@12', '--shock "attrition:customers*2@12": expected a month range FROM-TO after "@" for an attrition spike, found "12"'],
    ['budget:-30%@24;;recession:0.9@1', '--shock "budget:-30%@24;;recession:0.9@1": expected a shock like budget:-30%@24, found nothing'],
  ])('%s', (text, message) => {
    expect(err(text)).toBe(message);
  });
});

describe('amounts', () => {
  it.each([
    ['3000000', 3e6],
    ['3e6', 3e6],
    ['3M', 3e6],
    ['2.5m', 2.5e6],
    ['500k', 5e5],
    ['1.2bn', 1.2e9],
    ['-20M', -2e7],
  ])('%s', (text, x) => expect(parseAmount(text)).toBe(x));
  it.each(['3,000,000', 'M', '3MM', 'three', ''])('rejects %j', (text) => expect(parseAmount(text)).toBeNull());
});
