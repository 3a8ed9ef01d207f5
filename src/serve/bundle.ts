/**
 * The browser code of the workshop page, bundled with esbuild (already used for the engine's
 * worker threads, src/run/worker-bundle.ts): the page script (with Observable Plot) and the
 * Web Worker script (the engine core), both as classic scripts (IIFE) so the page also works
 * from file://, where module workers are blocked. Built once per process.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export interface WebBundle {
  page: string;
  worker: string;
}

let cached: Promise<WebBundle> | undefined;

async function bundle(file: string): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL(`../web/${file}`, import.meta.url))],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

export function webBundle(): Promise<WebBundle> {
  cached ??= (async () => {
    const [page, worker] = await Promise.all([bundle('page.ts'), bundle('worker.ts')]);
    return { page, worker };
  })();
  return cached;
}
