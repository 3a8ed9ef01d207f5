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
import { stressSectionHtml } from '../../src/finance/stress-section.ts';
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

describe('the stress section of the report, with names', () => {
  it('key figures, stresses, flips, ranking, every cell and the notes (charts aside)', () => {
    const t = named();
    const withTail: StressTest = {
      ...t,
      cells: t.cells.map((c) => (c.strategy === 'zero' && c.stress === 'none' ? { ...c, tail: { ...c.tail, cvar5: 90.5, cvar5Ci95: [88, 93] } } : c)),
      robustness: { ...t.robustness, rows: stressFixture().robustness.rows, leaders: [{ ...t.robustness.leaders[0], established: false }, ...t.robustness.leaders.slice(1)] },
    };
    expect(stressSectionHtml(withTail).replace(/<figure[^]*?<\/figure>/g, '[FIG]')).toBe(SECTION);
  });
});

const SECTION = "<section id=\"stress\">\n<h2>Stress test: does the decision hold when things go wrong?</h2>\n<div class=\"kpis\">\n<div class=\"kpi\"><small>Best expected value (unstressed)</small><b>Spend plan</b><small>highest mean net equity when nothing goes wrong — not separated from Zero plan at 4 replications (95% CI of the difference [14.8, 25.2])</small></div>\n<div class=\"kpi\"><small>Most robust (minimax regret)</small><b>Spend plan</b><small>smallest largest shortfall against the best strategy of any stress case — ahead of Zero plan by 10.0 (95% CI [10.0, 10.0])</small></div>\n<div class=\"kpi\"><small>Best worst-case tail</small><b>Spend plan</b><small>highest CVaR 5% under its own worst stress — not separated from Zero plan (CVaR 5% +2.50, paired-bootstrap 95% CI [−1.00, 6.00])</small></div>\n</div>\n<h3>The stresses</h3>\n<div class=\"headline-wrap\"><table class=\"finance\"><thead><tr><th class=\"\">Stress</th><th class=\"\">What it assumes</th><th class=\"\">What and when</th></tr></thead><tbody><tr><td class=\"\">Slump</td><td class=\"\">Wallets fall</td><td class=\"\">every pool&#39;s wallet × 0.8 in months 6–17 (12 months, starting in year 1)</td></tr><tr><td class=\"\">competitorLeap:core@12+0.1</td><td class=\"\">Ad-hoc shock competitorLeap:core@12+0.1</td><td class=\"\">every competitor&#39;s experience in the core pool +0.1 from month 12 (year 2) on</td></tr></tbody></table></div>\n<h3>Flips</h3>\n<div class=\"notes\"><p>Under &quot;Slump&quot; the preferred strategy changes from Spend plan to Zero plan: ahead by +10.0 (95% CI [4.80, 15.2], better in 100% [51%, 100%] of replications).</p><p>Flip: Spend plan is +20.0 vs Zero plan unstressed but −10.0 (95% CI [−15.2, −4.80]) under &quot;Slump&quot;.</p><p>Possible flip: Spend plan is +20.0 vs Zero plan unstressed but +3.00 (95% CI [−3.87, 9.87]) under &quot;competitorLeap:core@12+0.1&quot; (one of the two intervals contains 0).</p></div>\n<section class=\"chart\" id=\"stress-delta-heatmap\"><h3>Net equity versus Zero plan under each stress</h3>[FIG]<p class=\"caption\">Each strategy&#39;s mean net equity minus the baseline&#39;s under the same stress, replication by replication (common random numbers). Blue: ahead of the baseline; red: behind. ⚑ marks a flip of the lead&#39;s sign versus the unstressed column; ? a possible one.</p></section>\n<h3>Robustness ranking</h3>\n<div class=\"headline-wrap\"><table class=\"finance\"><thead><tr><th class=\"\">Rank</th><th class=\"\">Strategy</th><th class=\"num\">Expected<small>unstressed</small></th><th class=\"num\">Max regret<small>vs best of a column</small></th><th class=\"num\">Worst Δ vs Zero plan<small>paired, under</small></th><th class=\"\">Flips</th><th class=\"num\">Worst tail<small>CVaR 5% under worst stress</small></th></tr></thead><tbody><tr><td class=\"num\">1</td><td class=\"\">Spend plan</td><td class=\"num\">120</td><td class=\"num\">10.0<small>Slump</small></td><td class=\"num\">−10.0<small>Slump</small></td><td class=\"\">Slump</td><td class=\"num\">n/a<small>needs 200 runs</small></td></tr><tr><td class=\"num\">2</td><td class=\"\">Zero plan</td><td class=\"num\">100</td><td class=\"num\">20.0<small>Unstressed</small></td><td class=\"num\">—</td><td class=\"\">none</td><td class=\"num\">n/a<small>needs 200 runs</small></td></tr></tbody></table></div>\n<section class=\"chart\" id=\"stress-heatmap\"><h3>Expected net equity under each stress</h3>[FIG]<p class=\"caption\">Mean net equity of each strategy (rows) under each stress (columns), 4 replications per cell. Darker is better.</p></section>\n<h3>Every cell</h3>\n<div class=\"headline-wrap\"><table class=\"finance\"><thead><tr><th class=\"\">Strategy</th><th class=\"\">Stress</th><th class=\"num\">Net equity<small>mean, 95% CI</small></th><th class=\"num\">Δ vs Zero plan<small>same stress, paired, 95% CI</small></th><th class=\"num\">P(beats)<small>Wilson 95% CI</small></th><th class=\"num\">Change vs unstressed<small>paired, 95% CI</small></th><th class=\"num\">P5<small>5th percentile</small></th><th class=\"num\">CVaR 5%<small>mean of worst 5%</small></th><th class=\"num\">P(&lt; 100)<small>Wilson 95% CI</small></th><th class=\"num\">Customer equity<small>mean, gross of spend</small></th></tr></thead><tbody><tr><td class=\"\">Zero plan</td><td class=\"\">Unstressed</td><td class=\"num\">100<small>[87.0, 113]</small></td><td class=\"num\">— (baseline)</td><td class=\"num\">—</td><td class=\"num\">—</td><td class=\"num\">91.5</td><td class=\"num\">90.5<small>95% CI [88.0, 93.0]</small></td><td class=\"num\">25%<small>[5%, 70%]</small></td><td class=\"num\">110</td></tr><tr><td class=\"\">Zero plan</td><td class=\"\">Slump</td><td class=\"num\">80.0<small>[67.0, 93.0]</small></td><td class=\"num\">— (baseline)</td><td class=\"num\">—</td><td class=\"num\">−20.0<small>[−20.0, −20.0]</small></td><td class=\"num\">71.5</td><td class=\"num\">n/a<small>needs 200 runs</small></td><td class=\"num\">100%<small>[51%, 100%]</small></td><td class=\"num\">90.0</td></tr><tr><td class=\"\">Zero plan</td><td class=\"\">competitorLeap:core@12+0.1</td><td class=\"num\">95.0<small>[82.0, 108]</small></td><td class=\"num\">— (baseline)</td><td class=\"num\">—</td><td class=\"num\">−5.00<small>[−5.00, −5.00]</small></td><td class=\"num\">86.5</td><td class=\"num\">n/a<small>needs 200 runs</small></td><td class=\"num\">75%<small>[30%, 95%]</small></td><td class=\"num\">105</td></tr><tr><td class=\"\">Spend plan</td><td class=\"\">Unstressed</td><td class=\"num\">120<small>[112, 128]</small></td><td class=\"num\">+20.0<small>[14.8, 25.2]</small></td><td class=\"num\">100%<small>[51%, 100%]</small></td><td class=\"num\">—</td><td class=\"num\">115</td><td class=\"num\">n/a<small>needs 200 runs</small></td><td class=\"num\">0%<small>[0%, 49%]</small></td><td class=\"num\">130</td></tr><tr><td class=\"\">Spend plan</td><td class=\"\">Slump</td><td class=\"num\">70.0<small>[51.8, 88.2]</small></td><td class=\"num\">−10.0 ⚑ flip<small>[−15.2, −4.80]</small></td><td class=\"num\">0%<small>[0%, 49%]</small></td><td class=\"num\">−50.0<small>[−60.4, −39.6]</small></td><td class=\"num\">58.1</td><td class=\"num\">n/a<small>needs 200 runs</small></td><td class=\"num\">100%<small>[51%, 100%]</small></td><td class=\"num\">80.0</td></tr><tr><td class=\"\">Spend plan</td><td class=\"\">competitorLeap:core@12+0.1</td><td class=\"num\">98.0<small>[91.1, 105]</small></td><td class=\"num\">+3.00 ? flip<small>[−3.87, 9.87]</small></td><td class=\"num\">75%<small>[30%, 95%]</small></td><td class=\"num\">−22.0<small>[−24.6, −19.4]</small></td><td class=\"num\">94.3</td><td class=\"num\">n/a<small>needs 200 runs</small></td><td class=\"num\">75%<small>[30%, 95%]</small></td><td class=\"num\">108</td></tr></tbody></table></div>\n<div class=\"notes\"><p>Headline: net equity = customer equity − present value of CX spend − present value of workforce costs (USD). Under a budget cut spend falls with customer equity; only net equity shows that trade-off.</p><p>4 replications per cell; replication k of every cell uses the same random streams (common random numbers), so &quot;Δ vs Zero plan&quot; and &quot;change vs unstressed&quot; are taken replication by replication. Intervals of means use Student&#39;s t with 3 degrees of freedom; shares use Wilson intervals.</p><p>A flip (⚑) marks a strategy whose lead over Zero plan changes sign versus the unstressed case with both 95% intervals excluding 0; &quot;?&quot; marks a change of sign where one interval contains 0.</p><p>Regret of a strategy under a stress: the mean net equity of that column&#39;s best strategy minus its own (paired). The ranking orders strategies by their largest regret over every stress case (minimax regret).</p><p>Threshold: 100 USD, the expected unstressed net equity of the baseline strategy (zero).</p><p>CVaR 5% (expected shortfall, the mean of the worst 5% of replications) is only reported with at least 10 replications in the tail (200 in all), with a bootstrap 95% interval; with 4 it is &quot;not enough replications&quot; and no tail leader is named — rerun with --replications 200 for tail numbers.</p></div>\n</section>";
