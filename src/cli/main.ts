/**
 * The cxsim command line: a yargs program with one module per command in ./commands.
 * User mistakes (UserError) print one message and exit 2; anything else is a bug and
 * prints its stack.
 */
import yargs from 'yargs';
import type { CommandModule } from 'yargs';
import { UserError } from './io.ts';
import { PopulationLimitError } from '../engine/population-limit.ts';
import { COMMANDS, type CommandName } from './commands/index.ts';
import { setAllowOutside } from './scenario-file.ts';

/** The command list, for `cxsim` alone. */
function commandList(): string {
  const names = Object.keys(COMMANDS) as CommandName[];
  const width = Math.max(...names.map((n) => n.length));
  return names.map((n) => `  cxsim ${n.padEnd(width)}  ${COMMANDS[n].describe}`).join('\n');
}

/**
 * `--shard -1/2`: an option value that starts with "-" would be read as flags (-1, -/, -2);
 * it is joined to its option (`--shard=-1/2`) so the option's own check can name it.
 */
export function joinDashValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = argv[i + 1];
    if (/^--[a-z][\w-]*$/.test(a) && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/**
 * The commands to register: the one being run, fully (its options, help and examples);
 * every other as its name and description only, for the command list and suggestions.
 */
async function commandModules(argv: string[]): Promise<CommandModule<any, any>[]> {
  const first = argv.find((a) => !a.startsWith('-'));
  const running = first !== undefined && Object.hasOwn(COMMANDS, first) ? (first as CommandName) : undefined;
  return Promise.all(
    (Object.keys(COMMANDS) as CommandName[]).map(async (name) =>
      name === running
        ? COMMANDS[name].load()
        : {
            command: COMMANDS[name].command,
            describe: COMMANDS[name].describe,
            handler: () => {
              throw new Error(`command ${name} was listed but not loaded`);
            },
          },
    ),
  );
}

export async function main(rawArgv: string[]): Promise<number> {
  let exitCode = 0;
  const argv = joinDashValues(rawArgv);
  const cli = yargs(argv)
    .scriptName('cxsim')
    .usage('$0 <command> [options]\n\nSimulate customer-experience economics: journeys, segments, profit pools and the service-profit chain, with Monte Carlo uncertainty.')
    .strict()
    .demandCommand(1, `Name a command:\n${commandList()}\nEach has --help with examples.`)
    .option('allow-outside', {
      type: 'string',
      array: true,
      global: true,
      requiresArg: true,
      describe: 'A folder outside the scenario\'s own folder tree whose files `extends:` may read (repeatable)',
    })
    .middleware((a) => setAllowOutside(a['allow-outside'] as string[] | undefined))
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
  for (const c of await commandModules(argv)) cli.command(c);
  try {
    await cli.parseAsync();
    exitCode = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof UserError) {
      process.stderr.write(`cxsim: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof PopulationLimitError) {
      process.stderr.write(`cxsim: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  return exitCode;
}
