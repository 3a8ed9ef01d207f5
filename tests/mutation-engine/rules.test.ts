/**
 * Trigger rules (src/engine/mechanics/rules.ts, docs/model.md §7.4–§7.5) on a deterministic
 * scenario: which rules fire, in which month (the end of the step whose indicator starts to
 * hold), and the budget they move from the next step on.
 */
import { describe, expect, it } from 'vitest';
import { simulateReplication } from '../../src/engine/replication.ts';
import { neutral } from '../engine/neutral.ts';

type RuleInput = { name?: string; when: { indicator: string; above?: number; below?: number }; move: { share: number; from: string; to: string }; once?: boolean };
function run(rules: RuleInput[], over: Record<string, unknown> = {}) {
  const sc = neutral({
    meta: { horizonMonths: 12, agentScale: 2 },
    valuation: { beyondHorizon: 'none' },
    segments: { s: { initialCustomers: 200, churn: { annualRate: 0 } } },
    pools: { core: { wallet: { shocks: [{ month: 2, factor: 0.5, durationMonths: 2 }, { month: 6, factor: 0.5, durationMonths: 2 }] } } },
    levers: { a: { kind: 'automation', response: { scale: 100 } }, b: { kind: 'automation', response: { scale: 100 } } },
    strategies: { none: { baseline: true }, plan: { budget: { perYear: 1200, allocation: { a: 1 } }, rules } },
    ...over,
  });
  return simulateReplication({ scenario: sc, strategy: 'plan', replication: 0 });
}
const months = (r: ReturnType<typeof run>) => r.firedRules.map((f) => [f.rule, f.name, f.month]);

describe('trigger rules', () => {
  it('month: fires at the end of the step in which it starts to hold; the move applies from the next step', () => {
    const r = run([{ name: 'late', when: { indicator: 'month', above: 5 }, move: { share: 0.5, from: 'a', to: 'b' } }]);
    expect(months(r)).toEqual([[0, 'late', 6]]);
    expect(Array.from(r.series['cxSpend.a'])).toEqual([100, 100, 100, 100, 100, 100, 50, 50, 50, 50, 50, 50]);
    expect(Array.from(r.series['cxSpend.b'])).toEqual([0, 0, 0, 0, 0, 0, 50, 50, 50, 50, 50, 50]);
  });
  it('rising edges only; once rules fire once, others at every rise', () => {
    // the wallet index is 0.5 in months 2–3 and 6–7
    const r = run([
      { name: 'dip', when: { indicator: 'walletIndex.core', below: 0.9 }, move: { share: 0.5, from: 'a', to: 'b' }, once: false },
      { name: 'first dip', when: { indicator: 'walletIndex.core', below: 0.9 }, move: { share: 1, from: 'b', to: 'a' } },
    ]);
    expect(months(r)).toEqual([[0, 'dip', 3], [1, 'first dip', 3], [0, 'dip', 7]]);
    // month 3: a 1 → 0.5 (b 0.5), then b's 0.5 back to a → a 1; month 7: a 1 → 0.5
    expect(Array.from(r.series['cxSpend.a'])).toEqual([100, 100, 100, 100, 100, 100, 100, 50, 50, 50, 50, 50]);
  });
  it('moves a share of what the lever has now', () => {
    const r = run([
      { when: { indicator: 'month', above: 1 }, move: { share: 0.5, from: 'a', to: 'b' } },
      { when: { indicator: 'month', above: 2 }, move: { share: 0.5, from: 'a', to: 'b' } },
    ]);
    expect(months(r)).toEqual([[0, 'rule 1', 2], [1, 'rule 2', 3]]);
    expect(Array.from(r.series['cxSpend.a']).slice(0, 5)).toEqual([100, 100, 50, 25, 25]);
    expect(Array.from(r.series['cxSpend.b']).slice(0, 5)).toEqual([0, 0, 50, 75, 75]);
  });
  it('indicators: satisfaction, active customers (real), churn rate, promoters', () => {
    const r = run([
      { name: 'sat', when: { indicator: 'satisfaction', above: 0.55, below: 0.65 }, move: { share: 0, from: 'a', to: 'b' } },
      { name: 'count', when: { indicator: 'activeCustomers', above: 199, below: 201 }, move: { share: 0, from: 'a', to: 'b' } },
      { name: 'no churn', when: { indicator: 'churnRate', below: 0.001 }, move: { share: 0, from: 'a', to: 'b' } },
      { name: 'promoters', when: { indicator: 'promoters', below: 0.001 }, move: { share: 0, from: 'a', to: 'b' } },
      { name: 'too many', when: { indicator: 'activeCustomers', above: 200 }, move: { share: 0, from: 'a', to: 'b' } },
    ]);
    expect(months(r)).toEqual([[0, 'sat', 1], [1, 'count', 1], [2, 'no churn', 1], [3, 'promoters', 1]]);
  });
  it('churn rate = churned / active: everyone leaves in the first step', () => {
    const r = run([{ name: 'all gone', when: { indicator: 'churnRate', above: 0.99, below: 1.01 }, move: { share: 0, from: 'a', to: 'b' } }], {
      segments: { s: { initialCustomers: 200, churn: { annualRate: 1 } } },
    });
    expect(months(r)).toEqual([[0, 'all gone', 1]]);
  });
  it('churn rate with nobody left is 0, not 0/0', () => {
    const r = run([{ name: 'calm', when: { indicator: 'churnRate', below: 0.5 }, move: { share: 0, from: 'a', to: 'b' }, once: false }], {
      segments: { s: { initialCustomers: 200, churn: { annualRate: 1 } } },
    });
    expect(months(r)).toEqual([[0, 'calm', 2]]);
  });
  it('unknown indicators, pools or levers never fire', () => {
    const r = run([
      { when: { indicator: 'bogus', below: 1e9 }, move: { share: 1, from: 'a', to: 'b' } },
      { when: { indicator: 'adoption.zz', below: 1e9 }, move: { share: 1, from: 'a', to: 'b' } },
      { when: { indicator: 'share.zz', below: 1e9 }, move: { share: 1, from: 'a', to: 'b' } },
      { when: { indicator: 'walletIndex.zz', below: 1e9 }, move: { share: 1, from: 'a', to: 'b' } },
      { when: { indicator: 'month', above: 0 }, move: { share: 1, from: 'zz', to: 'b' } },
      { when: { indicator: 'month', above: 0 }, move: { share: 1, from: 'a', to: 'zz' } },
    ]);
    expect(r.firedRules).toEqual([]);
    expect(Array.from(r.series['cxSpend.a']).every((x) => x === 100)).toBe(true);
  });
  it('adoption of a current pool (everyone) and our share of its wallet (the base share, ½)', () => {
    const r = run([
      { name: 'adopted', when: { indicator: 'adoption.core', above: 0.99 }, move: { share: 0, from: 'a', to: 'b' } },
      { name: 'ours', when: { indicator: 'share.core', above: 0.49, below: 0.51 }, move: { share: 0, from: 'a', to: 'b' } },
    ]);
    expect(months(r)).toEqual([[0, 'adopted', 1], [1, 'ours', 1]]);
  });
});
