/**
 * `cxsim report RESULTS_DIR`: re-renders report.html from the results `cxsim compare` saved
 * (report-data.json), without simulating again — e.g. after improving a chart.
 */
import type { Argv, CommandModule } from 'yargs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { reportHtml } from '../../report/html.ts';
import { UserError, writeFileAtomic } from '../io.ts';
import { readReportData } from '../report-data.ts';
import { COMMANDS } from './index.ts';

interface Args {
  dir: string;
  out?: string;
  stdout: boolean;
  force: boolean;
}

export const reportCommand: CommandModule<{}, Args> = {
  command: COMMANDS.report.command,
  describe: COMMANDS.report.describe,
  builder: (y: Argv<{}>) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'Results folder written by `cxsim compare --out`' })
      .option('out', { type: 'string', defaultDescription: '<dir>/report.html', describe: 'Where to write the HTML report' })
      .option('stdout', { type: 'boolean', default: false, describe: 'Print the HTML on stdout instead of writing a file' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace the report file if it exists' })
      .example('$0 report out/photo-memories --force', 'refresh out/photo-memories/report.html')
      .example('$0 report out/photo-memories --out /tmp/report.html', 'write a copy elsewhere')
      .example('$0 report out/photo-memories --stdout > report.html', 'print it on stdout')
      .epilogue('Reads <dir>/report-data.json. The report is one self-contained HTML file: inline SVG charts and CSS, no network.') as unknown as Argv<Args>,
  handler: (args) => {
    const html = reportHtml(readReportData(args.dir));
    if (args.stdout) {
      process.stdout.write(html);
      return;
    }
    const out = args.out ?? join(args.dir, 'report.html');
    if (existsSync(out) && !args.force) throw new UserError(`${out} already exists; add --force to replace it (or --out another file)`);
    writeFileAtomic(out, html);
    process.stdout.write(`report: ${out}\n`);
  },
};
