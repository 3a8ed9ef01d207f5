/**
 * `cxsim merge DIR... --out DIR`: puts the shards of a sweep (`cxsim sweep --shard i/n`)
 * together. Every folder must hold the same sweep (same scenario, seed, grid, strategies,
 * replications); their cell files are copied into --out and, once every cell is there,
 * results.csv, summary.csv and report.html are written exactly as an unsharded run writes
 * them (byte-identical).
 */
import type { Argv, CommandModule } from 'yargs';
import { join } from 'node:path';
import { describeGrid, manifestDifference, manifestKey } from '../../finance/sweep-results.ts';
import { UserError } from '../io.ts';
import { commandLine } from '../finance-cli.ts';
import { finishedCells, finishSweep, MANIFEST_FILE, readCell, readManifest, startSweepFolder, sweepSummaryText, writeCell } from './sweep.ts';
import { COMMANDS } from './index.ts';

interface Args {
  dirs: string[];
  out: string;
  force: boolean;
}

export const mergeCommand: CommandModule<{}, Args> = {
  command: COMMANDS.merge.command,
  describe: COMMANDS.merge.describe,
  builder: (y: Argv<{}>) =>
    y
      .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'Shard folders written by cxsim sweep --out' })
      .option('out', { type: 'string', demandOption: true, describe: 'Folder for the merged sweep (may be one of the shard folders)' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace the files of an --out folder that holds something other than this sweep' })
      .example('$0 merge out/s0 out/s1 --out out/sweep', 'two shards into one sweep folder')
      .example('$0 merge out/s1 out/s2 --out out/s0', 'add shards 1 and 2 to shard 0\'s folder')
      .epilogue('A cell present in several folders must be identical in each (it is, when the shards ran the same sweep). Methods: docs/finance.md.') as unknown as Argv<Args>,
  handler: (args) => {
    const manifests = args.dirs.map((d) => {
      const m = readManifest(d);
      if (!m) throw new UserError(`${d}: no ${MANIFEST_FILE} here; give the --out folders of cxsim sweep runs`);
      return m;
    });
    const first = manifests[0];
    manifests.forEach((m, i) => {
      if (manifestKey(m) !== manifestKey(first)) throw new UserError(`${args.dirs[i]} holds another sweep than ${args.dirs[0]}: ${manifestDifference(m, first)}`);
    });
    const target = readManifest(args.out);
    if (target && manifestKey(target) !== manifestKey(first) && !args.force) {
      throw new UserError(`${args.out} holds another sweep (${manifestDifference(target, first)}); choose another --out or add --force`);
    }
    // another sweep in --out (with --force) is replaced whole: its cells must not mix in
    startSweepFolder(args.out, first, { force: args.force, resume: target !== null && manifestKey(target) === manifestKey(first) });

    let copied = 0;
    for (const dir of args.dirs) {
      const have = finishedCells(args.out);
      for (const index of [...finishedCells(dir)].sort((a, b) => a - b)) {
        const text = readCell(dir, index);
        if (have.has(index)) {
          if (readCell(args.out, index) !== text) throw new UserError(`cell ${index} differs between ${dir} and ${args.out}: the shards did not run the same sweep`);
          continue;
        }
        writeCell(args.out, index, text);
        have.add(index);
        copied++;
      }
    }
    const present = finishedCells(args.out);
    const missing = Array.from({ length: first.cells }, (_, i) => i).filter((i) => !present.has(i));
    if (missing.length > 0) {
      const list = missing.slice(0, 10).join(', ') + (missing.length > 10 ? ', …' : '');
      throw new UserError(`${args.out}: ${present.size} of ${first.cells} cells after merging (${copied} copied); missing cells ${list} — run the remaining shards (cell index % N == I) and merge again`);
    }
    const { summary } = finishSweep(args.out, first, commandLine());
    process.stdout.write(`${first.scenario.name}: merged sweep ${describeGrid(first.params)} from ${args.dirs.length} folders (${copied} cells copied)\n\n${sweepSummaryText(first, summary)}\nresults: ${join(args.out, 'results.csv')}; report: ${join(args.out, 'report.html')}\n`);
  },
};
