/**
 * Review of the stress outputs' tail wording (src/finance/stress-section.ts, stress-output.ts):
 * with 200 replications the CVaR 5% is reported, so no sentence may say it is "not enough
 * replications"; with 20 it is not, and the page says so. Fake replication totals (only the
 * numbers the summary reads), so the test is about the text, not the engine.
 */
import { describe, expect, it } from 'vitest';
import type { ReplicationResult } from '../../src/engine/result.ts';
import { planStress, stressColumns, summariseStress } from '../../src/finance/stress-test.ts';
import { stressSectionHtml } from '../../src/finance/stress-section.ts';
import { stressText } from '../../src/finance/stress-output.ts';
import { levered } from '../finance/small-scenarios.ts';

function fakeStress(n: number) {
  const sc = levered();
  const columns = stressColumns(sc, [], []);
  const plan = planStress(sc, ['zero', 'spend'], columns, n);
  // a deterministic spread: replication k's net equity, the spender 5 ahead with noise
  const results = plan.jobs.map(
    (j) =>
      ({
        strategy: j.strategy,
        replication: j.replication,
        seed: String(j.replication),
        totals: { netEquity: 1000 + ((j.replication * 37) % 101) + (j.strategy === 'spend' ? 5 + ((j.replication * 13) % 7) : 0), customerEquity: 2000, cxSpendPV: 10 },
      }) as unknown as ReplicationResult,
  );
  return summariseStress({ scenario: sc, strategies: ['zero', 'spend'], columns, plan, results });
}

describe('stress tail wording', () => {
  it('at 200 replications the CVaR is reported and no sentence says there are not enough replications', () => {
    const t = fakeStress(200);
    expect(t.cells.every((c) => c.tail.cvar5 !== null)).toBe(true);
    const html = stressSectionHtml(t);
    expect(html).not.toMatch(/not enough replications/);
    expect(html).not.toMatch(/needs 200 runs/);
    expect(stressText(t)).not.toMatch(/not enough replications/);
    // the tail leader says how sure it is: its CVaR margin over the runner-up with a paired-bootstrap interval
    const tail = t.robustness.leaders.find((l) => l.criterion === 'worstTail')!;
    expect(tail.strategy).not.toBeNull();
    expect(tail.established).not.toBeNull();
    expect(html).toMatch(/paired-bootstrap 95% CI/);
    expect(stressText(t)).toMatch(/Best worst-case tail \(CVaR 5%\): .*paired-bootstrap 95% CI/);
  });

  it('at 20 replications the page says the CVaR needs 200 and names no tail leader', () => {
    const t = fakeStress(20);
    expect(t.cells.every((c) => c.tail.cvar5 === null)).toBe(true);
    const html = stressSectionHtml(t);
    expect(html).toMatch(/not enough replications/);
    expect(stressText(t)).toMatch(/not enough replications \(20 of 200\)/);
  });
});

describe('stress --help', () => {
  it('states the replications a CVaR 5% needs (200), not 20', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['bin/cxsim.js', 'stress', '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const help = r.stdout.replace(/\s+/g, ' ');
    expect(help).not.toMatch(/20 or more for CVaR/);
    expect(help).toMatch(/200 or more for CVaR 5%/);
  }, 30_000);
});

describe('stress text: P(beats) with its Wilson interval (issue 11 item 7)', () => {
  it('every Δ cell of the terminal table gives the Wilson 95% interval beside P(beats)', () => {
    const t = fakeStress(20);
    const text = stressText(t);
    const c = t.cells.find((x) => x.vsBaseline)!;
    const w = c.vsBaseline!.pBeatsCi95.map((x) => `${Math.round(x * 100)}%`);
    expect(text).toContain(`${Math.round(c.vsBaseline!.pBeats * 100)}% [${w[0]}, ${w[1]}]`);
    expect(text).toMatch(/P\(beats\) with its Wilson 95% interval/);
  });
});
