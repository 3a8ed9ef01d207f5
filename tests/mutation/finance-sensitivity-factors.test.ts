/**
 * The parameters a sensitivity analysis swings (src/finance/sensitivity-factors.ts), pinned
 * exactly on the `levered` scenario (issue 17 item 4; written against the surviving mutants of
 * `npm run mutation -- --folder finance`): `--param PATH=LOW:HIGH` parsed and every malformed
 * form's message, what the scenario has where a path does not lead to a parameter (the
 * "did you mean" list: 12 names in full, more cut to 12 and "…"), and the factors built from
 * the scenario's distributions with a declared range replacing the distribution of the same path.
 *
 * The view with two distributions: pools.core.marginRate uniform(0.2, 0.4) (P10 0.22, median
 * 0.3, P90 0.38) and pools.core.costToServe uniform(0, 1) (P10 0.1, median 0.5, P90 0.9).
 */
import { describe, expect, it } from 'vitest';
import { buildFactors, parseRangeParam, type DeclaredRange } from '../../src/finance/sensitivity-factors.ts';
import { Scenario } from '../../src/scenario/schema.ts';
import { levered, leveredInput } from '../finance/levered.ts';

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-12);

function withDistributions(): Scenario {
  const input = leveredInput();
  input.pools.core = { ...input.pools.core, marginRate: { dist: 'uniform', min: 0.2, max: 0.4 }, costToServe: { dist: 'uniform', min: 0, max: 1 } } as never;
  return Scenario.parse(input);
}

const declared = (text: string): DeclaredRange => {
  const d = parseRangeParam(text);
  if (typeof d === 'string') throw new Error(d);
  return d;
};
const fail = (view: Scenario, text: string) => {
  const r = buildFactors(view, 'spend', [declared(text)], [0.1, 0.9]);
  return r.ok ? 'ok' : r.message;
};

describe('--param PATH=LOW:HIGH', () => {
  it('path and range trimmed, amounts with suffixes', () => {
    expect(parseRangeParam(' pools.core.marginRate = 0.2 : 0.4 ')).toEqual({ text: ' pools.core.marginRate = 0.2 : 0.4 ', path: 'pools.core.marginRate', low: 0.2, high: 0.4 });
    expect(parseRangeParam('strategies.spend.budget.perYear=50k:1.5M')).toEqual({ text: 'strategies.spend.budget.perYear=50k:1.5M', path: 'strategies.spend.budget.perYear', low: 50000, high: 1500000 });
    expect(parseRangeParam('x=-1:0')).toEqual({ text: 'x=-1:0', path: 'x', low: -1, high: 0 });
  });

  it('each malformed part named in the one message', () => {
    const expected = (text: string, found: string) => `--param "${text}": expected PATH=LOW:HIGH (e.g. pools.digital.bass.q=0.3:0.6), found ${found}`;
    expect(parseRangeParam('0.2:0.4')).toBe(expected('0.2:0.4', 'no "="'));
    expect(parseRangeParam('x')).toBe(expected('x', 'no "="'));
    expect(parseRangeParam('=0.2:0.4')).toBe(expected('=0.2:0.4', '"0.2:0.4"'));
    expect(parseRangeParam(' =0.2:0.4')).toBe(expected(' =0.2:0.4', '"0.2:0.4"'));
    expect(parseRangeParam('x= 0.4 ')).toBe(expected('x= 0.4 ', '"0.4"'));
    expect(parseRangeParam('x=a:0.4')).toBe(expected('x=a:0.4', '"a:0.4"'));
    expect(parseRangeParam('x=0.2:b')).toBe(expected('x=0.2:b', '"0.2:b"'));
    expect(parseRangeParam('x=0.1:0.2:0.3')).toBe(expected('x=0.1:0.2:0.3', '"0.1:0.2:0.3"'));
    expect(parseRangeParam('x=:')).toBe(expected('x=:', '":"'));
  });

  it('LOW must be strictly below HIGH', () => {
    expect(parseRangeParam('x=0.3:0.3')).toBe('--param "x=0.3:0.3": expected LOW below HIGH, found 0.3:0.3');
    expect(parseRangeParam('x=1M:2k')).toBe('--param "x=1M:2k": expected LOW below HIGH, found 1000000:2000');
  });
});

describe('a path that is not a parameter', () => {
  const view = levered();

  it('a missing name: what its longest existing prefix has, all 12 names of the top level', () => {
    expect(fail(view, 'nosuch=1:2')).toBe(
      '--param "nosuch=1:2": the scenario has no nosuch; the top level has meta, behaviour, valuation, pools, segments, portfolios, journeys, workforce, competitors, levers, strategies, stresses',
    );
    expect(fail(view, 'pools.kore.marginRate=0.2:0.4')).toBe('--param "pools.kore.marginRate=0.2:0.4": the scenario has no pools.kore.marginRate; pools has core, next');
  });

  it('more than 12 names: the first 12 and "…"', () => {
    const many = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`s${i + 1}`, view.segments.s]));
    const wide = { ...view, segments: many } as Scenario;
    expect(fail(wide, 'segments.t.serviceNeed=0.1:0.3')).toBe(
      '--param "segments.t.serviceNeed=0.1:0.3": the scenario has no segments.t.serviceNeed; segments has s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, …',
    );
  });

  it('below a value that is not a map: no list of names', () => {
    expect(fail(view, 'meta.name.x=1:2')).toBe('--param "meta.name.x=1:2": the scenario has no meta.name.x');
    expect(fail(view, 'meta.horizonMonths.x=1:2')).toBe('--param "meta.horizonMonths.x=1:2": the scenario has no meta.horizonMonths.x');
  });

  it('a path to something else than a number or a distribution: what is there', () => {
    expect(fail(view, 'meta.name=1:2')).toBe('--param "meta.name=1:2": expected a number or a distribution at meta.name, found string "levered"');
    expect(fail(view, 'pools.core=1:2')).toBe('--param "pools.core=1:2": expected a number or a distribution at pools.core, found a map');
    expect(fail(view, 'levers.fix.targets=1:2')).toBe('--param "levers.fix.targets=1:2": expected a number or a distribution at levers.fix.targets, found a list');
  });

  it('either end outside the parameter\'s bounds: the schema\'s message', () => {
    expect(fail(view, 'pools.core.marginRate=-0.5:0.4')).toBe('--param "pools.core.marginRate=-0.5:0.4": pools.core.marginRate  expected a number in [0, 1], found -0.5');
  });
});

describe('the factors', () => {
  it('every distribution acting on the strategy, swung between the quantiles, centred on its median', () => {
    const r = buildFactors(withDistributions(), 'spend', [], [0.1, 0.9]);
    if (!r.ok) throw new Error(r.message);
    expect(r.factors.map((f) => [f.path, f.source, f.quantiles])).toEqual([
      ['pools.core.marginRate', 'distribution', [0.1, 0.9]],
      ['pools.core.costToServe', 'distribution', [0.1, 0.9]],
    ]);
    const [mr, cts] = r.factors;
    close(mr.low, 0.22), close(mr.centre, 0.3), close(mr.high, 0.38);
    close(cts.low, 0.1), close(cts.centre, 0.5), close(cts.high, 0.9);
  });

  it('a declared range replaces the distribution of its path in place (centre: the median), others are appended (centre: the value)', () => {
    const r = buildFactors(withDistributions(), 'spend', [declared('pools.core.marginRate=0.25:0.35'), declared('pools.next.marginRate=0.3:0.5')], [0.25, 0.75]);
    if (!r.ok) throw new Error(r.message);
    expect(r.factors.map((f) => [f.path, f.source])).toEqual([
      ['pools.core.marginRate', 'declared'],
      ['pools.core.costToServe', 'distribution'],
      ['pools.next.marginRate', 'declared'],
    ]);
    const [mr, cts, next] = r.factors;
    expect([mr.low, mr.high]).toEqual([0.25, 0.35]);
    close(mr.centre, 0.3);
    expect(mr.dist).toBeUndefined();
    close(cts.low, 0.25), close(cts.high, 0.75);
    expect([next.low, next.centre, next.high]).toEqual([0.3, 0.4, 0.5]);
    const second = buildFactors(withDistributions(), 'spend', [declared('pools.core.costToServe=0.2:0.6')], [0.1, 0.9]);
    if (!second.ok) throw new Error(second.message);
    expect(second.factors.map((f) => [f.path, f.source, f.low, f.high])).toEqual([
      ['pools.core.marginRate', 'distribution', second.factors[0].low, second.factors[0].high],
      ['pools.core.costToServe', 'declared', 0.2, 0.6],
    ]);
    close(second.factors[1].centre, 0.5);
  });
});
