/**
 * The first key finding names the strategy with the highest expected net equity and says how
 * sure that is against the runner-up: established only when their paired 95% CI excludes 0.
 */
import { describe, expect, it } from 'vitest';
import { keyFindings } from '../src/report/findings.ts';
import type { Comparison } from '../src/metrics/comparison.ts';
import { smallComparison } from './helpers/small-comparison.ts';

describe('the "highest net equity" finding', () => {
  const { comparison } = smallComparison();
  const ranked = comparison.headline.slice().sort((a, b) => b.totals.netEquity.mean - a.totals.netEquity.mean);
  const [top, second] = ranked;

  it('says the lead over the runner-up is not established when their paired CI includes 0', () => {
    const tie = { a: top.strategy, b: second.strategy, difference: 1234, se: 1000, replications: 3, needed: 40, message: '' };
    const c: Comparison = { ...comparison, rankingIssues: [tie] };
    const first = keyFindings(c)[0];
    expect(first).toContain(`${top.name} has the highest expected net equity`);
    expect(first).toContain(`cannot be told apart from ${second.name} at 3 replications`);
    expect(first).toContain('"highest" is not established');
  });

  it('says it is ahead of the runner-up when no ranking issue concerns the pair', () => {
    const c: Comparison = { ...comparison, rankingIssues: comparison.rankingIssues.filter((i) => !([i.a, i.b].includes(top.strategy) && [i.a, i.b].includes(second.strategy))) };
    const first = keyFindings(c)[0];
    expect(first).toContain(`ahead of the runner-up ${second.name}`);
    expect(first).not.toContain('not established');
  });
});
