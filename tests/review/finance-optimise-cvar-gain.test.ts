/**
 * Review of the optimiser page with --objective cvar5 (src/finance/optimise.ts, optimise-output.ts):
 * the gain of the optimum over each named strategy must be shown in the objective optimised —
 * CVaR 5% — with a paired-bootstrap 95% interval (the same resampled replications on both
 * sides), not only in expected net equity; and the terminal line for the optimum's CVaR carries
 * its interval as the report does. A fake simulator (net equity from the allocation and a
 * replication-level shock) keeps the test fast and the numbers known.
 */
import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/engine/replication.ts';
import type { ReplicationResult } from '../../src/engine/result.ts';
import { optimiseBudget } from '../../src/finance/optimise.ts';
import { gainsCsv, optimiseSectionHtml, optimiseText } from '../../src/finance/optimise-output.ts';
import { expectedShortfall, expectedShortfallDifferenceCi } from '../../src/finance/tail-risk.ts';
import { deriveStream } from '../../src/random/seeds.ts';
import { levered } from '../finance/small-scenarios.ts';

const shock = (() => {
  const u = deriveStream(3, 'review-optimise');
  return Array.from({ length: 1000 }, () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()));
})();

/** Net equity: concave in the spend on fix and ready, a shock per replication that hits harder with less on ready. */
function fakeRun(jobs: Job[]): Promise<ReplicationResult[]> {
  return Promise.resolve(
    jobs.map((j) => {
      const st = j.scenario.strategies[j.strategy];
      const py = typeof st.budget.perYear === 'number' ? st.budget.perYear : 0;
      const spend = (l: string) => (typeof st.budget.allocation[l] === 'number' ? (st.budget.allocation[l] as number) : 0) * py;
      const z = shock[j.replication];
      const net = 2 * Math.sqrt(spend('fix')) + Math.sqrt(spend('ready')) - 0.001 * py + 100 * z * (z < 0 ? 1 - spend('ready') / (py + 1) : 0.2);
      return { strategy: j.strategy, replication: j.replication, seed: String(j.replication), totals: { netEquity: net, customerEquity: net + py, cxSpendPV: py } } as unknown as ReplicationResult;
    }),
  );
}

describe('optimise --objective cvar5: the gain in the objective', () => {
  it('gives the CVaR gain over every named strategy with a paired-bootstrap interval, in the text and gains.csv', async () => {
    const sc = levered();
    const o = await optimiseBudget(
      { scenario: sc, template: 'zero', levers: ['fix', 'ready'], budget: 100_000, objective: 'cvar5', search: { chunks: 4, refinements: 0, allowUnspent: false, maxMovesPerStep: 10 }, searchReplications: 200, replications: 200, marginalStep: 0.05, compare: ['spend'] },
      fakeRun,
    );
    const g = o.gains.find((x) => x.strategy === 'spend')!;
    expect(g.cvar5Gain).not.toBeNull();
    expect(g.cvar5GainCi95).toBeDefined();
    const [opt, other] = [o.optimum.evaluated, g.evaluated];
    expect(g.cvar5Gain).toBeCloseTo(opt.cvar5! - other.cvar5!, 9);
    expect(g.cvar5GainCi95![0]).toBeLessThanOrEqual(g.cvar5Gain!);
    expect(g.cvar5GainCi95![1]).toBeGreaterThanOrEqual(g.cvar5Gain!);
    // the interval is the paired bootstrap of the two runs' net equity
    const net = await fakeRun([...Array(200).keys()].map((k) => ({ scenario: sc, strategy: 'spend', replication: k })));
    expect(expectedShortfall(net.map((r) => r.totals.netEquity))).toBeCloseTo(other.cvar5!, 9);
    const text = optimiseText(o);
    expect(text).toMatch(/Δ CVaR 5%/);
    expect(text).toMatch(/paired-bootstrap/);
    const lines = gainsCsv(o).trim().split('\n');
    const header = lines[0].split(',');
    expect(header).toContain('cvar5_gain_ci95_lo');
    expect(header).toContain('cvar5_gain_ci95_hi');
    const row = lines.find((l) => l.startsWith('spend,'))!.split(',');
    expect(Number(row[header.indexOf('cvar5_gain_ci95_lo')])).toBe(g.cvar5GainCi95![0]);
    // the optimum's CVaR in the text carries its interval, as in the report
    expect(text).toMatch(/CVaR 5% [^;)]*\(95% CI/);
    expect(typeof expectedShortfallDifferenceCi).toBe('function');
    // P(optimum better) with its Wilson interval (issue 11 item 7), in the text and the report
    const pb = `${Math.round(g.gain.pBeats * 100)}% [${Math.round(g.gain.pBeatsCi95[0] * 100)}%, ${Math.round(g.gain.pBeatsCi95[1] * 100)}%]`;
    expect(text).toContain(pb);
    expect(optimiseSectionHtml(o, sc)).toContain(pb);
    // and the report says it too (its gains chart is in expected net equity)
    expect(optimiseSectionHtml(o, sc)).toMatch(/Gain in the objective optimised, CVaR 5% of net equity/);
  });
});
