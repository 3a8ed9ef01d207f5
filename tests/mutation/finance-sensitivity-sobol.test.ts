/**
 * The sensitivity analysis with Sobol indices, and with its parameters given smallest effect
 * first (so that every ranking has to sort), on the stub runner of
 * tests/mutation/finance-sensitivity-fixture.ts (issue 17 item 4; written against the mutants of
 * src/finance/sensitivity.ts that the fixture, with Sobol off and the widest parameter first,
 * left uncovered or alive).
 *
 * Difference spend − zero = 1000·(mr − 0.25) + 100·(cts − 0.5) + e_k with e = −1, 0, 1, 0 (zero
 * over the 4 replications of a point). In unit coordinates u (0 = low, 1 = high):
 * costToServe = 0.1 + 0.8·u₀ (uniform(0, 1) between P10 and P90), marginRate = 0.2 + 0.2·u₁, so
 * the mean difference at a point is 80·u₀ + 200·u₁ − 50 + 0 (the e_k cancel). Sobol indices are
 * the Jansen estimators computed here from the seeded Saltelli design (sobolDesign(2, 8, 5)) and
 * that closed form; point ids, values and run counts by hand: factors in the order costToServe,
 * marginRate, grid 3 (u = 0, 0.5, 1; the distribution's median is the centre): 1 + 2 + 3 = 6
 * one-at-a-time points, Morris 2 trajectories × 3 points, Sobol N = 8: 8·(2 + 2) = 32 points;
 * 4 replications per point and 2 strategies.
 */
import { describe, expect, it } from 'vitest';
import type { ReplicationResult } from '../../src/engine/result.ts';
import { analyseSensitivity, distributionFactor, planSensitivity, type Factor, type SensitivityOutput } from '../../src/finance/sensitivity.ts';
import { sobolDesign } from '../../src/finance/sobol.ts';
import { sensitivitySectionHtml, sensitivityText, sobolCsv } from '../../src/finance/sensitivity-output.ts';
import { num } from '../../src/report/format.ts';
import type { Distribution } from '../../src/scenario/schema.ts';
import { levered } from '../finance/levered.ts';
import { stubResult } from './finance-sensitivity-fixture.ts';

const close = (a: number, b: number, tol = 1e-9) => expect(Math.abs(a - b)).toBeLessThan(tol);

function reversed(): Factor[] {
  return [
    distributionFactor('pools.core.costToServe', { dist: 'uniform', min: 0, max: 1 } as unknown as Distribution, [0.1, 0.9]),
    { path: 'pools.core.marginRate', source: 'declared', low: 0.2, high: 0.4, centre: 0.3 },
  ];
}

function run(output: SensitivityOutput, sobol = 8) {
  const sc = levered();
  const views = { strategy: sc, baseline: sc };
  const settings = { replications: 4, grid: 3, trajectories: 2, morrisReplications: 4, levels: 4, sobol, sobolReplications: 4 };
  const fs = reversed();
  const plan = planSensitivity(views, 'spend', 'zero', fs, settings, output);
  const results: ReplicationResult[] = plan.jobs.map(stubResult);
  return { plan, s: analyseSensitivity(views, fs, settings, plan, results) };
}

/** Mean difference at unit coordinates (u₀ costToServe, u₁ marginRate). */
const f = (u: number[]) => 80 * u[0] + 200 * u[1] - 50;

/** Jansen (1999) first-order and total indices of factor i from the design. */
function jansen(i: number) {
  const d = sobolDesign(2, 8, 5);
  const fa = d.a.map(f), fb = d.b.map(f), fab = d.ab[i].map(f);
  const all = [...fa, ...fb];
  const m = all.reduce((a, x) => a + x, 0) / 16;
  const v = all.reduce((a, x) => a + (x - m) ** 2, 0) / 15;
  let sb = 0, sa = 0;
  for (let j = 0; j < 8; j++) {
    sb += (fb[j] - fab[j]) ** 2;
    sa += (fa[j] - fab[j]) ** 2;
  }
  return { first: 1 - sb / (16 * v), total: sa / (16 * v) };
}

describe('the plan', () => {
  it('point ids and values in order: centre, grid, Morris, Sobol A, B, AB0, AB1', () => {
    const { plan } = run('difference');
    const d = sobolDesign(2, 8, 5);
    const ids = plan.points.map((p) => p.id);
    expect(ids.slice(0, 12)).toEqual([
      'centre',
      'pools.core.costToServe@low',
      'pools.core.costToServe@high',
      'pools.core.marginRate@low',
      'pools.core.marginRate@0.500',
      'pools.core.marginRate@high',
      'morris-1-0', 'morris-1-1', 'morris-1-2', 'morris-2-0', 'morris-2-1', 'morris-2-2',
    ]);
    expect(ids.slice(12)).toEqual(['A', 'B', 'AB0', 'AB1'].flatMap((m) => Array.from({ length: 8 }, (_, r) => `sobol-${m}-${r}`)));
    expect(plan.sobolRows).toBe(8);
    const sobol = plan.points.slice(12);
    expect(sobol.map((p) => [p.kind, p.matrix, p.row, p.replications])).toEqual(['A', 'B', 'AB0', 'AB1'].flatMap((m) => Array.from({ length: 8 }, (_, r) => ['sobol', m, r, 4])));
    const rows = [...d.a, ...d.b, ...d.ab[0], ...d.ab[1]];
    sobol.forEach((p, k) => {
      close(p.values['pools.core.costToServe'], 0.1 + 0.8 * rows[k][0], 1e-12);
      close(p.values['pools.core.marginRate'], 0.2 + 0.2 * rows[k][1], 1e-12);
    });
    // AB0 is A with column 0 from B, AB1 with column 1
    expect(d.ab[0][3]).toEqual([d.b[3][0], d.a[3][1]]);
    expect(d.ab[1][3]).toEqual([d.a[3][0], d.b[3][1]]);
    expect(plan.jobs.length).toBe((6 + 6 + 32) * 4 * 2);
  });

  it('no Sobol points with N = 0 or without parameters; no Morris points without parameters', () => {
    const { plan } = run('difference', 0);
    expect(plan.sobolRows).toBe(0);
    expect(plan.points.some((p) => p.kind === 'sobol')).toBe(false);
    const sc = levered();
    const none = planSensitivity({ strategy: sc, baseline: sc }, 'spend', 'zero', [], { replications: 4, grid: 3, trajectories: 2, morrisReplications: 4, levels: 4, sobol: 8, sobolReplications: 4 }, 'difference');
    expect(none.points.map((p) => p.id)).toEqual(['centre']);
    expect(none.trajectories).toEqual([]);
  });
});

describe('the analysis', () => {
  it('Sobol indices: the Jansen estimators of the closed form, widest total first, ranked', () => {
    const { s } = run('difference');
    const [cts, mr] = [jansen(0), jansen(1)];
    expect(s.sobol!.map((x) => [x.rank, x.path])).toEqual([[1, 'pools.core.marginRate'], [2, 'pools.core.costToServe']]);
    close(s.sobol![0].first, mr.first);
    close(s.sobol![0].total, mr.total);
    close(s.sobol![1].first, cts.first);
    close(s.sobol![1].total, cts.total);
    expect(mr.total).toBeGreaterThan(cts.total);
    for (const x of s.sobol!) {
      expect(x.firstCi95[0]).toBeLessThanOrEqual(x.firstCi95[1]);
      expect(x.totalCi95[0]).toBeLessThanOrEqual(x.totalCi95[1]);
    }
    expect(s.settings.sobolRuns).toBe(32 * 4 * 2);
    expect(s.settings.tornadoRuns).toBe(6 * 4 * 2);
    expect(s.settings.morrisRuns).toBe(6 * 4 * 2);
    expect(s.runs).toBe(44 * 4 * 2);
    const csv = sobolCsv(s).split('\n');
    expect(csv[1].split(',').slice(0, 3)).toEqual(['1', 'pools.core.marginRate', 'difference']);
    expect(csv[1].split(',').slice(-2)).toEqual(['8', '256']);
  });

  it('the output of the strategy alone: baseline runs only where the switching values need them', () => {
    const { s } = run('equity');
    expect(s.settings.sobolRuns).toBe(32 * 4);
    expect(s.settings.morrisRuns).toBe(6 * 4);
    expect(s.settings.tornadoRuns).toBe(6 * 4 * 2);
    // net equity of spend = difference + 10: the same indices
    close(s.sobol![0].total, jansen(1).total);
  });

  it('tornado and Morris sorted widest first whatever the order of the parameters', () => {
    const { s } = run('difference');
    expect(s.tornado.map((b) => [b.path, b.atLow, b.atHigh, b.swing])).toEqual([
      ['pools.core.marginRate', expect.closeTo(-50, 9), expect.closeTo(150, 9), expect.closeTo(200, 9)],
      ['pools.core.costToServe', expect.closeTo(10, 9), expect.closeTo(90, 9), expect.closeTo(80, 9)],
    ]);
    expect(s.morris!.map((m) => [m.rank, m.path, m.muStar])).toEqual([
      [1, 'pools.core.marginRate', expect.closeTo(200, 9)],
      [2, 'pools.core.costToServe', expect.closeTo(80, 9)],
    ]);
    // the switching grid of marginRate: 0.2, 0.3, 0.4 → −50, 50, 150 (costToServe at its median 0.5 adds 0)
    const sw = s.switching[1];
    expect(sw.grid.map((g) => g.value)).toEqual([0.2, 0.30000000000000004, 0.4]);
    expect(sw.grid.map((g) => Math.round(g.mean * 1e9) / 1e9)).toEqual([-50, 50, 150]);
    close(sw.value!, 0.25, 1e-12);
  });
});

describe('the Sobol indices in words', () => {
  const SOBOL_NOTE = (n: number, points: number, reps: number, runs: number, range: string) =>
    `Sobol indices (Saltelli design, Jansen estimators): N = ${n} base points, N·(k + 2) = ${points} points × ${reps} replications: ${runs} runs. Each parameter is uniform over its low–high range (through its quantile function: the distribution between its ${range}). First order S: the share of the output's variance this parameter explains alone; total S_T: including every interaction. Intervals: bootstrap over the N base points (1000 resamples). Agent noise that common random numbers do not cancel adds to the variance and is not attributed to any parameter.`;

  it('the text: a table ranked by total S_T, the design in the notes, and the warning below N = 32', () => {
    const { s } = run('difference');
    const lines = sensitivityText(s).split('\n');
    const at = lines.indexOf('Sobol indices (N = 8, 256 runs; bootstrap 95% intervals):');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1].split(/\s{2,}/)).toEqual(['Rank', 'Parameter', 'First order S', '95% CI', 'Total S_T', '95% CI']);
    const [mr, cts] = s.sobol!;
    const cells = (x: typeof mr) => [num(x.first, 2), `[${num(x.firstCi95[0], 2)}, ${num(x.firstCi95[1], 2)}]`, num(x.total, 2), `[${num(x.totalCi95[0], 2)}, ${num(x.totalCi95[1], 2)}]`];
    expect(lines[at + 3].trim().split(/\s{2,}/)).toEqual(['1', 'pools.core.marginRate', ...cells(mr)]);
    expect(lines[at + 4].trim().split(/\s{2,}/)).toEqual(['2', 'pools.core.costToServe', ...cells(cts)]);
    expect(num(mr.total, 2)).toBe(num(jansen(1).total, 2));
    expect(lines).toContain(SOBOL_NOTE(8, 32, 4, 256, '10th and 90th percentiles') + ' With N = 8 the estimates are rough (wide intervals; a first-order estimate can exceed the total one): use N ≥ 32 before reading the ranking.');
    expect(lines.some((l) => l.startsWith('Sobol indices: not computed'))).toBe(false);
    const html = sensitivitySectionHtml(s);
    expect(html).toContain("<h3>Sobol indices: shares of the output's variance</h3>");
    expect(html).toContain(`<td class="num">${num(mr.total, 2)}<small>[${num(mr.totalCi95[0], 2)}, ${num(mr.totalCi95[1], 2)}]</small></td>`);
    expect(html).toContain('<th class="num">First order S<small>bootstrap 95% CI</small></th><th class="num">Total S_T<small>bootstrap 95% CI</small></th>');
  });

  it('N = 32 with declared ranges only: no warning, "low and high values"', () => {
    const sc = levered();
    const views = { strategy: sc, baseline: sc };
    const fs: Factor[] = [{ path: 'pools.core.marginRate', source: 'declared', low: 0.2, high: 0.4, centre: 0.3 }];
    const settings = { replications: 4, grid: 3, trajectories: 0, morrisReplications: 4, levels: 4, sobol: 32, sobolReplications: 2 };
    const plan = planSensitivity(views, 'spend', 'zero', fs, settings, 'equity');
    const s = analyseSensitivity(views, fs, settings, plan, plan.jobs.map(stubResult));
    // one parameter: AB₀ is B, so S = 1 exactly; S_T = Σ (f(A) − f(B))² / (2N·V) of the design's two columns
    // (net equity of spend, mean over replications 0 and 1: 200·u − 50 + 10 − ½)
    expect(s.sobol!.map((x) => [x.rank, x.path])).toEqual([[1, 'pools.core.marginRate']]);
    expect(s.sobol![0].first).toBeCloseTo(1, 12);
    const d = sobolDesign(1, 32, 5);
    const fa = d.a.map((u) => 200 * u[0]), fb = d.b.map((u) => 200 * u[0]);
    const all = [...fa, ...fb];
    const m = all.reduce((a, x) => a + x, 0) / 64;
    const v = all.reduce((a, x) => a + (x - m) ** 2, 0) / 63;
    expect(s.sobol![0].total).toBeCloseTo(fa.reduce((a, x, j) => a + (x - fb[j]) ** 2, 0) / (64 * v), 9);
    expect(s.settings.sobolRuns).toBe(32 * 3 * 2);
    expect(sensitivityText(s).split('\n')).toContain(SOBOL_NOTE(32, 96, 2, 192, 'low and high values'));
  });
});
