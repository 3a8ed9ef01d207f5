/**
 * Attribution: the lever-off scenario transform (spend removed wherever it comes from, money a
 * rule moves from a switched-off lever still reaching its other lever) and Shapley values that
 * add up, with no order and no interactions bar.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Scenario } from '../src/scenario/schema.ts';
import { activeLevers, withoutLever, withoutLevers } from '../src/metrics/without-lever.ts';
import { attribute, coalitionsToRun, EXACT_SHAPLEY_MAX, shapleyValues } from '../src/metrics/attribution.ts';
import { planComparison } from '../src/cli/commands/compare.ts';
import { compareStrategies } from '../src/metrics/comparison.ts';
import { makeResult } from './helpers/replication-result.ts';
import { levered, runInProcess } from './finance/small-scenarios.ts';

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
  it('switches the lever off with a zero schedule and keeps its share, so rules moving from it still fund their other lever', () => {
    const s = withoutLever(scenario, 'mix', 'chatbot');
    expect(s.strategies.mix.schedules.chatbot).toEqual([[0, 0]]);
    expect(s.strategies.mix.budget.allocation).toEqual({ training: 0.5, chatbot: 0.3 });
    expect(s.strategies.mix.budget.perYear).toBe(12000);
    expect(s.strategies.mix.rules[0].move).toEqual({ share: 0.5, from: 'chatbot', to: 'training' });
  });
  it('turns a schedule into zero spend', () => {
    const s = withoutLever(scenario, 'mix', 'ads');
    expect(s.strategies.mix.schedules.ads).toEqual([[0, 0]]);
    expect(s.strategies.mix.budget.allocation).toEqual({ training: 0.5, chatbot: 0.3 });
  });
  it('does not modify its input or other strategies', () => {
    const before = JSON.stringify(scenario);
    const s = withoutLevers(scenario, 'mix', ['chatbot', 'training']);
    expect(JSON.stringify(scenario)).toBe(before);
    expect(s.strategies.base).toBe(scenario.strategies.base);
    expect(s.levers).toBe(scenario.levers);
    expect(Scenario.safeParse(s).success).toBe(true);
  });
  it('knows the levers a strategy spends on', () => {
    expect(activeLevers(scenario, 'mix')).toEqual(['training', 'chatbot', 'ads']);
    expect(activeLevers(scenario, 'base')).toEqual([]);
    expect(activeLevers(withoutLevers(scenario, 'mix', ['ads', 'training']), 'mix')).toEqual(['chatbot']);
  });
  it('rejects unknown ids', () => {
    expect(() => withoutLever(scenario, 'nope', 'ads')).toThrow(/strategy "nope"/);
    expect(() => withoutLever(scenario, 'mix', 'nope')).toThrow(/lever "nope"/);
  });
});

describe('Shapley values', () => {
  it('split a two-lever game with a known interaction: each lever gets half the synergy', () => {
    // v(∅) = 0, v(a) = 10, v(b) = 20, v(ab) = 50: synergy 20 → φa = 10 + 10 = 20, φb = 20 + 10 = 30
    // (switching a off first would give a 30 and b 20; b first would give a 10 and b 40)
    const table: Record<string, number> = { '': 0, a: 10, b: 20, 'a,b': 50 };
    const { phi, method } = shapleyValues(['a', 'b'], (on) => [table[on.join(',')], 2 * table[on.join(',')]]);
    expect(method).toBe('shapley-exact');
    expect(phi.get('a')).toEqual([20, 40]);
    expect(phi.get('b')).toEqual([30, 60]);
  });
  it('are efficient, symmetric and give a dummy nothing (property, three levers)', () => {
    const v = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(fc.array(v, { minLength: 8, maxLength: 8 }), (vals) => {
        const levers = ['a', 'b', 'c'];
        // c is a dummy: the value depends only on a and b
        const game = (on: string[]) => [vals[(on.includes('a') ? 1 : 0) + (on.includes('b') ? 2 : 0)] - vals[0]];
        const { phi } = shapleyValues(levers, game);
        const sum = levers.reduce((acc, l) => acc + phi.get(l)![0], 0);
        expect(sum).toBeCloseTo(game(levers)[0] - game([])[0], 6);
        expect(phi.get('c')![0]).toBeCloseTo(0, 9);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
  it('sample permutations above 8 levers, with a sampling error, and recover an additive game exactly', () => {
    const levers = Array.from({ length: EXACT_SHAPLEY_MAX + 2 }, (_, i) => `l${i}`);
    const coalitions = coalitionsToRun(levers, 3);
    expect(coalitions.length).toBeLessThan(2 ** levers.length - 1);
    // additive: every marginal contribution is the lever's own value, so every permutation agrees
    const { phi, samplingSe, method, permutations } = shapleyValues(levers, (on) => [on.reduce((a, l) => a + Number(l.slice(1)) + 1, 0)], 3);
    expect(method).toBe('shapley-sampled');
    expect(permutations).toBeGreaterThan(1);
    levers.forEach((l, i) => {
      expect(phi.get(l)![0]).toBeCloseTo(i + 1, 9);
      expect(samplingSe.get(l)).toBeCloseTo(0, 9);
    });
  });
  it('lists every proper coalition up to 8 levers', () => {
    expect(coalitionsToRun(['a', 'b', 'c'], 0).map((c) => c.join(','))).toEqual(['', 'a', 'b', 'a,b', 'c', 'a,c', 'b,c']);
  });
});

describe('attribution', () => {
  const net = (strategy: string, k: number, value: number) => makeResult({ strategy, replication: k, steps: 1, totals: { netEquity: value } });
  const runs = (strategy: string, v: number, order = [0, 1, 2]) => order.map((k) => net(strategy, k, v + k));
  it('gives Shapley contributions by CRN pairing that add up to the total, with no interactions bar', () => {
    // replication k: baseline (no levers) 100+k; strategy 160+k; only training on 130+k; only chatbot 120+k; none 100+k
    // φ_training = ½(30) + ½(160 − 120) = 35; φ_chatbot = ½(20) + ½(160 − 130) = 25; 35 + 25 = 60
    const a = attribute(runs('mix', 160, [2, 0, 1]), runs('base', 100), ['training', 'chatbot'], [
      { levers: ['training'], results: runs('mix', 130) },
      { levers: ['chatbot'], results: runs('mix', 120) },
      { levers: [], results: runs('mix', 100) },
    ]);
    expect(a.total.mean).toBe(60);
    expect(a.levers.map((l) => [l.lever, l.usedBy, l.contribution.mean])).toEqual([
      ['training', 'strategy', 35],
      ['chatbot', 'strategy', 25],
    ]);
    expect(a.remainder.mean).toBe(0);
    expect(a.levers[0].contribution.sd).toBe(0); // CRN: the replication noise cancels
    expect(a.method).toBe('shapley-exact');
  });
  it('nets a lever the baseline also uses against its Shapley value in the baseline', () => {
    // baseline: counter alone 100, none 70 → φ_counter(B) = 30; strategy: training 120, none 70 → φ_training(S) = 50
    const a = attribute(runs('mix', 120), runs('base', 100), ['training'], [{ levers: [], results: runs('mix', 70) }], ['counter'], [{ levers: [], results: runs('base', 70) }]);
    expect(a.levers.map((l) => [l.lever, l.usedBy, l.contribution.mean])).toEqual([
      ['training', 'strategy', 50],
      ['counter', 'baseline', -30],
    ]);
    expect(a.total.mean).toBe(20);
    expect(a.remainder.mean).toBe(0);
  });
  it('adds up exactly in every case (property)', () => {
    const v = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(v, v, v, v, v, v), { minLength: 2, maxLength: 8 }), (rows) => {
        const mk = (strategy: string, i: number) => rows.map((row, k) => net(strategy, k, row[i]));
        const a = attribute(mk('mix', 0), mk('base', 1), ['l1', 'l2'], [{ levers: ['l1'], results: mk('mix', 2) }, { levers: ['l2'], results: mk('mix', 3) }, { levers: [], results: mk('mix', 4) }], ['l1'], [{ levers: [], results: mk('base', 5) }]);
        const sum = a.levers.reduce((acc, l) => acc + l.contribution.mean, a.remainder.mean);
        expect(sum).toBeCloseTo(a.total.mean, 6);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
  it('refuses results that do not pair up', () => {
    const base = [0, 1].map((k) => net('base', k, 1));
    const s = [0, 2].map((k) => net('mix', k, 1));
    expect(() => attribute(s, base, [], [])).toThrow(/cannot pair/);
  });
});

describe('attribution of a rule-driven strategy (engine)', () => {
  // levered(): "spend" allocates fix 0.3, ready 0.2, grow 0.2, keep 0.1, schedules care, and from
  // month 6 a rule moves half of fix's share to ready. The baseline spends nothing.
  const sc = levered();
  const rs = async (scenario: typeof sc, strategy: string) => runInProcess([0, 1, 2].map((replication) => ({ scenario, strategy, replication })));
  it('switching the from lever off keeps the money the rule moves to the other lever (no double counting)', async () => {
    const [full, fixOff, readyOff] = await Promise.all([rs(sc, 'spend'), rs(withoutLever(sc, 'spend', 'fix'), 'spend'), rs(withoutLever(sc, 'spend', 'ready'), 'spend')]);
    expect(full.every((r) => r.firedRules.length > 0)).toBe(true);
    for (let k = 0; k < 3; k++) {
      // ready still receives the money the rule moves from fix, step by step
      expect(Array.from(fixOff[k].series['cxSpend.ready'])).toEqual(Array.from(full[k].series['cxSpend.ready']));
      expect(fixOff[k].series['cxSpend.fix'].every((x) => x === 0)).toBe(true);
      // switching ready off removes its own share and what the rule moves to it; fix keeps what is left after the move
      expect(readyOff[k].series['cxSpend.ready'].every((x) => x === 0)).toBe(true);
      expect(Array.from(readyOff[k].series['cxSpend.fix'])).toEqual(Array.from(full[k].series['cxSpend.fix']));
    }
  });
  it('gives Shapley bars that sum to the total in every replication, with a zero "not a lever" bar', async () => {
    const plan = planComparison(sc, ['zero', 'spend'], true, 2);
    expect(plan.levers.spend).toEqual(['fix', 'ready', 'grow', 'care', 'keep']);
    expect(plan.coalitions.filter((c) => c.strategy === 'spend')).toHaveLength(2 ** 5 - 1);
    const all = await runInProcess(plan.jobs);
    const results = all.slice(0, plan.mainJobs);
    const attributionRuns = plan.coalitions.map((c) => ({ strategy: c.strategy, levers: c.levers, results: all.slice(c.from, c.to) }));
    const c = compareStrategies({ scenario: sc, results, strategies: ['zero', 'spend'], attributionRuns, attributionLevers: plan.levers });
    const a = c.attribution[0];
    expect(a.replications).toBe(2);
    expect(a.levers.map((l) => l.lever)).toEqual(['fix', 'ready', 'grow', 'care', 'keep']);
    const sum = a.levers.reduce((acc, l) => acc + l.contribution.mean, a.remainder.mean);
    expect(sum).toBeCloseTo(a.total.mean, 3);
    expect(a.remainder.mean).toBe(0); // neither strategy has overrides: with every lever off they are the same run
    // the total is the paired difference on the attribution's replications
    const net = (s: string, k: number) => results.find((r) => r.strategy === s && r.replication === k)!.totals.netEquity;
    expect(a.total.mean).toBeCloseTo((net('spend', 0) - net('zero', 0) + net('spend', 1) - net('zero', 1)) / 2, 3);
  });
});
