/**
 * `cxsim stress SCENARIO`: every strategy under the unstressed case, every named stress of
 * the scenario and any ad-hoc `--shock`, with common random numbers; expected net equity,
 * loss versus unstressed (paired), P5, CVaR 5%, P(net equity < threshold), a robustness
 * ranking and heatmaps. Writes, atomically, in --out: stress.json, stress-cells.csv,
 * robustness.csv, replications.csv and report.html.
 */
import type { Argv, CommandModule } from 'yargs';
import { join } from 'node:path';
import type { StressShock } from '../../scenario/schema.ts';
import { parseShocks, SHOCK_HELP } from '../../finance/shock-syntax.ts';
import { adhocShockProblems } from '../../finance/scenario-variant.ts';
import { planStress, stressColumns, summariseStress } from '../../finance/stress-test.ts';
import { stressSectionHtml } from '../../finance/stress-section.ts';
import { robustnessCsv, stressCellsCsv, stressText } from '../../finance/stress-output.ts';
import { financePage } from '../../finance/report-page.ts';
import { money } from '../../report/format.ts';
import { replicationsCsv } from '../../report/tidy-csv.ts';
import { UserError, writeFileAtomic } from '../io.ts';
import { OutputFolder } from '../output-folder.ts';
import { readScenario } from '../scenario-file.ts';
import { writeChunksAtomic } from '../write-chunks.ts';
import { chooseStrategies, defaultOutDir } from './compare.ts';
import { listOf, commandLine, parseCount, parseMoneyOption, parseThreads, withSeedOption } from '../finance-cli.ts';
import { COMMANDS } from './index.ts';
import { removeSpool, runTotalsSpooled } from '../spooled-run.ts';
import { redisOption } from '../../run/queue/select.ts';

const FORMATS = ['table', 'json', 'csv'] as const;

interface Args {
  scenario: string;
  stresses?: string;
  strategies?: string;
  shock?: string | string[];
  threshold?: string;
  replications?: number;
  seed?: number;
  threads?: number;
  out?: string;
  force: boolean;
  format: (typeof FORMATS)[number];
}

export const stressCommand: CommandModule<{}, Args> = {
  command: COMMANDS.stress.command,
  describe: COMMANDS.stress.describe,
  builder: (y: Argv<{}>) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario file (YAML or JSON)' })
      .option('stresses', { type: 'string', describe: 'Comma-separated stress ids of the scenario (default: all; "" for none)' })
      .option('strategies', { type: 'string', describe: 'Comma-separated strategy ids (default: all; the baseline is always included)' })
      .option('shock', { type: 'string', requiresArg: true, describe: SHOCK_HELP })
      .option('threshold', { type: 'string', defaultDescription: "the baseline's expected unstressed net equity", describe: 'Report P(net equity < threshold); an amount such as 2.5e8 or 250M' })
      .option('replications', { type: 'number', defaultDescription: 'meta.replications', describe: 'Replications per cell (at least 2; 200 or more for CVaR 5%, 10 runs in the worst 5%)' })
      .option('seed', { type: 'number', describe: 'Master seed (default: meta.seed)' })
      .option('threads', { type: 'number', defaultDescription: 'all cores', describe: 'Worker threads (results are identical for any number)' })
      .option('redis', redisOption)
      .option('out', { type: 'string', defaultDescription: 'out/<scenario file name>-stress', describe: 'Folder for stress.json, the CSVs and report.html' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace the files of an --out folder that already holds some' })
      .option('format', { choices: FORMATS, default: 'table' as const, describe: 'What to print on stdout: table, json (stress.json) or csv (stress-cells.csv)' })
      .example('$0 stress scenarios/photo-memories.yaml', 'every strategy under every named stress of the flagship')
      .example('$0 stress my.yaml --shock "budget:-30%@24" --shock "pool:film*0.5@36;recession:0.85@12-36"', 'two ad-hoc stress columns, the second combining two shocks')
      .example('$0 stress my.yaml --stresses recession --strategies balanced --threshold 250M --replications 50', 'one stress, one strategy (plus the baseline), P(net equity < 250M)')
      .epilogue(
        'Headline: net equity (customer equity − PV of CX spend − PV of workforce costs). Replication k of every cell shares its random streams, so losses are paired. Methods: docs/finance.md.',
      ) as unknown as Argv<Args>,
  handler: async (args) => {
    const threads = parseThreads(args.threads);
    let scenario = withSeedOption(readScenario(args.scenario, { threads }), args.seed);
    const replications = parseCount('--replications', args.replications, Math.max(2, scenario.meta.replications), 2);
    scenario = { ...scenario, meta: { ...scenario.meta, replications } };
    const strategies = chooseStrategies(scenario, args.strategies);
    const allStresses = Object.keys(scenario.stresses);
    let named = allStresses;
    if (args.stresses !== undefined) {
      named = [...new Set(args.stresses.split(',').map((s) => s.trim()).filter(Boolean))];
      const unknown = named.filter((id) => !allStresses.includes(id));
      if (unknown.length > 0) {
        throw new UserError(`--stresses: unknown stress${unknown.length > 1 ? 'es' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; the scenario has ${allStresses.length ? allStresses.join(', ') : 'none (use --shock)'}`);
      }
    }
    const adhoc: { text: string; shocks: StressShock[] }[] = [];
    for (const text of listOf(args.shock)) {
      const parsed = parseShocks(text, Object.keys(scenario.pools), scenario.meta.horizonMonths);
      if (!parsed.ok) throw new UserError(parsed.message);
      // the same bounds as a named stress (src/scenario/bounds.ts): a finite scenario stays finite
      const problems = adhocShockProblems(scenario, parsed.shocks);
      if (problems.length > 0) throw new UserError(`--shock ${JSON.stringify(text.trim())}: ${problems.join('; ')}`);
      adhoc.push({ text: text.trim(), shocks: parsed.shocks });
    }
    const threshold = parseMoneyOption('--threshold', args.threshold);
    const columns = stressColumns(scenario, named, adhoc);
    if (columns.length === 1) process.stderr.write('note: the scenario has no stresses and no --shock was given; only the unstressed case is run\n');
    const out = args.out ?? `${defaultOutDir(args.scenario)}-stress`;
    const folder = OutputFolder.open(out, { force: args.force, inputs: [args.scenario] }); // checked writable before simulating

    const plan = planStress(scenario, strategies, columns, replications);
    const results = await runTotalsSpooled(out, plan.jobs, threads, 'stress'); // streamed to disk; a rerun reuses them
    // label each replication with its stress column (ad-hoc shocks all say "ad-hoc" otherwise)
    for (const c of plan.cells) for (let i = c.from; i < c.to; i++) results[i].stress = c.stress;
    const test = summariseStress({ scenario, strategies, columns, plan, results, threshold });
    const command = commandLine();
    const json = `${JSON.stringify({ command, scenarioFile: args.scenario, ...test }, null, 2)}\n`;
    const cellsCsv = stressCellsCsv(test);
    writeFileAtomic(folder.path('stress.json'), json);
    writeFileAtomic(folder.path('stress-cells.csv'), cellsCsv);
    writeFileAtomic(folder.path('robustness.csv'), robustnessCsv(test));
    writeChunksAtomic(folder.path('replications.csv'), replicationsCsv(results));
    writeFileAtomic(
      folder.path('report.html'),
      financePage({
        title: `${scenario.meta.name} — stress test`,
        lede: scenario.meta.description,
        meta: [`${strategies.length} strategies`, `${columns.length} stress cases`, `${replications} replications per cell`, `threshold ${money(test.threshold.value)} ${scenario.meta.currency}`, `seed ${scenario.meta.seed}`],
        sections: [stressSectionHtml(test)],
        command,
        files: 'Numbers at full precision: stress.json, stress-cells.csv, robustness.csv, replications.csv.',
      }),
    );
    folder.commit();
    removeSpool(out);
    if (args.format === 'json') process.stdout.write(json);
    else if (args.format === 'csv') process.stdout.write(cellsCsv);
    else process.stdout.write(`${stressText(test)}\nreport: ${join(out, 'report.html')}\n`);
  },
};
