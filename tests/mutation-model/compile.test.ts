/**
 * compileModel's stress label (src/model/compile.ts): the label names the applied named stress
 * and "ad-hoc" for command-line shocks, joined by "+"; stress "none" is no stress, also when
 * ad-hoc shocks come with it; and the shocks it applies (issue 17 item 4).
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/model/compile.ts';
import { Scenario, type StressShock } from '../../src/scenario/schema.ts';

const scenario = Scenario.parse({
  meta: { name: 'label', horizonMonths: 6 },
  pools: { film: { marginRate: 0.3 } },
  segments: { mass: { initialCustomers: 10, churn: { annualRate: 0.1 } } },
  journeys: { main: { stages: { use: {} } } },
  strategies: { base: { baseline: true, budget: { perYear: 1200 } } },
  stresses: { slump: { shocks: [{ kind: 'attritionSpike', fromMonth: 0, toMonth: 6, multiplier: 2 }] } },
});
const cut: StressShock[] = [{ kind: 'budgetCut', fromMonth: 2, cut: 0.5 }];
const compiled = (stress?: string, shocks?: StressShock[]) => compileModel({ scenario, strategy: 'base', replication: 0, stress, shocks });

describe('compileModel: stress label and applied shocks', () => {
  it('stress "none" with ad-hoc shocks: labelled "ad-hoc", only the shocks applied', () => {
    const m = compiled('none', cut);
    expect(m.stressLabel).toBe('ad-hoc');
    expect(Array.from(m.stress.budget)).toEqual([1, 1, 0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(m.stress.churn)).toEqual([1, 1, 1, 1, 1, 1]);
  });
  it('a named stress with ad-hoc shocks: both, "slump+ad-hoc"', () => {
    const m = compiled('slump', cut);
    expect(m.stressLabel).toBe('slump+ad-hoc');
    expect(Array.from(m.stress.budget)).toEqual([1, 1, 0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(m.stress.churn)).toEqual([2, 2, 2, 2, 2, 2]);
  });
  it('no stress, stress "none", an empty shock list: "none", nothing applied', () => {
    for (const m of [compiled(), compiled('none'), compiled(undefined, []), compiled('none', [])]) {
      expect(m.stressLabel).toBe('none');
      expect(Array.from(m.stress.budget)).toEqual([1, 1, 1, 1, 1, 1]);
    }
    expect(compiled('slump').stressLabel).toBe('slump');
    expect(compiled(undefined, cut).stressLabel).toBe('ad-hoc');
  });
});
