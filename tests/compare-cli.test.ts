/**
 * `cxsim compare` and `cxsim report` end to end, in process (threads 1): the files written,
 * their shapes, refusing to overwrite, and re-rendering the same report without simulating.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as run } from './support/cli.ts';
import { SMALL_FIXTURE } from './helpers/small-comparison.ts';
import { SERIES_HEADER } from '../src/report/tidy-csv.ts';
import { summarise, type IntervalSummary } from '../src/metrics/interval.ts';
import { pairedDifference, type PairedDifference } from '../src/metrics/paired-difference.ts';

/** A CSV without quoted commas (the numeric outputs) as objects by header. */
function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split('\n');
  const keys = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v])));
}

/** Every number of an interval summary equal to the library's, to 1e-9 relative. */
function expectSameSummary(actual: IntervalSummary, expected: IntervalSummary, what: string) {
  const near = (a: number, b: number, field: string) => expect(Math.abs(a - b), `${what} ${field}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
  expect(actual.n, what).toBe(expected.n);
  for (const f of ['mean', 'sd', 'se', 'median'] as const) near(actual[f], expected[f], f);
  for (const f of ['range90', 'range95', 'meanCi90', 'meanCi95'] as const) {
    near(actual[f][0], expected[f][0], `${f}[0]`);
    near(actual[f][1], expected[f][1], `${f}[1]`);
  }
}


describe('cxsim compare', () => {
  let dir: string;
  let first: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    dir = join(mkdtempSync(join(tmpdir(), 'cxsim-compare-')), 'out');
    first = await run(['compare', SMALL_FIXTURE, '--replications', '2', '--seed', '11', '--threads', '1', '--out', dir, '--format', 'json', '--series']);
  });
  afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('writes every output file', () => {
    expect(first.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(
      ['headline.csv', 'horizon.csv', 'replications.csv', 'report-data.json', 'report.html', 'scenario.json', 'series-summary.csv', 'series.csv', 'summary.json', 'value-split.csv'].sort(),
    );
  });

  it('prints summary.json with the seed, replications, derived seeds and every headline number with its SE', () => {
    const summary = JSON.parse(first.stdout);
    expect(summary).toEqual(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')));
    expect(summary.scenario.seed).toBe(11);
    expect(summary.scenario.replications).toBe(2);
    expect(summary.seeds.map((s: { replication: number }) => s.replication)).toEqual([0, 1]);
    expect(typeof summary.seeds[0].seed).toBe('string');
    expect(summary.attribution.length).toBe(2);
    // the value split and the horizon robustness, with the valuation rule they were computed with
    expect(summary.valuation.rule.beyondHorizon).toBe('runoff');
    const split = summary.valuation.strategies.find((s: { strategy: string }) => s.strategy === 'future');
    expect(split.withinHorizon.mean + split.beyondHorizon.mean).toBeCloseTo(split.netEquity.mean, 0);
    expect(summary.horizonRobustness.map((h: { strategy: string }) => h.strategy)).toContain('future');
  });

  it('reports the numbers the library computes from the replications it wrote (summary.json, headline.csv)', () => {
    // replications.csv holds every replication's totals; the summaries must be summarise() and
    // pairedDifference() of those very numbers (CSV keeps full double precision: exact to 1e-9).
    const rows = parseCsv(readFileSync(join(dir, 'replications.csv'), 'utf8'));
    const column = (strategy: string, key: string) =>
      rows.filter((r) => r.strategy === strategy).sort((a, b) => Number(a.replication) - Number(b.replication)).map((r) => Number(r[key]));
    const summary = JSON.parse(first.stdout);
    const headlineCsv = parseCsv(readFileSync(join(dir, 'headline.csv'), 'utf8'));
    for (const h of summary.headline as { strategy: string; totals: Record<string, IntervalSummary>; vsBaseline: { netEquity: PairedDifference; customerEquity: PairedDifference } | null }[]) {
      for (const key of ['customerEquity', 'netEquity', 'netEquityWithinHorizon', 'netValueBeyondHorizon', 'cxSpendPV', 'workforceCostPV']) {
        const expected = summarise(column(h.strategy, key));
        expectSameSummary(h.totals[key], expected, `${h.strategy} ${key}`);
        const row = headlineCsv.find((r) => r.strategy === h.strategy && r.metric === key)!;
        expect(Number(row.mean), `headline.csv ${h.strategy} ${key}`).toBeCloseTo(expected.mean, 6);
        expect(Number(row.meanCi95_hi)).toBeCloseTo(expected.meanCi95[1], 6);
        expect(Number(row.range90_lo)).toBeCloseTo(expected.range90[0], 6);
      }
      if (h.strategy === summary.baseline) continue;
      for (const key of ['netEquity', 'customerEquity'] as const) {
        const expected = pairedDifference(column(h.strategy, key), column(summary.baseline, key));
        expectSameSummary(h.vsBaseline![key], expected, `${h.strategy} Δ${key}`);
        expect(h.vsBaseline![key].pBeats).toBe(expected.pBeats);
        expect(h.vsBaseline![key].pBeatsCi95[0]).toBeCloseTo(expected.pBeatsCi95[0], 12);
        expect(h.vsBaseline![key].pBeatsCi95[1]).toBeCloseTo(expected.pBeatsCi95[1], 12);
      }
    }
    // the attribution: its total is the paired difference on the replications it used, and (Shapley efficiency)
    // the levers' contributions plus what is not a lever add up to it, replication by replication and so in mean
    expect(summary.attribution.length).toBe(2);
    for (const a of summary.attribution as { strategy: string; replications: number; total: PairedDifference; remainder: PairedDifference; levers: { contribution: PairedDifference }[] }[]) {
      const n = a.replications;
      const expected = pairedDifference(column(a.strategy, 'netEquity').slice(0, n), column(summary.baseline, 'netEquity').slice(0, n));
      expect(Math.abs(a.total.mean - expected.mean), `${a.strategy} attribution total`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected.mean)));
      const parts = a.levers.reduce((sum, l) => sum + l.contribution.mean, a.remainder.mean);
      expect(Math.abs(parts - a.total.mean), `${a.strategy} Σ contributions`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(a.total.mean)));
    }
  });

  it('writes the per-replication series.csv only with --series (the default output stays small)', async () => {
    const small = join(dir, '..', 'no-series');
    const r = await run(['compare', SMALL_FIXTURE, '--replications', '2', '--seed', '11', '--threads', '1', '--out', small, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(readdirSync(small)).not.toContain('series.csv');
    expect(readdirSync(small)).toContain('series-summary.csv');
    for (const f of ['summary.json', 'series-summary.csv', 'report.html']) expect(readFileSync(join(small, f), 'utf8')).toBe(readFileSync(join(dir, f), 'utf8'));
  });

  it('writes series.csv in long format, one row per replication, strategy, series and step', () => {
    const csv = readFileSync(join(dir, 'series.csv'), 'utf8');
    expect(csv.startsWith(SERIES_HEADER)).toBe(true);
    const lines = csv.trimEnd().split('\n');
    const data = JSON.parse(readFileSync(join(dir, 'report-data.json'), 'utf8'));
    const seriesPerResult = new Set(data.comparison.series.map((s: { metric: string }) => s.metric)).size + 1; // + discount
    expect(lines.length - 1).toBe(3 * 2 * 24 * seriesPerResult);
    expect(lines[1]).toMatch(/^0,today,none,0,0,[\w.-]+,-?[\d.e+-]+$/);
  });

  it('refuses to overwrite without --force, with one message and exit code 2', async () => {
    const again = await run(['compare', SMALL_FIXTURE, '--replications', '2', '--threads', '1', '--out', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds files.*--force/);
    expect(again.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects bad flags clearly', async () => {
    const bad = await run(['compare', SMALL_FIXTURE, '--strategies', 'future,nope', '--out', join(dir, 'x')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown strategy "nope"; the scenario has today ("Optimise today"), future ("Design for the future"), none');
    expect((await run(['compare', SMALL_FIXTURE, '--replications', '1', '--out', join(dir, 'y')])).code).toBe(2);
  });

  it('re-renders the identical report from the saved results', async () => {
    const r = await run(['report', dir, '--stdout']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(dir, 'report.html'), 'utf8'));
    const refuse = await run(['report', dir]);
    expect(refuse.code).toBe(2);
    expect(refuse.stderr).toMatch(/already exists; add --force/);
  });

  it('says what is wrong with a folder that is not a results folder', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'cxsim-empty-'));
    try {
      expect((await run(['report', empty])).stderr).toMatch(/no report-data\.json here/);
      writeFileSync(join(empty, 'report-data.json'), '{"format": 99, "comparison": {}, "scenario": {}}');
      expect((await run(['report', empty])).stderr).toMatch(/expected results format 2, found 99/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('cxsim run', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxsim-run-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the raw replications of one strategy, identical with 1 and 2 threads', async () => {
    const one = await run(['run', SMALL_FIXTURE, '--replications', '3', '--seed', '5', '--threads', '1', '--out', join(dir, 'one')]);
    const two = await run(['run', SMALL_FIXTURE, '--replications', '3', '--seed', '5', '--threads', '2', '--out', join(dir, 'two')]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(readdirSync(join(dir, 'one')).sort()).toEqual(['replications.csv', 'results.json', 'series.csv']);
    const results = JSON.parse(readFileSync(join(dir, 'one', 'results.json'), 'utf8')) as { replication: number; seed: string; totals: { customerEquity: number } }[];
    expect(results.map((r) => r.replication)).toEqual([0, 1, 2]);
    expect(new Set(results.map((r) => r.seed)).size).toBe(3);
    expect(readFileSync(join(dir, 'one', 'series.csv'), 'utf8').startsWith(SERIES_HEADER)).toBe(true);
    for (const f of ['results.json', 'replications.csv', 'series.csv']) expect(readFileSync(join(dir, 'two', f), 'utf8')).toBe(readFileSync(join(dir, 'one', f), 'utf8'));
  });

  it('refuses to overwrite without --force, and names an unknown strategy or stress', async () => {
    const again = await run(['run', SMALL_FIXTURE, '--replications', '2', '--threads', '1', '--out', join(dir, 'one')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds files');
    const unknown = await run(['run', SMALL_FIXTURE, '--strategy', 'nope', '--out', join(dir, 'x')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--strategy: unknown strategy "nope"/);
    const stress = await run(['run', SMALL_FIXTURE, '--stress', 'nope', '--out', join(dir, 'y')]);
    expect(stress.code).toBe(2);
    expect(stress.stderr).toMatch(/--stress: unknown stress "nope"/);
  });
});
