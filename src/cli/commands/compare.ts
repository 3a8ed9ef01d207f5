/**
 * `cxsim compare SCENARIO`: runs every strategy (or the chosen ones) for N replications with
 * common random numbers, plus — for the attribution waterfall — each strategy again with
 * each of its levers switched off; then prints the headline table and writes, atomically, in
 * --out: summary.json, headline.csv, replications.csv, series.csv (every series of every
 * replication, long format), series-summary.csv, scenario.json, report-data.json (what
 * `cxsim report` re-renders from) and report.html.
 */
import type { Argv, CommandModule } from 'yargs';
import { basename, extname, join } from 'node:path';
import { availableParallelism } from 'node:os';
import type { Job } from '../../engine/replication.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { baselineOf, compareStrategies, type Comparison } from '../../metrics/comparison.ts';
import { activeLevers, withoutLever } from '../../metrics/without-lever.ts';
import { money } from '../../report/format.ts';
import { reportHtml } from '../../report/html.ts';
import { terminalTable } from '../../report/terminal-table.ts';
import { headlineCsv, replicationsCsv, seriesCsv, seriesSummaryCsv } from '../../report/tidy-csv.ts';
import { UserError, writeFileAtomic } from '../io.ts';
import { OutputFolder } from '../output-folder.ts';
import { runJobsWithProgress } from '../progress.ts';
import { readScenario } from '../scenario-file.ts';
import { writeChunksAtomic } from '../write-chunks.ts';
import { REPORT_DATA_FILE, type ReportData, REPORT_DATA_FORMAT } from '../report-data.ts';
import { COMMANDS } from './index.ts';
import { parseThreads } from '../finance-cli.ts';

export const FORMATS = ['table', 'json', 'csv', 'html'] as const;
type Format = (typeof FORMATS)[number];

interface Args {
  scenario: string;
  strategies?: string;
  replications?: number;
  seed?: number;
  threads?: number;
  out?: string;
  format: Format;
  force: boolean;
  attribution: boolean;
}

/** out/<file name without extension>, made safe for a folder name. */
export function defaultOutDir(scenarioPath: string): string {
  const stem = basename(scenarioPath, extname(scenarioPath))
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return join('out', stem || 'scenario');
}

/** The strategies to compare, in the order given (the baseline first when not named). */
export function chooseStrategies(scenario: Scenario, list: string | undefined): string[] {
  const all = Object.keys(scenario.strategies);
  if (list === undefined || list.trim() === '') return all;
  const wanted = [...new Set(list.split(',').map((s) => s.trim()).filter(Boolean))];
  const unknown = wanted.filter((id) => !all.includes(id));
  if (unknown.length > 0) {
    throw new UserError(`--strategies: unknown strateg${unknown.length === 1 ? 'y' : 'ies'} ${unknown.map((u) => `"${u}"`).join(', ')}; the scenario has ${all.join(', ')}`);
  }
  const baseline = baselineOf(scenario);
  return wanted.includes(baseline) ? wanted : [baseline, ...wanted];
}

export interface ComparisonPlan {
  jobs: Job[];
  /** Number of leading jobs that are the compared strategies' own replications. */
  mainJobs: number;
  /** Lever-off run sets: which jobs (a contiguous slice) belong to which (strategy, lever). */
  leverOff: { strategy: string; lever: string; from: number; to: number }[];
}

/** Every job of a comparison: strategies × replications, then (strategy, lever) × replications. */
export function planComparison(scenario: Scenario, strategies: string[], attribution: boolean): ComparisonPlan {
  const n = scenario.meta.replications;
  const reps = (sc: Scenario, strategy: string): Job[] => Array.from({ length: n }, (_, replication) => ({ scenario: sc, strategy, replication }));
  const jobs = strategies.flatMap((s) => reps(scenario, s));
  const mainJobs = jobs.length;
  const leverOff: ComparisonPlan['leverOff'] = [];
  if (attribution && strategies.length > 1) {
    for (const s of strategies) {
      for (const lever of activeLevers(scenario, s)) {
        const from = jobs.length;
        jobs.push(...reps(withoutLever(scenario, s, lever), s));
        leverOff.push({ strategy: s, lever, from, to: jobs.length });
      }
    }
  }
  return { jobs, mainJobs, leverOff };
}

/** summary.json: the comparison without the per-step bands (those are in series-summary.csv and report-data.json). */
export function summaryOf(c: Comparison, scenarioFile: string) {
  return {
    scenarioFile,
    scenario: c.scenario,
    stress: c.stress,
    baseline: c.baseline,
    strategies: c.strategies,
    seeds: c.seeds,
    headline: c.headline,
    equityByYear: c.equityByYear,
    breakEven: c.pairedNetDifference.map((p) => ({ strategy: p.strategy, ...p.breakEven })),
    attribution: c.attribution,
    rankingIssues: c.rankingIssues,
    warnings: c.warnings,
  };
}

function commandLine(args: Args, scenario: Scenario, strategies: string[]): string {
  const parts = ['cxsim compare', args.scenario, `--replications ${scenario.meta.replications}`, `--seed ${scenario.meta.seed}`];
  if (args.strategies) parts.push(`--strategies ${strategies.join(',')}`);
  if (!args.attribution) parts.push('--no-attribution');
  return parts.join(' ');
}

export const compareCommand: CommandModule<{}, Args> = {
  command: COMMANDS.compare.command,
  describe: COMMANDS.compare.describe,
  builder: (y: Argv<{}>) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario file (YAML or JSON)' })
      .option('strategies', { type: 'string', describe: 'Comma-separated strategy ids to compare (default: all; the baseline is always included)' })
      .option('replications', { type: 'number', describe: 'Monte Carlo replications per strategy (default: meta.replications; at least 2)' })
      .option('seed', { type: 'number', describe: 'Master seed (default: meta.seed)' })
      .option('threads', { type: 'number', defaultDescription: 'all cores (in process for small runs)', describe: 'Worker threads (1 = in process; results are identical either way)' })
      .option('out', { type: 'string', defaultDescription: 'out/<scenario file name>', describe: 'Folder for summary.json, the CSVs and report.html' })
      .option('format', { choices: FORMATS, default: 'table' as Format, describe: 'What to print on stdout: table (for people), json (summary.json), csv (headline.csv) or html (report.html)' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace the files of an --out folder that already holds some' })
      .option('attribution', { type: 'boolean', default: true, describe: 'Run each strategy again with each lever switched off for the attribution waterfall (--no-attribution skips it)' })
      .example('$0 compare scenarios/photo-memories.yaml', 'compare every strategy; table on screen, files in out/photo-memories/')
      .example('$0 compare my.yaml --strategies today,future --replications 200 --out out/run1', 'two strategies (plus the baseline), more precision')
      .example('$0 compare my.yaml --format json --no-attribution > summary.json', 'machine-readable summary only, faster')
      .epilogue(
        'Replication k of every strategy uses the same random draws (common random numbers), so differences are paired. Formulas: docs/metrics.md. Re-render the report from saved results with `cxsim report DIR`.',
      ) as unknown as Argv<Args>,
  handler: async (args) => {
    const threads = parseThreads(args.threads); // a whole number ≥ 1, as in every other command
    let scenario = readScenario(args.scenario, { threads });
    if (args.replications !== undefined) {
      if (!Number.isInteger(args.replications) || args.replications < 2 || args.replications > 100000) {
        throw new UserError(`--replications: expected a whole number from 2 to 100000, found ${args.replications}`);
      }
      scenario = { ...scenario, meta: { ...scenario.meta, replications: args.replications } };
    } else if (scenario.meta.replications < 2) {
      throw new UserError(`${args.scenario}: meta.replications is ${scenario.meta.replications}; a comparison needs at least 2 to estimate its uncertainty (add --replications N)`);
    }
    if (args.seed !== undefined) {
      if (!Number.isInteger(args.seed) || args.seed < 0) throw new UserError(`--seed: expected a whole number ≥ 0, found ${args.seed}`);
      scenario = { ...scenario, meta: { ...scenario.meta, seed: args.seed } };
    }
    const strategies = chooseStrategies(scenario, args.strategies);
    const out = args.out ?? defaultOutDir(args.scenario);
    const folder = OutputFolder.open(out, { force: args.force }); // checked writable before simulating

    const plan = planComparison(scenario, strategies, args.attribution);
    const all = await runJobsWithProgress(plan.jobs, args.threads === undefined ? undefined : threads, 'simulating');
    const results = all.slice(0, plan.mainJobs);
    const attributionRuns = plan.leverOff.map((l) => ({ strategy: l.strategy, lever: l.lever, results: all.slice(l.from, l.to) }));
    const comparison = compareStrategies({ scenario, results, strategies, attributionRuns, formatMoney: money });
    const command = commandLine(args, scenario, strategies);

    const data: ReportData = { format: REPORT_DATA_FORMAT, command, comparison, scenario };
    const html = reportHtml(data);
    const headline = headlineCsv(comparison);
    const summary = `${JSON.stringify(summaryOf(comparison, args.scenario), null, 2)}\n`;
    writeFileAtomic(folder.path('summary.json'), summary);
    writeFileAtomic(folder.path('headline.csv'), headline);
    writeChunksAtomic(folder.path('replications.csv'), replicationsCsv(results));
    writeChunksAtomic(folder.path('series.csv'), seriesCsv(results));
    writeChunksAtomic(folder.path('series-summary.csv'), seriesSummaryCsv(comparison));
    writeFileAtomic(folder.path('scenario.json'), `${JSON.stringify(scenario, null, 2)}\n`);
    writeFileAtomic(folder.path(REPORT_DATA_FILE), JSON.stringify(data));
    writeFileAtomic(folder.path('report.html'), html);

    folder.commit();
    const report = join(out, 'report.html');
    switch (args.format) {
      case 'table':
        process.stdout.write(terminalTable(comparison));
        process.stdout.write(`\nreport: ${report}\n`);
        break;
      case 'json':
        process.stdout.write(summary);
        break;
      case 'csv':
        process.stdout.write(headline);
        break;
      case 'html':
        process.stdout.write(html);
        break;
    }
    if (args.format !== 'table') process.stderr.write(`wrote ${out}/ (report: ${report})\n`);
  },
};
