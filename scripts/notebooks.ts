/**
 * `npm run notebooks`: from a fresh clone (after `npm ci`) to a running Jupyter server with
 * the TypeScript (Deno) kernel, in one command.
 *
 * - The kernelspec is written inside the project, in .cache/jupyter/kernels/deno/kernel.json
 *   (gitignored), and names `deno` without a path: the server is started with the Deno of
 *   node_modules first on its PATH. Nothing is written to your home folder, and moving the
 *   clone breaks nothing.
 * - Jupyter's data, config and runtime folders and Deno's cache (DENO_DIR) are all under
 *   .cache/ too.
 * - The server listens on 127.0.0.1 only, opens on notebooks/, runs with --allow-root when
 *   you are root (containers), and the URL with its login token is printed.
 * - Without Jupyter it says exactly what to install and exits 1.
 *
 * Options: --port N (default 8888, or the next free port), --check (set up and verify that
 * Jupyter sees the Deno kernel, print the command it would run, start nothing).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { denoBinary, KERNEL_NAME } from '../notebooks/lib/notebook-runner.ts';

export const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = join(PROJECT, '.cache');

/** What to install when no notebook server is found (Debian packages it as jupyter-notebook). */
export const INSTALL_HINT = [
  'No Jupyter notebook server found (tried `jupyter lab` and `jupyter notebook`).',
  'Install one, then run `npm run notebooks` again:',
  '  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y jupyter-notebook',
  '                  (as root, without sudo; Debian packages the classic Notebook, not JupyterLab)',
  '  elsewhere:      python3 -m pip install notebook      (or: pipx install notebook)',
].join('\n');

/** The Deno kernelspec: `deno` by name (found on the server's PATH), no absolute path. */
export function kernelSpec(): Record<string, unknown> {
  return {
    argv: ['deno', 'jupyter', '--kernel', '--conn', '{connection_file}'],
    display_name: 'Deno',
    language: 'typescript',
  };
}

/** Environment for the server and its kernels: project-local Jupyter and Deno folders, Deno first on the PATH. */
export function notebookEnv(base: NodeJS.ProcessEnv, deno: string, cache = CACHE): NodeJS.ProcessEnv {
  const jupyter = join(cache, 'jupyter');
  const denoDir = deno === 'deno' ? [] : [dirname(resolve(deno))];
  return {
    ...base,
    PATH: [...denoDir, base.PATH ?? ''].filter(Boolean).join(delimiter),
    JUPYTER_DATA_DIR: jupyter,
    JUPYTER_PATH: jupyter,
    JUPYTER_CONFIG_DIR: join(jupyter, 'config'),
    JUPYTER_RUNTIME_DIR: join(jupyter, 'runtime'),
    DENO_DIR: join(cache, 'deno'),
    DENO_NO_UPDATE_CHECK: '1',
  };
}

export type Frontend = 'lab' | 'notebook';

/** The server command line: loopback only, no browser, the notebooks folder, --allow-root for root. */
export function serverArgs(frontend: Frontend, port: number, isRoot: boolean, project = PROJECT): string[] {
  return [
    frontend,
    '--no-browser',
    '--ip=127.0.0.1',
    `--port=${port}`,
    '--port-retries=0',
    `--notebook-dir=${join(project, 'notebooks')}`,
    ...(isRoot ? ['--allow-root'] : []),
  ];
}

/** The installed notebook front end: JupyterLab if present, else the classic Notebook, else none. */
export function findFrontend(env: NodeJS.ProcessEnv = process.env): { frontend: Frontend; version: string } | null {
  for (const frontend of ['lab', 'notebook'] as const) {
    const r = spawnSync('jupyter', [frontend, '--version'], { encoding: 'utf8', env });
    if (r.status === 0) return { frontend, version: r.stdout.trim().split('\n').pop() ?? '' };
  }
  return null;
}

/** Writes the kernelspec under `cache` and returns its path. */
export function installKernelSpec(cache = CACHE): string {
  const dir = join(cache, 'jupyter', 'kernels', KERNEL_NAME);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'kernel.json');
  writeFileSync(file, `${JSON.stringify(kernelSpec(), null, 2)}\n`);
  for (const sub of ['config', 'runtime']) mkdirSync(join(cache, 'jupyter', sub), { recursive: true });
  mkdirSync(join(cache, 'deno'), { recursive: true });
  return file;
}

/** `port` if free on 127.0.0.1, else the next free one. */
export async function freePort(port: number): Promise<number> {
  for (let p = port; p < port + 100; p++) {
    const free = await new Promise<boolean>((done) => {
      const s = createServer();
      s.once('error', () => done(false));
      s.listen(p, '127.0.0.1', () => s.close(() => done(true)));
    });
    if (free) return p;
  }
  throw new Error(`no free port from ${port} to ${port + 99}`);
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const portAt = argv.indexOf('--port');
  const wanted = portAt >= 0 ? Number(argv[portAt + 1]) : 8888;
  if (!(Number.isInteger(wanted) && wanted > 0 && wanted < 65536)) {
    process.stderr.write(`--port: expected a port number, found ${argv[portAt + 1]}\n`);
    return 2;
  }
  let deno: string;
  try {
    deno = denoBinary();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
  const env = notebookEnv(process.env, deno);
  const found = findFrontend(env);
  if (!found) {
    process.stderr.write(`${INSTALL_HINT}\n`);
    return 1;
  }
  const spec = installKernelSpec();
  const kernels = spawnSync('jupyter', ['kernelspec', 'list', '--json'], { encoding: 'utf8', env });
  const listed = kernels.status === 0 && KERNEL_NAME in (JSON.parse(kernels.stdout).kernelspecs ?? {});
  if (!listed) {
    process.stderr.write(`Jupyter does not list the Deno kernel written to ${relative(PROJECT, spec)}:\n${kernels.stderr}\n`);
    return 1;
  }
  const port = await freePort(wanted);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const args = serverArgs(found.frontend, port, isRoot);
  const token = randomBytes(24).toString('hex');
  const url = `http://127.0.0.1:${port}/${found.frontend === 'lab' ? 'lab' : 'tree'}?token=${token}`;
  const version = spawnSync(deno, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0].replace(/ \(.*$/, '');
  process.stdout.write(
    [
      `cxsim notebooks: Jupyter ${found.frontend === 'lab' ? 'Lab' : 'Notebook'} ${found.version} with the Deno (TypeScript) kernel (${version})`,
      `  kernel:  ${relative(PROJECT, spec)} (project-local; Deno cache in .cache/deno)`,
      `  server:  jupyter ${args.join(' ').replace(PROJECT, '.')}`,
      check ? '  check:   the Deno kernel is listed by Jupyter; nothing started (--check)' : `  open:    ${url}`,
      check ? '' : '  stop:    Ctrl+C',
      '',
    ].join('\n'),
  );
  if (check) return 0;
  // Its own process group, so Ctrl+C reaches only this script, which stops the server with
  // SIGTERM: a clean shutdown of the server and its kernels, without Jupyter's y/n prompt.
  const child = spawn('jupyter', args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...env, JUPYTER_TOKEN: token }, detached: true });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('exit', stop);
  return await new Promise<number>((done) => child.on('exit', (code, signal) => done(code ?? (signal ? 0 : 1))));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
