/**
 * `cxsim compare SCENARIO`: runs every strategy (or the chosen ones) for N replications with
 * common random numbers, plus — for the attribution waterfall — each strategy again with
 * each of its levers switched off; then prints the headline table and writes, atomically, in
 * --out: summary.json, headline.csv, replications.csv, series-summary.csv (mean and bands of
 * every series), scenario.json, report-data.json (what `cxsim report` re-renders from) and
 * report.html; with --series also series.csv (every series of every replication, long format:
 * large — tens of MB for the flagship — so opt-in).
 */
import { horizonCsv, valueSplitCsv } from '../../report/valuation-text.ts';
import type { Argv, CommandModule } from 'yargs';
import { basename, extname, join } from 'node:path';
import { availableParallelism } from 'node:os';
import type { Job } from '../../engine/replication.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { baselineOf, compareStrategies, type Comparison } from '../../metrics/comparison.ts';
import { activeLevers, withoutLevers } from '../../metrics/without-lever.ts';
import { coalitionsToRun } from '../../metrics/attribution.ts';
import { money } from '../../report/format.ts';
import { reportHtml } from '../../report/html.ts';
import { terminalTable } from '../../report/terminal-table.ts';
import { headlineCsv, replicationsCsv, seriesCsv, seriesSummaryCsv } from '../../report/tidy-csv.ts';
import { UserError, writeFileAtomic } from '../io.ts';
import { OutputFolder } from '../output-folder.ts';
import { runSpooled } from '../spooled-run.ts';
import { ResultSpool, spoolBeside } from '../../run/result-spool.ts';
import { strategyIds } from '../strategy-arg.ts';
import { readScenario } from '../scenario-file.ts';
import { writeChunksAtomic } from '../write-chunks.ts';
import { REPORT_DATA_FILE, type ReportData, REPORT_DATA_FORMAT } from '../report-data.ts';
import { COMMANDS } from './index.ts';
import { runAdaptive, type AdaptiveOutcome } from '../../run/adaptive-replications.ts';
import { MIN_FIRST_BATCH } from '../../metrics/sequential-stop.ts';
import { redisOption } from '../../run/queue/select.ts';
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
  series: boolean;
  'attribution-replications'?: number;
  precision?: number;
  'max-replications': number;
}

/**
 * Replications of every coalition run of the Shapley attribution, at most: a CRN paired
 * difference needs few (its t interval is shown). By default fewer when there are many
 * coalitions, so that the attribution costs at most ATTRIBUTION_BUDGET × the comparison's own
 * runs (and never fewer than ATTRIBUTION_MIN_REPLICATIONS).
 */
export const ATTRIBUTION_REPLICATIONS = 10;
export const ATTRIBUTION_BUDGET = 2.4;
export const ATTRIBUTION_MIN_REPLICATIONS = 5;

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
  const wanted = strategyIds(scenario, list, '--strategies');
  const baseline = baselineOf(scenario);
  return wanted.includes(baseline) ? wanted : [baseline, ...wanted];
}

export interface ComparisonPlan {
  jobs: Job[];
  /** Number of leading jobs that are the compared strategies' own replications. */
  mainJobs: number;
  /** Coalition run sets of the Shapley attribution: which jobs (a contiguous slice) run which strategy with only `levers` on. */
  coalitions: { strategy: string; levers: string[]; from: number; to: number }[];
  /** Active levers of every strategy (with attribution). */
  levers: Record<string, string[]>;
}

/**
 * Every job of a comparison: strategies × replications, then, for the Shapley attribution,
 * every strategy with only each coalition of its levers on × replications 0..m−1
 * (m = attributionReplications): 2^L − 1 run sets for a strategy with L ≤ 8 levers.
 */
export function planComparison(scenario: Scenario, strategies: string[], attribution: boolean, attributionReplications?: number): ComparisonPlan {
  const n = scenario.meta.replications;
  const reps = (sc: Scenario, strategy: string, count = n, yearEnds = false): Job[] => Array.from({ length: count }, (_, replication) => ({ scenario: sc, strategy, replication, yearEnds }));
  // the main runs value every year end (horizon robustness, equity over time); coalition runs only need totals
  const jobs = strategies.flatMap((s) => reps(scenario, s, n, true));
  const mainJobs = jobs.length;
  const coalitions: ComparisonPlan['coalitions'] = [];
  const levers: Record<string, string[]> = {};
  if (attribution && strategies.length > 1) {
    const sets = strategies.map((s) => {
      const active = activeLevers(scenario, s);
      levers[s] = active;
      return { s, active, on: coalitionsToRun(active, scenario.meta.seed) };
    });
    // every lever off in a strategy without overrides and with a fixed budget is the same run whatever the strategy: run it once
    const plain = (s: string) => {
      const st = scenario.strategies[s];
      const py = Array.isArray(st.budget.perYear) ? st.budget.perYear : [st.budget.perYear];
      return Object.keys(st.overrides).length === 0 && py.every((x) => typeof x === 'number');
    };
    const runSets = sets.reduce((a, x) => a + x.on.filter((on) => on.length > 0 || !plain(x.s)).length, 0) + (sets.some((x) => x.on.some((on) => on.length === 0) && plain(x.s)) ? 1 : 0);
    const m =
      attributionReplications !== undefined
        ? Math.max(2, Math.min(n, attributionReplications))
        : Math.max(2, Math.min(n, ATTRIBUTION_REPLICATIONS, Math.max(ATTRIBUTION_MIN_REPLICATIONS, Math.floor((ATTRIBUTION_BUDGET * mainJobs) / Math.max(1, runSets)))));
    let sharedEmpty: { from: number; to: number } | null = null;
    for (const { s, active, on: list } of sets) {
      for (const on of list) {
        if (on.length === 0 && plain(s) && sharedEmpty) {
          coalitions.push({ strategy: s, levers: on, ...sharedEmpty });
          continue;
        }
        const from = jobs.length;
        jobs.push(...reps(withoutLevers(scenario, s, active.filter((l) => !on.includes(l))), s, m));
        coalitions.push({ strategy: s, levers: on, from, to: jobs.length });
        if (on.length === 0 && plain(s)) sharedEmpty = { from, to: jobs.length };
      }
    }
  }
  return { jobs, mainJobs, coalitions, levers };
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
    valuation: c.valuation,
    horizonRobustness: c.horizonRobustness,
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
  else if (args['attribution-replications'] !== undefined) parts.push(`--attribution-replications ${args['attribution-replications']}`);
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
      .option('redis', redisOption)
      .option('out', { type: 'string', defaultDescription: 'out/<scenario file name>', describe: 'Folder for summary.json, the CSVs and report.html' })
      .option('format', { choices: FORMATS, default: 'table' as Format, describe: 'What to print on stdout: table (for people), json (summary.json), csv (headline.csv) or html (report.html)' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace the files of an --out folder that already holds some' })
      .option('series', { type: 'boolean', default: false, describe: 'Also write series.csv: every series of every replication (large: about 40 MB for the flagship; series-summary.csv always has their mean and bands)' })
      .option('attribution', { type: 'boolean', default: true, describe: 'Shapley attribution of each strategy\'s gain to its levers: runs every coalition of a strategy\'s levers (2^L − 1 extra run sets; --no-attribution skips it)' })
      .option('attribution-replications', { type: 'number', defaultDescription: `${ATTRIBUTION_REPLICATIONS} or fewer (at least ${ATTRIBUTION_MIN_REPLICATIONS}) so the attribution costs at most ${ATTRIBUTION_BUDGET}× the comparison`, describe: 'Replications of each coalition run of the attribution (replications 0..N−1, paired; the bars carry t intervals at this N)' })
      .option('precision', { type: 'number', describe: `Adaptive replications: run batches of ${MIN_FIRST_BATCH} until every paired difference in net equity versus the baseline has a 95% half-width at most this amount (currency), or the ranking is established (Bonferroni over looks, error rate ≤ 5%), or --max-replications; states how many ran and why it stopped (docs/metrics.md)` })
      .option('max-replications', { type: 'number', defaultDescription: 'meta.precision.maxReplications, else 200', describe: 'Cap of replications per strategy with --precision' })
      .example('$0 compare scenarios/photo-memories.yaml --precision 2e6', 'as many replications as it takes to know each gain versus the baseline to ±2 million (at most 200)')
      .example('$0 compare scenarios/photo-memories.yaml', 'compare every strategy; table on screen, files in out/photo-memories/')
      .example('$0 compare my.yaml --strategies today,future --replications 200 --out out/run1', 'two strategies (plus the baseline), more precision')
      .example('$0 compare my.yaml --format json --no-attribution > summary.json', 'machine-readable summary only, faster')
      .example('$0 compare my.yaml --series --out out/full --force', 'also every replication\'s time series (series.csv), replacing out/full')
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
    const folder = OutputFolder.open(out, { force: args.force, inputs: [args.scenario] }); // checked writable before simulating
    // the scenario's default target (meta.precision) unless --precision or --replications is given
    const precisionFrom = args.precision !== undefined ? '--precision' : scenario.meta.precision && args.replications === undefined ? `meta.precision.halfWidth of ${args.scenario}` : undefined;
    if (args.precision === undefined && precisionFrom) args.precision = scenario.meta.precision!.halfWidth;
    args['max-replications'] ??= scenario.meta.precision?.maxReplications ?? 200;
    if (precisionFrom && precisionFrom !== '--precision') process.stderr.write(`adaptive replications: target ±${money(args.precision!)} ${scenario.meta.currency} from ${precisionFrom} (--precision overrides it, --replications N runs N), at most ${args['max-replications']} per strategy\n`);

    const attributionReplications = args['attribution-replications'];
    if (attributionReplications !== undefined && (!Number.isInteger(attributionReplications) || attributionReplications < 2 || attributionReplications > 100000)) {
      throw new UserError(`--attribution-replications: expected a whole number from 2 to 100000, found ${attributionReplications}`);
    }
    // every replication streams to disk as it finishes (series read back one at a time); a rerun reuses them
    const spool = await ResultSpool.open(spoolBeside(out), { series: true });
    try {
    let adaptive: AdaptiveOutcome | undefined;
    if (args.precision !== undefined) {
      if (args.replications !== undefined) throw new UserError('--precision chooses the number of replications: give --max-replications instead of --replications');
      if (!(args.precision > 0) || !Number.isFinite(args.precision)) throw new UserError(`--precision: expected a positive amount of money, found ${args.precision}`);
      const cap = args['max-replications'];
      if (!Number.isInteger(cap) || cap < MIN_FIRST_BATCH || cap > 100000) throw new UserError(`--max-replications: expected a whole number from ${MIN_FIRST_BATCH} to 100000, found ${cap}`);
      const plan = { target: args.precision, first: MIN_FIRST_BATCH, batch: MIN_FIRST_BATCH, cap };
        adaptive = await runAdaptive(scenario, strategies, baselineOf(scenario), plan, (jobs) => runSpooled(spool, jobs, args.threads === undefined ? undefined : threads, 'simulating'), money, (d) => {
        if (!d.stop) process.stderr.write(`${d.message}\n`);
      }, { yearEnds: true }); // as planComparison's main jobs
      scenario = { ...scenario, meta: { ...scenario.meta, replications: adaptive.replications } };
      if (args.format !== 'table') process.stderr.write(`${adaptive.decision.message}\n`); // the table prints it
    }
    const plan = planComparison(scenario, strategies, args.attribution, attributionReplications);
      // the coalition runs of the attribution need totals only: their series are not kept
    const all = adaptive
        ? [...adaptive.results, ...(await runSpooled(spool, plan.jobs.slice(plan.mainJobs), args.threads === undefined ? undefined : threads, 'attribution', { series: false }))]
        : await runSpooled(spool, plan.jobs, args.threads === undefined ? undefined : threads, 'simulating', { series: (i) => i < plan.mainJobs });
    const results = all.slice(0, plan.mainJobs);
    const attributionRuns = plan.coalitions.map((l) => ({ strategy: l.strategy, levers: l.levers, results: all.slice(l.from, l.to) }));
    const comparison = compareStrategies({ scenario, results, strategies, attributionRuns, attributionLevers: args.attribution && strategies.length > 1 ? plan.levers : undefined, formatMoney: money });
    const command = commandLine(args, scenario, strategies);

    const data: ReportData = { format: REPORT_DATA_FORMAT, command, comparison, scenario };
    const html = reportHtml(data);
    const headline = headlineCsv(comparison);
    const replicationsRule = adaptive && { replications: adaptive.replications, batches: adaptive.batches, stoppedBy: adaptive.decision.reason, halfWidths: adaptive.decision.halfWidths, rankingAlpha: adaptive.decision.rankingAlpha, message: adaptive.decision.message };
    const summary = `${JSON.stringify({ ...summaryOf(comparison, args.scenario), ...(replicationsRule ? { adaptiveReplications: replicationsRule } : {}) }, null, 2)}\n`;
    writeFileAtomic(folder.path('summary.json'), summary);
    writeFileAtomic(folder.path('headline.csv'), headline);
    writeFileAtomic(folder.path('value-split.csv'), valueSplitCsv(comparison));
    writeFileAtomic(folder.path('horizon.csv'), horizonCsv(comparison));
    writeChunksAtomic(folder.path('replications.csv'), replicationsCsv(results));
    if (args.series) writeChunksAtomic(folder.path('series.csv'), seriesCsv(results));
    writeChunksAtomic(folder.path('series-summary.csv'), seriesSummaryCsv(comparison));
    writeFileAtomic(folder.path('scenario.json'), `${JSON.stringify(scenario, null, 2)}\n`);
    writeFileAtomic(folder.path(REPORT_DATA_FILE), JSON.stringify(data));
    writeFileAtomic(folder.path('report.html'), html);

    folder.commit();
      spool.remove();
    const report = join(out, 'report.html');
    switch (args.format) {
      case 'table':
        process.stdout.write(terminalTable(comparison));
        if (adaptive) process.stdout.write(`\nreplications: ${adaptive.decision.message}\n`);
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
    } finally {
      spool.close();
    }
  },
};
