/**
 * Attribution: the lever-off scenario transform and the waterfall that adds up.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Scenario } from '../src/scenario/schema.ts';
import { activeLevers, withoutLever } from '../src/metrics/without-lever.ts';
import { attribute } from '../src/metrics/attribution.ts';
import { makeResult } from './helpers/replication-result.ts';

const scenario = Scenario.parse({
  meta: { name: 'levers' },
  pools: { film: { marginRate: 0.3 } },
  segments: { mass: { initialCustomers: 10, churn: { annualRate: 0.1 } } },
  journeys: { main: { stages: { use: {} } } },
  levers: {
    training: { kind: 'employeeSupport', response: { scale: 1000 } },
    chatbot: { kind: 'automation', response: { scale: 1000 } },
    ads: { kind: 'acquisition', targets: ['mass'], response: { scale: 1000 } },
  },
  strategies: {
    base: { baseline: true },
    mix: {
      budget: { perYear: 12000, allocation: { training: 0.5, chatbot: 0.3 } },
      schedules: { ads: [[0, 100], [12, 50]] },
      rules: [{ when: { indicator: 'workload', above: 1.1 }, move: { share: 0.5, from: 'chatbot', to: 'training' } }],
    },
  },
});

describe('withoutLever', () => {
  it('zeroes the allocation share, leaving the other shares (the budget part is not spent)', () => {
    const s = withoutLever(scenario, 'mix', 'training');
    expect(s.strategies.mix.budget.allocation).toEqual({ training: 0, chatbot: 0.3 });
    expect(s.strategies.mix.budget.perYear).toBe(12000);
    expect(s.strategies.mix.rules[0].move.share).toBe(0);
  });
  it('turns a schedule into zero spend', () => {
    const s = withoutLever(scenario, 'mix', 'ads');
    expect(s.strategies.mix.schedules.ads).toEqual([[0, 0]]);
    expect(s.strategies.mix.budget.allocation).toEqual({ training: 0.5, chatbot: 0.3 });
  });
  it('does not modify its input or other strategies', () => {
    const before = JSON.stringify(scenario);
    const s = withoutLever(scenario, 'mix', 'chatbot');
    expect(JSON.stringify(scenario)).toBe(before);
    expect(s.strategies.base).toBe(scenario.strategies.base);
    expect(s.levers).toBe(scenario.levers);
    expect(s.strategies.mix.rules[0].move.share).toBe(0.5); // the rule moves from chatbot: nothing to move, left as is
    expect(Scenario.safeParse(s).success).toBe(true);
  });
  it('knows the levers a strategy spends on', () => {
    expect(activeLevers(scenario, 'mix')).toEqual(['training', 'chatbot', 'ads']);
    expect(activeLevers(scenario, 'base')).toEqual([]);
    expect(activeLevers(withoutLever(withoutLever(scenario, 'mix', 'ads'), 'mix', 'training'), 'mix')).toEqual(['chatbot']);
  });
  it('rejects unknown ids', () => {
    expect(() => withoutLever(scenario, 'nope', 'ads')).toThrow(/strategy "nope"/);
    expect(() => withoutLever(scenario, 'mix', 'nope')).toThrow(/lever "nope"/);
  });
});

describe('attribution waterfall', () => {
  const net = (strategy: string, k: number, value: number) => makeResult({ strategy, replication: k, steps: 1, totals: { netEquity: value } });
  const runs = (strategy: string, v: number, order = [0, 1, 2]) => order.map((k) => net(strategy, k, v + k));
  it('gives lever contributions by CRN pairing and a remainder so the bars add up', () => {
    // replication k: baseline 100+k; strategy 160+k; strategy without training 130+k; without chatbot 150+k
    const a = attribute(runs('mix', 160, [2, 0, 1]), runs('base', 100), [
      { lever: 'training', results: runs('mix', 130) },
      { lever: 'chatbot', results: runs('mix', 150) },
    ]);
    expect(a.total.mean).toBe(60);
    expect(a.levers.map((l) => [l.lever, l.usedBy, l.contribution.mean])).toEqual([
      ['training', 'strategy', 30],
      ['chatbot', 'strategy', 10],
    ]);
    expect(a.remainder.mean).toBe(20);
    expect(a.levers[0].contribution.sd).toBe(0); // CRN: the replication noise cancels
  });
  it('nets the value a lever creates in the baseline against its value in the strategy', () => {
    // baseline 100+k uses counter (without it: 70+k → value 30) and training (without: 95+k → value 5);
    // strategy 120+k uses training (without: 100+k → value 20) and online (without: 110+k → value 10).
    const a = attribute(
      runs('mix', 120),
      runs('base', 100),
      [
        { lever: 'training', results: runs('mix', 100) },
        { lever: 'online', results: runs('mix', 110) },
      ],
      [
        { lever: 'counter', results: runs('base', 70) },
        { lever: 'training', results: runs('base', 95) },
      ],
    );
    expect(a.levers.map((l) => [l.lever, l.usedBy, l.contribution.mean])).toEqual([
      ['training', 'both', 15],
      ['online', 'strategy', 10],
      ['counter', 'baseline', -30],
    ]);
    expect(a.total.mean).toBe(20);
    expect(a.remainder.mean).toBe(25);
  });
  it('adds up exactly in every case (property)', () => {
    const v = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(v, v, v, v, v), { minLength: 2, maxLength: 8 }), (rows) => {
        const mk = (strategy: string, i: number) => rows.map((row, k) => net(strategy, k, row[i]));
        const a = attribute(mk('mix', 1), mk('base', 0), [{ lever: 'l1', results: mk('mix', 2) }, { lever: 'l2', results: mk('mix', 3) }], [{ lever: 'l1', results: mk('base', 4) }]);
        const sum = a.levers.reduce((acc, l) => acc + l.contribution.mean, a.remainder.mean);
        expect(sum).toBeCloseTo(a.total.mean, 6);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
  it('refuses results that do not pair up', () => {
    const base = [0, 1].map((k) => net('base', k, 1));
    const s = [0, 2].map((k) => net('mix', k, 1));
    expect(() => attribute(s, base, [])).toThrow(/cannot pair/);
  });
});
