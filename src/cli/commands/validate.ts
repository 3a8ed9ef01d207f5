/**
 * `cxsim validate FILE...`: checks scenario files and reports every problem at once, each as
 * `file:line:column  path  expected ..., found ...`; exit code 2 when any file is invalid.
 */
import type { Argv, CommandModule } from 'yargs';
import { availableParallelism } from 'node:os';
import { loadScenario } from '../scenario-file.ts';
import { formatProblem } from '../../scenario/errors.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { estimateMemory, formatBytes } from '../../scenario/memory.ts';
import { COMMANDS } from './index.ts';

interface Args {
  files: string[];
  json: boolean;
  threads: number;
}

const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** `3 pools, 2 segments, ...` for the ok line. */
export function scenarioSummary(s: Scenario, threads: number): string {
  const touchpoints = Object.values(s.journeys).reduce((n, j) => n + Object.values(j.stages).reduce((m, st) => m + Object.keys(st.touchpoints).length, 0), 0);
  const parts = [
    count(Object.keys(s.pools).length, 'pool'),
    count(Object.keys(s.segments).length, 'segment'),
    count(Object.keys(s.journeys).length, 'journey'),
    count(touchpoints, 'touchpoint'),
    count(Object.keys(s.levers).length, 'lever'),
    count(Object.keys(s.strategies).length, 'strategy').replace(/strategys$/, 'strategies'),
  ];
  const optional: [number, string][] = [
    [Object.keys(s.portfolios).length, 'portfolio'],
    [Object.keys(s.competitors).length, 'competitor'],
    [Object.keys(s.stresses).length, 'stress'],
  ];
  for (const [n, what] of optional) if (n > 0) parts.push(count(n, what).replace(/stresss$/, 'stresses'));
  if (s.workforce) parts.push('workforce');
  const mem = estimateMemory(s, threads);
  parts.push(`${mem.customers.toLocaleString('en-US')} simulated customers, ~${formatBytes(mem.bytes)}`);
  return parts.join(', ');
}

export const validateCommand: CommandModule<{}, Args> = {
  command: COMMANDS.validate.command,
  describe: COMMANDS.validate.describe,
  builder: (y: Argv<{}>) =>
    y
      .positional('files', { type: 'string', array: true, default: undefined, describe: 'Scenario files to check (YAML or JSON)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON object per file on stdout ({file, ok, problems}) instead of text' })
      .option('threads', {
        type: 'number',
        default: availableParallelism(),
        defaultDescription: 'all cores',
        describe: 'Worker threads a run would use (for the memory check)',
      })
      .example('$0 validate scenarios/photo-memories.yaml', 'check one scenario; prints "ok ..." or every problem')
      .example('$0 validate scenarios/*.yaml', 'check many files; exit code 2 if any is invalid')
      .example('$0 validate my.yaml --json', 'machine-readable problems {file, line, column, path, message}')
      .epilogue('Problems are printed on stderr as "file:line:column  path  expected ..., found ...". Exit code 0 when every file is valid, 2 otherwise. The format is described in docs/scenario-reference.md.') as unknown as Argv<Args>,
  handler: (args) => {
    let invalid = 0;
    const threads = Math.max(1, Math.floor(args.threads));
    for (const file of args.files) {
      const r = loadScenario(file, { threads });
      if (args.json) {
        process.stdout.write(`${JSON.stringify(r.ok ? { file, ok: true, files: r.files } : { file, ok: false, problems: r.problems })}\n`);
      } else if (r.ok) {
        const ext = r.files.length > 1 ? `, extends ${r.files.slice(1).join(' → ')}` : '';
        process.stdout.write(`ok  ${file}  (${scenarioSummary(r.scenario, threads)}${ext})\n`);
      } else {
        for (const p of r.problems) process.stderr.write(`${formatProblem(p)}\n`);
        process.stderr.write(`invalid  ${file}  (${count(r.problems.length, 'problem')})\n`);
      }
      if (!r.ok) invalid++;
    }
    if (invalid > 0) process.exitCode = 2;
  },
};
