/**
 * `npm run notebooks` (scripts/notebooks.ts): one command from a fresh clone to a Jupyter
 * server with the Deno kernel. The kernelspec names no absolute path, everything Jupyter and
 * Deno write stays in the project's .cache/, the server binds 127.0.0.1 (with --allow-root
 * for root), a missing Jupyter is one message naming the Debian package. Where Jupyter is
 * installed the real server is started and asked for its kernels (set
 * CXSIM_REQUIRE_JUPYTER=1 to fail instead of skip without Jupyter).
 */
import { afterAll, describe, expect, test } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { CACHE, INSTALL_HINT, PROJECT, freePort, kernelSpec, notebookEnv, serverArgs } from '../scripts/notebooks.ts';

const quiet = notebookEnv(process.env, 'deno'); // Jupyter's config and runtime in the project cache, not the home folder
const haveJupyter = spawnSync('jupyter', ['notebook', '--version'], { env: quiet }).status === 0 || spawnSync('jupyter', ['lab', '--version'], { env: quiet }).status === 0;
const requireJupyter = process.env.CXSIM_REQUIRE_JUPYTER === '1';

describe('npm run notebooks: the plan', () => {
  test('is the documented npm script', () => {
    expect(JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')).scripts.notebooks).toBe('node bin/run-ts.js scripts/notebooks.ts');
  });

  test('the kernelspec starts `deno` by name: no path of this clone in it', () => {
    const spec = JSON.stringify(kernelSpec());
    expect(kernelSpec().argv).toEqual(['deno', 'jupyter', '--kernel', '--conn', '{connection_file}']);
    expect(spec).not.toContain('/');
  });

  test('Jupyter and Deno folders are all inside the project cache; the Deno binary comes first on the PATH', () => {
    const env = notebookEnv({ PATH: '/usr/bin', HOME: '/root' }, '/x/node_modules/@deno/linux-x64-glibc/deno', '/p/.cache');
    expect(env.PATH).toBe('/x/node_modules/@deno/linux-x64-glibc:/usr/bin');
    for (const k of ['JUPYTER_DATA_DIR', 'JUPYTER_PATH', 'JUPYTER_CONFIG_DIR', 'JUPYTER_RUNTIME_DIR', 'DENO_DIR']) expect(env[k], k).toMatch(/^\/p\/\.cache\//);
    expect(CACHE).toBe(join(PROJECT, '.cache'));
    expect(readFileSync(join(PROJECT, '.gitignore'), 'utf8').split('\n')).toContain('.cache/');
  });

  test('the server listens on 127.0.0.1 only, opens notebooks/, and allows root only for root', () => {
    const user = serverArgs('notebook', 8890, false, '/p');
    expect(user).toEqual(['notebook', '--no-browser', '--ip=127.0.0.1', '--port=8890', '--port-retries=0', '--notebook-dir=/p/notebooks']);
    expect(serverArgs('lab', 8890, true, '/p')).toContain('--allow-root');
  });

  test('without Jupyter it names the package to install and exits 1', () => {
    // an empty PATH (node is started by its full path): no jupyter to find
    const r = spawnSync(process.execPath, ['bin/run-ts.js', 'scripts/notebooks.ts', '--check'], { cwd: PROJECT, encoding: 'utf8', env: { ...process.env, PATH: join(PROJECT, 'no-such-folder') } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(INSTALL_HINT);
    expect(INSTALL_HINT).toContain('apt-get install -y jupyter-notebook');
  });
});

describe('instructions for opening the notebooks', () => {
  const docs = [
    ...readdirSync(join(PROJECT, 'notebooks')).filter((f) => f.endsWith('.ipynb') || f === 'README.md').map((f) => join('notebooks', f)),
    'README.md',
  ];

  test('no document tells users to install the kernel into their home or to run JupyterLab (Debian does not package it)', () => {
    const stale = docs.flatMap((f) => {
      const text = readFileSync(join(PROJECT, f), 'utf8');
      return [/deno jupyter --install/, /^\s*"?jupyter lab\b/m, /jupyter notebook notebooks\//].filter((re) => re.test(text)).map((re) => `${f}: ${re}`);
    });
    expect(stale).toEqual([]);
  });

  test('the setup check, the notebooks README and the project README all give the one command', () => {
    for (const f of ['notebooks/00-setup-check.ipynb', 'notebooks/README.md', 'README.md']) expect(readFileSync(join(PROJECT, f), 'utf8'), f).toContain('npm run notebooks');
  });
});

describe.skipIf(!haveJupyter && !requireJupyter)('npm run notebooks: the real server', () => {
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child!.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
  });

  test('--check: Jupyter lists the project-local Deno kernel; nothing is started', () => {
    expect(haveJupyter, 'CXSIM_REQUIRE_JUPYTER=1 but Jupyter is not installed').toBe(true);
    const r = spawnSync(process.execPath, ['bin/run-ts.js', 'scripts/notebooks.ts', '--check'], { cwd: PROJECT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('kernel:  .cache/jupyter/kernels/deno/kernel.json');
    expect(r.stdout).toContain('the Deno kernel is listed by Jupyter');
    expect(existsSync(join(CACHE, 'jupyter', 'kernels', 'deno', 'kernel.json'))).toBe(true);
  });

  test('starts a server on 127.0.0.1 that prints its URL and offers the Deno kernel', async () => {
    const port = await freePort(18888);
    child = spawn(process.execPath, ['bin/run-ts.js', 'scripts/notebooks.ts', '--port', String(port)], { cwd: PROJECT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (b) => (out += String(b)));
    let err = '';
    child.stderr!.on('data', (b) => (err += String(b)));
    // wait for the printed URL, then for the server to answer
    const url = await new Promise<string>((done, fail) => {
      child!.once('exit', (code) => fail(new Error(`exited with ${code}: ${out}${err}`)));
      const poll = setInterval(() => {
        const m = out.match(/open: +(http:\/\/127\.0\.0\.1:\d+\/tree\?token=([0-9a-f]+))/);
        if (m && /is running at|Jupyter Server .* is running|http:\/\/127\.0\.0\.1/.test(err)) {
          clearInterval(poll);
          done(m[1]);
        }
      }, 200);
    });
    const token = new URL(url).searchParams.get('token');
    const specs = await new Promise<{ kernelspecs: Record<string, { spec: { argv: string[] } }> }>((done, fail) =>
      get(`http://127.0.0.1:${port}/api/kernelspecs?token=${token}`, (res) => {
        let body = '';
        res.on('data', (b) => (body += String(b)));
        res.on('end', () => (res.statusCode === 200 ? done(JSON.parse(body)) : fail(new Error(`HTTP ${res.statusCode}: ${body}`))));
      }).on('error', fail),
    );
    expect(specs.kernelspecs.deno.spec.argv[0]).toBe('deno');
  });
});
