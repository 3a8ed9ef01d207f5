/**
 * `cxsim optimise SCENARIO --budget B`: the allocation of a yearly CX budget across levers
 * that maximises expected net equity (or its CVaR 5%), under common random numbers, with the
 * marginal value of money per lever at the optimum and the gain over every named strategy.
 * Writes, atomically, in --out: optimise.json, allocation.csv, gains.csv, search.csv and
 * report.html.
 */
import { tailReplicationsNeeded } from '../../finance/tail-risk.ts';
import type { Argv, CommandModule } from 'yargs';
import { join } from 'node:path';
import { baselineOf } from '../../metrics/comparison.ts';
import { DEFAULT_SEARCH } from '../../finance/allocation-search.ts';
import { optimiseBudget, type Objective } from '../../finance/optimise.ts';
import { allocationCsv, gainsCsv, optimiseSectionHtml, optimiseText, searchCsv } from '../../finance/optimise-output.ts';
import { financePage } from '../../finance/report-page.ts';
import { money } from '../../report/format.ts';
import { budgetProblems } from '../../finance/scenario-variant.ts';
import { UserError, writeFileAtomic } from '../io.ts';
import { OutputFolder } from '../output-folder.ts';
import { readScenario } from '../scenario-file.ts';
import { defaultOutDir } from './compare.ts';
import { strategyIds } from '../strategy-arg.ts';
import { checkStrategy, commandLine, parseCount, parseMoneyOption, parseThreads, Progress, ReplicationPool, withSeedOption } from '../finance-cli.ts';
import { COMMANDS } from './index.ts';
import { ResultSpool, spoolBeside } from '../../run/result-spool.ts';
import { removeSpool } from '../spooled-run.ts';
import { redisOption } from '../../run/queue/select.ts';

const FORMATS = ['table', 'json', 'csv'] as const;
const OBJECTIVES = ['mean', 'cvar5'] as const;

/** Defaults sized so the flagship (4 levers) finishes in about two minutes on 2 cores. */
export const OPTIMISE_DEFAULTS = { chunks: DEFAULT_SEARCH.chunks, refinements: DEFAULT_SEARCH.refinements, searchReplications: { mean: 6, cvar5: tailReplicationsNeeded(0.05) }, marginalStep: 0.05 } as const;

interface Args {
  scenario: string;
  budget?: string;
  levers?: string;
  objective: Objective;
  strategy?: string;
  compare?: string;
  chunks: number;
  refinements: number;
  'allow-unspent': boolean;
  'search-replications'?: number;
  replications?: number;
  'marginal-step': number;
  seed?: number;
  threads?: number;
  out?: string;
  force: boolean;
  format: (typeof FORMATS)[number];
}

export const optimiseCommand: CommandModule<{}, Args> = {
  command: COMMANDS.optimise.command,
  aliases: ['optimize'],
  describe: COMMANDS.optimise.describe,
  builder: (y: Argv<{}>) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario file (YAML or JSON)' })
      .option('budget', { type: 'string', defaultDescription: "the template strategy's yearly budget", describe: 'Total CX budget per year to allocate: 3000000, 3e6, 3M, 500k' })
      .option('levers', { type: 'string', defaultDescription: 'every lever of the scenario', describe: 'Comma-separated lever ids to allocate across' })
      .option('objective', { choices: OBJECTIVES, default: 'mean' as Objective, describe: 'mean: expected net equity; cvar5: mean of the worst 5% of replications (risk-averse; searches and reports on at least 200 replications, 10 in the tail: slow)' })
      .option('strategy', { type: 'string', defaultDescription: 'the baseline', describe: 'Template strategy: candidates keep its overrides (its rules and schedules are dropped)' })
      .option('compare', { type: 'string', defaultDescription: 'every strategy', describe: 'Comma-separated strategies to report the gain over' })
      .option('chunks', { type: 'number', default: OPTIMISE_DEFAULTS.chunks, describe: 'Parts of the budget in the greedy pass (10 = steps of 10%)' })
      .option('refinements', { type: 'number', default: OPTIMISE_DEFAULTS.refinements, describe: 'Halvings of the step in the exchange pass (finest step = 1/(chunks·2^refinements))' })
      .option('allow-unspent', { type: 'boolean', default: false, describe: 'Let the optimiser leave part of the budget unspent when spending it does not pay' })
      .option('search-replications', { type: 'number', defaultDescription: `${OPTIMISE_DEFAULTS.searchReplications.mean} (mean), ${OPTIMISE_DEFAULTS.searchReplications.cvar5} (cvar5)`, describe: 'Replications per candidate during the search (common random numbers)' })
      .option('replications', { type: 'number', defaultDescription: 'meta.replications', describe: 'Independent replications of the final evaluation (at least 2)' })
      .option('marginal-step', { type: 'number', default: OPTIMISE_DEFAULTS.marginalStep, describe: 'Extra budget, as a share of the budget, for the marginal value of each lever' })
      .option('seed', { type: 'number', describe: 'Master seed (default: meta.seed)' })
      .option('threads', { type: 'number', defaultDescription: 'all cores', describe: 'Worker threads (results are identical for any number)' })
      .option('redis', redisOption)
      .option('out', { type: 'string', defaultDescription: 'out/<scenario file name>-optimise', describe: 'Folder for optimise.json, the CSVs and report.html' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace the files of an --out folder that already holds some' })
      .option('format', { choices: FORMATS, default: 'table' as const, describe: 'What to print on stdout: table, json (optimise.json) or csv (allocation.csv)' })
      .example('$0 optimise scenarios/photo-memories.yaml --budget 3M', 'where should $3M a year go across the four levers?')
      .example('$0 optimise my.yaml --budget 5M --levers film-friction,digital-readiness --objective cvar5', 'two levers, for the best worst 5% of outcomes')
      .example('$0 optimise my.yaml --budget 3M --allow-unspent --chunks 20 --refinements 2 --search-replications 12', 'finer and more precise; may keep part of the budget')
      .epilogue('Method: greedy marginal allocation, then pairwise exchange between levers, on fixed search replications (common random numbers); the optimum is re-evaluated on independent replications. See docs/finance.md.') as unknown as Argv<Args>,
  handler: async (args) => {
    const threads = parseThreads(args.threads);
    let scenario = withSeedOption(readScenario(args.scenario, { threads }), args.seed);
    const template = checkStrategy(scenario, args.strategy ?? baselineOf(scenario));
    const allLevers = Object.keys(scenario.levers);
    if (allLevers.length === 0) throw new UserError(`${args.scenario}: the scenario has no levers to allocate a budget across`);
    let levers = allLevers;
    if (args.levers !== undefined) {
      levers = [...new Set(args.levers.split(',').map((s) => s.trim()).filter(Boolean))];
      const unknown = levers.filter((l) => !allLevers.includes(l));
      if (unknown.length > 0 || levers.length === 0) throw new UserError(`--levers: ${levers.length === 0 ? 'no lever given' : `unknown lever${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}`}; the scenario has ${allLevers.join(', ')}`);
    }
    let budget = parseMoneyOption('--budget', args.budget);
    if (budget === undefined) {
      const py = scenario.strategies[template].budget.perYear;
      if (typeof py !== 'number' || !(py > 0)) throw new UserError(`--budget: the template strategy "${template}" has no single positive yearly budget; give --budget B`);
      budget = py;
    }
    if (!(budget > 0)) throw new UserError(`--budget: expected a positive amount, found ${args.budget}`);
    let replications = parseCount('--replications', args.replications, Math.max(2, scenario.meta.replications), 2);
    let searchReplications = parseCount('--search-replications', args['search-replications'], OPTIMISE_DEFAULTS.searchReplications[args.objective], 1);
    if (args.objective === 'cvar5') {
      // a CVaR 5% rests on the worst 5% of runs: at least 10 of them, so 200 replications, for the search and for the reported numbers
      const need = tailReplicationsNeeded(0.05);
      if (searchReplications < need) {
        process.stderr.write(`note: --objective cvar5 needs at least ${need} replications per candidate (10 in the worst 5%); raising --search-replications from ${searchReplications} to ${need}\n`);
        searchReplications = need;
      }
      if (replications < need) {
        process.stderr.write(`note: --objective cvar5 needs at least ${need} replications for the reported CVaR and its marginal values; raising --replications from ${replications} to ${need}\n`);
        replications = need;
      }
    }
    scenario = { ...scenario, meta: { ...scenario.meta, replications } };
    const search = {
      chunks: parseCount('--chunks', args.chunks, OPTIMISE_DEFAULTS.chunks, 1, 1000),
      refinements: parseCount('--refinements', args.refinements, OPTIMISE_DEFAULTS.refinements, 0, 10),
      allowUnspent: args['allow-unspent'],
      maxMovesPerStep: DEFAULT_SEARCH.maxMovesPerStep,
    };
    const step = args['marginal-step'];
    if (!(step > 0 && step <= 1)) throw new UserError(`--marginal-step: expected a share of the budget in (0, 1], found ${step}`);
    // the largest budget spent (the marginal step on top) meets the bounds a scenario's own budget meets
    const over = budgetProblems(scenario, template, budget * (1 + step));
    if (over.length > 0) throw new UserError(`--budget ${args.budget ?? budget}: ${over.join('; ')}`);
    const compare = args.compare === undefined ? Object.keys(scenario.strategies) : strategyIds(scenario, args.compare, '--compare');
    const out = args.out ?? `${defaultOutDir(args.scenario)}-optimise`;
    const folder = OutputFolder.open(out, { force: args.force, inputs: [args.scenario] }); // checked writable before simulating

    const pool = new ReplicationPool(threads);
    // a first guess of the work (greedy: levers × chunks; exchange: a few polls per step size), corrected as it goes
    const n = levers.length;
    const guess = (n * search.chunks + 2 * (search.refinements + 1) * n * Math.max(1, n - 1)) * searchReplications + (1 + n + 1 + compare.length) * replications;
    const progress = new Progress(guess, 'optimise');
    // every candidate's replications stream to disk (totals only); a rerun reuses them, so the search replays without simulating
    const spool = await ResultSpool.open(spoolBeside(out), { series: false });
    let result;
    try {
      result = await optimiseBudget(
        { scenario, template, levers, budget, objective: args.objective, search, searchReplications, replications, marginalStep: step, compare },
        async (jobs) => {
          const reused = spool.reused;
          const rs = await spool.run(jobs, (pending, onResult) =>
            pool.stream(
              pending,
              (i, r) => {
                progress.tick();
                onResult(i, r);
              },
              { keptIn: spool.dir },
            ),
          );
          progress.tick(spool.reused - reused);
          return rs;
        },
        (phase) => {
          progress.setPhase(phase);
          if (phase === 'final evaluation') progress.setTotal(progress.done + (2 + 2 * n + compare.length) * replications);
        },
      );
    } finally {
      progress.stop();
      spool.close();
      await pool.close();
    }
    const command = commandLine();
    const json = `${JSON.stringify({ command, scenarioFile: args.scenario, ...result }, null, 2)}\n`;
    const allocation = allocationCsv(result);
    writeFileAtomic(folder.path('optimise.json'), json);
    writeFileAtomic(folder.path('allocation.csv'), allocation);
    writeFileAtomic(folder.path('gains.csv'), gainsCsv(result));
    writeFileAtomic(folder.path('search.csv'), searchCsv(result));
    writeFileAtomic(
      folder.path('report.html'),
      financePage({
        title: `${scenario.meta.name} — CX budget optimisation`,
        lede: scenario.meta.description,
        meta: [`budget ${money(budget)} ${scenario.meta.currency} a year`, `${levers.length} levers`, `objective ${args.objective}`, `${result.runs} replications simulated`, `seed ${scenario.meta.seed}`],
        sections: [optimiseSectionHtml(result, scenario)],
        command,
        files: 'Numbers at full precision: optimise.json, allocation.csv, gains.csv, search.csv (every allocation evaluated).',
      }),
    );
    folder.commit();
    removeSpool(out);
    if (args.format === 'json') process.stdout.write(json);
    else if (args.format === 'csv') process.stdout.write(allocation);
    else process.stdout.write(`${optimiseText(result)}\nreport: ${join(out, 'report.html')}\n`);
  },
};
