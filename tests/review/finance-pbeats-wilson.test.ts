/**
 * Review of issue 11 item 7 ("Wilson intervals for P(beats) in terminal tables, JSON, CSV and
 * the report") where P(beats) was still a bare share: the tornado's P(beats) at each end and
 * the switching grid (src/finance/sensitivity*.ts), and the optimiser's "P(optimum better)"
 * (src/finance/optimise-output.ts). "100%" of 10 replications is [72%, 100%], not certainty.
 */
import { describe, expect, it } from 'vitest';
import type { ReplicationResult } from '../../src/engine/result.ts';
import { analyseSensitivity, planSensitivity, type Factor } from '../../src/finance/sensitivity.ts';
import { sensitivitySectionHtml, sensitivityText, switchingCsv, tornadoCsv } from '../../src/finance/sensitivity-output.ts';
import { wilsonInterval } from '../../src/metrics/interval.ts';
import { levered } from '../finance/small-scenarios.ts';

describe('P(beats) with its Wilson interval in the sensitivity outputs', () => {
  const sc = levered();
  const factors: Factor[] = [{ path: 'pools.core.marginRate', source: 'declared', low: 0.2, high: 0.4, centre: 0.3 }];
  const settings = { replications: 10, grid: 3, trajectories: 0, morrisReplications: 2, levels: 4, sobol: 0, sobolReplications: 2 };
  const views = { strategy: sc, baseline: sc };
  const plan = planSensitivity(views, 'spend', 'zero', factors, settings, 'difference');
  // the spender gains 100·(marginRate − 0.25) per run, plus noise that never flips the sign at the ends
  const results = plan.jobs.map((j) => {
    const mr = j.scenario.pools.core.marginRate as number;
    const noise = ((j.replication * 7) % 5) - 2;
    const net = j.strategy === 'spend' ? 1000 * (mr - 0.25) + noise : 0;
    return { strategy: j.strategy, replication: j.replication, seed: String(j.replication), totals: { netEquity: net, customerEquity: net, cxSpendPV: 0 } } as unknown as ReplicationResult;
  });
  const s = analyseSensitivity(views, factors, settings, plan, results);
  const bar = s.tornado[0];

  it('the tornado bar carries Wilson intervals of P(beats) at low and high', () => {
    expect(bar.pBeatsLow).toBe(0);
    expect(bar.pBeatsHigh).toBe(1);
    expect(bar.pBeatsLowCi95).toEqual(wilsonInterval(0, 10));
    expect(bar.pBeatsHighCi95).toEqual(wilsonInterval(10, 10));
  });

  it('the text, the report and tornado.csv show them', () => {
    expect(sensitivityText(s)).toMatch(/\(P 100% \[72%, 100%\]\)/);
    expect(sensitivitySectionHtml(s)).toMatch(/100% \[72%, 100%\]/);
    const [head, ...rows] = tornadoCsv(s).trim().split('\n');
    const h = head.split(',');
    expect(Number(rows[0].split(',')[h.indexOf('pBeats_at_high_ci95_lo')])).toBeCloseTo(wilsonInterval(10, 10)[0], 12);
  });

  it('switching.csv gives the Wilson interval of P(beats) at every grid point', () => {
    const [head, ...rows] = switchingCsv(s).trim().split('\n');
    const h = head.split(',');
    expect(h).toContain('pBeats_ci95_lo');
    const last = rows.at(-1)!.split(',');
    expect(Number(last[h.indexOf('pBeats_ci95_lo')])).toBeCloseTo(wilsonInterval(10, 10)[0], 12);
    expect(s.switching[0].grid.at(-1)!.pBeatsCi95).toEqual(wilsonInterval(10, 10));
  });
});
