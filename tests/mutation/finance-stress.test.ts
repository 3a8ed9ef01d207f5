/**
 * A stress test summarised, written and ranked on hand-chosen results
 * (tests/mutation/finance-stress-fixture.ts), every number checked by hand (issue 17 item 4;
 * written against the uncovered mutants of src/finance/stress-test.ts, robustness.ts,
 * stress-output.ts and stress-section.ts once the simulating stress tests left the mutation test
 * list). n = 4: intervals of means use t₃ = 3.182446.
 *
 * Hand computations (paired by replication):
 * - spend − zero, unstressed: 20, 16, 24, 20 → mean 20, sd √(32/3) = 3.2660, SE 1.6330,
 *   95% CI 20 ± 3.182446·1.6330 = [14.803, 25.197]; under slump −10, −6, −14, −10 → −10,
 *   [−15.197, −4.803] (the lead changes sign, both intervals exclude 0: a clear flip); under
 *   shock-1 1, −1, 9, 3 → 3, SE √(56/3)/2 = 2.1602, [−3.875, 9.875].
 * - loss vs unstressed: zero 20 under slump and 5 under shock-1 (every replication); spend
 *   50, 42, 58, 50 → 50, SE 3.2660 (slump) and 24, 22, 20, 22 → 22, SE 0.8165 (shock-1).
 * - preferred per column: none spend (120 > 100), slump zero (80 > 70), shock-1 spend (98 > 95):
 *   the decision flips under slump, zero − spend = 10, 6, 14, 10 → 10, [4.803, 15.197].
 * - regret: spend 10 (slump), zero 20 (unstressed) → ranks spend 1, zero 2; worst case: zero 80,
 *   spend 70 (both under slump); largest loss: spend 50, zero 20 (slump).
 * - threshold: the baseline's unstressed mean, 100; P(< 100): zero 1/4, 4/4, 3/4; spend 0, 4/4, 3/4.
 * - P5 (type 7): zero unstressed 90 + 0.15·10 = 91.5.
 */
import { describe, expect, it } from 'vitest';
import { stressFixture, NET } from './finance-stress-fixture.ts';
import type { StressTest } from '../../src/finance/stress-test.ts';
import { robustnessCsv, stressCellsCsv, stressText, flipSentences } from '../../src/finance/stress-output.ts';
import { stressSectionHtml } from '../../src/finance/stress-section.ts';
import { robustness } from '../../src/finance/robustness.ts';
import { planStress, stressColumns } from '../../src/finance/stress-test.ts';
import { levered } from '../finance/levered.ts';

// every test builds its own summary (milliseconds): code run outside a test is not attributed to
// it by Stryker's per-test coverage
const close = (a: number, b: number, tol = 1e-9) => expect(Math.abs(a - b)).toBeLessThan(tol);
const cellOf = (t: StressTest, s: string, z: string) => t.cells.find((c) => c.strategy === s && c.stress === z)!;

describe('the stress columns and the plan', () => {
  it('unstressed, the named stress, the ad-hoc shock: ids, names, timing, first month', () => {
    const t = stressFixture();
    expect(t.stresses.map((z) => [z.id, z.name, z.description, z.firstMonth, z.stress ?? null, z.text ?? null])).toEqual([
      ['none', 'Unstressed', 'The scenario as written.', null, null, null],
      ['slump', 'slump', '', 6, 'slump', null],
      ['shock-1', 'competitorLeap:core@12+0.1', 'Ad-hoc shock competitorLeap:core@12+0.1', 12, null, 'competitorLeap:core@12+0.1'],
    ]);
    expect(t.stresses.map((z) => z.timing)).toEqual([
      'no shock',
      "every pool's wallet × 0.8 in months 6–17 (12 months, starting in year 1)",
      "every competitor's experience in the core pool +0.1 from month 12 (year 2) on",
    ]);
  });

  it('strategies × columns × replications, the same replications in every cell', () => {
    const sc = levered();
    const cols = stressColumns(sc, ['slump'], [{ text: 'x', shocks: [{ kind: 'recession', fromMonth: 1, walletFactor: 0.9 }] }]);
    const plan = planStress(sc, ['zero', 'spend'], cols, 2);
    expect(plan.cells).toEqual([
      { strategy: 'zero', stress: 'none', from: 0, to: 2 },
      { strategy: 'zero', stress: 'slump', from: 2, to: 4 },
      { strategy: 'zero', stress: 'shock-1', from: 4, to: 6 },
      { strategy: 'spend', stress: 'none', from: 6, to: 8 },
      { strategy: 'spend', stress: 'slump', from: 8, to: 10 },
      { strategy: 'spend', stress: 'shock-1', from: 10, to: 12 },
    ]);
    expect(plan.jobs.map((j) => [j.strategy, j.replication, j.stress ?? '-', j.shocks ? j.shocks.length : 0])).toEqual([
      ['zero', 0, '-', 0], ['zero', 1, '-', 0], ['zero', 0, 'slump', 0], ['zero', 1, 'slump', 0], ['zero', 0, '-', 1], ['zero', 1, '-', 1],
      ['spend', 0, '-', 0], ['spend', 1, '-', 0], ['spend', 0, 'slump', 0], ['spend', 1, 'slump', 0], ['spend', 0, '-', 1], ['spend', 1, '-', 1],
    ]);
    expect(plan.jobs.every((j) => j.scenario === sc)).toBe(true);
    expect('stress' in plan.jobs[0]).toBe(false);
    expect('shocks' in plan.jobs[0]).toBe(false);
  });
});

describe('the summary of every cell', () => {
  it('means, paired differences, losses, flips, P(below), P5', () => {
    const t = stressFixture();
    expect(t.baseline).toBe('zero');
    expect(t.replications).toBe(4);
    expect(t.threshold).toEqual({ value: 100, source: 'the expected unstressed net equity of the baseline strategy (zero)' });
    expect(t.strategies).toEqual([{ id: 'zero', name: 'zero', baseline: true }, { id: 'spend', name: 'spend', baseline: false }]);
    expect(t.seeds).toEqual([0, 1, 2, 3].map((k) => ({ replication: k, seed: `s${k}` })));
    expect(t.scenario).toMatchObject({ name: 'levered', currency: 'USD', horizonMonths: 24, seed: 5, agentScale: 10 });
    for (const s of ['zero', 'spend']) for (const z of ['none', 'slump', 'shock-1']) close(cellOf(t, s, z).netEquity.mean, NET[s][z].reduce((a, x) => a + x, 0) / 4);
    const lead = cellOf(t, 'spend', 'none').vsBaseline!;
    close(lead.mean, 20);
    close(lead.se, Math.sqrt(32 / 3) / 2);
    close(lead.meanCi95[0], 14.803086945499556);
    close(cellOf(t, 'spend', 'slump').vsBaseline!.mean, -10);
    close(cellOf(t, 'spend', 'shock-1').vsBaseline!.se, Math.sqrt(56 / 3) / 2);
    expect(cellOf(t, 'zero', 'none').vsBaseline).toBeNull();
    expect(cellOf(t, 'zero', 'none').lossVsUnstressed).toBeNull();
    close(cellOf(t, 'spend', 'slump').lossVsUnstressed!.mean, 50);
    close(cellOf(t, 'spend', 'shock-1').lossVsUnstressed!.mean, 22);
    close(cellOf(t, 'zero', 'shock-1').lossVsUnstressed!.mean, 5);
    expect(t.cells.map((c) => c.flip)).toEqual([null, null, null, null, 'clear', null]);
    expect(t.cells.map((c) => c.belowThreshold.p)).toEqual([0.25, 1, 0.75, 0, 1, 0.75]);
    close(cellOf(t, 'zero', 'none').tail.p5, 91.5);
    expect(cellOf(t, 'zero', 'none').tail.cvar5).toBeNull();
    close(cellOf(t, 'spend', 'none').customerEquity.mean, 130);
    close(cellOf(t, 'spend', 'none').cxSpendPV.mean, 30);
  });

  it('a threshold given is used as given', () => {
    const g = stressFixture(95);
    expect(g.threshold).toEqual({ value: 95, source: 'given with --threshold' });
    expect(g.cells.map((c) => c.belowThreshold.p)).toEqual([0.25, 1, 0.25, 0, 1, 0.25]);
  });
});

describe('robustness', () => {
  it('ranks by the largest regret, names the leaders and the decision flip', () => {
    const t = stressFixture();
    const r = t.robustness;
    expect(r.preferred).toEqual([{ stress: 'none', strategy: 'spend' }, { stress: 'slump', strategy: 'zero' }, { stress: 'shock-1', strategy: 'spend' }]);
    expect(r.rows.map((x) => [x.rank, x.strategy, x.expected, x.maxRegret.stress, x.maxRegret.mean, x.worstCase, x.largestLoss, x.flips])).toEqual([
      [1, 'spend', 120, 'slump', 10, { stress: 'slump', mean: 70 }, { stress: 'slump', mean: 50 }, [{ stress: 'slump', clear: true }]],
      [2, 'zero', 100, 'none', 20, { stress: 'slump', mean: 80 }, { stress: 'slump', mean: 20 }, []],
    ]);
    expect(r.rows[0].worstDelta.stress).toBe('slump');
    close(r.rows[0].worstDelta.mean, -10);
    expect(r.rows[1].worstDelta).toEqual({ stress: 'none', mean: 0, ci95: null });
    expect(r.leaders.map((l) => [l.criterion, l.strategy, l.runnerUp, l.established])).toEqual([
      ['expected', 'spend', 'zero', true],
      ['minimaxRegret', 'spend', 'zero', true],
      ['worstCase', 'zero', 'spend', true],
      ['worstTail', null, null, null],
    ]);
    close(r.leaders[0].margin!.mean, 20);
    // minimax regret: (spend − best) under slump minus (zero − best) unstressed = −10 − (−20), each replication 10
    close(r.leaders[1].margin!.mean, 10);
    close(r.leaders[1].margin!.sd, 0);
    close(r.leaders[2].margin!.mean, 10);
    expect(r.leaders[3].note).toBe('not enough replications for CVaR 5% (4 of 200): no tail leader is named; rerun with --replications 200');
    expect(r.decisionFlips.map((f) => [f.stress, f.before, f.after, f.clear])).toEqual([['slump', 'spend', 'zero', true]]);
    close(r.decisionFlips[0].margin.mean, 10);
    close(r.decisionFlips[0].margin.meanCi95[0], 4.803086945499556);
  });

  it('a lead that changes sign with an interval containing 0 is a possible flip; a lead of the same sign is none', () => {
    const cells = [
      { strategy: 'b', stress: 'none', values: [0, 0, 0, 0] },
      { strategy: 'a', stress: 'none', values: [5, 6, 4, 5] },
      { strategy: 'b', stress: 'x', values: [0, 0, 0, 0] },
      { strategy: 'a', stress: 'x', values: [-1, 3, -5, -1] },
      { strategy: 'b', stress: 'y', values: [0, 0, 0, 0] },
      { strategy: 'a', stress: 'y', values: [1, 2, 3, 2] },
    ];
    const r = robustness(cells, ['b', 'a'], 'b');
    expect(r.rows.find((x) => x.strategy === 'a')!.flips).toEqual([{ stress: 'x', clear: false }]);
    // the decision under x: b (0) over a (−1), not clear (the margin's interval contains 0)
    expect(r.decisionFlips.map((f) => [f.stress, f.before, f.after, f.clear])).toEqual([['x', 'a', 'b', false]]);
    expect(r.preferred.map((p) => p.strategy)).toEqual(['a', 'b', 'a']);
  });

  it('with 200 replications the worst tail is named, with the paired-bootstrap margin', () => {
    const v = Array.from({ length: 200 }, (_, k) => k + 1); // CVaR 5% of 1..200 = mean of 1..10 = 5.5
    const cells = [
      { strategy: 'b', stress: 'none', values: v },
      { strategy: 'a', stress: 'none', values: v.map((x) => x + 3) },
      { strategy: 'b', stress: 'x', values: v.map((x) => x - 1) },
      { strategy: 'a', stress: 'x', values: v.map((x) => x + 1) },
    ];
    const r = robustness(cells, ['b', 'a'], 'b');
    expect(r.rows.map((x) => [x.strategy, x.worstTail])).toEqual([
      ['a', { stress: 'x', cvar5: 6.5 }],
      ['b', { stress: 'x', cvar5: 4.5 }],
    ]);
    const tail = r.leaders[3];
    expect([tail.criterion, tail.strategy, tail.runnerUp, tail.established]).toEqual(['worstTail', 'a', 'b', true]);
    // a constant shift of 2 between the two worst columns: every resample's difference is exactly 2
    expect(tail.tailMargin!.value).toBe(2);
    close(tail.tailMargin!.ci95[0], 2);
    close(tail.tailMargin!.ci95[1], 2);
  });
});

describe('what the stress test writes', () => {
  it('stress-cells.csv, every number as computed above', () => {
    const t = stressFixture();
    expect(stressCellsCsv(t)).toBe(CELLS_CSV);
  });
  it('robustness.csv', () => {
    const t = stressFixture();
    expect(robustnessCsv(t)).toBe(ROBUSTNESS_CSV);
  });
  it('the terminal text', () => {
    const t = stressFixture();
    expect(stressText(t)).toBe(TEXT + '\n');
  });
  it('no flips: one sentence saying so', () => {
    const t = stressFixture();
    const calm = { ...t, cells: t.cells.map((c) => ({ ...c, flip: null })), robustness: { ...t.robustness, decisionFlips: [] } };
    expect(flipSentences(calm)).toEqual(["No flips: every strategy's lead over zero keeps its sign under every stress, and the preferred strategy is the same in every column."]);
  });
  it('the HTML section: leaders, flips, stresses, every cell, the heatmaps', () => {
    const t = stressFixture();
    const html = stressSectionHtml(t);
    expect(html).toContain('<b>spend</b><small>highest mean net equity when nothing goes wrong — ahead of zero by 20.0 (95% CI [14.8, 25.2])</small>');
    expect(html).toContain('<b>spend</b><small>smallest largest shortfall against the best strategy of any stress case — ahead of zero by 10.0 (95% CI [10.0, 10.0])</small>');
    expect(html).toContain('<small>Best worst-case tail</small><b>not named</b><small>not enough replications for CVaR 5% (4 of 200): no tail leader is named; rerun with --replications 200</small>');
    expect(html).toContain('Flip: spend is +20.0 vs zero unstressed but −10.0 (95% CI [−15.2, −4.80]) under &quot;slump&quot;.');
    expect(html).toContain('−10.0 ⚑ flip');
    expect(html).toContain('>−50.0<');
    expect(html).toContain('P(&lt; 100)');
    expect(html).toContain('with 4 it is &quot;not enough replications&quot; and no tail leader is named');
    expect(html).toContain('Student&#39;s t with 3 degrees of freedom');
    // the Δ heatmap writes each difference in its cell, the flip marked
    expect(html).toContain('>−10.0 ⚑<');
    expect(html).toContain('>+3.00<');
  });
});

const CELLS_CSV = [
    "strategy,stress,n,netEquity_mean,netEquity_se,netEquity_ci95_lo,netEquity_ci95_hi,vsBaseline_mean,vsBaseline_se,vsBaseline_ci95_lo,vsBaseline_ci95_hi,pBeats,pBeats_ci95_lo,pBeats_ci95_hi,flip,netEquity_p5,netEquity_cvar5,netEquity_cvar5_se,netEquity_cvar5_ci95_lo,netEquity_cvar5_ci95_hi,threshold,p_below,p_below_ci95_lo,p_below_ci95_hi,loss_mean,loss_se,loss_ci95_lo,loss_ci95_hi,customerEquity_mean,customerEquity_se,cxSpendPV_mean",
    "zero,none,4,100,4.08248290463863,87.0077173637489,112.9922826362511,,,,,,,,,91.5,,,,,100,0.25,0.04558726080970055,0.6993581574175981,,,,,110,4.08248290463863,5",
    "zero,slump,4,80,4.08248290463863,67.0077173637489,92.9922826362511,,,,,,,,,71.5,,,,,100,1,0.5101091635454027,1,20,0,20,20,90,4.08248290463863,5",
    "zero,shock-1,4,95,4.08248290463863,82.0077173637489,107.9922826362511,,,,,,,,,86.5,,,,,100,0.75,0.30064184258240184,0.9544127391902995,5,0,5,5,105,4.08248290463863,5",
    "spend,none,4,120,2.449489742783178,112.20463041824934,127.79536958175066,20,1.632993161855452,14.803086945499556,25.196913054500442,1,0.5101091635454027,1,,114.9,,,,,100,0,0,0.4898908364545973,,,,,130,2.449489742783178,30",
    "spend,slump,4,70,5.715476066494082,51.81080430924845,88.18919569075155,-10,1.632993161855452,-15.196913054500444,-4.803086945499556,0,0,0.4898908364545973,clear,58.1,,,,,100,1,0.5101091635454027,1,50,3.265986323710904,39.606173890999116,60.393826109000884,80,5.715476066494082,30",
    "spend,shock-1,4,98,2.160246899469287,91.12513023628338,104.87486976371662,3,2.160246899469287,-3.8748697637166183,9.874869763716617,0.75,0.30064184258240184,0.9544127391902995,,94.3,,,,,100,0.75,0.30064184258240184,0.9544127391902995,22,0.816496580927726,19.40154347274978,24.59845652725022,108,2.160246899469287,30",
    "",
  ].join('\n');

const ROBUSTNESS_CSV = [
    "rank,strategy,expected,max_regret_stress,max_regret_mean,max_regret_ci95_lo,max_regret_ci95_hi,worst_delta_stress,worst_delta_mean,worst_delta_ci95_lo,worst_delta_ci95_hi,flips,worst_case_stress,worst_case_mean,worst_tail_stress,worst_tail_cvar5,largest_loss_stress,largest_loss_mean",
    "1,spend,120,slump,10,4.803086945499556,15.196913054500444,slump,-10,-15.196913054500444,-4.803086945499556,slump,slump,70,,,slump,50",
    "2,zero,100,none,20,14.803086945499556,25.196913054500442,none,0,,,,slump,80,,,slump,20",
    "",
  ].join('\n');

const TEXT = [
    "levered: stress test, 2 strategies × 3 stress cases × 4 replications, seed 5",
    "",
    "Stresses (what and when):",
    "  slump: [every pool's wallet × 0.8 in months 6–17 (12 months, starting in year 1)]",
    "  competitorLeap:core@12+0.1: Ad-hoc shock competitorLeap:core@12+0.1 [every competitor's experience in the core pool +0.1 from month 12 (year 2) on]",
    "",
    "Δ net equity vs zero under the same stress (USD, paired by replication), 95% CI and P(beats) with its Wilson 95% interval; ! = the lead changes sign vs unstressed (? = not clear), * = preferred strategy in the column:",
    "Strategy                                   Unstressed                                slump           competitorLeap:core@12+0.1",
    "───────────────  ────────────────────────────────────  ───────────────────────────────────  ───────────────────────────────────",
    "zero (baseline)                                   100                                80.0*                                 95.0",
    "spend            +20.0 [14.8, 25.2] 100% [51%, 100%]*  −10.0 [−15.2, −4.80] 0% [0%, 49%] !  +3.00 [−3.87, 9.87] 75% [30%, 95%]*",
    "",
    "(The baseline's row is its own expected net equity.)",
    "",
    "Under \"slump\" the preferred strategy changes from spend to zero: ahead by +10.0 (95% CI [4.80, 15.2], better in 100% [51%, 100%] of replications).",
    "Flip: spend is +20.0 vs zero unstressed but −10.0 (95% CI [−15.2, −4.80]) under \"slump\".",
    "",
    "Robustness ranking (minimax regret: the largest shortfall against the best strategy of any stress case; paired):",
    "Rank  Strategy  Expected  Max regret  under       Worst Δ vs zero  under  Flips                       Worst CVaR 5%",
    "────  ────────  ────────  ──────────  ──────────  ───────────────  ─────  ─────  ──────────────────────────────────",
    "   1  spend          120        10.0  slump                 −10.0  slump  slump  not enough replications (4 of 200)",
    "   2  zero           100        20.0  Unstressed                —         none   not enough replications (4 of 200)",
    "",
    "Best expected value: spend (established: the 95% CI of the paired margin over zero excludes 0)",
    "Most robust (minimax regret): spend (established: the 95% CI of the paired margin over zero excludes 0)",
    "Best worst case (max–min net equity): zero (established: the 95% CI of the paired margin over spend excludes 0)",
    "Best worst-case tail (CVaR 5%): not enough replications for CVaR 5% (4 of 200): no tail leader is named; rerun with --replications 200",
    "Threshold 100: the expected unstressed net equity of the baseline strategy (zero). Intervals of means: Student t with 3 degrees of freedom; P(beats): Wilson.",
  ].join('\n');
