/**
 * Every notebook in notebooks/ is executed, all cells in order, so none can rot:
 * - always: headlessly with the Deno binary that `npm ci` installs (no Jupyter needed);
 * - where `jupyter nbconvert` is installed: for real, with the Deno kernel.
 *   Set CXSIM_REQUIRE_JUPYTER=1 (CI does, after installing Debian's jupyter-nbconvert)
 *   to make a missing Jupyter a failure instead of a skip.
 * Without a Deno binary (a platform `npm ci` has no @deno package for, and none on the PATH) the
 * runs are skipped, with the reason in the test names and on stderr; CXSIM_REQUIRE_DENO=1 (CI
 * sets it) or CXSIM_REQUIRE_JUPYTER=1 makes that a failure instead.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KERNEL_NAME,
  PROJECT_DENO_DIR,
  denoBinary,
  describeCellError,
  executeWithNbconvert,
  nbconvertAvailable,
  readNotebook,
  runNotebookHeadless,
  type Notebook,
} from '../notebooks/lib/notebook-runner.ts';

const dir = resolve(import.meta.dirname, '../notebooks');
const notebooks = readdirSync(dir)
  .filter((f) => f.endsWith('.ipynb'))
  .sort()
  .map((f) => join(dir, f));

const requireJupyter = process.env.CXSIM_REQUIRE_JUPYTER === '1';
const requireDeno = process.env.CXSIM_REQUIRE_DENO === '1' || requireJupyter;
let deno = '';
let noDeno: string | undefined;
try {
  deno = denoBinary();
} catch (e) {
  noDeno = (e as Error).message;
}
if (noDeno && requireDeno) throw new Error(`CXSIM_REQUIRE_DENO=1 or CXSIM_REQUIRE_JUPYTER=1, but ${noDeno}`);
if (noDeno) process.stderr.write(`notebook runs skipped: ${noDeno}\n`);
/** Prefix of the names of tests that need Deno: says why they are skipped. */
const needsDeno = noDeno ? `(skipped: no Deno binary) ` : '';
// Every cell runs, with the fewest replications a comparison allows (notebooks/lib/analysis.ts):
// this checks that the notebooks work, not what they conclude (tests/scenarios.test.ts does that).
const env = { CXSIM_NOTEBOOK_REPLICATIONS: '2' };
const jupyter = nbconvertAvailable();

describe('notebooks', () => {
  it('there are notebooks to check', () => {
    expect(notebooks.length).toBeGreaterThan(0);
  });

  describe.each(notebooks.map((path) => ({ name: path.slice(dir.length + 1), path })))('$name', ({ path }) => {
    const nb = readNotebook(path);

    it('declares the Deno kernel and is committed without outputs', () => {
      expect(nb.metadata.kernelspec?.name).toBe(KERNEL_NAME);
      const dirty = nb.cells.flatMap((c, i) => (c.cell_type === 'code' && (c.outputs?.length ?? 0) > 0 ? [i] : []));
      expect(dirty, 'cells with saved outputs (clear them before committing)').toEqual([]);
    });

    it.skipIf(noDeno !== undefined)(`${needsDeno}runs every code cell headlessly with Deno, without error, and displays something`, () => {
      const run = runNotebookHeadless(path, { deno, env });
      expect(run.ok, run.error ? describeCellError(nb, run.error) : run.stderr).toBe(true);
      expect(run.displays.length).toBeGreaterThan(0);
      for (const d of run.displays) expect(Object.values(d).every((v) => typeof v === 'string' && v.length > 0)).toBe(true);
    });

    it.skipIf((!jupyter && !requireJupyter) || noDeno !== undefined)(`${needsDeno}executes with jupyter nbconvert and the Deno kernel, without error`, () => {
      expect(jupyter, 'CXSIM_REQUIRE_JUPYTER=1 but `jupyter nbconvert` is not installed').toBe(true);
      const run = executeWithNbconvert(path, { deno, env });
      expect(run.errors.map((e) => describeCellError(run.executed ?? nb, e)).join('\n\n')).toBe('');
      expect(run.ok).toBe(true);
      const rich = run.executed!.cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === 'execute_result' || o.output_type === 'display_data'));
      expect(rich.length).toBeGreaterThan(0);
    });
  });
});

describe.skipIf(noDeno !== undefined)(`${needsDeno}the notebook check itself`, () => {
  // Inside the project (as real notebooks are), so Deno finds package.json and node_modules.
  const cache = resolve(import.meta.dirname, '../node_modules/.cache');
  let tmp = '';
  beforeAll(() => {
    mkdirSync(cache, { recursive: true });
    tmp = mkdtempSync(join(cache, 'cxsim-nbtest-'));
  });
  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });
  const code = (source: string) => ({ cell_type: 'code' as const, source, outputs: [], execution_count: null, metadata: {} });
  const markdown = (source: string) => ({ cell_type: 'markdown' as const, source, metadata: {} });
  const write = (name: string, cells: Notebook['cells']) => {
    const path = join(tmp, name);
    writeFileSync(path, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: KERNEL_NAME, display_name: 'Deno', language: 'typescript' } }, cells }));
    return path;
  };

  it('shares declarations between cells and records what show() displays', () => {
    const display = JSON.stringify(resolve(dir, 'lib/display.ts'));
    const path = write('ok.ipynb', [
      code(`import { show } from ${display};\nconst n: number = 2;`),
      markdown('# text'),
      code('show(`<b>${n * 21}</b>`);'),
    ]);
    const run = runNotebookHeadless(path, { deno });
    expect(run.ok, run.stderr).toBe(true);
    expect(run.displays).toEqual([{ 'text/html': '<b>42</b>', 'text/plain': '42' }]);
  });

  it('keeps the Deno cache in the project (.cache/deno), never in the home folder', () => {
    // a home folder of our own: Deno would cache under $XDG_CACHE_HOME/deno (or $HOME/.cache/deno) without DENO_DIR
    const home = join(tmp, 'home');
    mkdirSync(home);
    const saved = process.env.DENO_DIR;
    delete process.env.DENO_DIR;
    try {
      const run = runNotebookHeadless(write('cache.ipynb', [code('const x: number = 1;\nconsole.log(x);')]), { deno, env: { HOME: home, XDG_CACHE_HOME: join(home, '.cache') } });
      expect(run.ok, run.stderr).toBe(true);
    } finally {
      if (saved !== undefined) process.env.DENO_DIR = saved;
    }
    expect(readdirSync(home)).toEqual([]);
    expect(existsSync(PROJECT_DENO_DIR)).toBe(true);
  });

  it('fails on an error and names the cell and line', () => {
    const path = write('bad.ipynb', [code('const a = 1;'), markdown('x'), code('const b = a + 1;\nthrow new Error("cell two broke");')]);
    const run = runNotebookHeadless(path, { deno });
    expect(run.ok).toBe(false);
    expect(run.error).toMatchObject({ cell: 2, line: 2 });
    expect(run.error!.message).toContain('cell two broke');
  });

  it.skipIf(!jupyter && !requireJupyter)('nbconvert with the Deno kernel fails on an error too', () => {
    expect(jupyter, 'CXSIM_REQUIRE_JUPYTER=1 but `jupyter nbconvert` is not installed').toBe(true);
    const path = write('bad-kernel.ipynb', [code('const a = 1;'), code('throw new Error("kernel saw it");')]);
    const run = executeWithNbconvert(path, { deno });
    expect(run.ok).toBe(false);
    expect(run.errors.map((e) => e.message).join('\n')).toContain('kernel saw it');
  });

  it('fails on a rejected promise awaited at top level', () => {
    const path = write('reject.ipynb', [code('await Promise.reject(new Error("async failure"));')]);
    const run = runNotebookHeadless(path, { deno });
    expect(run.ok).toBe(false);
    expect(run.error!.message).toContain('async failure');
  });
});
