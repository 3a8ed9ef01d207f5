/**
 * The cxsim command line: a yargs program with one module per command in ./commands.
 * User mistakes (UserError) print one message and exit 2; anything else is a bug and
 * prints its stack.
 */
import yargs from 'yargs';
import type { CommandModule } from 'yargs';
import { UserError } from './io.ts';
// commands (one line each)
import { validateCommand } from './commands/validate.ts';
import { runCommand } from './commands/run.ts';
import { schemaCommand } from './commands/schema.ts';
import { compareCommand } from './commands/compare.ts';
import { reportCommand } from './commands/report.ts';
import { stressCommand } from './commands/stress.ts';
import { sensitivityCommand } from './commands/sensitivity.ts';
import { sweepCommand } from './commands/sweep.ts';
import { mergeCommand } from './commands/merge.ts';
import { optimiseCommand } from './commands/optimise.ts';

const commands: CommandModule<any, any>[] = [
  // command list (one entry each)
  validateCommand,
  runCommand,
  schemaCommand,
  compareCommand,
  reportCommand,
  stressCommand,
  sensitivityCommand,
  sweepCommand,
  mergeCommand,
  optimiseCommand,
];

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const cli = yargs(argv)
    .scriptName('cxsim')
    .usage('$0 <command> [options]\n\nSimulate customer-experience economics: journeys, segments, profit pools and the service-profit chain, with Monte Carlo uncertainty.')
    .strict()
    .demandCommand(1, 'Name a command: see the list above.')
    .recommendCommands()
    .example('$0 compare scenarios/photo-memories.yaml', 'compare every strategy of the flagship scenario and write a report')
    .example('$0 validate scenarios/*.yaml', 'check scenario files and report every problem at once')
    .epilogue('Each command has its own --help with examples. Docs: docs/model.md, docs/metrics.md, docs/scenario-reference.md.')
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      throw new UserError(msg ?? 'invalid command line');
    });
  for (const c of commands) cli.command(c);
  try {
    await cli.parseAsync();
    exitCode = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof UserError) {
      process.stderr.write(`cxsim: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
  return exitCode;
}
