/**
 * Stress tests: a stress that cuts the budget to zero equals the zero-budget strategy, bit for
 * bit, replication by replication; the summary's paired losses, tail measures and robustness
 * ranking follow their definitions.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReplicationResult } from '../../src/engine/result.ts';
import { parseShocks } from '../../src/finance/shock-syntax.ts';
import { planStress, stressColumns, summariseStress } from '../../src/finance/stress-test.ts';
import { expectedShortfall, expectedShortfallSe, probabilityBelow } from '../../src/finance/tail-risk.ts';
import { robustness } from '../../src/finance/robustness.ts';
import { levered, runInProcess } from './small-scenarios.ts';

describe('a budget cut to zero', () => {
  const sc = levered();
  const cut = parseShocks('budget:-100%@0', Object.keys(sc.pools));
  if (!cut.ok) throw new Error(cut.message);
  const columns = stressColumns(sc, ['slump'], [{ text: 'budget:-100%@0', shocks: cut.shocks }]);
  const plan = planStress(sc, ['zero', 'spend'], columns, 4);
  let results: ReplicationResult[] = [];
  beforeAll(async () => {
    results = await runInProcess(plan.jobs);
  });
  const cell = (strategy: string, stress: string) => {
    const c = plan.cells.find((x) => x.strategy === strategy && x.stress === stress)!;
    return results.slice(c.from, c.to);
  };

  it('equals the zero-budget strategy in every replication (bit-identical equity and spend)', () => {
    const stressed = cell('spend', 'shock-1');
    const zero = cell('zero', 'none');
    const spending = cell('spend', 'none');
    // the unstressed strategy does spend and does differ (so the equality below is not trivial)
    expect(spending.every((r) => r.totals.cxSpendPV > 0)).toBe(true);
    expect(spending.map((r) => r.totals.netEquity)).not.toEqual(zero.map((r) => r.totals.netEquity));
    for (let k = 0; k < 4; k++) {
      expect(stressed[k].replication).toBe(zero[k].replication);
      expect(stressed[k].totals.customerEquity).toBe(zero[k].totals.customerEquity);
      expect(stressed[k].totals.netEquity).toBe(zero[k].totals.netEquity);
      expect(stressed[k].totals.cxSpendPV).toBe(0);
      expect(Array.from(stressed[k].series.active)).toEqual(Array.from(zero[k].series.active));
    }
  });

  it('the summary: the cut costs the spender its paired difference; the zero budget loses nothing', () => {
    const t = summariseStress({ scenario: sc, strategies: ['zero', 'spend'], columns, plan, results });
    const get = (s: string, z: string) => t.cells.find((c) => c.strategy === s && c.stress === z)!;
    expect(get('spend', 'shock-1').netEquity.mean).toBe(get('zero', 'none').netEquity.mean);
    const loss = get('zero', 'shock-1').lossVsUnstressed!;
    expect(loss.mean).toBe(0);
    expect(loss.sd).toBe(0);
    const d = cell('spend', 'none').map((r, k) => r.totals.netEquity - cell('spend', 'shock-1')[k].totals.netEquity);
    expect(get('spend', 'shock-1').lossVsUnstressed!.mean).toBeCloseTo(d.reduce((a, x) => a + x, 0) / d.length, 6);
    // default threshold: the baseline's expected unstressed net equity
    expect(t.threshold.value).toBe(get('zero', 'none').netEquity.mean);
    expect(t.stresses.map((s) => s.id)).toEqual(['none', 'slump', 'shock-1']);
    expect(t.robustness.rows.map((r) => r.rank)).toEqual([1, 2]);
  });
});

describe('tail measures', () => {
  it('expected shortfall: the mean of the worst 5%, fractionally weighted', () => {
    const xs = Array.from({ length: 40 }, (_, i) => 40 - i); // 1..40
    expect(expectedShortfall(xs)).toBe(1.5); // αn = 2: mean of 1 and 2
    const ys = Array.from({ length: 30 }, (_, i) => i + 1); // αn = 1.5: (1 + 0.5·2)/1.5
    expect(expectedShortfall(ys)).toBeCloseTo(4 / 3, 12);
    expect(expectedShortfall([5, 3, 9])).toBe(3); // fewer than 20: the worst one
    expect(expectedShortfallSe([5, 3, 9])).toBeNull();
    expect(expectedShortfallSe(xs)).toBeGreaterThan(0);
  });

  it('P(below): the share strictly below, with its binomial standard error', () => {
    expect(probabilityBelow([1, 2, 3, 4], 3)).toEqual({ p: 0.5, se: Math.sqrt(0.25 / 4) });
  });
});

describe('robustness ranking', () => {
  it('best expected value and best worst case can differ, and the margin is paired', () => {
    const cells = [
      { strategy: 'bold', stress: 'none', values: [110, 130, 120] },
      { strategy: 'bold', stress: 'crash', values: [40, 60, 50] },
      { strategy: 'safe', stress: 'none', values: [100, 102, 101] },
      { strategy: 'safe', stress: 'crash', values: [89, 91, 90] },
    ];
    const r = robustness(cells, ['bold', 'safe']);
    expect(r.leaders.find((l) => l.criterion === 'expected')!.strategy).toBe('bold');
    const worst = r.leaders.find((l) => l.criterion === 'worstCase')!;
    expect(worst.strategy).toBe('safe');
    expect(worst.margin!.mean).toBe(40); // 90 − 50 under each one's worst stress, paired
    expect(worst.established).toBe(true);
    expect(r.rows.map((x) => [x.strategy, x.rank, x.worstCase.stress, x.largestLoss.mean])).toEqual([
      ['safe', 1, 'crash', 11],
      ['bold', 2, 'crash', 70],
    ]);
  });
});
