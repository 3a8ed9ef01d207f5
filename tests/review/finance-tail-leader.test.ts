/**
 * Review of the "best worst-case tail" leader of the stress robustness (src/finance/robustness.ts):
 * with enough replications (200) a leader is named on CVaR 5%, and — like every other leader —
 * it must say how sure that is: the paired-bootstrap 95% interval of the CVaR difference
 * (replication k of every cell shares its random streams, so the replications are resampled
 * together), "established" only when that interval excludes 0.
 */
import { describe, expect, it } from 'vitest';
import { robustness, type CellValues } from '../../src/finance/robustness.ts';
import { expectedShortfall, expectedShortfallDifferenceCi } from '../../src/finance/tail-risk.ts';
import { deriveStream } from '../../src/random/seeds.ts';

const n = 200;
/** Standard normal draws from a seeded stream (Box–Muller). */
function normals(seed: number): number[] {
  const u = deriveStream(seed, 'review-tail-leader');
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()));
}

describe('the worst-case tail leader says how sure it is', () => {
  const z = normals(1);
  const e = normals(2);

  it('paired bootstrap interval of a CVaR difference: a constant shift is recovered exactly; independent noise widens it', () => {
    const a = z.map((x) => 100 + x);
    const b = z.map((x) => 90 + x);
    const ci = expectedShortfallDifferenceCi(a, b);
    // b is a shifted by 10 in every replication: every resample's CVaR difference is 10
    expect(ci[0]).toBeCloseTo(10, 9);
    expect(ci[1]).toBeCloseTo(10, 9);
    const c = z.map((x, k) => 100 + x + e[k]);
    const ci2 = expectedShortfallDifferenceCi(c, b);
    const d = expectedShortfall(c) - expectedShortfall(b);
    expect(ci2[0]).toBeLessThan(d);
    expect(ci2[1]).toBeGreaterThan(d);
  });

  it('two strategies with the same CVaR: named, but "not separated"', () => {
    // b's replications are a's values in another order (paired with different replications): the
    // same worst 5%, so the same CVaR; which one is "best" is a coin toss
    const a = z.map((x) => 1000 + 10 * x);
    const order = a.map((_, k) => k).sort((i, j) => e[i] - e[j]);
    const cells: CellValues[] = [
      { strategy: 'a', stress: 'none', values: a },
      { strategy: 'b', stress: 'none', values: order.map((k) => a[k]) },
    ];
    expect(expectedShortfall(cells[0].values)).toBe(expectedShortfall(cells[1].values));
    const tail = robustness(cells, ['a', 'b'], 'a').leaders.find((l) => l.criterion === 'worstTail')!;
    expect(tail.strategy).not.toBeNull();
    expect(tail.tailMargin).toBeDefined();
    const [lo, hi] = tail.tailMargin!.ci95;
    expect(lo).toBeLessThan(0);
    expect(hi).toBeGreaterThan(0);
    expect(tail.established).toBe(false);
  });

  it('a strategy whose worst 5% is clearly better: established, with the margin and its interval', () => {
    const cells: CellValues[] = [
      { strategy: 'a', stress: 'none', values: z.map((x) => 1000 + 10 * x) },
      { strategy: 'b', stress: 'none', values: z.map((x, k) => 1000 + 10 * x + (x < -1 ? 8 : 0) + 0.5 * e[k]) },
    ];
    const tail = robustness(cells, ['a', 'b'], 'a').leaders.find((l) => l.criterion === 'worstTail')!;
    expect(tail.strategy).toBe('b');
    expect(tail.runnerUp).toBe('a');
    expect(tail.tailMargin!.value).toBeCloseTo(expectedShortfall(cells[1].values) - expectedShortfall(cells[0].values), 9);
    expect(tail.tailMargin!.ci95[0]).toBeGreaterThan(0);
    expect(tail.established).toBe(true);
  });
});
