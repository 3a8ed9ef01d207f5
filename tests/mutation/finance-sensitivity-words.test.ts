/**
 * The sensitivity outputs with display names that differ from the ids, Morris rows without a
 * spread (n/a) and Sobol indices (issue 17 item 4; src/finance/sensitivity-output.ts). The
 * numbers are the saved analysis of tests/mutation/finance-sensitivity.test.ts (checked by hand
 * there); the names, the n/a Morris spreads and the Sobol rows are set here by hand.
 */
import { describe, expect, it } from 'vitest';
import { morrisCsv, sensitivitySectionHtml, sensitivityText, sobolCsv } from '../../src/finance/sensitivity-output.ts';
import type { Sensitivity } from '../../src/finance/sensitivity.ts';
import outputs from './finance-outputs/sensitivities.json' with { type: 'json' };

const saved = outputs as unknown as Record<'difference' | 'equity', Sensitivity>;
function named(): Sensitivity {
  const d = saved.difference;
  return {
    ...d,
    strategy: { id: 'spend', name: 'Spend plan' },
    baseline: { id: 'zero', name: 'Zero plan' },
    morris: [{ ...d.morris![0], sigma: NaN, muStarSe: NaN }, d.morris![1]],
    sobol: [
      { path: 'pools.core.marginRate', rank: 1, first: 0.8, firstCi95: [0.7, 0.9], total: 0.85, totalCi95: [0.75, 0.95] },
      { path: 'pools.core.costToServe', rank: 2, first: 0.12, firstCi95: [0.05, 0.2], total: 0.15, totalCi95: [0.08, 0.22] },
    ],
    settings: { ...d.settings, sobol: 8, sobolRuns: 64 },
  };
}

describe('the sensitivity outputs with names, Morris spreads n/a and Sobol indices', () => {
  it('the text', () => {
    expect(sensitivityText(named())).toBe(TEXT + '\n');
  });
  it('sobol.csv and morris.csv (n/a is an empty field)', () => {
    expect(sobolCsv(named())).toBe(SOBOL + '\n');
    expect(morrisCsv(named()).split('\n')[1]).toBe('1,pools.core.marginRate,difference,200,200,,,2');
  });
  it('the report section (charts aside)', () => {
    expect(sensitivitySectionHtml(named()).replace(/<figure[^]*?<\/figure>/g, '[FIG]').replace(/<svg[^]*?<\/svg>/g, '[SVG]')).toBe(HTML);
  });
});

const TEXT = [
  "levered: sensitivity of the paired difference in net equity, Spend plan − Zero plan, 2 parameters.",
  "All at their medians: +50.0 ± 1.30 (95% CI); Spend plan better in 100% of replications (Wilson 95% 51%–100%)",
  "",
  "Tornado (one at a time, widest swing first), output: Δ net equity vs Zero plan:",
  "Parameter               Low  High                       At low                     At high  High − low  ± 95% CI",
  "──────────────────────  ───  ────  ───────────────────────────  ──────────────────────────  ──────────  ────────",
  "pools.core.marginRate   0.2   0.4       −50.0 (P 0% [0%, 49%])   +150 (P 100% [51%, 100%])        +200         0",
  "pools.core.costToServe  0.1   0.9  +10.00 (P 100% [51%, 100%])  +90.0 (P 100% [51%, 100%])       +80.0         0",
  "",
  "Switching values (Spend plan vs Zero plan):",
  "  pools.core.marginRate: switches from zero to spend at 0.25 (95% band crosses 0 between 0.249 and 0.251)",
  "  pools.core.costToServe: no switch in range: spend is preferred from 0.1 to 0.9",
  "",
  "Morris (r = 2 trajectories, 48 runs):",
  "Rank  Parameter                 μ*  ± SE      μ    σ",
  "────  ──────────────────────  ────  ────  ─────  ───",
  "   1  pools.core.marginRate    200   n/a   +200  n/a",
  "   2  pools.core.costToServe  80.0     0  +80.0    0",
  "",
  "Sobol indices (N = 8, 64 runs; bootstrap 95% intervals):",
  "Rank  Parameter               First order S       95% CI  Total S_T        95% CI",
  "────  ──────────────────────  ─────────────  ───────────  ─────────  ────────────",
  "   1  pools.core.marginRate             0.8   [0.7, 0.9]       0.85  [0.75, 0.95]",
  "   2  pools.core.costToServe           0.12  [0.05, 0.2]       0.15  [0.08, 0.22]",
  "",
  "",
  "Output: the paired difference in net equity, Spend plan − Zero plan (net equity = customer equity − PV of CX spend − PV of workforce costs, USD), taken replication by replication with the same random draws. A parameter that moves both strategies alike has a short bar here, however much it moves either one: only what changes the difference can change the decision. P(beats): share of replications in which Spend plan does better.",
  "Every parameter is fixed (not drawn) in both strategies' runs: the one being moved at its value, the others at their medians (declared parameters: at the file's value). One at a time: low and high (the 10th and 90th percentiles of each distribution), 4 replications per point, common random numbers; intervals are Student t with 3 degrees of freedom. 80 runs for the tornado and the switching grid (5 points per parameter).",
  "Switching value: the value of a parameter, within its range, at which the mean difference Spend plan − Zero plan crosses 0 — the preferred of the two changes — found by linear interpolation between grid points; the range is where the 95% band of the difference crosses 0. \"No switch in range\": the same strategy is preferred over the whole range (others at their medians).",
  "Morris elementary effects: r = 2 trajectories of 3 points on a 4-level grid (Δ = 0.667 of each range), 4 replications per point: 48 runs. μ* (mean |EE|, in USD over the parameter's full range) ranks importance; σ large relative to μ* means non-linear effects or interactions. The ± on μ* is its Monte Carlo standard error over the r trajectories, sd(|EE|)/√r.",
  "Sobol indices (Saltelli design, Jansen estimators): N = 8 base points, N·(k + 2) = 32 points × 2 replications: 64 runs. Each parameter is uniform over its low–high range (through its quantile function: the distribution between its 10th and 90th percentiles). First order S: the share of the output's variance this parameter explains alone; total S_T: including every interaction. Intervals: bootstrap over the N base points (1000 resamples). Agent noise that common random numbers do not cancel adds to the variance and is not attributed to any parameter. With N = 8 the estimates are rough (wide intervals; a first-order estimate can exceed the total one): use N ≥ 32 before reading the ranking.",
  "128 replications simulated in all.",
].join('\n');

const SOBOL = [
  "rank,path,output,first,first_ci95_lo,first_ci95_hi,total,total_ci95_lo,total_ci95_hi,base_sample,runs",
  "1,pools.core.marginRate,difference,0.8,0.7,0.9,0.85,0.75,0.95,8,64",
  "2,pools.core.costToServe,difference,0.12,0.05,0.2,0.15,0.08,0.22,8,64",
].join('\n');

const HTML = "<section id=\"sensitivity\">\n<h2>Sensitivity: which assumptions could change the decision?</h2>\n<p>Output: the paired difference in net equity, Spend plan − Zero plan. Every parameter at its median: <b>+50.0</b> USD (95% CI [48.7, 51.3]); Spend plan is better in 100% of replications (Wilson 95% 51%–100%).</p>\n<section class=\"chart\" id=\"tornado\"><h3>Tornado: Δ net equity vs Zero plan, one parameter at a time</h3>[FIG]<p class=\"caption\">Each bar shows the paired difference in net equity, Spend plan − Zero plan when one parameter moves to its low (red) or high (blue) value while all others stay at their medians; the vertical line is the all-medians run; the dashed line is 0, where the two strategies are worth the same — a bar that crosses it can change the decision. Widest bars first.</p></section>\n<div class=\"headline-wrap\"><table class=\"finance\"><thead><tr><th class=\"\">Parameter</th><th class=\"num\">Low</th><th class=\"num\">High</th><th class=\"num\">At low<small>P(beats), Wilson 95% CI</small></th><th class=\"num\">At high<small>P(beats), Wilson 95% CI</small></th><th class=\"num\">High − low<small>paired, 95% CI</small></th></tr></thead><tbody><tr><td class=\"\">pools.core.marginRate</td><td class=\"num\">0.2<small>given</small></td><td class=\"num\">0.4<small>given</small></td><td class=\"num\">−50.0<small>0% [0%, 49%]</small></td><td class=\"num\">+150<small>100% [51%, 100%]</small></td><td class=\"num\">+200<small>[200, 200]</small></td></tr><tr><td class=\"\">pools.core.costToServe</td><td class=\"num\">0.1<small>P10</small></td><td class=\"num\">0.9<small>P90</small></td><td class=\"num\">+10.00<small>100% [51%, 100%]</small></td><td class=\"num\">+90.0<small>100% [51%, 100%]</small></td><td class=\"num\">+80.0<small>[80.0, 80.0]</small></td></tr></tbody></table></div>\n<h3>Switching values: where would the decision change?</h3>\n<div class=\"headline-wrap\"><table class=\"finance\"><thead><tr><th class=\"\">Parameter</th><th class=\"num\">Switching value<small>where the preferred strategy changes</small></th><th class=\"\">In words</th></tr></thead><tbody><tr><td class=\"\">pools.core.marginRate</td><td class=\"num\">0.25<small>95%: 0.2487 – 0.2513</small></td><td class=\"\">switches from zero to spend at 0.25 (95% band crosses 0 between 0.249 and 0.251)</td></tr><tr><td class=\"\">pools.core.costToServe</td><td class=\"num\">none in range</td><td class=\"\">no switch in range: spend is preferred from 0.1 to 0.9</td></tr></tbody></table></div>\n<section class=\"chart\" id=\"morris\"><h3>Morris screening: importance and interactions</h3>[SVG]<p class=\"caption\">Each parameter at (μ*, σ). Right: it moves the output a lot over its range. High up (above the dashed line σ = μ*): its effect depends on where the others are — non-linear or interacting. Whiskers: 95% interval of μ* over the trajectories (t).</p></section><div class=\"headline-wrap\"><table class=\"finance\"><thead><tr><th class=\"num\">Rank</th><th class=\"\">Parameter</th><th class=\"num\">μ*<small>± SE</small></th><th class=\"num\">μ<small>signed</small></th><th class=\"num\">σ</th></tr></thead><tbody><tr><td class=\"num\">1</td><td class=\"\">pools.core.marginRate</td><td class=\"num\">200</td><td class=\"num\">+200</td><td class=\"num\">n/a</td></tr><tr><td class=\"num\">2</td><td class=\"\">pools.core.costToServe</td><td class=\"num\">80.0<small>± 0</small></td><td class=\"num\">+80.0</td><td class=\"num\">0</td></tr></tbody></table></div>\n<h3>Sobol indices: shares of the output's variance</h3><div class=\"headline-wrap\"><table class=\"finance\"><thead><tr><th class=\"num\">Rank</th><th class=\"\">Parameter</th><th class=\"num\">First order S<small>bootstrap 95% CI</small></th><th class=\"num\">Total S_T<small>bootstrap 95% CI</small></th></tr></thead><tbody><tr><td class=\"num\">1</td><td class=\"\">pools.core.marginRate</td><td class=\"num\">0.8<small>[0.7, 0.9]</small></td><td class=\"num\">0.85<small>[0.75, 0.95]</small></td></tr><tr><td class=\"num\">2</td><td class=\"\">pools.core.costToServe</td><td class=\"num\">0.12<small>[0.05, 0.2]</small></td><td class=\"num\">0.15<small>[0.08, 0.22]</small></td></tr></tbody></table></div>\n<div class=\"notes\"><p>Output: the paired difference in net equity, Spend plan − Zero plan (net equity = customer equity − PV of CX spend − PV of workforce costs, USD), taken replication by replication with the same random draws. A parameter that moves both strategies alike has a short bar here, however much it moves either one: only what changes the difference can change the decision. P(beats): share of replications in which Spend plan does better.</p><p>Every parameter is fixed (not drawn) in both strategies&#39; runs: the one being moved at its value, the others at their medians (declared parameters: at the file&#39;s value). One at a time: low and high (the 10th and 90th percentiles of each distribution), 4 replications per point, common random numbers; intervals are Student t with 3 degrees of freedom. 80 runs for the tornado and the switching grid (5 points per parameter).</p><p>Switching value: the value of a parameter, within its range, at which the mean difference Spend plan − Zero plan crosses 0 — the preferred of the two changes — found by linear interpolation between grid points; the range is where the 95% band of the difference crosses 0. &quot;No switch in range&quot;: the same strategy is preferred over the whole range (others at their medians).</p><p>Morris elementary effects: r = 2 trajectories of 3 points on a 4-level grid (Δ = 0.667 of each range), 4 replications per point: 48 runs. μ* (mean |EE|, in USD over the parameter&#39;s full range) ranks importance; σ large relative to μ* means non-linear effects or interactions. The ± on μ* is its Monte Carlo standard error over the r trajectories, sd(|EE|)/√r.</p><p>Sobol indices (Saltelli design, Jansen estimators): N = 8 base points, N·(k + 2) = 32 points × 2 replications: 64 runs. Each parameter is uniform over its low–high range (through its quantile function: the distribution between its 10th and 90th percentiles). First order S: the share of the output&#39;s variance this parameter explains alone; total S_T: including every interaction. Intervals: bootstrap over the N base points (1000 resamples). Agent noise that common random numbers do not cancel adds to the variance and is not attributed to any parameter. With N = 8 the estimates are rough (wide intervals; a first-order estimate can exceed the total one): use N ≥ 32 before reading the ranking.</p><p>128 replications simulated in all.</p></div>\n</section>";
