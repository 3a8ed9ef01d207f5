/**
 * `cxsim sensitivity SCENARIO --strategy NAME`: which assumptions could change the decision —
 * one-at-a-time swings of every uncertain (and every declared) parameter → a tornado of the
 * paired difference strategy − baseline (or, with --output equity, of the strategy's own net
 * equity), switching values, Morris elementary effects and (with --sobol N) Sobol indices.
 * Common random numbers throughout. Writes, atomically, in --out: sensitivity.json,
 * tornado.csv, switching.csv, morris.csv, sobol.csv, sensitivity-points.csv,
 * sensitivity-runs.csv and report.html.
 */
import type { Argv, CommandModule } from 'yargs';
import { join } from 'node:path';
import { baselineOf } from '../../metrics/comparison.ts';
import { strategyView } from '../../finance/fixed-parameters.ts';
import { analyseSensitivity, planSensitivity, type SensitivityOutput } from '../../finance/sensitivity.ts';
import { buildFactors, parseRangeParam, type DeclaredRange } from '../../finance/sensitivity-factors.ts';
import { morrisCsv, outputLabel, pointsCsv, runsCsv, sensitivitySectionHtml, sensitivityText, sobolCsv, switchingCsv, tornadoCsv } from '../../finance/sensitivity-output.ts';
import { financePage } from '../../finance/report-page.ts';
import { UserError, writeFileAtomic } from '../io.ts';
import { OutputFolder } from '../output-folder.ts';
import { readScenario } from '../scenario-file.ts';
import { defaultOutDir } from './compare.ts';
import { checkStrategy, listOf, commandLine, parseCount, parseThreads, withSeedOption } from '../finance-cli.ts';
import { COMMANDS } from './index.ts';
import { removeSpool, runTotalsSpooled } from '../spooled-run.ts';
import { redisOption } from '../../run/queue/select.ts';

const FORMATS = ['table', 'json', 'csv'] as const;

/** Defaults: sized so the flagship scenario (3 uncertain parameters, two strategies per point) finishes in a few minutes on 2 cores. */
export const SENSITIVITY_DEFAULTS = { replications: 10, grid: 5, trajectories: 10, morrisReplications: 2, levels: 4, sobol: 0, sobolReplications: 2, quantiles: '10,90' } as const;
const OUTPUTS = ['difference', 'equity'] as const;

interface Args {
  scenario: string;
  strategy?: string;
  param?: string | string[];
  quantiles: string;
  replications?: number;
  trajectories: number;
  'morris-replications': number;
  levels: number;
  output?: SensitivityOutput;
  grid: number;
  sobol: number;
  'sobol-replications': number;
  seed?: number;
  threads?: number;
  out?: string;
  force: boolean;
  format: (typeof FORMATS)[number];
}

function parseQuantiles(text: string): [number, number] {
  const parts = text.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 2 || !parts.every((x) => Number.isFinite(x) && x > 0 && x < 100) || !(parts[0] < 50 && parts[1] > 50)) {
    throw new UserError(`--quantiles: expected two percentiles LOW,HIGH with 0 < LOW < 50 < HIGH < 100 (e.g. 10,90), found "${text}"`);
  }
  return [parts[0] / 100, parts[1] / 100];
}

export const sensitivityCommand: CommandModule<{}, Args> = {
  command: COMMANDS.sensitivity.command,
  describe: COMMANDS.sensitivity.describe,
  builder: (y: Argv<{}>) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario file (YAML or JSON)' })
      .option('strategy', { type: 'string', defaultDescription: 'the first strategy that is not the baseline', describe: 'Strategy analysed against the baseline' })
      .option('output', { choices: OUTPUTS, defaultDescription: 'difference', describe: "difference: the strategy's net equity minus the baseline's, paired (what can change the decision); equity: the strategy's own net equity" })
      .option('grid', { type: 'number', default: SENSITIVITY_DEFAULTS.grid, describe: 'Points per parameter on the switching-value grid (its low, high, median and between)' })
      .option('sobol', { type: 'number', default: SENSITIVITY_DEFAULTS.sobol, describe: 'Sobol indices with a base sample of N points (0 = off); runs = N·(parameters+2)·sobol-replications per strategy' })
      .option('sobol-replications', { type: 'number', default: SENSITIVITY_DEFAULTS.sobolReplications, describe: 'Replications per Sobol point' })
      .option('param', { type: 'string', requiresArg: true, describe: 'Also swing a parameter: PATH=LOW:HIGH (e.g. pools.film.marginRate=0.35:0.55); for an uncertain one, replaces its percentile range' })
      .option('quantiles', { type: 'string', default: SENSITIVITY_DEFAULTS.quantiles, describe: 'Percentiles of each distribution used as its low and high values' })
      .option('replications', { type: 'number', defaultDescription: `min(meta.replications, ${SENSITIVITY_DEFAULTS.replications})`, describe: 'Replications per tornado point (common random numbers)' })
      .option('trajectories', { type: 'number', default: SENSITIVITY_DEFAULTS.trajectories, describe: 'Morris trajectories r (0 skips Morris); runs = r·(parameters+1)·morris-replications' })
      .option('morris-replications', { type: 'number', default: SENSITIVITY_DEFAULTS.morrisReplications, describe: 'Replications per Morris point' })
      .option('levels', { type: 'number', default: SENSITIVITY_DEFAULTS.levels, describe: 'Grid levels p of the Morris design (step Δ = p/(2(p−1)))' })
      .option('seed', { type: 'number', describe: 'Master seed (default: meta.seed); also seeds the Morris trajectories' })
      .option('threads', { type: 'number', defaultDescription: 'all cores', describe: 'Worker threads (results are identical for any number)' })
      .option('redis', redisOption)
      .option('out', { type: 'string', defaultDescription: 'out/<scenario file name>-sensitivity', describe: 'Folder for sensitivity.json, the CSVs and report.html' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace the files of an --out folder that already holds some' })
      .option('format', { choices: FORMATS, default: 'table' as const, describe: 'What to print on stdout: table, json (sensitivity.json) or csv (tornado.csv)' })
      .example('$0 sensitivity scenarios/photo-memories.yaml --strategy design-for-future', 'tornado of design-for-future minus the baseline, switching values, Morris screening')
      .example('$0 sensitivity scenarios/photo-memories.yaml --strategy balanced --sobol 32 --trajectories 0', 'Sobol first-order and total indices instead of Morris')
      .example('$0 sensitivity my.yaml --strategy balanced --param pools.digital.bass.p=0.01:0.05 --param behaviour.competitivePull=1:3', 'add two parameters that are plain numbers in the file')
      .example('$0 sensitivity my.yaml --strategy balanced --quantiles 5,95 --trajectories 0 --replications 40', 'wider swings, tornado only, more precision')
      .epilogue('Parameters are fixed (not drawn) in every run of both strategies: the moved one at its value, the others at their medians. The baseline analysed against itself falls back to --output equity. Methods, switching values, Sobol indices: docs/finance.md.') as unknown as Argv<Args>,
  handler: async (args) => {
    const threads = parseThreads(args.threads);
    const scenario = withSeedOption(readScenario(args.scenario, { threads }), args.seed);
    const baseline = baselineOf(scenario);
    const firstOther = Object.keys(scenario.strategies).find((id) => id !== baseline);
    const strategy = checkStrategy(scenario, args.strategy ?? firstOther ?? baseline);
    let output: SensitivityOutput = args.output ?? 'difference';
    if (strategy === baseline && output === 'difference') {
      if (args.output !== undefined) {
        throw new UserError(`--strategy ${strategy} is the baseline, so its difference from the baseline is 0 in every run: choose another strategy, or --output equity for its own net equity`);
      }
      output = 'equity';
    }
    const quantiles = parseQuantiles(args.quantiles);
    const declared: DeclaredRange[] = [];
    for (const text of listOf(args.param)) {
      const d = parseRangeParam(text);
      if (typeof d === 'string') throw new UserError(d);
      declared.push(d);
    }
    const settings = {
      replications: parseCount('--replications', args.replications, Math.max(2, Math.min(scenario.meta.replications, SENSITIVITY_DEFAULTS.replications)), 2),
      trajectories: parseCount('--trajectories', args.trajectories, SENSITIVITY_DEFAULTS.trajectories, 0, 1000),
      morrisReplications: parseCount('--morris-replications', args['morris-replications'], SENSITIVITY_DEFAULTS.morrisReplications, 1),
      levels: parseCount('--levels', args.levels, SENSITIVITY_DEFAULTS.levels, 2, 20),
      grid: parseCount('--grid', args.grid, SENSITIVITY_DEFAULTS.grid, 2, 101),
      sobol: parseCount('--sobol', args.sobol, SENSITIVITY_DEFAULTS.sobol, 0, 100000),
      sobolReplications: parseCount('--sobol-replications', args['sobol-replications'], SENSITIVITY_DEFAULTS.sobolReplications, 1),
    };
    const views = { strategy: strategyView(scenario, strategy), baseline: strategyView(scenario, baseline) };
    const view = views.strategy;
    const built = buildFactors(view, strategy, declared, quantiles);
    if (!built.ok) throw new UserError(built.message);
    const factors = built.factors;
    // the baseline's own uncertain parameters too: both strategies' runs fix every parameter
    if (strategy !== baseline) {
      const fromBaseline = buildFactors(views.baseline, baseline, [], quantiles);
      if (fromBaseline.ok) for (const f of fromBaseline.factors) if (!factors.some((g) => g.path === f.path)) factors.push(f);
    }
    if (factors.length === 0) {
      throw new UserError(`${args.scenario}: strategy "${strategy}" has no uncertain parameter to swing; declare some with --param PATH=LOW:HIGH`);
    }
    const out = args.out ?? `${defaultOutDir(args.scenario)}-sensitivity`;
    const folder = OutputFolder.open(out, { force: args.force, inputs: [args.scenario] }); // checked writable before simulating

    const plan = planSensitivity(views, strategy, baseline, factors, settings, output);
    const results = await runTotalsSpooled(out, plan.jobs, threads, 'sensitivity'); // streamed to disk; a rerun reuses them
    const s = analyseSensitivity(views, factors, settings, plan, results);
    const command = commandLine();
    const json = `${JSON.stringify({ command, scenarioFile: args.scenario, ...s }, null, 2)}\n`;
    const tornado = tornadoCsv(s);
    writeFileAtomic(folder.path('sensitivity.json'), json);
    writeFileAtomic(folder.path('tornado.csv'), tornado);
    writeFileAtomic(folder.path('switching.csv'), switchingCsv(s));
    writeFileAtomic(folder.path('morris.csv'), morrisCsv(s));
    writeFileAtomic(folder.path('sobol.csv'), sobolCsv(s));
    writeFileAtomic(folder.path('sensitivity-points.csv'), pointsCsv(plan));
    writeFileAtomic(folder.path('sensitivity-runs.csv'), runsCsv(plan, results));
    writeFileAtomic(
      folder.path('report.html'),
      financePage({
        title: `${scenario.meta.name} — sensitivity of ${outputLabel(s, true).replace('Δ net equity vs', `${s.strategy.name} vs`)}`,
        lede: scenario.meta.description,
        meta: [`${factors.length} parameters`, `${s.runs} replications simulated`, `seed ${scenario.meta.seed}`],
        sections: [sensitivitySectionHtml(s)],
        command,
        files: 'Numbers at full precision: sensitivity.json, tornado.csv, switching.csv, morris.csv, sobol.csv, sensitivity-points.csv, sensitivity-runs.csv.',
      }),
    );
    folder.commit();
    removeSpool(out);
    if (args.format === 'json') process.stdout.write(json);
    else if (args.format === 'csv') process.stdout.write(tornado);
    else process.stdout.write(`${sensitivityText(s)}\nreport: ${join(out, 'report.html')}\n`);
  },
};
