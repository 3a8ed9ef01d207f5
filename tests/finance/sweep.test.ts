/**
 * Sweeps: an interrupted sweep (stopped after some cells, or killed) resumed gives the same
 * CSV files, byte for byte, as an uninterrupted one; shards merged give the same files as an
 * unsharded run; a folder holding another sweep is refused with one message.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';
import { parseShard, parseSweepParam, sweepCells, cellsOfShard } from '../../src/finance/sweep-grid.ts';
import { leveredInput } from './small-scenarios.ts';
import { summarise } from '../../src/metrics/interval.ts';
import { pairedDifference } from '../../src/metrics/paired-difference.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cxsim-sweep-'));
const file = join(dir, 'levered.json');
const GRID = ['--param', 'strategies.spend.budget.perYear=0,60k,120k', '--param', 'pools.core.marginRate=0.25,0.35'];
const base = (out: string, ...more: string[]) => ['sweep', file, ...GRID, '--replications', '2', '--threads', '1', '--out', join(dir, out), ...more];

/** Runs the CLI in process; returns the exit code and what went to stderr. */
async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return { code: await main(args), stderr };
  } finally {
    err.mockRestore();
    out.mockRestore();
  }
}

const read = (d: string, f: string) => readFileSync(join(dir, d, f), 'utf8');
const cells = (d: string) => (existsSync(join(dir, d, 'cells')) ? readdirSync(join(dir, d, 'cells')).filter((f) => f.endsWith('.csv')).sort() : []);

beforeAll(async () => {
  writeFileSync(file, JSON.stringify(leveredInput()));
  expect((await cli(base('full'))).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an uninterrupted sweep', () => {
  it('writes one row per cell × strategy × replication, and a summary per cell', () => {
    const rows = read('full', 'results.csv').trim().split('\n');
    expect(rows[0]).toBe('cell,strategies.spend.budget.perYear,pools.core.marginRate,strategy,replication,seed,netEquity,customerEquity,cxSpendPV,workforceCostPV,acquisitionCostPV,alive');
    expect(rows).toHaveLength(1 + 6 * 1 * 2); // the strategy named in the path: spend
    expect(rows[1].startsWith('0,0,0.25,spend,0,')).toBe(true);
    expect(rows[12].startsWith('5,120000,0.35,spend,1,')).toBe(true);
    expect(read('full', 'summary.csv').trim().split('\n')).toHaveLength(1 + 6);
    expect(read('full', 'report.html')).toContain('<svg');
  });

  it('every number of summary.csv is the library\'s on the results.csv it wrote', () => {
    const table = (f: string) => {
      const [header, ...lines] = read('full', f).trimEnd().split('\n');
      const keys = header.split(',');
      return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v])));
    };
    const results = table('results.csv');
    const of = (cell: string, strategy: string, column: string) =>
      results.filter((r) => r.cell === cell && r.strategy === strategy).sort((a, b) => Number(a.replication) - Number(b.replication)).map((r) => Number(r[column]));
    const near = (a: string, b: number, what: string) => expect(Math.abs(Number(a) - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
    const summary = table('summary.csv');
    expect(summary).toHaveLength(6);
    for (const row of summary) {
      const xs = of(row.cell, row.strategy, 'netEquity');
      expect(Number(row.n)).toBe(xs.length);
      const s = summarise(xs);
      near(row.netEquity_mean, s.mean, `cell ${row.cell} mean`);
      near(row.netEquity_se, s.se, `cell ${row.cell} SE`);
      near(row.netEquity_ci95_lo, s.meanCi95[0], `cell ${row.cell} CI low`);
      near(row.netEquity_ci95_hi, s.meanCi95[1], `cell ${row.cell} CI high`);
      near(row.netEquity_p5, s.range90[0], `cell ${row.cell} P5`);
      near(row.netEquity_p95, s.range90[1], `cell ${row.cell} P95`);
      expect(row.netEquity_cvar5).toBe(''); // 2 replications: no tail
      const d = pairedDifference(xs, of('0', row.strategy, 'netEquity'));
      near(row.vsFirstCell_mean, d.mean, `cell ${row.cell} Δ vs cell 0`);
      near(row.vsFirstCell_se, d.se, `cell ${row.cell} Δ SE`);
      near(row.vsFirstCell_ci95_lo, d.meanCi95[0], `cell ${row.cell} Δ CI low`);
      near(row.customerEquity_mean, summarise(of(row.cell, row.strategy, 'customerEquity')).mean, `cell ${row.cell} customer equity`);
      near(row.cxSpendPV_mean, summarise(of(row.cell, row.strategy, 'cxSpendPV')).mean, `cell ${row.cell} CX spend`);
    }
    // and the grid moved the numbers: a higher margin rate, a higher net equity in every replication here
    expect(Number(summary[1].vsFirstCell_mean)).toBeGreaterThan(0);
  });
});

describe('resuming', () => {
  it('stopped after 2 cells, then 3 more, then the rest: the same files, finished cells not redone', async () => {
    expect((await cli(base('resumed', '--max-cells', '2'))).code).toBe(0);
    expect(cells('resumed')).toEqual(['cell-00000.csv', 'cell-00001.csv']);
    expect(existsSync(join(dir, 'resumed', 'results.csv'))).toBe(false);
    const first = statSync(join(dir, 'resumed', 'cells', 'cell-00000.csv')).mtimeMs;
    expect((await cli(base('resumed', '--max-cells', '3'))).stderr).toContain('resuming: 2 of 6 cells already done');
    expect(cells('resumed')).toHaveLength(5);
    expect((await cli(base('resumed'))).code).toBe(0);
    expect(statSync(join(dir, 'resumed', 'cells', 'cell-00000.csv')).mtimeMs).toBe(first);
    for (const f of ['results.csv', 'summary.csv']) expect(read('resumed', f)).toBe(read('full', f));
  });

  it('killed mid-run (a separate process, SIGKILL while writing its 4th cell), then resumed: the same files', async () => {
    const big = ['--param', 'strategies.spend.budget.perYear=0,20k,40k,60k,80k,100k,120k,140k', '--param', 'pools.core.marginRate=0.25,0.35', '--replications', '2', '--threads', '1'];
    expect((await cli(['sweep', file, ...big, '--out', join(dir, 'big')])).code).toBe(0);
    // The child kills itself right before renaming the 4th cell into place (tests/support/kill-at-cell.mjs):
    // a deterministic point, not a race against a timer, and the cell's temp file is left behind as a real kill would.
    const child = spawn(process.execPath, ['--import', './tests/support/kill-at-cell.mjs', 'bin/cxsim.js', 'sweep', file, ...big, '--out', join(dir, 'killed')], {
      cwd: root,
      env: { ...process.env, CI: '1', CXSIM_TEST_KILL_AT_CELL: '3' },
      stdio: 'ignore',
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect(signal).toBe('SIGKILL');
    expect(cells('killed')).toEqual(['cell-00000.csv', 'cell-00001.csv', 'cell-00002.csv']);
    expect(readdirSync(join(dir, 'killed', 'cells')).filter((f) => /^\.cell-00003\.csv\..*\.tmp$/.test(f))).toHaveLength(1);
    expect(existsSync(join(dir, 'killed', 'results.csv'))).toBe(false);
    const resumed = await cli(['sweep', file, ...big, '--out', join(dir, 'killed')]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('resuming: 3 of 16 cells already done');
    expect(readdirSync(join(dir, 'killed', 'cells')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const f of ['results.csv', 'summary.csv']) expect(read('killed', f)).toBe(read('big', f));
  });
});

describe('shards', () => {
  it('three shards merged equal the unsharded run, whatever folder they are merged into', async () => {
    for (const i of [0, 1, 2]) expect((await cli(base(`s${i}`, '--shard', `${i}/3`))).code).toBe(0);
    expect(cells('s1')).toEqual(['cell-00001.csv', 'cell-00004.csv']);
    expect((await cli(['merge', join(dir, 's0'), join(dir, 's1'), join(dir, 's2'), '--out', join(dir, 'merged')])).code).toBe(0);
    for (const f of ['results.csv', 'summary.csv']) expect(read('merged', f)).toBe(read('full', f));
    expect((await cli(['merge', join(dir, 's1'), join(dir, 's2'), '--out', join(dir, 's0')])).code).toBe(0);
    expect(read('s0', 'results.csv')).toBe(read('full', 'results.csv'));
  });

  it('an incomplete merge names the missing cells; another sweep is refused', async () => {
    const partial = await cli(['merge', join(dir, 's1'), '--out', join(dir, 'partial')]);
    expect(partial.code).toBe(2);
    expect(partial.stderr).toContain('2 of 6 cells after merging (2 copied); missing cells 0, 2, 3, 5');
    const other = await cli(['sweep', file, '--param', 'pools.core.marginRate=0.3,0.4', '--replications', '2', '--threads', '1', '--out', join(dir, 'full')]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(`${join(dir, 'full')} holds another sweep (the grid differs`);
  });

  it('merge --force into a folder holding another sweep starts over instead of mixing the two', async () => {
    const otherGrid = ['--param', 'pools.core.marginRate=0.3,0.4', '--replications', '2', '--threads', '1'];
    expect((await cli(['sweep', file, ...otherGrid, '--out', join(dir, 'other')])).code).toBe(0);
    expect((await cli(['merge', join(dir, 's0'), join(dir, 's1'), join(dir, 's2'), '--out', join(dir, 'other'), '--force'])).code).toBe(0);
    for (const f of ['results.csv', 'summary.csv']) expect(read('other', f)).toBe(read('full', f));
  });
});

describe('grid and shard syntax', () => {
  it('lists, ranges and suffixes', () => {
    expect(parseSweepParam('a.b=1M,2M')).toEqual({ path: 'a.b', values: [1e6, 2e6] });
    expect(parseSweepParam('a.b=0:1:5')).toEqual({ path: 'a.b', values: [0, 0.25, 0.5, 0.75, 1] });
    expect(parseSweepParam('a.b=1,x')).toBe('--param "a.b=1,x": expected a number, found "x"');
    expect(parseSweepParam('a.b')).toBe('--param "a.b": expected PATH=V1,V2,... or PATH=FROM:TO:COUNT (e.g. pools.digital.bass.q=0.3,0.4,0.5), found no "="');
    expect(parseShard('2/2')).toBe('--shard: expected I/N with 0 ≤ I < N (e.g. 0/2 and 1/2 for two shards), found "2/2"');
    const grid = sweepCells([{ path: 'a', values: [1, 2] }, { path: 'b', values: [10, 20, 30] }]);
    expect(grid.map((c) => c.values)).toEqual([[1, 10], [1, 20], [1, 30], [2, 10], [2, 20], [2, 30]]);
    expect(cellsOfShard(grid, { index: 1, count: 4 }).map((c) => c.index)).toEqual([1, 5]);
  });
});
