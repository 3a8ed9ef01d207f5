/**
 * The README's commands can be run twice in a row, as a reader following the tours does:
 * every command that writes a folder names it with --out and replaces it with --force
 * (`sweep` instead resumes: a rerun skips finished cells). The workshop tour's command is
 * run twice for real (into a temporary folder, removed afterwards).
 */
import { afterAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
/** Command lines of the README's shell blocks that run the CLI. */
const commands = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n')).filter((l) => l.startsWith('node bin/cxsim.js '));

/** A command line split into words (double quotes respected, as the shell does). */
const words = (line: string) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);

describe('README commands', () => {
  test('the quick start is exactly two commands: install and run the comparison, install and test', () => {
    const quick = readme.match(/## Quick start\n[\s\S]*?```sh\n([\s\S]*?)```/);
    expect(quick).not.toBeNull();
    const lines = quick![1].split('\n').filter((l) => l.trim() !== '').map((l) => l.replace(/\s+#.*$/, ''));
    expect(lines).toEqual(['npm ci && npm start', 'npm ci && npm test']);
  });

  test('the tours have commands to check', () => {
    expect(commands.length).toBeGreaterThanOrEqual(6);
  });

  test.each(commands.map((c) => [c]))('%s can run twice: --out with --force (or a resumable sweep)', (line) => {
    const w = words(line);
    const command = w[2];
    if (['validate', 'schema', 'report', 'worker'].includes(command)) return;
    if (command === 'serve' && !w.includes('--export')) return; // a server: it writes nothing
    expect(w, 'names its output folder').toContain('--out');
    if (command !== 'sweep') expect(w, 'replaces its output folder').toContain('--force');
  });

  const dir = mkdtempSync(join(tmpdir(), 'cxsim-readme-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the workshop tour command runs twice in a row', () => {
    const line = commands.find((c) => c.includes('workshop-101.yaml') && words(c)[2] === 'compare');
    expect(line).toBeDefined();
    const w = words(line!);
    const at = w.indexOf('--out');
    w[at + 1] = join(dir, 'workshop');
    const runs = [1, 2].map(() => spawnSync(process.execPath, w.slice(1), { cwd: new URL('..', import.meta.url).pathname, encoding: 'utf8' }));
    for (const r of runs) expect(r.status, r.stderr).toBe(0);
    expect(runs[1].stdout).toBe(runs[0].stdout);
    expect(readdirSync(join(dir, 'workshop'))).toContain('report.html');
  });
});
