/**
 * `cxsim sweep SCENARIO --param path=values [--param path2=values]`: a grid over one or two
 * parameters, every cell with the same replications (common random numbers). Resumable:
 * each finished cell is written at once, atomically, as DIR/cells/cell-NNNNN.csv, and a
 * rerun with the same settings skips the cells already there. Shardable: `--shard i/n` runs
 * the cells whose index % n == i; `cxsim merge` puts shards together. When every cell is
 * present the folder gets results.csv (one row per cell × strategy × replication),
 * summary.csv (per cell × strategy), sweep.json and report.html.
 */
import { notEnoughForTail } from '../../finance/tail-risk.ts';
import type { Argv, CommandModule } from 'yargs';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Job } from '../../engine/replication.ts';
import type { ReplicationResult } from '../../engine/result.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { baselineOf } from '../../metrics/comparison.ts';
import { money, moneyInterval, num } from '../../report/format.ts';
import { cellsOfShard, parseShard, parseSweepParam, sweepCells, type Shard, type SweepCell, type SweepParam } from '../../finance/sweep-grid.ts';
import { cellRows, describeGrid, manifestDifference, manifestKey, parseCellRows, resultsHeader, summariseSweep, summaryCsv, SWEEP_FORMAT, type SweepManifest } from '../../finance/sweep-results.ts';
import { sweepSectionHtml } from '../../finance/sweep-section.ts';
import { financePage } from '../../finance/report-page.ts';
import { checkVariant } from '../../finance/scenario-variant.ts';
import { existingPrefix, getAtPath, setAtPath, splitPath } from '../../finance/scenario-path.ts';
import { textTable } from '../../finance/text-table.ts';
import { UserError, writeFileAtomic } from '../io.ts';
import { OutputFolder } from '../output-folder.ts';
import { readScenario } from '../scenario-file.ts';
import { writeChunksAtomic } from '../write-chunks.ts';
import { defaultOutDir } from './compare.ts';
import { strategyIds } from '../strategy-arg.ts';
import { listOf, commandLine, parseCount, parseThreads, Progress, ReplicationPool, runBatch, withSeedOption } from '../finance-cli.ts';
import { COMMANDS } from './index.ts';
import { redisOption } from '../../run/queue/select.ts';

export const MANIFEST_FILE = 'sweep.json';
const CELLS_DIR = 'cells';
const cellFile = (index: number) => `cell-${String(index).padStart(5, '0')}.csv`;

interface Args {
  scenario: string;
  param: string | string[];
  strategies?: string;
  stress?: string;
  replications?: number;
  seed?: number;
  shard?: string;
  'max-cells'?: number;
  threads?: number;
  out?: string;
  force: boolean;
}

/** The scenario of one cell: every swept path set to the cell's value, validated again. */
export function cellScenario(scenario: Scenario, params: SweepParam[], cell: SweepCell): Scenario {
  let s: unknown = scenario;
  params.forEach((p, i) => (s = setAtPath(s, p.path, cell.values[i])));
  const check = checkVariant(s);
  if (!check.ok) {
    const at = params.map((p, i) => `${p.path}=${cell.values[i]}`).join(', ');
    throw new UserError(`--param: the cell ${at} is not a valid scenario: ${check.problems[0]}`);
  }
  return check.scenario;
}

function checkPath(scenario: Scenario, p: SweepParam): void {
  const keys = splitPath(p.path);
  const parent = keys.length > 1 ? getAtPath(scenario, keys.slice(0, -1).join('.')) : scenario;
  const v = getAtPath(scenario, p.path);
  if (typeof parent !== 'object' || parent === null || (v !== undefined && typeof v !== 'number' && !(typeof v === 'object' && v !== null && 'dist' in v))) {
    const prefix = existingPrefix(scenario, p.path);
    const at = prefix === '' ? scenario : getAtPath(scenario, prefix);
    const keysThere = typeof at === 'object' && at !== null && !Array.isArray(at) ? Object.keys(at) : [];
    const found = v === undefined ? `no ${keys.slice(0, -1).join('.')}` : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a map' : JSON.stringify(v);
    throw new UserError(`--param ${p.path}: expected the path of a number or distribution in the scenario, found ${found}${keysThere.length ? `; ${prefix || 'the top level'} has ${keysThere.slice(0, 12).join(', ')}` : ''}`);
  }
}

/** Strategies a sweep runs: --strategies, else those the swept paths belong to, else the baseline. */
function sweepStrategies(scenario: Scenario, params: SweepParam[], list: string | undefined): string[] {
  if (list !== undefined) return strategyIds(scenario, list, '--strategies');
  const named = params.map((p) => splitPath(p.path)).filter((k) => k[0] === 'strategies' && Object.hasOwn(scenario.strategies, k[1])).map((k) => k[1]);
  return named.length ? [...new Set(named)] : [baselineOf(scenario)];
}

export function readManifest(dir: string): SweepManifest | null {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return null;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as SweepManifest;
    if (m.format !== SWEEP_FORMAT || !Array.isArray(m.params)) throw new Error('not a sweep manifest');
    return m;
  } catch (e) {
    throw new UserError(`${path}: expected the manifest of a cxsim sweep, found a file that does not read as one (${(e as Error).message})`);
  }
}

/** Indices of the cells already finished in a folder. */
export function finishedCells(dir: string): Set<number> {
  const d = join(dir, CELLS_DIR);
  if (!existsSync(d)) return new Set();
  return new Set(
    readdirSync(d)
      .map((f) => /^cell-(\d+)\.csv$/.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1])),
  );
}

export function readCell(dir: string, index: number): string {
  return readFileSync(join(dir, CELLS_DIR, cellFile(index)), 'utf8');
}

export function writeCell(dir: string, index: number, rows: string): void {
  writeFileAtomic(join(dir, CELLS_DIR, cellFile(index)), rows);
}

/**
 * Starts (or resumes) a sweep's folder: a new sweep replaces the folder whole, so two sweeps'
 * cells never sit together; the same sweep keeps its finished cells (src/cli/output-folder.ts).
 * The folder then holds the manifest and cells/, which finished cells are added to one by one.
 */
export function startSweepFolder(out: string, manifest: SweepManifest, options: { force: boolean; resume: boolean; inputs?: string[] }): void {
  const folder = OutputFolder.open(out, { force: options.force, own: options.resume, carry: options.resume ? [CELLS_DIR] : [], inputs: options.inputs });
  mkdirSync(join(folder.staging, CELLS_DIR), { recursive: true });
  writeFileAtomic(folder.path(MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  folder.commit();
}

/** Writes results.csv, summary.csv and report.html from the cell files (all present), swapping in the whole finished set. */
export function finishSweep(dir: string, m: SweepManifest, command: string): { summary: ReturnType<typeof summariseSweep> } {
  const folder = OutputFolder.open(dir, { force: false, own: true, carry: [MANIFEST_FILE, CELLS_DIR] });
  const texts = Array.from({ length: m.cells }, (_, i) => readCell(dir, i));
  writeChunksAtomic(folder.path('results.csv'), [resultsHeader(m.params), ...texts]);
  const rows = texts.flatMap((t) => parseCellRows(t, m.params.length));
  const summary = summariseSweep(rows, m.strategies.map((s) => s.id));
  writeFileAtomic(folder.path('summary.csv'), summaryCsv(m.params, summary));
  writeFileAtomic(
    folder.path('report.html'),
    financePage({
      title: `${m.scenario.name} — sweep`,
      meta: [describeGrid(m.params), `${m.cells} cells`, `${m.replications} replications per cell and strategy`, `seed ${m.scenario.seed}`],
      sections: [sweepSectionHtml(m, summary)],
      command,
      files: 'Every replication of every cell: results.csv; per cell and strategy: summary.csv; the grid: sweep.json.',
    }),
  );
  folder.commit();
  return { summary };
}

export function sweepSummaryText(m: SweepManifest, summary: ReturnType<typeof summariseSweep>): string {
  const name = (id: string) => m.strategies.find((s) => s.id === id)?.name ?? id;
  const fmt = (x: number) => (Math.abs(x) >= 1000 ? money(x) : num(x, 4));
  return textTable(
    [...m.params.map((p) => p.path), 'Strategy', 'Net equity', '95% CI', 'CVaR 5%'],
    summary.map((s) => [...s.values.map(fmt), name(s.strategy), money(s.netEquity.mean), moneyInterval(s.netEquity.meanCi95), s.netEquityCvar5 === null ? notEnoughForTail(s.netEquity.n) : `${money(s.netEquityCvar5)} ${moneyInterval(s.netEquityCvar5Ci95!)}`]),
    (j) => j !== m.params.length,
  );
}

/** Removes a sweep's outputs from a folder (for --force: start over rather than mix two sweeps). */
export function clearSweepOutputs(out: string): void {
  for (const f of [MANIFEST_FILE, CELLS_DIR, 'results.csv', 'summary.csv', 'report.html']) rmSync(join(out, f), { recursive: true, force: true });
}

export const sweepCommand: CommandModule<{}, Args> = {
  command: COMMANDS.sweep.command,
  describe: COMMANDS.sweep.describe,
  builder: (y: Argv<{}>) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario file (YAML or JSON)' })
      .option('param', { type: 'string', requiresArg: true, demandOption: true, describe: 'PATH=V1,V2,... or PATH=FROM:TO:COUNT (one or two of them); k/M/bn suffixes allowed' })
      .option('strategies', { type: 'string', defaultDescription: 'the strategies named in the paths, else the baseline', describe: 'Comma-separated strategy ids to run in every cell' })
      .option('stress', { type: 'string', describe: 'Run every cell under this named stress of the scenario' })
      .option('replications', { type: 'number', defaultDescription: 'meta.replications', describe: 'Replications per cell and strategy (at least 2)' })
      .option('seed', { type: 'number', describe: 'Master seed (default: meta.seed)' })
      .option('shard', { type: 'string', describe: 'Run only the cells whose index % N == I (I/N, I from 0); merge shard folders with cxsim merge' })
      .option('max-cells', { type: 'number', describe: 'Stop after this many cells (run the rest later: a rerun resumes)' })
      .option('threads', { type: 'number', defaultDescription: 'all cores', describe: 'Worker threads (results are identical for any number)' })
      .option('redis', redisOption)
      .option('out', { type: 'string', defaultDescription: 'out/<scenario file name>-sweep', describe: 'Folder of the sweep: sweep.json, cells/, results.csv, summary.csv, report.html' })
      .option('force', { type: 'boolean', default: false, describe: 'Discard what the --out folder holds and start over' })
      .example('$0 sweep scenarios/photo-memories.yaml --param strategies.balanced.budget.perYear=1M,2M,3M,4M,5M', 'how balanced fares with a larger or smaller budget')
      .example('$0 sweep my.yaml --param strategies.balanced.budget.perYear=1M:5M:5 --param pools.digital.bass.q=0.3,0.5,0.7', 'budget × speed of adoption, a 5 × 3 heatmap')
      .example('$0 sweep my.yaml --param pools.digital.bass.q=0.2:0.8:13 --shard 0/2 --out out/s0   # and 1/2 --out out/s1 elsewhere', 'two shards; then: cxsim merge out/s0 out/s1 --out out/sweep')
      .epilogue('Rerun the same command after an interruption: finished cells are skipped. results.csv of a resumed or merged sweep is byte-identical to an uninterrupted one. Methods: docs/finance.md.') as unknown as Argv<Args>,
  handler: async (args) => {
    const threads = parseThreads(args.threads);
    let scenario = withSeedOption(readScenario(args.scenario, { threads }), args.seed);
    const replications = parseCount('--replications', args.replications, Math.max(2, scenario.meta.replications), 2);
    scenario = { ...scenario, meta: { ...scenario.meta, replications } };
    const params: SweepParam[] = [];
    for (const text of listOf(args.param)) {
      const p = parseSweepParam(text);
      if (typeof p === 'string') throw new UserError(p);
      checkPath(scenario, p);
      params.push(p);
    }
    if (params.length < 1 || params.length > 2) throw new UserError(`--param: expected one or two swept parameters, found ${params.length}`);
    if (params.length === 2 && params[0].path === params[1].path) throw new UserError(`--param: the two swept parameters are the same (${params[0].path})`);
    const strategies = sweepStrategies(scenario, params, args.strategies);
    if (args.stress !== undefined && !Object.hasOwn(scenario.stresses, args.stress)) {
      throw new UserError(`--stress: unknown stress "${args.stress}"; the scenario has ${Object.keys(scenario.stresses).join(', ') || 'none'}`);
    }
    let shard: Shard | undefined;
    if (args.shard !== undefined) {
      const parsed = parseShard(args.shard);
      if (typeof parsed === 'string') throw new UserError(parsed);
      shard = parsed;
    }
    const maxCells = args['max-cells'] === undefined ? Infinity : parseCount('--max-cells', args['max-cells'], 1, 1, 1_000_000);
    const cells = sweepCells(params);
    const cellScenarios = cells.map((c) => cellScenario(scenario, params, c));

    const manifest: SweepManifest = {
      format: SWEEP_FORMAT,
      scenarioFile: args.scenario,
      scenario: { name: scenario.meta.name, currency: scenario.meta.currency, seed: scenario.meta.seed, horizonMonths: scenario.meta.horizonMonths },
      scenarioHash: createHash('sha256').update(JSON.stringify(scenario)).digest('hex'),
      params,
      strategies: strategies.map((id) => ({ id, name: scenario.strategies[id]?.name ?? id })),
      replications,
      stress: args.stress ?? 'none',
      cells: cells.length,
    };
    const out = args.out ?? `${defaultOutDir(args.scenario)}-sweep`;
    const existing = readManifest(out);
    if (existing && manifestKey(existing) !== manifestKey(manifest) && !args.force) {
      throw new UserError(`${out} holds another sweep (${manifestDifference(existing, manifest)}); choose another --out or add --force to start over`);
    }
    startSweepFolder(out, manifest, { force: args.force, resume: existing !== null && manifestKey(existing) === manifestKey(manifest) && !args.force, inputs: [args.scenario] });

    const done = finishedCells(out);
    const mine = cellsOfShard(cells, shard);
    const pending = mine.filter((c) => !done.has(c.index)).slice(0, maxCells);
    const alreadyDone = mine.filter((c) => done.has(c.index)).length;
    if (alreadyDone > 0) process.stderr.write(`resuming: ${alreadyDone} of ${mine.length} cells already done in ${out}\n`);

    const jobs: Job[] = [];
    const owner: number[] = [];
    for (const c of pending) {
      for (const strategy of strategies) {
        for (let replication = 0; replication < replications; replication++) {
          jobs.push({ scenario: cellScenarios[c.index], strategy, replication, ...(args.stress ? { stress: args.stress } : {}) });
          owner.push(c.index);
        }
      }
    }
    const perCell = strategies.length * replications;
    const got = new Map<number, ReplicationResult[]>();
    const firstJob = new Map<number, number>();
    owner.forEach((c, i) => (firstJob.has(c) ? null : firstJob.set(c, i)));
    if (jobs.length > 0) {
      const pool = new ReplicationPool(threads);
      const progress = new Progress(jobs.length, `sweep ${pending.length} cells`);
      try {
        await runBatch(pool, jobs, progress, (i, r) => {
          const c = owner[i];
          const list = got.get(c) ?? new Array<ReplicationResult>(perCell);
          list[i - firstJob.get(c)!] = r;
          got.set(c, list);
          if (list.filter(Boolean).length === perCell) {
            writeCell(out, c, cellRows(cells[c], list));
            got.delete(c); // keep memory flat: a finished cell lives on disk only
          }
        });
      } finally {
        progress.stop();
        await pool.close();
      }
    }
    const now = finishedCells(out);
    const missing = cells.filter((c) => !now.has(c.index));
    if (missing.length > 0) {
      const why = shard ? `shard ${shard.index}/${shard.count} done` : 'stopped after --max-cells';
      process.stdout.write(
        `${why}: ${now.size} of ${cells.length} cells in ${out}.${shard ? ` When every shard is done: cxsim merge <shard folders> --out <folder>.` : ' Run the same command again to continue.'}\n`,
      );
      return;
    }
    const { summary } = finishSweep(out, manifest, commandLine());
    process.stdout.write(`${scenario.meta.name}: sweep ${describeGrid(params)}, ${replications} replications per cell\n\n${sweepSummaryText(manifest, summary)}\nresults: ${join(out, 'results.csv')}, ${join(out, 'summary.csv')}; report: ${join(out, 'report.html')}\n`);
  },
};
