/**
 * `cxsim stress --shock` syntax at its edges (issue 17; written against the surviving mutants
 * of src/finance/shock-syntax.ts and sweep-grid.ts): what is accepted (zero factors, month 0,
 * spaces, a trailing ";"), what is refused (negative months and factors, text before or after
 * the pattern, a start at the horizon) and the exact message, and the fields of each shock
 * (no toMonth key when the shock is open-ended).
 */
import { describe, expect, it } from 'vitest';
import { parseShocks } from '../../src/finance/shock-syntax.ts';
import { parseSweepParam, parseShard } from '../../src/finance/sweep-grid.ts';

const POOLS = ['film', 'digital'];
const ok = (text: string, pools: string[] | undefined = POOLS, horizon?: number) => {
  const r = parseShocks(text, pools, horizon);
  if (!r.ok) throw new Error(r.message);
  return r.shocks;
};
const err = (text: string, pools: string[] | undefined = POOLS, horizon?: number) => {
  const r = parseShocks(text, pools, horizon);
  return r.ok ? 'accepted' : r.message;
};

describe('accepted at the edges', () => {
  it.each([
    ['budget:-0%@0', { kind: 'budgetCut', fromMonth: 0, cut: 0 }],
    ['pool:film*0@36', { kind: 'poolCollapse', pool: 'film', month: 36, factor: 0 }],
    ['pool: film *0.5@36', { kind: 'poolCollapse', pool: 'film', month: 36, factor: 0.5 }],
    ['competitor:digital +0.2@24', { kind: 'competitorLeap', pool: 'digital', month: 24, increase: 0.2 }],
    ['recession:0@12', { kind: 'recession', fromMonth: 12, walletFactor: 0 }],
    ['attrition:customers*0@1-3', { kind: 'attritionSpike', target: 'customers', fromMonth: 1, toMonth: 3, multiplier: 0 }],
    ['budget:-30%@ 12 - 36 ', { kind: 'budgetCut', fromMonth: 12, toMonth: 36, cut: 0.3 }],
  ])('%j', (text, shock) => expect(ok(text)).toStrictEqual([shock]));
  it('an open-ended budget cut or recession has no toMonth key at all', () => {
    expect(Object.keys(ok('budget:-30%@24')[0])).toEqual(['kind', 'fromMonth', 'cut']);
    expect(Object.keys(ok('recession:0.9@24')[0])).toEqual(['kind', 'fromMonth', 'walletFactor']);
  });
  it('several shocks: all kept; a trailing ";" (with spaces) is harmless', () => {
    expect(ok('budget:-30%@24;recession:0.9@1').map((s) => s.kind)).toEqual(['budgetCut', 'recession']);
    expect(ok('budget:-30%@24; ').map((s) => s.kind)).toEqual(['budgetCut']);
  });
  it('without a pool list any id is taken; a shock starting in the horizon’s last month is fine', () => {
    expect(parseShocks('pool:anything*0.5@3')).toStrictEqual({ ok: true, shocks: [{ kind: 'poolCollapse', pool: 'anything', month: 3, factor: 0.5 }] });
    expect(ok('pool:film*0.5@23', POOLS, 24)[0]).toMatchObject({ month: 23 });
  });
});

describe('refused, with the message', () => {
  it.each([
    [' ', 'expected a shock like budget:-30%@24, found nothing'],
    ['budget', 'expected a shock kind budget, pool, competitor, recession or attrition before ":", found "budget" and no ":"'],
    [':-30%@24', 'expected a shock kind budget, pool, competitor, recession or attrition before ":", found ""'],
    ['budget:@24', 'expected a cut like -30% after "budget:", found ""'],
    ['budget:-30%@ x ', 'expected a month (a number ≥ 0) or a range FROM-TO after "@", found "x"'],
    ['budget:-30%@-1', 'expected a month (a number ≥ 0) or a range FROM-TO after "@", found "-1"'],
    ['budget:-30%@-1-2', 'expected a month (a number ≥ 0) or a range FROM-TO after "@", found "-1-2"'],
    ['budget:-30%@12-12', 'expected a range FROM-TO with TO after FROM, found "12-12"'],
    ['budget:x-30%@24', 'expected a cut like -30% after "budget:", found "x-30%"'],
    ['budget:-30%x@24', 'expected a cut like -30% after "budget:", found "-30%x"'],
    ['budget:--30%@24', 'expected a cut from -0% to -100%, found "--30%"'],
    ['pool:*film*0.5@36', 'expected POOL*FACTOR after "pool:" (e.g. pool:film*0.5), found "*film*0.5"'],
    ['pool:film*x@36', 'expected POOL*FACTOR after "pool:" (e.g. pool:film*0.5), found "film*x"'],
    ['pool:film* -1@36', 'expected a factor ≥ 0 after "*", found "-1"'],
    ['pool:film*0.5@ 12-24 ', 'expected a single month after "@" for a pool collapse (it lasts to the horizon), found "12-24"'],
    ['competitor:digital+0.2@12-24', 'expected a single month after "@" for a competitor leap (it lasts to the horizon), found "12-24"'],
    ['competitor:digital+x@24', 'expected POOL+INCREASE after "competitor:" (e.g. competitor:digital+0.2), found "digital+x"'],
    ['recession:0.85*@12', 'expected a wallet factor like 0.85 after "recession:", found "0.85*"'],
    ['recession:-0.5@12', 'expected a wallet factor ≥ 0, found "-0.5"'],
    ['attrition:xcustomers*2@1-3', 'expected customers*MULTIPLIER or employees*MULTIPLIER after "attrition:", found "xcustomers*2"'],
    ['attrition:customers*x@1-3', 'expected customers*MULTIPLIER or employees*MULTIPLIER after "attrition:", found "customers*x"'],
    ['attrition:customers* -2@1-3', 'expected a multiplier ≥ 0 after "*", found "-2"'],
    ['attrition:customers*2@ 12 ', 'expected a month range FROM-TO after "@" for an attrition spike, found "12"'],
  ])('%j', (text, message) => expect(err(text)).toBe(`--shock ${JSON.stringify(text)}: ${message}`));
  it('an id with a space is not a pool id (without a pool list too)', () => {
    expect(parseShocks('competitor:di gital+0.2@24')).toEqual({ ok: false, message: '--shock "competitor:di gital+0.2@24": expected POOL+INCREASE after "competitor:" (e.g. competitor:digital+0.2), found "di gital+0.2"' });
  });
  it('text after a line break is not ignored', () => {
    expect(err('budget:-30%@12-36\nx')).not.toBe('accepted');
    expect(err('pool:film*0.5\nx@36')).not.toBe('accepted');
    expect(err('attrition:customers*2\nx@1-3')).not.toBe('accepted');
  });
  it('a shock that starts at or after the end of the horizon (a pool collapse too)', () => {
    expect(err('budget:-30%@24', POOLS, 24)).toBe('--shock "budget:-30%@24": expected a month before the end of the horizon (24 months), found 24');
    expect(err('pool:film*0.5@30', POOLS, 24)).toBe('--shock "pool:film*0.5@30": expected a month before the end of the horizon (24 months), found 30');
  });
});

describe('sweep and shard edges', () => {
  it('text without "=" is refused as such, whatever it looks like', () => {
    expect(parseSweepParam('pools.q')).toBe('--param "pools.q": expected PATH=V1,V2,... or PATH=FROM:TO:COUNT (e.g. pools.digital.bass.q=0.3,0.4,0.5), found no "="');
  });
  it('a descending range ends exactly at TO (0.7 + (0.1 − 0.7) is 0.09999999999999998 in floating point)', () => {
    expect(parseSweepParam('x=0.7:0.1:2')).toEqual({ path: 'x', values: [0.7, 0.1] });
  });
  it('shards with several digits', () => {
    expect(parseShard('10/12')).toEqual({ index: 10, count: 12 });
    expect(parseShard('1/12')).toEqual({ index: 1, count: 12 });
  });
});
