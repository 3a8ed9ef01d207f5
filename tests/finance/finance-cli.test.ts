/**
 * The finance commands end to end, in process on a small scenario: files written, exit codes,
 * and one clear message (exit 2, no stack trace) for bad flags.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as cli } from '../support/cli.ts';
import { leveredInput } from './small-scenarios.ts';
import { summarise } from '../../src/metrics/interval.ts';
import { pairedDifference } from '../../src/metrics/paired-difference.ts';
import { probabilityBelow } from '../../src/finance/tail-risk.ts';

const dir = mkdtempSync(join(tmpdir(), 'cxsim-finance-'));
const file = join(dir, 'levered.json');

const json = (p: string) => JSON.parse(readFileSync(join(dir, p), 'utf8'));

beforeAll(() => writeFileSync(file, JSON.stringify(leveredInput())));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cxsim stress', () => {
  it('runs every strategy × (unstressed, named stresses, ad-hoc shocks) and writes JSON, CSV and HTML', async () => {
    const r = await cli(['stress', file, '--shock', 'budget:-100%@0', '--shock', 'pool:core*0.5@6;attrition:customers*2@3-9', '--replications', '3', '--threads', '1', '--out', join(dir, 'stress')]);
    expect(r.code).toBe(0);
    const t = json('stress/stress.json');
    expect(t.stresses.map((s: { id: string }) => s.id)).toEqual(['none', 'slump', 'shock-1', 'shock-2']);
    expect(t.cells).toHaveLength(2 * 4);
    expect(readFileSync(join(dir, 'stress/stress-cells.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + 8);
    expect(readFileSync(join(dir, 'stress/replications.csv'), 'utf8')).toContain(',shock-2,');
    expect(readFileSync(join(dir, 'stress/report.html'), 'utf8')).toContain('id="stress-heatmap"');
    expect(r.stdout).toContain('Best worst case (max–min net equity):');
    expect(r.stdout).toContain('Most robust (minimax regret):');
    expect(r.stdout).toContain('Best worst-case tail (CVaR 5%): not enough replications for CVaR 5% (3 of 200)');
    expect(r.stdout).toMatch(/Δ net equity vs zero under the same stress/);
    expect(readFileSync(join(dir, 'stress/report.html'), 'utf8')).toContain('id="stress-delta-heatmap"');
  });

  it('every number of stress.json is the library\'s on the replications.csv it wrote', () => {
    // depends on the previous test's output (same file, run in order)
    const t = json('stress/stress.json');
    const [header, ...lines] = readFileSync(join(dir, 'stress/replications.csv'), 'utf8').trimEnd().split('\n');
    const keys = header.split(',');
    const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v])));
    const net = (strategy: string, stress: string) =>
      rows.filter((r) => r.strategy === strategy && r.stress === stress).sort((a, b) => Number(a.replication) - Number(b.replication)).map((r) => Number(r.netEquity));
    const near = (a: number, b: number, what: string) => expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
    expect(t.cells).toHaveLength(8);
    for (const c of t.cells) {
      const xs = net(c.strategy, c.stress);
      expect(xs).toHaveLength(3);
      const s = summarise(xs);
      for (const f of ['mean', 'sd', 'se', 'median'] as const) near(c.netEquity[f], s[f], `${c.strategy}/${c.stress} ${f}`);
      for (const f of ['range90', 'range95', 'meanCi90', 'meanCi95'] as const) for (const i of [0, 1]) near(c.netEquity[f][i], s[f][i], `${c.strategy}/${c.stress} ${f}[${i}]`);
      near(c.tail.p5, s.range90[0], 'P5 is the interval summary\'s 5th percentile');
      const below = probabilityBelow(xs, t.threshold.value);
      near(c.belowThreshold.p, below.p, 'P(below)');
      near(c.belowThreshold.ci95[1], below.ci95[1], 'P(below) Wilson upper');
      if (c.vsBaseline) {
        const d = pairedDifference(xs, net(t.baseline, c.stress));
        near(c.vsBaseline.mean, d.mean, 'Δ vs baseline');
        near(c.vsBaseline.meanCi95[0], d.meanCi95[0], 'Δ vs baseline CI');
        near(c.vsBaseline.pBeats, d.pBeats, 'P(beats)');
      }
      if (c.lossVsUnstressed) {
        const d = pairedDifference(net(c.strategy, 'none'), xs);
        near(c.lossVsUnstressed.mean, d.mean, 'loss vs unstressed');
        near(c.lossVsUnstressed.se, d.se, 'loss vs unstressed SE');
      }
    }
  });

  it('a bad shock: exit 2, one message, nothing simulated', async () => {
    const r = await cli(['stress', file, '--shock', 'pool:cor*0.5@6', '--out', join(dir, 'bad')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('cxsim: --shock "pool:cor*0.5@6": unknown pool "cor" (did you mean "core"?); the scenario has core, next\n');
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });

  it('an unknown stress: exit 2', async () => {
    const r = await cli(['stress', file, '--stresses', 'slumpp', '--out', join(dir, 'bad')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('cxsim: --stresses: unknown stress "slumpp"; the scenario has slump\n');
  });
});

describe('cxsim sensitivity', () => {
  it('tornado, switching values, Morris and Sobol on the difference vs the baseline over the declared parameters', async () => {
    const r = await cli(['sensitivity', file, '--strategy', 'spend', '--param', 'pools.core.marginRate=0.2:0.4', '--param', 'behaviour.competitivePull=1:3', '--replications', '2', '--trajectories', '2', '--morris-replications', '1', '--sobol', '4', '--sobol-replications', '1', '--threads', '1', '--out', join(dir, 'sens')]);
    expect(r.code).toBe(0);
    const s = json('sens/sensitivity.json');
    expect(s.output).toBe('difference');
    expect(s.baseline.id).toBe('zero');
    expect(s.tornado.map((b: { path: string }) => b.path).sort()).toEqual(['behaviour.competitivePull', 'pools.core.marginRate']);
    // both strategies at every point: (centre + 5 grid points × 2 declared parameters) × 2 replications, Morris 2 × 3 × 1, Sobol 4 × (2 + 2) × 1
    expect(s.runs).toBe(2 * ((1 + 2 * 5) * 2 + 2 * 3 * 1 + 4 * 4 * 1));
    expect(s.switching).toHaveLength(2);
    expect(s.sobol).toHaveLength(2);
    expect(readFileSync(join(dir, 'sens/sobol.csv'), 'utf8').trim().split('\n')).toHaveLength(3);
    expect(readFileSync(join(dir, 'sens/switching.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + 2 * 5);
    expect(r.stdout).toMatch(/Switching values \(spend vs zero\):/);
    expect(readFileSync(join(dir, 'sens/report.html'), 'utf8')).toContain('id="tornado"');
  });

  it('every tornado bar and switching-grid point is the library\'s on the sensitivity-runs.csv it wrote', () => {
    // depends on the previous test's output (same file, run in order)
    const s = json('sens/sensitivity.json');
    const [header, ...lines] = readFileSync(join(dir, 'sens/sensitivity-runs.csv'), 'utf8').trimEnd().split('\n');
    const keys = header.split(',');
    const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v])));
    const net = (point: string, strategy: string) =>
      rows.filter((r) => r.point === point && r.strategy === strategy).sort((a, b) => Number(a.replication) - Number(b.replication)).map((r) => Number(r.netEquity));
    /** The output at a point: spend − zero, replication by replication. */
    const diff = (point: string, replications = 2) => {
      const a = net(point, 'spend'), b = net(point, 'zero');
      expect(a).toHaveLength(replications);
      return a.map((x, k) => x - b[k]);
    };
    const near = (a: number, b: number, what: string) => expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
    for (const bar of s.tornado) {
      const low = diff(`${bar.path}@low`), high = diff(`${bar.path}@high`);
      near(bar.atLow, summarise(low).mean, `${bar.path} at low`);
      near(bar.atHigh, summarise(high).mean, `${bar.path} at high`);
      near(bar.pBeatsLow, pairedDifference(net(`${bar.path}@low`, 'spend'), net(`${bar.path}@low`, 'zero')).pBeats, `${bar.path} P(beats) at low`);
      const d = pairedDifference(high, low);
      near(bar.difference.mean, d.mean, `${bar.path} swing`);
      near(bar.difference.se, d.se, `${bar.path} swing SE`);
      near(bar.difference.meanCi95[0], d.meanCi95[0], `${bar.path} swing CI low`);
      near(bar.difference.meanCi95[1], d.meanCi95[1], `${bar.path} swing CI high`);
      near(bar.swing, Math.abs(d.mean), `${bar.path} bar length`);
    }
    for (const sw of s.switching) {
      const names = ['low', '0.250', '0.500', '0.750', 'high'];
      expect(sw.grid).toHaveLength(names.length);
      sw.grid.forEach((g: { mean: number; ci95: [number, number]; pBeats: number }, i: number) => {
        const pd = pairedDifference(net(`${sw.path}@${names[i]}`, 'spend'), net(`${sw.path}@${names[i]}`, 'zero'));
        near(g.mean, pd.mean, `${sw.path} grid ${names[i]}`);
        near(g.ci95[0], pd.meanCi95[0], `${sw.path} grid ${names[i]} CI low`);
        near(g.ci95[1], pd.meanCi95[1], `${sw.path} grid ${names[i]} CI high`);
        near(g.pBeats, pd.pBeats, `${sw.path} grid ${names[i]} P(beats)`);
      });
      // the ends of the grid are the tornado's ends
      const bar = s.tornado.find((b: { path: string }) => b.path === sw.path);
      near(sw.grid[0].mean, bar.atLow, `${sw.path} grid low = tornado low`);
      near(sw.grid[4].mean, bar.atHigh, `${sw.path} grid high = tornado high`);
    }
    // Sobol indices (Jansen 1999) from the A, B and AB_i points: S_i = 1 − Σ(f(B) − f(AB_i))²/(2N·V),
    // S_Ti = Σ(f(A) − f(AB_i))²/(2N·V), V the sample variance of f(A) ∪ f(B); N = 4 rows, one replication each
    const n = 4;
    const f = (point: string) => diff(point, 1)[0]; // --sobol-replications 1
    const fa = Array.from({ length: n }, (_, j) => f(`sobol-A-${j}`)), fb = Array.from({ length: n }, (_, j) => f(`sobol-B-${j}`));
    const all = [...fa, ...fb];
    const m = all.reduce((a, b) => a + b, 0) / (2 * n);
    const v = all.reduce((a, x) => a + (x - m) ** 2, 0) / (2 * n - 1);
    s.factors.forEach((factor: { path: string }, i: number) => {
      const fab = Array.from({ length: n }, (_, j) => f(`sobol-AB${i}-${j}`));
      const sb = fb.reduce((a, x, j) => a + (x - fab[j]) ** 2, 0), sa = fa.reduce((a, x, j) => a + (x - fab[j]) ** 2, 0);
      const index = s.sobol.find((e: { path: string }) => e.path === factor.path);
      near(index.first, 1 - sb / (2 * n * v), `${factor.path} first-order Sobol index`);
      near(index.total, sa / (2 * n * v), `${factor.path} total Sobol index`);
    });
  });

  it('the baseline against itself: refused for the difference, with advice', async () => {
    const r = await cli(['sensitivity', file, '--strategy', 'zero', '--output', 'difference', '--param', 'pools.core.marginRate=0.2:0.4', '--out', join(dir, 'self')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is the baseline, so its difference from the baseline is 0 in every run');
  });

  it('a scenario without uncertain parameters and no --param: exit 2 with advice', async () => {
    const r = await cli(['sensitivity', file, '--out', join(dir, 'none')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no uncertain parameter to swing; declare some with --param PATH=LOW:HIGH');
  });
});

describe('cxsim optimise', () => {
  it('allocates a budget and reports marginals and gains', async () => {
    const r = await cli(['optimise', file, '--budget', '120k', '--levers', 'fix,grow', '--strategy', 'spend', '--chunks', '4', '--refinements', '0', '--search-replications', '2', '--replications', '2', '--threads', '1', '--out', join(dir, 'opt')]);
    expect(r.code).toBe(0);
    const o = json('opt/optimise.json');
    expect(o.optimum.shares.reduce((a: number, x: number) => a + x, 0)).toBeCloseTo(1, 12);
    expect(o.marginals).toHaveLength(2);
    expect(o.gains.map((g: { strategy: string }) => g.strategy)).toEqual(['spend@budget', 'zero', 'spend']); // spend has rules and a schedule, so its mix at this budget is a comparator of its own
    expect(readFileSync(join(dir, 'opt/allocation.csv'), 'utf8').split('\n')[0]).toContain('marginal_objective_per_unit');
    expect(o.optimality.sentences.join(' ')).toMatch(/optimality check/i);
    expect(r.stdout).toMatch(/objective: expected net equity/);
    // numbers, not shapes: spend = share × budget; a marginal value is Δ net equity ÷ the extra spend's present value
    // (its SE and interval likewise, a fixed divisor); a gain is the optimum's mean minus the comparator's (paired)
    const near = (a: number, b: number, what: string) => expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
    o.optimum.shares.forEach((share: number, i: number) => near(o.optimum.spendPerYear[i], share * 120000, `spend of lever ${i}`));
    for (const m of o.marginals) {
      expect(m.extraPerYear).toBeCloseTo(0.05 * 120000, 9);
      near(m.netPerUnit, m.netEquity.mean / m.extraSpendPV, `${m.lever} per unit`);
      near(m.netPerUnitSe, m.netEquity.se / m.extraSpendPV, `${m.lever} per unit SE`);
      near(m.objectivePerUnit, m.netPerUnit, `${m.lever} objective per unit (objective: mean)`);
      near(m.objectivePerUnitCi95[0], m.netEquity.meanCi95[0] / m.extraSpendPV, `${m.lever} per unit CI low`);
      near(m.objectivePerUnitCi95[1], m.netEquity.meanCi95[1] / m.extraSpendPV, `${m.lever} per unit CI high`);
    }
    for (const g of o.gains) near(g.gain.mean, o.optimum.evaluated.netEquity.mean - g.evaluated.netEquity.mean, `gain over ${g.strategy}`);
  });

  it('bad flags: exit 2', async () => {
    expect((await cli(['optimise', file, '--budget', 'lots', '--out', join(dir, 'x')])).stderr).toBe('cxsim: --budget: expected an amount such as 3000000, 3e6, 3M or 500k, found "lots"\n');
    expect((await cli(['optimise', file, '--levers', 'fix,nope', '--out', join(dir, 'x')])).stderr).toBe('cxsim: --levers: unknown lever "nope"; the scenario has fix, ready, grow, care, keep\n');
  });
});
