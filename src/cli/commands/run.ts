/**
 * `cxsim run SCENARIO`: the replications of one strategy (optionally under a stress), raw —
 * for auditing and for other tools. Writes, atomically, in --out: results.json (per
 * replication: seed, totals, CLV summaries, the valuation rule and the value beyond each year
 * end, drawn parameters, fired rules), replications.csv (one row per replication) and series.csv (every series, long
 * format: replication,strategy,stress,step,month,metric,value).
 */
import type { Argv, CommandModule } from 'yargs';
import { join } from 'node:path';
import type { ReplicationResult } from '../../engine/result.ts';
import { jobsFor } from '../../engine/simulate.ts';
import { baselineOf } from '../../metrics/comparison.ts';
import { money } from '../../report/format.ts';
import { replicationsCsv, seriesCsv } from '../../report/tidy-csv.ts';
import { UserError, writeFileAtomic } from '../io.ts';
import { OutputFolder } from '../output-folder.ts';
import { runJobsWithProgress } from '../progress.ts';
import { strategyId } from '../strategy-arg.ts';
import { readScenario } from '../scenario-file.ts';
import { writeChunksAtomic } from '../write-chunks.ts';
import { defaultOutDir } from './compare.ts';
import { COMMANDS } from './index.ts';
import { redisOption } from '../../run/queue/select.ts';

interface Args {
  scenario: string;
  strategy?: string;
  stress?: string;
  replications?: number;
  seed?: number;
  threads?: number;
  out?: string;
  force: boolean;
}

/** results.json: everything of a replication but the series (which go to series.csv). */
export function resultsJson(results: ReplicationResult[]): string {
  return JSON.stringify(
    results.map((r) => ({
      scenario: r.scenario,
      strategy: r.strategy,
      stress: r.stress,
      replication: r.replication,
      seed: r.seed,
      steps: r.steps,
      stepsPerYear: r.stepsPerYear,
      totals: r.totals,
      clv: r.clv,
      valuation: r.valuation,
      valueBeyondByYear: Array.from(r.valueBeyondByYear),
      params: r.params,
      firedRules: r.firedRules,
    })),
    null,
    2,
  );
}

export const runCommand: CommandModule<{}, Args> = {
  command: COMMANDS.run.command,
  describe: COMMANDS.run.describe,
  builder: (y: Argv<{}>) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario file (YAML or JSON)' })
      .option('strategy', { type: 'string', describe: 'Strategy id (default: the baseline)' })
      .option('stress', { type: 'string', describe: 'Stress id from the scenario’s stresses (default: none)' })
      .option('replications', { type: 'number', describe: 'Replications (default: meta.replications)' })
      .option('seed', { type: 'number', describe: 'Master seed (default: meta.seed)' })
      .option('threads', { type: 'number', defaultDescription: 'all cores', describe: 'Worker threads (1 = in process; results are identical either way)' })
      .option('redis', redisOption)
      .option('out', { type: 'string', describe: 'Output folder (default: out/<scenario>-<strategy>)' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace files in an existing output folder' })
      .example('$0 run scenarios/workshop-101.yaml', 'the baseline, meta.replications replications, all cores')
      .example('$0 run scenarios/photo-memories.yaml --strategy design-for-future --replications 50 --seed 7 --out out/dff', 'one strategy, 50 replications, another seed')
      .example('$0 run scenarios/photo-memories.yaml --stress recession --threads 1', 'under a named stress, in process') as unknown as Argv<Args>,
  handler: async (args) => {
    const scenario = readScenario(args.scenario);
    const strategy = strategyId(scenario, args.strategy ?? baselineOf(scenario), '--strategy');
    if (args.stress !== undefined && args.stress !== 'none' && !Object.hasOwn(scenario.stresses, args.stress)) {
      const known = Object.keys(scenario.stresses);
      throw new UserError(`--stress: unknown stress "${args.stress}"; ${known.length ? `the scenario has ${known.join(', ')}` : 'the scenario has none'}`);
    }
    if (args.replications !== undefined && !(Number.isInteger(args.replications) && args.replications >= 1 && args.replications <= 100000)) throw new UserError(`--replications: expected a whole number from 1 to 100000, found ${args.replications}`);
    if (args.seed !== undefined && !(Number.isInteger(args.seed) && args.seed >= 0)) throw new UserError('--seed: expected a whole number ≥ 0');
    if (args.threads !== undefined && !(Number.isInteger(args.threads) && args.threads >= 1)) throw new UserError(`--threads: expected a whole number ≥ 1, found ${args.threads}`);
    const out = args.out ?? `${defaultOutDir(args.scenario)}-${strategy}`;
    const folder = OutputFolder.open(out, { force: args.force, inputs: [args.scenario] }); // checked writable before simulating
    const jobs = jobsFor(scenario, strategy, { replications: args.replications, seed: args.seed, stress: args.stress, yearEnds: true });
    const t0 = performance.now();
    const results = await runJobsWithProgress(jobs, args.threads, `${strategy}`);
    const seconds = (performance.now() - t0) / 1000;
    writeFileAtomic(folder.path('results.json'), resultsJson(results));
    writeChunksAtomic(folder.path('replications.csv'), replicationsCsv(results));
    writeChunksAtomic(folder.path('series.csv'), seriesCsv(results));
    folder.commit();
    const eq = results.map((r) => r.totals.customerEquity);
    const mean = eq.reduce((a, b) => a + b, 0) / eq.length;
    const steps = results.reduce((a, r) => a + r.totals.aliveCustomerSteps, 0);
    const cur = scenario.meta.currency;
    process.stdout.write(
      `${scenario.meta.name} · ${strategy}${args.stress ? ` · stress ${args.stress}` : ''} · ${results.length} replications · seed ${jobs[0].scenario.meta.seed}\n` +
        `customer equity (mean) ${`${money(mean)} ${cur}`} · net of CX and workforce ${`${money(results.reduce((a, r) => a + r.totals.netEquity, 0) / results.length)} ${cur}`}\n` +
        `${(steps / 1e6).toFixed(1)} M alive customer-steps in ${seconds.toFixed(1)} s\n` +
        `wrote ${join(out, 'results.json')}, replications.csv, series.csv\n`,
    );
  },
};
