/**
 * The stress test in words with display names that differ from the ids, a possible flip, a
 * strategy preferred in every case and the tail leader's sentences (issue 17 item 4; written
 * against the survivors of src/finance/stress-output.ts: the first fixture named strategies by
 * their ids). The numbers are those of tests/mutation/finance-stress-fixture.ts (checked by hand
 * in finance-stress.test.ts); the robustness fields changed here are set by hand.
 */
import { describe, expect, it } from 'vitest';
import { stressFixture } from './finance-stress-fixture.ts';
import { flipSentences, robustnessCsv, stressText } from '../../src/finance/stress-output.ts';
import type { StressTest } from '../../src/finance/stress-test.ts';

function named(): StressTest {
  const t = stressFixture();
  return {
    ...t,
    strategies: [{ id: 'zero', name: 'Zero plan', baseline: true }, { id: 'spend', name: 'Spend plan', baseline: false }],
    stresses: t.stresses.map((z) => (z.id === 'slump' ? { ...z, name: 'Slump', description: 'Wallets fall' } : z)),
    cells: t.cells.map((c) => (c.strategy === 'spend' && c.stress === 'shock-1' ? { ...c, flip: 'possible' as const } : c)),
    robustness: {
      ...t.robustness,
      rows: t.robustness.rows.map((r) => (r.strategy === 'spend' ? { ...r, maxRegret: { stress: 'none', mean: 0, ci95: null }, flips: [{ stress: 'slump', clear: true }, { stress: 'shock-1', clear: false }], worstTail: { stress: 'slump', cvar5: 61.5 } } : r)),
      leaders: [
        ...t.robustness.leaders.slice(0, 2),
        { ...t.robustness.leaders[2], established: false },
        { criterion: 'worstTail', strategy: 'spend', runnerUp: 'zero', margin: null, established: false, tailMargin: { value: 2.5, ci95: [-1, 6] }, note: 'n' },
      ],
    },
  };
}

describe('the stress test in words, with names', () => {
  it('the table, the flips and the ranking name strategies and stresses by their names', () => {
    const lines = stressText(named()).split('\n');
    expect(lines).toContain('  Slump: Wallets fall [every pool\'s wallet × 0.8 in months 6–17 (12 months, starting in year 1)]');
    expect(lines).toContain('Zero plan (baseline)                                   100                                80.0*                                   95.0');
    expect(lines).toContain('Spend plan            +20.0 [14.8, 25.2] 100% [51%, 100%]*  −10.0 [−15.2, −4.80] 0% [0%, 49%] !  +3.00 [−3.87, 9.87] 75% [30%, 95%] ?*');
    expect(lines).toContain('   1  Spend plan       120           0  preferred in every case                 −10.0  Slump  Slump, competitorLeap:core@12+0.1?                        61.5 (Slump)');
    expect(lines).toContain('   2  Zero plan        100        20.0  Unstressed                                  —         none                                not enough replications (4 of 200)');
    expect(lines).toContain('Best worst case (max–min net equity): Zero plan (not separated from Spend plan at 4 replications)');
    expect(lines).toContain('Best worst-case tail (CVaR 5%): Spend plan (not separated from Zero plan at 4 replications: CVaR 5% +2.50 vs Zero plan, paired-bootstrap 95% CI [−1.00, 6.00])');
  });

  it('flip sentences: the decision flip, a clear flip and a possible one', () => {
    expect(flipSentences(named())).toEqual([
      'Under "Slump" the preferred strategy changes from Spend plan to Zero plan: ahead by +10.0 (95% CI [4.80, 15.2], better in 100% [51%, 100%] of replications).',
      'Flip: Spend plan is +20.0 vs Zero plan unstressed but −10.0 (95% CI [−15.2, −4.80]) under "Slump".',
      'Possible flip: Spend plan is +20.0 vs Zero plan unstressed but +3.00 (95% CI [−3.87, 9.87]) under "competitorLeap:core@12+0.1" (one of the two intervals contains 0).',
    ]);
  });

  it('robustness.csv: flips by id, ? for a possible one; the worst tail', () => {
    expect(robustnessCsv(named()).split('\n')[1]).toBe('1,spend,120,none,0,,,slump,-10,-15.196913054500444,-4.803086945499556,slump shock-1?,slump,70,slump,61.5,slump,50');
  });

  it('an established tail leader; a leader without a runner-up gives its note', () => {
    const t = named();
    const est = { ...t, robustness: { ...t.robustness, leaders: [{ ...t.robustness.leaders[3], established: true }, { criterion: 'expected' as const, strategy: 'zero', runnerUp: null, margin: null, established: null, note: 'only one strategy' }] } };
    expect(stressText(est).split('\n').filter((l) => l.startsWith('Best'))).toEqual([
      'Best worst-case tail (CVaR 5%): Spend plan (established: CVaR 5% +2.50 vs Zero plan, paired-bootstrap 95% CI [−1.00, 6.00])',
      'Best expected value: Zero plan (only one strategy)',
    ]);
  });
});
