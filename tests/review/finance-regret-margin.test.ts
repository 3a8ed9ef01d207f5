/**
 * Review of the "most robust (minimax regret)" leader (src/finance/robustness.ts): its margin
 * over the runner-up must be the difference of the criterion it ranks on — the runner-up's
 * largest regret minus the leader's, each in its own worst column, paired by replication —
 * not the two strategies' difference in the runner-up's worst column, which is an upper bound
 * (it ignores the leader's own regret elsewhere) and can call a 1-unit lead "established" as
 * a 10-unit one.
 */
import { describe, expect, it } from 'vitest';
import { robustness, type CellValues } from '../../src/finance/robustness.ts';
import { deriveStream } from '../../src/random/seeds.ts';

const n = 20;
function cell(strategy: string, stress: string, level: number): CellValues {
  const u = deriveStream(4, 'review-regret', strategy, stress);
  return { strategy, stress, values: Array.from({ length: n }, () => level + 4 * (u() - 0.5)) };
}

describe('minimax-regret leader margin', () => {
  // unstressed: b best (110), a regrets 10, c 20; under s1: c best (101), b regrets 11, a 1
  const cells = [cell('a', 'none', 100), cell('b', 'none', 110), cell('c', 'none', 90), cell('a', 's1', 100), cell('b', 's1', 90), cell('c', 's1', 101)];
  const r = robustness(cells, ['a', 'b', 'c'], 'a');
  const row = (s: string) => r.rows.find((x) => x.strategy === s)!;

  it('ranks a first (max regret ≈ 10 unstressed), b second (≈ 11 under s1)', () => {
    expect(r.rows.map((x) => x.strategy)).toEqual(['a', 'b', 'c']);
    expect(row('a').maxRegret.stress).toBe('none');
    expect(row('b').maxRegret.stress).toBe('s1');
  });

  it('the margin is the difference of the two largest regrets (≈ 1), not a − b under s1 (≈ 10)', () => {
    const l = r.leaders.find((x) => x.criterion === 'minimaxRegret')!;
    expect(l.strategy).toBe('a');
    expect(l.runnerUp).toBe('b');
    expect(l.margin!.mean).toBeCloseTo(row('b').maxRegret.mean - row('a').maxRegret.mean, 9);
    expect(l.margin!.mean).toBeLessThan(3);
  });
});
