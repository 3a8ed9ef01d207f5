/**
 * Issue 10, items 2 and 5: whole output folders. A command killed with SIGKILL while writing
 * its file set (at a known point, through CXSIM_TEST_KILL_AT: no timing) leaves the earlier
 * run's folder exactly as it was, or — killed between the two renames of the swap — no folder
 * at all, which the next run puts back; the next run removes the temporaries it owns. The
 * output location is checked before anything is simulated: a file, a path under a file, or a
 * place that cannot be written give one message and exit code 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMALL_FIXTURE } from '../helpers/small-comparison.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The CLI in a separate process (so it can be killed), with an optional kill point. */
function cxsim(args: string[], killAt?: string) {
  const env = { ...process.env, CI: '1', CXSIM_TEST_KILL_AT: killAt ?? '' };
  const r = spawnSync(process.execPath, ['bin/cxsim.js', ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Every file of a folder with its content. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

/** cxsim's temporaries beside an output folder (the result spool, `.NAME.cxsim-spool`, is resumable state: kept after a kill, removed by a finished run). */
const ours = (parent: string) => readdirSync(parent).filter((e) => e.includes('.cxsim-') && !e.endsWith('.cxsim-spool'));
const spools = (parent: string) => readdirSync(parent).filter((e) => e.endsWith('.cxsim-spool'));

describe('whole output folders', () => {
  let dir: string;
  let out: string;
  let before: Record<string, string>;
  const compare = (seed: string, killAt?: string) => cxsim(['compare', SMALL_FIXTURE, '--replications', '2', '--seed', seed, '--threads', '1', '--no-attribution', '--out', out, '--force', '--format', 'json'], killAt);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxsim-folder-'));
    out = join(dir, 'results');
    expect(compare('1').code).toBe(0);
    before = snapshot(out);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('compare --force killed while writing the new set: the old set is untouched', () => {
    const killed = compare('2', 'after-first-file');
    expect(killed.signal).toBe('SIGKILL');
    expect(snapshot(out)).toEqual(before);
    // the dead run's unfinished set is there, marked as a temporary of cxsim
    expect(ours(dir).length).toBe(1);
    // and its replications, for a rerun to reuse (issue 15)
    expect(spools(dir)).toEqual(['.results.cxsim-spool']);
  });

  it('the next run removes the temporaries of the killed one and writes a whole new set', () => {
    expect(compare('3').code).toBe(0);
    expect(ours(dir)).toEqual([]);
    expect(spools(dir)).toEqual([]);
    const after = snapshot(out);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(JSON.parse(after['summary.json']).seeds).not.toEqual(JSON.parse(before['summary.json']).seeds);
    before = after;
  });

  it('killed between the two renames: no folder rather than a mixed one, and the next run puts the old set back before replacing it', () => {
    const killed = compare('4', 'between-renames');
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    // validate-only access: a run that refuses (no --force) still restores the old set first
    const refused = cxsim(['compare', SMALL_FIXTURE, '--replications', '2', '--threads', '1', '--out', out]);
    expect(refused.code).toBe(2);
    expect(snapshot(out)).toEqual(before);
    expect(ours(dir)).toEqual([]);
  });

  it('a sweep killed while writing its finished set keeps its cells and is completed by a rerun', () => {
    const sweep = ['sweep', SMALL_FIXTURE, '--param', 'pools.film.marginRate=0.3,0.5', '--replications', '2', '--threads', '1', '--out', join(dir, 'sweep')];
    const killed = cxsim(sweep, 'after-first-file');
    expect(killed.signal).toBe('SIGKILL');
    const left = readdirSync(join(dir, 'sweep')).sort();
    expect(left).toEqual(['cells', 'cxsim-output.json', 'sweep.json']); // the in-progress state only (and its manifest): no half of a finished set
    expect(cxsim(sweep).code).toBe(0);
    expect(readdirSync(join(dir, 'sweep')).sort()).toEqual(['cells', 'cxsim-output.json', 'report.html', 'results.csv', 'summary.csv', 'sweep.json']);
    expect(ours(dir)).toEqual([]);
  });

  it('refuses to replace a folder holding things cxsim does not write, even with --force', () => {
    const mine = join(dir, 'project');
    mkdirSync(join(mine, 'src'), { recursive: true });
    writeFileSync(join(mine, 'notes.txt'), 'keep me');
    const r = cxsim(['compare', SMALL_FIXTURE, '--replications', '2', '--threads', '1', '--out', mine, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds files that are not known to be cxsim's \((notes\.txt, src|src, notes\.txt)\) and no cxsim-output\.json/);
    expect(readFileSync(join(mine, 'notes.txt'), 'utf8')).toBe('keep me');
  });
});

describe('the output location is checked before simulating: one message, exit code 2', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxsim-out-'));
    writeFileSync(join(dir, 'a-file'), 'x');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, () => string, RegExp][] = [
    ['--out an existing regular file', () => join(dir, 'a-file'), /expected a folder for the results, found a file/],
    ['--out FILE/sub', () => join(dir, 'a-file', 'sub'), /cannot create the output folder, .*a-file is a file/],
    ['--out a place that cannot be written', () => '/proc/self/cxsim-out', /cannot write the output folder there/],
  ];
  for (const command of ['compare', 'run']) {
    it.each(cases)(`${command}: %s`, (_name, target, message) => {
      const r = cxsim([command, SMALL_FIXTURE, '--replications', '2', '--threads', '1', '--out', target()]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }
});
