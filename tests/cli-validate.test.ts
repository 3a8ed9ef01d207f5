/**
 * The CLI at the edge: `cxsim validate` exit codes and messages (no stack traces), `cxsim
 * schema`, and a --help with examples for every registered command.
 */
import { describe, expect, test } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from '../src/scenario/json-schema.ts';
import { schemaCommand } from '../src/cli/commands/schema.ts';
import { UserError } from '../src/cli/io.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

const cxsim = (...args: string[]) => run(['bin/cxsim.js', ...args]);

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: root, env: { ...process.env, CI: '1' } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const noStack = (s: string) => expect(s).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe.concurrent('cxsim validate', () => {
  test('an invalid file: exit code 2, every problem on stderr, no stack trace', async () => {
    const r = await cxsim('validate', 'tests/fixtures/invalid/probabilities.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tests/fixtures/invalid/probabilities.yaml:6:17  pools.core.marginRate  expected a number in [0, 1], found 1.3\n');
    expect(r.stderr).toContain('tests/fixtures/invalid/probabilities.yaml:17:37  journeys.life.stages.use.touchpoints.shop.visitProbability  expected a number in [0, 1], found 1.5\n');
    expect(r.stderr).toContain('invalid  tests/fixtures/invalid/probabilities.yaml  (4 problems)');
    expect(r.stdout).toBe('');
    noStack(r.stderr);
  });

  test('valid files: exit code 0 and one ok line each', async () => {
    const r = await cxsim('validate', 'tests/fixtures/valid/minimal.yaml', 'tests/fixtures/valid/variant.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok {2}tests\/fixtures\/valid\/minimal\.yaml {2}\(1 pool, 1 segment, 1 journey, 0 touchpoints, 0 levers, 1 strategy, 1,000 simulated customers, ~1 MiB\)$/m);
    expect(r.stdout).toMatch(/^ok {2}tests\/fixtures\/valid\/variant\.yaml {2}\(3 pools, .*, extends tests\/fixtures\/valid\/full\.yaml\)$/m);
    expect(r.stderr).toBe('');
  });

  test('a mix: exit code 2, ok lines for the valid ones; --json gives one object per file', async () => {
    const r = await cxsim('validate', '--json', 'tests/fixtures/valid/minimal.yaml', 'tests/fixtures/invalid/syntax.yaml', 'no/such/file.yaml');
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.ok)).toEqual([true, false, false]);
    expect(lines[1].problems[0]).toEqual({
      file: 'tests/fixtures/invalid/syntax.yaml',
      line: 10,
      column: 1,
      path: '',
      message: 'syntax error: Flow map in block collection must be sufficiently indented and end with a }',
    });
    expect(lines[2].problems[0].message).toBe('cannot read the file: no such file');
  });

  test('no file named: a usage message and exit code 2', async () => {
    const r = await cxsim('validate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Not enough non-option arguments');
    noStack(r.stderr);
  });
});

describe('cxsim schema', () => {
  test('prints the schema on stdout', async () => {
    const printed = await cxsim('schema');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(scenarioJsonSchemaText());
  });

  test('writes it with --out, refuses to overwrite without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cxsim-schema-'));
    try {
      const out = join(dir, 'scenario.schema.json');
      const handler = (args: { out?: string; force: boolean }) => schemaCommand.handler({ ...args, _: [], $0: 'cxsim' });
      await handler({ out, force: false });
      expect(readFileSync(out, 'utf8')).toBe(scenarioJsonSchemaText());
      writeFileSync(out, 'mine');
      expect(() => handler({ out, force: false })).toThrow(UserError);
      expect(() => handler({ out, force: false })).toThrow(`${out} already exists; add --force to replace it`);
      expect(readFileSync(out, 'utf8')).toBe('mine');
      await handler({ out, force: true });
      expect(readFileSync(out, 'utf8')).toBe(scenarioJsonSchemaText());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('every command has help with examples', () => {
  test('--help of each registered command exits 0 and shows at least two examples', async () => {
    // One process loads the CLI once and asks every command for its help (see tests/support/help-all.ts).
    const r = await run(['bin/run-ts.js', 'tests/support/help-all.ts']);
    expect(r.code).toBe(0);
    const helps: Record<string, { code: number; stdout: string }> = JSON.parse(r.stdout);
    const commands = Object.keys(helps).filter((c) => c !== '');
    expect(helps[''].code).toBe(0);
    expect(commands).toEqual(expect.arrayContaining(['validate', 'schema']));
    for (const c of commands) {
      const examples = helps[c].stdout.split('Examples:')[1]?.match(new RegExp(`^ {2}cxsim ${c}\\b`, 'gm')) ?? [];
      expect({ command: c, code: helps[c].code, examples: Math.min(examples.length, 2) }).toEqual({ command: c, code: 0, examples: 2 });
    }
  });
});
