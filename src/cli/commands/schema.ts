/**
 * `cxsim schema [--out FILE]`: the JSON Schema of scenario files, for editors and tools.
 */
import type { Argv, CommandModule } from 'yargs';
import { existsSync } from 'node:fs';
import { scenarioJsonSchemaText } from '../../scenario/json-schema.ts';
import { UserError, writeFileAtomic } from '../io.ts';
import { COMMANDS } from './index.ts';

interface Args {
  out?: string;
  force: boolean;
}

export const schemaCommand: CommandModule<{}, Args> = {
  command: COMMANDS.schema.command,
  describe: COMMANDS.schema.describe,
  builder: (y: Argv<{}>) =>
    y
      .option('out', { type: 'string', describe: 'Write the schema to this file instead of stdout' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace --out if it already exists' })
      .example('$0 schema > scenario.schema.json', 'print the schema on stdout')
      .example('$0 schema --out docs/scenario.schema.json --force', 'write (or refresh) the schema file')
      .epilogue(
        'Point an editor at the schema: in a YAML file, a first line "# yaml-language-server: $schema=docs/scenario.schema.json" (VS Code YAML extension), or a "$schema" key in JSON.',
      ) as unknown as Argv<Args>,
  handler: (args) => {
    const text = scenarioJsonSchemaText();
    if (args.out === undefined) {
      process.stdout.write(text);
      return;
    }
    if (existsSync(args.out) && !args.force) throw new UserError(`${args.out} already exists; add --force to replace it`);
    writeFileAtomic(args.out, text);
    process.stderr.write(`wrote ${args.out}\n`);
  },
};
