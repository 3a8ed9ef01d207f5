/**
 * The optimiser's search, final evaluation, marginal values, optimality check and outputs on a
 * stub runner whose results are a closed form of the allocation
 * (tests/mutation/finance-optimise-fixture.ts), every number computed by hand (issue 17 item
 * 4; written against the uncovered mutants of src/finance/optimise.ts, allocation-search.ts,
 * optimise-output.ts and their charts once the simulating optimiser tests left the mutation
 * test list).
 *
 * Budget 100, levers fix and ready, chunks of 20%, no refinement, 3 search and 3 final
 * replications (m = 0.9, 1.0, 1.1), a marginal step of 10% (10 a year):
 * - the greedy pass puts 20 on fix (20·√20 − 20 = 69.44 > 10·√20 − 20 = 24.72), then ready,
 *   then fix three times: (80, 20), net 20·√80 + 10·√20 − 100 = 123.607; no exchange of 20
 *   improves ((60, 40): 118.165; (100, 0): 100).
 * - forward step on fix: Δ customer equity per replication m·20·(√90 − √80) = m·10.8512, Δ
 *   spend 10: Δ net mean 0.8512, per unit 0.08512, SE 0.1·10.8512/√3 = 0.62650, 95% CI with
 *   t₂ = 4.302653; on ready m·10·(√30 − √20) = m·10.0509: 0.0050896 per unit.
 * - backward step (10 less): fix (−m·11.5534 + 10)/(−10) → 0.15534; ready m·10·(√10 − √20)
 *   = −m·13.0986 → 0.30986. Every forward value is below every backward one: the KKT check holds.
 * - gains: spend's mix (fix 0.3 : ready 0.2 of its budget → 60 : 40) 20·√60 + 10·√40 − 100 =
 *   118.165, gain 5.4419; zero 0, gain 123.607; spend as written (120k, 80% allocated):
 *   20·√36000 + 10·√24000 − 96000 = −90656.07.
 * - runs: 11 allocations × 3 + (optimum, 2 forward, 2 backward, the mix, 2 strategies) × 3 = 57.
 * CVaR objective (n = 3: the CVaR 5% is the smallest value, at m = 0.9): per unit
 * (0.9·10.8512 − 10)/10 = −0.023390 for fix, (0.9·10.0509 − 10)/10 = −0.095419 for ready; a
 * bootstrap resample's minimum is at m = 0.9, 1.0 or 1.1, so the percentile interval runs from
 * the m = 0.9 value to the m = 1.1 one ((1.1·10.8512 − 10)/10 = 0.19363).
 * Budget 500 with unspent allowed (steps of 5%): 20·√x + 10·√y − x − y peaks at x = 100, y = 25
 * (net 125), 75% unspent.
 */
import { describe, expect, it } from 'vitest';
import { checkOptimality, objectiveOf, optimiseBudget, type Objective, type Optimisation } from '../../src/finance/optimise.ts';
import { allocationCsv, gainsCsv, optimiseSectionHtml, optimiseText, searchCsv } from '../../src/finance/optimise-output.ts';
import { searchAllocation } from '../../src/finance/allocation-search.ts';
import { stubRun } from './finance-optimise-fixture.ts';
import { levered } from '../finance/levered.ts';
import outputs from './finance-outputs/optimisations.json' with { type: 'json' };

// The three optimisations of this file as JSON (tests/mutation/finance-outputs/): the HTML tests
// render them without running the optimiser again, so a mutant of the optimiser does not pay for
// drawing charts (mutation testing re-runs every test that reaches it). 'the outputs are current'
// checks the file against the optimiser.
const saved = outputs as unknown as Record<'mean' | 'cvar5' | 'unspent', Optimisation>;
const asJson = (x: unknown) => JSON.parse(JSON.stringify(x));

const scenario = levered(); // src/scenario only: nothing of src/finance runs at load
const run = (budget: number, objective: Objective, chunks: number, refinements: number, allowUnspent: boolean, marginalStep: number, compare: string[]) =>
  optimiseBudget({ scenario, template: 'spend', levers: ['fix', 'ready'], budget, objective, search: { chunks, refinements, allowUnspent, maxMovesPerStep: 50 }, searchReplications: 3, replications: 3, marginalStep, compare }, stubRun);
const close = (a: number, b: number, tol = 1e-9) => expect(Math.abs(a - b)).toBeLessThan(tol);

// Each test runs its own optimisation (milliseconds): code run outside a test is not attributed
// to it by Stryker's per-test coverage.
async function meanCase(phases: string[] = []) {
  return optimiseBudget({ scenario, template: 'spend', levers: ['fix', 'ready'], budget: 100, objective: 'mean', search: { chunks: 5, refinements: 0, allowUnspent: false, maxMovesPerStep: 50 }, searchReplications: 3, replications: 3, marginalStep: 0.1, compare: ['zero', 'spend'] }, stubRun, (p) => phases.push(p));
}

describe('the optimiser on a closed-form stub (expected net equity)', () => {

  it('finds (80, 20) and evaluates it on replications 0–2', async () => {
    const phases: string[] = [];
    const o = await meanCase(phases);
    expect(o.optimum.shares).toEqual([0.8, 0.2]);
    expect(o.optimum.spendPerYear).toEqual([80, 20]);
    expect(o.optimum.unspentShare).toBeCloseTo(0, 12);
    close(o.optimum.searchObjective, 20 * Math.sqrt(80) + 10 * Math.sqrt(20) - 100);
    close(o.optimum.evaluated.netEquity.mean, 20 * Math.sqrt(80) + 10 * Math.sqrt(20) - 100);
    expect(o.optimum.evaluated.cvar5).toBeNull();
    expect(o.runs).toBe(57);
    expect(o.search.evaluations).toBe(11);
    expect(o.search.path.map((p) => [p.phase, p.shares])).toEqual([['greedy', [0.2, 0]], ['greedy', [0.2, 0.2]], ['greedy', [0.4, 0.2]], ['greedy', [0.6, 0.2]], ['greedy', [0.8, 0.2]]]);
    expect(o.settings).toEqual({ chunks: 5, refinements: 0, allowUnspent: false, maxMovesPerStep: 50, searchReplications: 3, replications: 3, marginalStep: 0.1, searchReplicationIndices: [3, 5] });
    expect(o.template).toEqual({ id: 'spend', name: 'spend' });
    expect(o.levers).toEqual([{ id: 'fix', name: 'fix' }, { id: 'ready', name: 'ready' }]);
    expect(phases).toEqual(['greedy 1/5', 'greedy 2/5', 'greedy 3/5', 'greedy 4/5', 'greedy 5/5', 'exchange, step 20%', 'final evaluation']);
  });

  it('marginal values: forward and backward steps, per unit of extra spend, with t intervals', async () => {
    const o = await meanCase();
    const [fix, ready] = o.marginals;
    const dFix = 20 * (Math.sqrt(90) - Math.sqrt(80));
    close(fix.objectivePerUnit, (dFix - 10) / 10);
    close(fix.netEquity.mean, dFix - 10);
    close(fix.netEquity.se, (0.1 * dFix) / Math.sqrt(3));
    close(fix.netPerUnitSe, (0.1 * dFix) / Math.sqrt(3) / 10);
    close(fix.objectivePerUnitCi95[1], (dFix - 10) / 10 + (4.302652729749464 * 0.1 * dFix) / Math.sqrt(3) / 10, 1e-7);
    close(fix.grossPerUnit, dFix / 10);
    expect(fix.extraPerYear).toBe(10);
    expect(fix.extraSpendPV).toBe(10);
    close(ready.objectivePerUnit, (10 * (Math.sqrt(30) - Math.sqrt(20)) - 10) / 10);
    close(fix.backwardPerUnit!, (20 * (Math.sqrt(70) - Math.sqrt(80)) + 10) / -10);
    close(ready.backwardPerUnit!, (10 * (Math.sqrt(10) - Math.sqrt(20)) + 10) / -10);
    expect(o.optimality.holds).toBe(true);
    expect(o.optimality.largestGapInUse!.a).toBe('ready');
    expect(o.optimality.largestGapInUse!.b).toBe('fix');
    close(o.optimality.largestGapInUse!.mean, ready.objectivePerUnit - fix.backwardPerUnit!);
    expect(o.notes).toEqual([]);
  });

  it('gains over the template mix at this budget and the named strategies', async () => {
    const o = await meanCase();
    expect(o.gains.map((g) => [g.strategy, g.name, g.budgetPerYear])).toEqual([['spend@budget', "spend's mix at this budget", 100], ['zero', 'zero', 0], ['spend', 'spend', 120000]]);
    close(o.gains[0].evaluated.netEquity.mean, 20 * Math.sqrt(60) + 10 * Math.sqrt(40) - 100);
    close(o.gains[0].gain.mean, 20 * Math.sqrt(80) + 10 * Math.sqrt(20) - 20 * Math.sqrt(60) - 10 * Math.sqrt(40));
    close(o.gains[2].evaluated.netEquity.mean, 20 * Math.sqrt(36000) + 10 * Math.sqrt(24000) - 96000, 1e-6);
    expect(o.gains.map((g) => [g.cvar5Gain, g.cvar5GainCi95])).toEqual([[null, null], [null, null], [null, null]]);
  });

  it('the text, allocation.csv, gains.csv and search.csv', async () => {
    const o = await meanCase();
    expect(optimiseText(o)).toBe(TEXT + '\n');
    expect(allocationCsv(o)).toBe(ALLOCATION + '\n');
    expect(gainsCsv(o)).toBe(GAINS + '\n');
    expect(searchCsv(o)).toBe(SEARCH + '\n');
  });

  it('the saved outputs are current', async () => {
    expect(asJson(await meanCase())).toEqual(saved.mean);
    expect(asJson(await run(100, 'cvar5', 5, 0, false, 0.1, ['zero']))).toEqual(saved.cvar5);
    expect(asJson(await run(500, 'mean', 20, 1, true, 0.05, []))).toEqual(saved.unspent);
  });

  it('the HTML section', () => {
    const html = optimiseSectionHtml(saved.mean, scenario);
    expect(html).toContain('<h2>Optimisation: where should 100 USD a year go?</h2>');
    expect(html).toContain('<b>124</b><small>95% CI [68.1, 179]; 90% of runs [103, 144]</small>');
    expect(html).toContain('optimality conditions hold within noise (see below)');
    expect(html).toContain('<b>n/a</b><small>not enough replications (3 of 200): the mean of the worst 5% needs at least 10 replications in the tail</small>');
    // the best named strategy by its own net equity: the mix (118) over zero (0) and spend (−90.7k)
    expect(html).toContain('Gain over the best named strategy (spend&#39;s mix at this budget)</small><b>+5.44</b><small>95% CI [4.09, 6.79]; better in 100% [44%, 100%] of replic');
    expect(html).toContain('Δ expected net equity per extra USD 1');
    expect(html).toContain('>0.09<');
    expect(html).toContain('[−0.18, 0.35]');
    expect(html).toContain('0.09 per extra USD 1');
    expect(html).toContain('+124 (P 100%)');
    expect(html).not.toContain('Δ CVaR 5% per extra');
  });
});

describe('the optimiser with the CVaR objective', () => {
  const cvarCase = () => run(100, 'cvar5', 5, 0, false, 0.1, ['zero']);
  it('marginal values of the CVaR (the smallest of 3 runs) with paired-bootstrap intervals', async () => {
    const o = await cvarCase();
    const [fix, ready] = o.marginals;
    close(fix.objectivePerUnit, (0.9 * 20 * (Math.sqrt(90) - Math.sqrt(80)) - 10) / 10);
    close(fix.objectivePerUnitCi95[0], fix.objectivePerUnit);
    close(fix.objectivePerUnitCi95[1], (1.1 * 20 * (Math.sqrt(90) - Math.sqrt(80)) - 10) / 10);
    close(ready.objectivePerUnit, (0.9 * 10 * (Math.sqrt(30) - Math.sqrt(20)) - 10) / 10);
    close(ready.objectivePerUnitCi95[1], (1.1 * 10 * (Math.sqrt(30) - Math.sqrt(20)) - 10) / 10);
    // the mean's marginal values are still reported beside them
    close(fix.netPerUnit, (20 * (Math.sqrt(90) - Math.sqrt(80)) - 10) / 10);
    expect(o.runs).toBe(54);
    expect(objectiveOf('cvar5', [3, 1, 2])).toBe(1);
    expect(objectiveOf('mean', [3, 1, 2])).toBe(2);
  });
  it('writes the CVaR columns and the note on its intervals', async () => {
    const o = await cvarCase();
    expect(allocationCsv(o)).toBe(CVAR_ALLOCATION + '\n');
    const text = optimiseText(o);
    expect(text).toContain('objective: CVaR 5% of net equity');
    expect(text).toContain('Δ CVaR 5% per extra USD 1');
    expect(text).toContain('fix    80.0%            80.0                      −0.02  [−0.02, 0.19]                    0.09                   1.09');
    expect(text).toContain('Marginal values are for the CVaR 5% (the objective optimised), with paired-bootstrap intervals; the expected-net-equity values are listed beside them for reference only.');
  });
  it('the HTML section with the CVaR objective', () => {
    const html = optimiseSectionHtml(saved.cvar5, scenario);
    expect(html).toContain('Δ CVaR 5% per extra USD 1');
    expect(html).toContain('>0.09<');
  });
});

describe('the optimiser with budget left unspent', () => {
  it('spends 100 on fix and 25 on ready, leaves 75% unspent, and checks the unspent option', async () => {
    const o = await run(500, 'mean', 20, 1, true, 0.05, []);
    expect(o.optimum.shares).toEqual([0.2, 0.05]);
    close(o.optimum.unspentShare, 0.75);
    close(o.optimum.evaluated.netEquity.mean, 125);
    close(o.marginals[0].objectivePerUnit, (20 * (Math.sqrt(125) - 10) - 25) / 25);
    close(o.marginals[1].backwardPerUnit!, 1);
    expect(o.optimality.holds).toBe(true);
    expect(o.optimality.sentences[0]).toContain('Budget may stay unspent: every lever in use is worth at least 0 on its last step, and no lever is worth more than 0 on its next step while budget is unspent (within noise).');
    expect(o.runs).toBe(81);
    expect(o.gains.map((g) => g.strategy)).toEqual(['spend@budget']);
    expect(allocationCsv(o)).toBe(UNSPENT_ALLOCATION + '\n');
    const text = optimiseText(o);
    expect(text).toContain('(unspent)  75.0%             375');
    expect(text).toContain('leaving budget unspent allowed');
  });
  it('the HTML section draws the unspent share', () => {
    expect(optimiseSectionHtml(saved.unspent, scenario)).toContain('(unspent)');
  });
  it('a budget no lever repays: every next unit returns less than it costs (a note), nothing spent with --allow-unspent', async () => {
    const tiny = await run(100000, 'mean', 4, 0, false, 0.25, []);
    expect(tiny.notes[0]).toBe("Every lever's next unit of money returns less than it costs at the optimum (net marginal value below 0 on every lever): a smaller budget would give more net equity — try --allow-unspent.");
  });
});

describe('refusals', () => {
  it('an unknown template and a budget that is not positive', async () => {
    await expect(optimiseBudget({ scenario, template: 'nope', levers: ['fix'], budget: 1, objective: 'mean', search: { chunks: 2, refinements: 0, allowUnspent: false, maxMovesPerStep: 5 }, searchReplications: 2, replications: 2, marginalStep: 0.1, compare: [] }, stubRun)).rejects.toThrow('unknown template strategy "nope"');
    await expect(run(0, 'mean', 2, 0, false, 0.1, [])).rejects.toThrow('the budget must be positive');
    await expect(searchAllocation(0, async () => [])).rejects.toThrow('the optimiser needs at least one lever');
    await expect(searchAllocation(1, async (b) => b.map(() => NaN), { chunks: 2, refinements: 0, allowUnspent: false, maxMovesPerStep: 5 })).rejects.toThrow('objective is not finite for allocation 1');
  });
});

describe('the optimality check in words', () => {
  const gapOf = (table: Record<string, [number, number, number]>) => (j: number, i: number) => {
    const [mean, lo, hi] = table[`${j}${i}`];
    return { mean, ci95: [lo, hi] as [number, number] };
  };
  const name = (id: string) => id.toUpperCase();
  it('a move from a lever in use to another that raises the objective beyond noise: a warning', () => {
    const r = checkOptimality('mean', ['a', 'b'], [0.5, 0.5], [{ objectivePerUnit: 0.5, backwardPerUnit: 0.1 }, { objectivePerUnit: 0.2, backwardPerUnit: 0.3 }], gapOf({ '10': [0.2, 0.05, 0.35], '01': [0.2, -0.1, 0.5] }), name, 0.05);
    expect(r.holds).toBe(false);
    expect(r.largestGapInUse).toEqual({ a: 'b', b: 'a', mean: 0.2, ci95: [0.05, 0.35] });
    expect(r.sentences).toEqual([
      'Warning — optimality check (on expected net equity) fails: moving 5% of the budget from A to B would raise it by 0.20 per unit (95% CI 0.05 to 0.35). The levers in use should share one marginal value (A: last step 0.10, next step 0.50; B: last step 0.30, next step 0.20); the search grid may be too coarse or the search replications too few — try more --chunks, --refinements or --search-replications.',
    ]);
  });
  it('with unspent budget: a lever whose last step is worth less than 0, a lever worth more than 0 while budget is unspent', () => {
    const r = checkOptimality('cvar5', ['a', 'b'], [0.5, 0], [{ objectivePerUnit: -0.5, backwardPerUnit: -0.4, objectivePerUnitCi95: [-0.9, -0.1], backwardPerUnitCi95: [-0.8, -0.1] }, { objectivePerUnit: 250, backwardPerUnit: null, objectivePerUnitCi95: [120, 380], backwardPerUnitCi95: null }], gapOf({ '10': [-1, -2, 0] }), name, 0.125, { allowUnspent: true, unspentShare: 0.5 });
    expect(r.holds).toBe(false);
    expect(r.sentences[0]).toBe(
      'Warning — optimality check (on CVaR 5% of net equity) fails: leaving 12.5% of the budget unspent instead of on A would raise it (its last step is worth -0.40 per unit, 95% CI -0.80 to -0.10); spending 12.5% of the budget now unspent on B would raise it (its next step is worth 250 per unit, 95% CI 120 to 380). The levers in use should share one marginal value (A: last step -0.40, next step -0.50; at zero: B 250); the search grid may be too coarse or the search replications too few — try more --chunks, --refinements or --search-replications.',
    );
    expect(r.sentences[1]).toMatch(/^Marginal values are for the CVaR 5%/);
  });
  it('one lever, nothing to compare: no verdict; every lever at zero: no verdict', () => {
    expect(checkOptimality('mean', ['a'], [1], [{ objectivePerUnit: 0.1, backwardPerUnit: 0.2 }], () => ({ mean: 0, ci95: [0, 0] }), name, 0.1)).toEqual({ holds: null, largestGapInUse: null, sentences: [] });
    expect(checkOptimality('mean', ['a', 'b'], [0, 0], [{ objectivePerUnit: 0.1, backwardPerUnit: null }, { objectivePerUnit: 0.1, backwardPerUnit: null }], () => ({ mean: 0, ci95: [0, 0] }), name, 0.1).holds).toBeNull();
  });
  it('holds with a lever at zero: the levers at zero are named with their next step', () => {
    const r = checkOptimality('mean', ['a', 'b'], [1, 0], [{ objectivePerUnit: 0.1, backwardPerUnit: 0.2 }, { objectivePerUnit: 0.05, backwardPerUnit: null }], gapOf({ '10': [-0.15, -0.3, 0] }), name, 0.1);
    expect(r.holds).toBe(true);
    expect(r.sentences[0]).toContain('(A: last step 0.20, next step 0.10 per extra unit of spend) and the levers at zero are not worth more (B 0.05).');
  });
});

const TEXT = [
  "levered: optimised allocation of 100 USD a year across 2 levers — objective: expected net equity",
  "Net equity at the optimum: 124 (95% CI [68.1, 179]; 90% of runs [103, 144]; CVaR 5% not enough replications (3 of 200))",
  "",
  "Lever  Share  Per year (USD)  Δ mean per extra USD 1         95% CI  Gross per extra USD 1",
  "─────  ─────  ──────────────  ──────────────────────  ─────────────  ─────────────────────",
  "fix    80.0%            80.0                    0.09  [−0.18, 0.35]                   1.09",
  "ready  20.0%            20.0                    0.01  [−0.24, 0.25]                   1.01",
  "",
  "Optimality check (on expected net equity, the objective optimised): no move of 10% of the budget from a lever in use to another lever raises it beyond noise — every lever's next step is worth no more than the last step of every lever in use, so one marginal value fits all levers in use (fix: last step 0.16, next step 0.09; ready: last step 0.31, next step 0.01 per extra unit of spend). This is the Karush–Kuhn–Tucker condition on the search grid.",
  "",
  "Gain of the optimum over:",
  "Compared with               Budget/yr  Its net equity    Gain          95% CI  P(optimum better), Wilson 95% CI",
  "──────────────────────────  ─────────  ──────────────  ──────  ──────────────  ────────────────────────────────",
  "spend's mix at this budget        100             118   +5.44    [4.09, 6.79]                  100% [44%, 100%]",
  "zero                                0               0    +124     [68.1, 179]                  100% [44%, 100%]",
  "spend                            120k          −90.7k  +90.8k  [89.5k, 92.1k]                  100% [44%, 100%]",
  "",
  "Objective: expected net equity; net equity = customer equity − PV of CX spend − PV of workforce costs (USD).",
  "Method: greedy marginal allocation in 5 parts of 20%, then pairwise exchange of budget between levers at steps 20.0% (finest 20.0%), the whole budget spent. 11 allocations evaluated, each on the same 3 search replications (3–5: common random numbers make the objective a deterministic function of the allocation).",
  "Reported numbers come from 3 independent replications (0–2, the same as cxsim compare), so they carry no selection bias from the search. On the search replications the optimum scored 124.",
  "Marginal value: one more (and, for the levers in use, one less) 10% of the budget (10.0 a year) on each lever in turn, paired with the optimum by replication (forward difference): Δ expected net equity — the objective optimised — per extra unit of CX spend (present value), with t intervals. Above 0: the next unit there raises the objective by more than it costs. A forward step under diminishing returns slightly understates the slope.",
  "Candidates keep the template spend's overrides; its rules and schedules are not used. Named strategies run as written (their own budgets, rules and schedules).",
  "57 replications simulated in all.",
].join('\n');

const ALLOCATION = [
  "lever,share,spend_per_year,objective,marginal_objective_per_unit,marginal_objective_ci95_lo,marginal_objective_ci95_hi,marginal_extra_per_year,marginal_extra_spend_pv,marginal_net_per_unit,marginal_net_per_unit_se,marginal_gross_per_unit,marginal_net_mean,marginal_net_ci95_lo,marginal_net_ci95_hi",
  "fix,0.8,80,mean,0.08512214101195924,-0.18443714222234886,0.35468142424626736,10,10,0.08512214101195922,0.0626495560216881,1.0851221410119591,0.8512214101195923,-1.8443714222234893,3.546814242462674",
  "ready,0.2,20,mean,0.005089620052084832,-0.2445884828339358,0.25476772293810546,10,10,0.005089620052084834,0.05802887626967727,1.0050896200520847,0.050896200520848346,-2.4458848283393584,2.547677229381055",
].join('\n');

const GAINS = [
  "compared,name,budget_per_year,net_mean,net_se,cvar5,gain_mean,gain_se,gain_ci95_lo,gain_ci95_hi,p_optimum_beats,cvar5_gain,cvar5_gain_ci95_lo,cvar5_gain_ci95_hi",
  "(optimum),Optimised allocation,100,123.60679774997898,12.90994448735806,,,,,,,,,",
  "spend@budget,spend's mix at this budget,100,118.16488705166428,12.595755626700273,,5.4419106983147,0.31418886065778967,4.090065139348589,6.793756257280812,1,,,",
  "zero,zero,0,0,0,,123.60679774997898,12.90994448735806,68.05978986053381,179.15380563942415,1,,,",
  "spend,spend,120000,-90656.07346931497,308.5317421020601,,90779.68026706495,295.621797614703,89507.7223325846,92051.6382015453,1,,,",
].join('\n');

const SEARCH = [
  "order,share.fix,share.ready,objective",
  "1,0.2,0,69.4427190999916",
  "2,0,0.2,24.7213595499958",
  "3,0.4,0,86.49110640673518",
  "4,0.2,0.2,94.1640786499874",
  "5,0.4,0.2,111.21246595673097",
  "6,0.2,0.4,92.6882723033592",
  "7,0.6,0.2,119.64069339829246",
  "8,0.4,0.4,109.73665961010278",
  "9,0.8,0.2,123.60679774997898",
  "10,0.6,0.4,118.16488705166428",
  "11,1,0,100",
].join('\n');

const CVAR_ALLOCATION = [
  "lever,share,spend_per_year,objective,marginal_objective_per_unit,marginal_objective_ci95_lo,marginal_objective_ci95_hi,marginal_extra_per_year,marginal_extra_spend_pv,marginal_net_per_unit,marginal_net_per_unit_se,marginal_gross_per_unit,marginal_net_mean,marginal_net_ci95_lo,marginal_net_ci95_hi",
  "fix,0.8,80,cvar5,-0.02339007308923726,-0.02339007308923726,0.19363435511315572,10,10,0.08512214101195922,0.0626495560216881,1.0851221410119591,0.8512214101195923,-1.8443714222234893,3.546814242462674",
  "ready,0.2,20,cvar5,-0.09541934195312365,-0.09541934195312365,0.10559858205729426,10,10,0.005089620052084834,0.05802887626967727,1.0050896200520847,0.050896200520848346,-2.4458848283393584,2.547677229381055",
].join('\n');

const UNSPENT_ALLOCATION = [
  "lever,share,spend_per_year,objective,marginal_objective_per_unit,marginal_objective_ci95_lo,marginal_objective_ci95_hi,marginal_extra_per_year,marginal_extra_spend_pv,marginal_net_per_unit,marginal_net_per_unit_se,marginal_gross_per_unit,marginal_net_mean,marginal_net_ci95_lo,marginal_net_ci95_hi",
  "fix,0.2,100,mean,-0.055728090000840586,-0.2902982361783852,0.178842056176704,25,25,-0.05572809000084059,0.05451756414262216,0.9442719099991593,-1.3932022500210148,-7.257455904459631,4.471051404417601",
  "ready,0.05,25,mean,-0.1715728752538098,-0.37736558145570037,0.03421983094808079,25,25,-0.1715728752538098,0.04782926234762006,0.8284271247461902,-4.289321881345245,-9.434139536392511,0.8554957737020201",
  "(unspent),0.75,375,mean,,,,,,,,,,,",
].join('\n');
