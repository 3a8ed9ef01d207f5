/**
 * Headless execution of the cxsim notebooks, so they are run by `npm test` and never rot.
 *
 * Two ways, both with the Deno binary that `npm ci` installs (the optional dependency
 * `@deno/<platform>`, so no network and no global install is needed):
 *
 * 1. `runNotebookHeadless`: the code cells, in order, become one TypeScript module that
 *    `deno run` reads from standard input with the notebook's folder as working directory
 *    (so relative imports resolve exactly as in the kernel, whose working directory is the
 *    notebook's folder). Any uncaught error fails the run and is mapped back to its cell and
 *    line. Needs nothing but `npm ci`.
 * 2. `executeWithNbconvert`: the real thing, where Jupyter is installed (Debian
 *    `jupyter-nbconvert` + `jupyter-client`): `jupyter nbconvert --execute` with the Deno
 *    kernel, through a kernelspec written to a temporary JUPYTER_PATH (nothing is installed
 *    in the user's home).
 *
 * Differences between (1) and the kernel, and why they do not matter for the check: a
 * kernel evaluates cell by cell and displays the value of a cell's last expression; a module
 * hoists its imports and discards expression values. The notebooks therefore show rich
 * output only through `show`/`table`/`markdown` (notebooks/lib/display.ts), which build the
 * MIME bundle eagerly and record it for this check.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DISPLAY_LOG } from './display.ts';

/**
 * Deno's cache for these runs: the project's gitignored .cache/deno (as `npm run notebooks`
 * uses), never the home folder — unless DENO_DIR is set.
 */
export const PROJECT_DENO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../.cache/deno');
const denoDir = () => process.env.DENO_DIR ?? PROJECT_DENO_DIR;

/** The kernel name the notebooks declare (what `deno jupyter --install` registers). */
export const KERNEL_NAME = 'deno';

interface NotebookCell {
  cell_type: 'code' | 'markdown' | 'raw';
  source: string | string[];
  outputs?: { output_type: string; ename?: string; evalue?: string; data?: Record<string, unknown> }[];
}
export interface Notebook {
  nbformat: number;
  metadata: { kernelspec?: { name?: string; language?: string } } & Record<string, unknown>;
  cells: NotebookCell[];
}

export interface CellError {
  /** Index of the cell in the notebook (0-based, counting every cell). */
  cell: number;
  /** 1-based line inside the cell, when known. */
  line?: number;
  message: string;
}

export interface HeadlessRun {
  ok: boolean;
  exitCode: number | null;
  error?: CellError;
  stdout: string;
  stderr: string;
  /** MIME bundles the notebook displayed through notebooks/lib/display.ts, in order. */
  displays: Record<string, string>[];
  durationMs: number;
}

/**
 * The Deno binary: $CXSIM_DENO, else the platform package installed by `npm ci`
 * (@deno/linux-x64-glibc here), else `deno` on the PATH.
 */
export function denoBinary(): string {
  const fromEnv = process.env.CXSIM_DENO;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CXSIM_DENO=${fromEnv} does not exist`);
    return fromEnv;
  }
  const require = createRequire(import.meta.url);
  const platform = `${process.platform === 'win32' ? 'win32' : process.platform}-${process.arch}${process.platform === 'linux' ? '-glibc' : ''}`;
  try {
    const pkg = require.resolve(`@deno/${platform}/package.json`);
    const exe = join(dirname(pkg), process.platform === 'win32' ? 'deno.exe' : 'deno');
    if (existsSync(exe)) return exe;
  } catch {
    // not installed for this platform: try the PATH
  }
  const onPath = spawnSync('deno', ['--version'], { encoding: 'utf8' });
  if (onPath.status === 0) return 'deno';
  throw new Error(
    `no Deno binary found: \`npm ci\` installs @deno/${platform} on Linux x64; elsewhere install Deno (https://deno.com) or set CXSIM_DENO to its path`,
  );
}

export function readNotebook(path: string): Notebook {
  const nb = JSON.parse(readFileSync(path, 'utf8')) as Notebook;
  if (nb.nbformat !== 4 || !Array.isArray(nb.cells)) throw new Error(`${path}: not a Jupyter notebook (nbformat 4)`);
  return nb;
}

const cellText = (c: NotebookCell) => (Array.isArray(c.source) ? c.source.join('') : c.source);

/** Marker of the line on which the module prints what the notebook displayed. */
const DISPLAYS_MARKER = '__cxsim_notebook_displays__';

/**
 * The code cells as one module, with the 1-based line where each cell starts, so an error
 * location in the module maps back to a cell.
 */
export function notebookModule(nb: Notebook): { source: string; cellStarts: { cell: number; line: number; lines: number }[] } {
  const key = `Symbol.for(${JSON.stringify(DISPLAY_LOG.description)})`;
  const lines: string[] = [`(globalThis as any)[${key}] = [];`];
  const cellStarts: { cell: number; line: number; lines: number }[] = [];
  nb.cells.forEach((c, i) => {
    if (c.cell_type !== 'code') return;
    const text = cellText(c).replace(/\r\n?/g, '\n');
    lines.push(`// ---- cell ${i} ----`);
    const body = text.split('\n');
    cellStarts.push({ cell: i, line: lines.length + 1, lines: body.length });
    lines.push(...body, ';');
  });
  lines.push(`console.log(${JSON.stringify(DISPLAYS_MARKER)} + JSON.stringify((globalThis as any)[${key}]));`);
  return { source: lines.join('\n') + '\n', cellStarts };
}

const STDIN_LOCATION = /\$deno\$stdin\.mts:(\d+):(\d+)/;

/** Run every code cell of a notebook, in order, with Deno; fail on any error. */
export function runNotebookHeadless(path: string, options: { deno?: string; timeoutMs?: number; env?: Record<string, string> } = {}): HeadlessRun {
  const nb = readNotebook(path);
  const { source, cellStarts } = notebookModule(nb);
  const started = performance.now();
  const r = spawnSync(options.deno ?? denoBinary(), ['run', '--allow-all', '--no-remote', '-'], {
    cwd: dirname(resolve(path)),
    input: source,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 300_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, DENO_DIR: denoDir(), ...options.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
  });
  const durationMs = performance.now() - started;
  let stdout = r.stdout ?? '';
  let displays: Record<string, string>[] = [];
  const markerAt = stdout.lastIndexOf(DISPLAYS_MARKER);
  if (markerAt >= 0) {
    const end = stdout.indexOf('\n', markerAt);
    displays = JSON.parse(stdout.slice(markerAt + DISPLAYS_MARKER.length, end < 0 ? undefined : end));
    stdout = stdout.slice(0, markerAt);
  }
  const stderr = r.stderr ?? '';
  const ok = r.status === 0 && markerAt >= 0;
  if (ok) return { ok, exitCode: r.status, stdout, stderr, displays, durationMs };
  const message = r.error ? String(r.error) : stderr.trim() || `deno exited with ${r.status ?? r.signal}`;
  const m = STDIN_LOCATION.exec(stderr);
  let error: CellError = { cell: -1, message };
  if (m) {
    const at = Number(m[1]);
    const hit = [...cellStarts].reverse().find((c) => c.line <= at);
    if (hit) error = { cell: hit.cell, line: at - hit.line + 1, message };
  }
  return { ok: false, exitCode: r.status, error, stdout, stderr, displays, durationMs };
}

/** Whether `jupyter nbconvert` can be run here (Debian: jupyter-nbconvert + jupyter-client). */
export function nbconvertAvailable(): boolean {
  const r = spawnSync('jupyter', ['nbconvert', '--version'], { encoding: 'utf8', env: { ...process.env, JUPYTER_CONFIG_DIR: join(tmpdir(), 'cxsim-jupyter-config') } });
  return r.status === 0;
}

/**
 * A temporary Jupyter data directory holding a kernelspec named KERNEL_NAME that starts
 * the given Deno binary; pass it as JUPYTER_PATH.
 */
export function temporaryKernelSpec(deno: string): { jupyterPath: string; dispose(): void } {
  const root = mkdtempSync(join(tmpdir(), 'cxsim-jupyter-'));
  const dir = join(root, 'kernels', KERNEL_NAME);
  mkdirSync(dir, { recursive: true });
  const exe = deno === 'deno' ? 'deno' : resolve(deno);
  writeFileSync(
    join(dir, 'kernel.json'),
    JSON.stringify({ argv: [exe, 'jupyter', '--kernel', '--conn', '{connection_file}'], display_name: 'Deno', language: 'typescript' }, null, 2),
  );
  return { jupyterPath: root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

export interface NbconvertRun {
  ok: boolean;
  /** The executed notebook (with outputs), when nbconvert wrote one. */
  executed?: Notebook;
  /** Error outputs found in the executed notebook, by cell. */
  errors: CellError[];
  stderr: string;
  durationMs: number;
}

/** Execute a notebook with `jupyter nbconvert --execute` and the Deno kernel; nothing is written beside the notebook. */
export function executeWithNbconvert(path: string, options: { deno?: string; timeoutSeconds?: number; env?: Record<string, string> } = {}): NbconvertRun {
  const spec = temporaryKernelSpec(options.deno ?? denoBinary());
  const outDir = mkdtempSync(join(tmpdir(), 'cxsim-nbconvert-'));
  const started = performance.now();
  try {
    const name = basename(path).replace(/\.ipynb$/, '');
    const r = spawnSync(
      'jupyter',
      [
        'nbconvert',
        '--to',
        'notebook',
        '--execute',
        `--ExecutePreprocessor.kernel_name=${KERNEL_NAME}`,
        `--ExecutePreprocessor.timeout=${options.timeoutSeconds ?? 600}`,
        '--output-dir',
        outDir,
        '--output',
        name,
        resolve(path),
      ],
      { encoding: 'utf8', env: { ...process.env, DENO_DIR: denoDir(), ...options.env, JUPYTER_PATH: spec.jupyterPath, JUPYTER_DATA_DIR: spec.jupyterPath, JUPYTER_CONFIG_DIR: join(spec.jupyterPath, 'config'), JUPYTER_RUNTIME_DIR: join(spec.jupyterPath, 'runtime'), NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 },
    );
    const durationMs = performance.now() - started;
    const outFile = join(outDir, `${name}.ipynb`);
    const executed = existsSync(outFile) ? readNotebook(outFile) : undefined;
    const errors: CellError[] = [];
    executed?.cells.forEach((c, i) => {
      for (const o of c.outputs ?? []) if (o.output_type === 'error') errors.push({ cell: i, message: `${o.ename}: ${o.evalue}` });
    });
    if (r.status !== 0 && errors.length === 0) {
      // nbconvert stops at the first failing cell and writes nothing: keep its own account of the cell.
      const text = (r.stderr || String(r.error)).trim();
      const exception = [...text.matchAll(/^[A-Za-z_][\w.]*(?:Error|Exception): /gm)].at(-1);
      errors.push({ cell: -1, message: exception ? text.slice(exception.index) : text.split('\n').slice(-30).join('\n') });
    }
    return { ok: r.status === 0 && errors.length === 0, executed, errors, stderr: r.stderr ?? '', durationMs };
  } finally {
    spec.dispose();
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** A readable description of a failed cell, with the cell's source for context. */
export function describeCellError(nb: Notebook, e: CellError): string {
  if (e.cell < 0) return e.message;
  const src = cellText(nb.cells[e.cell]).split('\n');
  const at = e.line ? ` line ${e.line}` : '';
  const context = e.line ? src.slice(Math.max(0, e.line - 3), e.line + 2).join('\n') : src.slice(0, 5).join('\n');
  return `cell ${e.cell}${at}: ${e.message}\n--- cell source ---\n${context}`;
}
