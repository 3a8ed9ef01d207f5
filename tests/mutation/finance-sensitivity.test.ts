/**
 * The sensitivity analysis planned, analysed and written on a stub runner whose output is a
 * closed form of the parameters (tests/mutation/finance-sensitivity-fixture.ts), every number
 * computed by hand (issue 17 item 4; written against the mutants of src/finance/sensitivity.ts
 * and sensitivity-output.ts that the simulating sensitivity test reaches only in its beforeAll,
 * where per-test coverage does not see them).
 *
 * Difference spend − zero = 1000·(mr − 0.25) + 100·(cts − 0.5) + e_k, e = −1, 0, 1, 0:
 * - all at medians (mr 0.3, cts 0.5): 50, SE √(2/3)/2 = 0.40825, 95% CI ± t₃·SE = ± 1.2992;
 * - tornado: marginRate 0.2 → −50, 0.4 → 150 (swing 200); costToServe P10 0.1 → 10, P90 0.9 →
 *   90 (swing 80); high − low is exact in every replication (SE 0);
 * - switching: marginRate crosses 0 at 0.25; the 95% band (± 1.2992) at 0.25 ∓ 0.0012992;
 *   costToServe never (the difference is ≥ 10);
 * - Morris on a 4-level grid (Δ = 2/3 of the unit range): every elementary effect of marginRate
 *   is 1000·0.2 = 200 per unit, of costToServe 100·0.8 = 80 (its quantile function is linear):
 *   μ = μ* = 200 and 80, σ = 0;
 * - runs: grid of 5 → 1 centre + 5 + 4 points (the distribution's median is the centre) = 10
 *   points × 4 replications × 2 strategies = 80; Morris 2 trajectories × 3 points × 4 × 2 = 48.
 */
import { describe, expect, it } from 'vitest';
import { sensitivityFixture } from './finance-sensitivity-fixture.ts';
import { morrisCsv, outputLabel, pointsCsv, runsCsv, sensitivitySectionHtml, sensitivityText, switchingCsv, tornadoCsv, sobolCsv } from '../../src/finance/sensitivity-output.ts';
import { gridCoordinates, switchingValue, type Sensitivity } from '../../src/finance/sensitivity.ts';
import outputs from './finance-outputs/sensitivities.json' with { type: 'json' };

// The two analyses as JSON (tests/mutation/finance-outputs/): the HTML test renders them without
// analysing again, so a mutant of the analysis does not pay for drawing charts; 'the saved
// outputs are current' checks the file against the analysis.
const saved = outputs as unknown as Record<'difference' | 'equity', Sensitivity>;

const close = (a: number, b: number, tol = 1e-9) => expect(Math.abs(a - b)).toBeLessThan(tol);
const se = Math.sqrt(2 / 3) / 2;
const t3 = 3.182446305284263;

describe('the analysis of the paired difference', () => {
  it('centre, tornado, switching values and Morris effects', () => {
    const { s } = sensitivityFixture('difference', 2);
    close(s.centre.output.mean, 50);
    close(s.centre.output.se, se);
    close(s.centre.output.meanCi95[1], 50 + t3 * se, 1e-6);
    expect(s.centre.output.pBeats).toBe(1);
    close(s.centre.netEquity.mean, 60);
    close(s.centre.baselineNetEquity.mean, 10);
    expect(s.tornado.map((b) => b.path)).toEqual(['pools.core.marginRate', 'pools.core.costToServe']);
    const [mr, cts] = s.tornado;
    close(mr.atLow, -50, 1e-9);
    close(mr.atHigh, 150, 1e-9);
    close(mr.swing, 200, 1e-9);
    close(mr.difference.se, 0, 1e-9);
    expect([mr.pBeatsLow, mr.pBeatsHigh]).toEqual([0, 1]);
    expect(mr.quantiles).toBeUndefined();
    close(cts.atLow, 10, 1e-9);
    close(cts.atHigh, 90, 1e-9);
    expect(cts.quantiles).toEqual([0.1, 0.9]);
    expect([cts.low, cts.centre, cts.high]).toEqual([0.1, 0.5, 0.9]);
    const [swMr, swCts] = s.switching;
    close(swMr.value!, 0.25, 1e-12);
    close(swMr.range![0]!, 0.25 - (t3 * se) / 1000, 1e-9);
    close(swMr.range![1]!, 0.25 + (t3 * se) / 1000, 1e-9);
    expect([swMr.preferredAtLow, swMr.preferredAtHigh]).toEqual(['zero', 'spend']);
    expect(swCts.value).toBeNull();
    expect(swCts.range).toBeNull();
    expect(s.morris!.map((m) => [m.rank, m.path])).toEqual([[1, 'pools.core.marginRate'], [2, 'pools.core.costToServe']]);
    close(s.morris![0].muStar, 200, 1e-9);
    close(s.morris![0].mu, 200, 1e-9);
    close(s.morris![0].sigma, 0, 1e-9);
    close(s.morris![1].muStar, 80, 1e-9);
    expect(s.sobol).toBeNull();
    expect(s.settings).toMatchObject({ tornadoRuns: 80, morrisRuns: 48, sobolRuns: 0 });
    close(s.settings.delta, 2 / 3);
    expect(s.runs).toBe(128);
    expect(s.strategy).toEqual({ id: 'spend', name: 'spend' });
    expect(s.baseline).toEqual({ id: 'zero', name: 'zero' });
  });

  it('the plan: points and jobs', () => {
    const { plan } = sensitivityFixture('difference', 0, 3);
    expect(plan.points.map((p) => p.id)).toEqual(['centre', 'pools.core.marginRate@low', 'pools.core.marginRate@0.500', 'pools.core.marginRate@high', 'pools.core.costToServe@low', 'pools.core.costToServe@high']);
    expect(plan.points.map((p) => p.values['pools.core.costToServe'])).toEqual([0.5, 0.5, 0.5, 0.5, 0.1, 0.9]);
    expect(plan.slices[1]).toEqual({ strategy: { from: 8, to: 12 }, baseline: { from: 12, to: 16 } });
    expect(plan.jobs).toHaveLength(48);
    expect(plan.jobs[8].scenario.pools.core.marginRate).toBe(0.2);
    expect(pointsCsv(plan).split('\n').slice(0, 5)).toEqual(['point,kind,path,value', 'centre,centre,pools.core.marginRate,0.3', 'centre,centre,pools.core.costToServe,0.5', 'pools.core.marginRate@low,grid,pools.core.marginRate,0.2', 'pools.core.marginRate@low,grid,pools.core.costToServe,0.5']);
    expect(gridCoordinates(4)).toEqual([0, 1 / 3, 0.5, 2 / 3, 1]);
    expect(gridCoordinates(1)).toEqual([0, 0.5, 1]);
    expect(gridCoordinates(3)).toEqual([0, 0.5, 1]);
  });

  it('with the equity output only grid and centre points run the baseline', () => {
    const { plan, s } = sensitivityFixture('equity', 1, 3);
    expect(plan.slices.map((x) => x.baseline === null)).toEqual([false, false, false, false, false, false, true, true, true]);
    close(s.centre.output.mean, 60);
    expect(s.centre.output).not.toHaveProperty('pBeats');
    expect(s.tornado[0].pBeatsLow).toBeNull();
    expect(s.tornado[0].pBeatsLowCi95).toBeNull();
    close(s.tornado[0].atLow, -40, 1e-9);
    expect(s.runs).toBe(6 * 8 + 3 * 4);
  });
});

describe('what the sensitivity analysis writes', () => {
  it('the text, paired difference', () => {
    expect(sensitivityText(sensitivityFixture('difference', 2).s)).toBe(DIFFERENCE_TEXT + '\n');
  });
  it('the text, net equity of the strategy', () => {
    expect(sensitivityText(sensitivityFixture('equity').s)).toBe(EQUITY_TEXT + '\n');
  });
  it('tornado.csv, switching.csv, morris.csv, runs.csv', () => {
    const { s, plan, results } = sensitivityFixture('difference', 2);
    const tornado = tornadoCsv(s).split('\n');
    expect(tornado[0]).toBe('rank,path,source,output,low,high,centre,q_low,q_high,output_at_low,output_at_high,pBeats_at_low,pBeats_at_high,difference_mean,difference_se,difference_ci95_lo,difference_ci95_hi,swing,pBeats_at_low_ci95_lo,pBeats_at_low_ci95_hi,pBeats_at_high_ci95_lo,pBeats_at_high_ci95_hi');
    const r2 = tornado[2].split(',');
    expect(r2.slice(0, 9)).toEqual(['2', 'pools.core.costToServe', 'distribution', 'difference', '0.1', '0.9', '0.5', '0.1', '0.9']);
    close(Number(r2[9]), 10, 1e-9);
    expect(r2.slice(11, 13)).toEqual(['1', '1']);
    close(Number(r2[17]), 80, 1e-9);
    expect(tornado[1].split(',').slice(7, 9)).toEqual(['', '']);
    const sw = switchingCsv(s).split('\n');
    expect(sw).toHaveLength(12);
    const g2 = sw[2].split(',');
    expect([g2[0], g2[1], g2[2], g2[5], g2[6], g2[9], g2[10], g2[11]]).toEqual(['pools.core.marginRate', '0.25', '0', '0.5', '0.25', 'zero', 'spend', '0.25']);
    close(Number(g2[7]), 0.25 - (t3 * se) / 1000, 1e-9);
    expect(sw[6].split(',').slice(6, 12)).toEqual(['', '', '', 'spend', 'spend', '']);
    const m = morrisCsv(s).split('\n');
    expect(m[0]).toBe('rank,path,output,mu,mu_star,sigma,mu_star_se,trajectories');
    expect(m[1].split(',').slice(0, 5)).toEqual(['1', 'pools.core.marginRate', 'difference', '200', '200']);
    expect(m[1].split(',')[7]).toBe('2');
    expect(sobolCsv(s)).toBe('rank,path,output,first,first_ci95_lo,first_ci95_hi,total,total_ci95_lo,total_ci95_hi,base_sample,runs\n');
    const runs = runsCsv(plan, results).split('\n');
    expect(runs[0]).toBe('point,kind,strategy,replication,seed,netEquity,customerEquity,cxSpendPV');
    expect(runs[8]).toBe('centre,centre,zero,0,r0,10,15,0');
    expect(runs).toHaveLength(1 + 128 + 1);
  });
  it('the labels of the two outputs', () => {
    const d = sensitivityFixture('difference').s;
    const e = sensitivityFixture('equity').s;
    expect([outputLabel(d), outputLabel(d, true), outputLabel(e), outputLabel(e, true)]).toEqual(['the paired difference in net equity, spend − zero', 'Δ net equity vs zero', 'net equity of spend', 'Net equity of spend']);
  });
  it('the saved outputs are current', () => {
    expect(JSON.parse(JSON.stringify(sensitivityFixture('difference', 2).s))).toEqual(saved.difference);
    expect(JSON.parse(JSON.stringify(sensitivityFixture('equity').s))).toEqual(saved.equity);
  });
  it('the HTML section', () => {
    const html = sensitivitySectionHtml(saved.difference);
    expect(html).toContain('Every parameter at its median: <b>+50.0</b> USD (95% CI [48.7, 51.3]); spend is better in 100% of replications (Wilson 95% 51%–100%).');
    expect(html).toContain('Tornado: Δ net equity vs zero, one parameter at a time');
    expect(html).toContain('>P10<');
    expect(html).toContain('>given<');
    expect(html).toContain('>0% [0%, 49%]<');
    expect(html).toContain('>0.25<');
    expect(html).toContain('95%: 0.2487 – 0.2513');
    expect(html).toContain('none in range');
    expect(html).toContain('Morris screening: importance and interactions');
    expect(html).toContain('± 0'); // μ* SE of a linear output
    const eq = sensitivitySectionHtml(saved.equity);
    expect(eq).toContain('Net equity of <b>spend</b> with every parameter at its median: 60.0 USD (95% CI [58.7, 61.3]).');
    expect(eq).not.toContain('Morris screening');
  });
});

describe('switching values in words', () => {
  const g = (value: number, mean: number, lo: number, hi: number) => ({ value, mean, ci95: [lo, hi] as [number, number], pBeats: 0.5 });
  it('a switch and a switch back, each with its band', () => {
    const sw = switchingValue('p', [g(0, -10, -12, -8), g(1, 10, 8, 12), g(2, -10, -12, -8)], 'A', 'B');
    expect(sw.switches).toEqual([0.5, 1.5]);
    expect(sw.text).toBe('switches from B to A at 0.5 (95% band crosses 0 between 0.4 and 0.6), back to B at 1.5');
    expect(sw.range).toEqual([0.4, 0.6]);
  });
  it('no switch, not separated anywhere; no switch, separated at some grid values', () => {
    expect(switchingValue('p', [g(0, 1, -1, 3), g(1, 2, -1, 5)], 'A', 'B').text).toBe('no switch in range: A is preferred from 0 to 1 — but the 95% band of the difference contains 0 over the whole range: not separated at these replications');
    expect(switchingValue('p', [g(0, 1, -1, 3), g(1, 5, 2, 8)], 'A', 'B').text).toBe('no switch in range: A is preferred from 0 to 1 (the 95% band of the difference contains 0 at 1 of 2 grid values)');
    expect(switchingValue('p', [g(1000, 0, 0, 0), g(2000, 0, 0, 0)], 'A', 'B').text).toBe('no switch in range: A and B alike is preferred from 1.00e+3 to 2.00e+3 — but the 95% band of the difference contains 0 over the whole range: not separated at these replications');
  });
  it('a run of zeros between opposite signs crosses at its first point; small values in 3 significant digits', () => {
    // lower band −2, −1, 0.5 crosses between 0.002 and 0.003 at 0.002 + 0.001/1.5; upper −0.5, 1, 2 at 0.001 + 0.0005/1.5
    const sw = switchingValue('p', [g(0.001, -1, -2, -0.5), g(0.002, 0, -1, 1), g(0.003, 1, 0.5, 2)], 'A', 'B');
    expect(sw.value).toBe(0.002);
    expect(sw.text).toBe('switches from B to A at 0.00200 (95% band crosses 0 between 0.00133 and 0.00267)');
  });
});

const DIFFERENCE_TEXT = [
  "levered: sensitivity of the paired difference in net equity, spend − zero, 2 parameters.",
  "All at their medians: +50.0 ± 1.30 (95% CI); spend better in 100% of replications (Wilson 95% 51%–100%)",
  "",
  "Tornado (one at a time, widest swing first), output: Δ net equity vs zero:",
  "Parameter               Low  High                       At low                     At high  High − low  ± 95% CI",
  "──────────────────────  ───  ────  ───────────────────────────  ──────────────────────────  ──────────  ────────",
  "pools.core.marginRate   0.2   0.4       −50.0 (P 0% [0%, 49%])   +150 (P 100% [51%, 100%])        +200         0",
  "pools.core.costToServe  0.1   0.9  +10.00 (P 100% [51%, 100%])  +90.0 (P 100% [51%, 100%])       +80.0         0",
  "",
  "Switching values (spend vs zero):",
  "  pools.core.marginRate: switches from zero to spend at 0.25 (95% band crosses 0 between 0.249 and 0.251)",
  "  pools.core.costToServe: no switch in range: spend is preferred from 0.1 to 0.9",
  "",
  "Morris (r = 2 trajectories, 48 runs):",
  "Rank  Parameter                 μ*  ± SE      μ  σ",
  "────  ──────────────────────  ────  ────  ─────  ─",
  "   1  pools.core.marginRate    200     0   +200  0",
  "   2  pools.core.costToServe  80.0     0  +80.0  0",
  "",
  "",
  "Output: the paired difference in net equity, spend − zero (net equity = customer equity − PV of CX spend − PV of workforce costs, USD), taken replication by replication with the same random draws. A parameter that moves both strategies alike has a short bar here, however much it moves either one: only what changes the difference can change the decision. P(beats): share of replications in which spend does better.",
  "Every parameter is fixed (not drawn) in both strategies' runs: the one being moved at its value, the others at their medians (declared parameters: at the file's value). One at a time: low and high (the 10th and 90th percentiles of each distribution), 4 replications per point, common random numbers; intervals are Student t with 3 degrees of freedom. 80 runs for the tornado and the switching grid (5 points per parameter).",
  "Switching value: the value of a parameter, within its range, at which the mean difference spend − zero crosses 0 — the preferred of the two changes — found by linear interpolation between grid points; the range is where the 95% band of the difference crosses 0. \"No switch in range\": the same strategy is preferred over the whole range (others at their medians).",
  "Morris elementary effects: r = 2 trajectories of 3 points on a 4-level grid (Δ = 0.667 of each range), 4 replications per point: 48 runs. μ* (mean |EE|, in USD over the parameter's full range) ranks importance; σ large relative to μ* means non-linear effects or interactions. The ± on μ* is its Monte Carlo standard error over the r trajectories, sd(|EE|)/√r.",
  "Sobol indices: not computed (add --sobol N, e.g. 32; costs N·(k + 2)·sobol-replications runs of each strategy).",
  "128 replications simulated in all.",
].join('\n');

const EQUITY_TEXT = [
  "levered: sensitivity of net equity of spend, 2 parameters.",
  "All at their medians: 60.0 ± 1.30 (95% CI)",
  "",
  "Tornado (one at a time, widest swing first), output: Net equity of spend:",
  "Parameter               Low  High  At low  At high  High − low  ± 95% CI",
  "──────────────────────  ───  ────  ──────  ───────  ──────────  ────────",
  "pools.core.marginRate   0.2   0.4   −40.0      160        +200         0",
  "pools.core.costToServe  0.1   0.9    20.0    100.0       +80.0         0",
  "",
  "Switching values (spend vs zero):",
  "  pools.core.marginRate: switches from zero to spend at 0.25 (95% band crosses 0 between 0.249 and 0.251)",
  "  pools.core.costToServe: no switch in range: spend is preferred from 0.1 to 0.9",
  "",
  "Output: net equity of spend (customer equity − PV of CX spend − PV of workforce costs, USD). This is the strategy's own level: a parameter that moves every strategy alike shows here but cannot change the decision (use --output difference for that).",
  "Every parameter is fixed (not drawn) in both strategies' runs: the one being moved at its value, the others at their medians (declared parameters: at the file's value). One at a time: low and high (the 10th and 90th percentiles of each distribution), 4 replications per point, common random numbers; intervals are Student t with 3 degrees of freedom. 80 runs for the tornado and the switching grid (5 points per parameter).",
  "Switching value: the value of a parameter, within its range, at which the mean difference spend − zero crosses 0 — the preferred of the two changes — found by linear interpolation between grid points; the range is where the 95% band of the difference crosses 0. \"No switch in range\": the same strategy is preferred over the whole range (others at their medians).",
  "Sobol indices: not computed (add --sobol N, e.g. 32; costs N·(k + 2)·sobol-replications runs).",
  "80 replications simulated in all.",
].join('\n');
