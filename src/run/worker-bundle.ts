/**
 * The worker threads run a bundle of the engine made with esbuild at first use (about
 * 100 ms, once per process), loaded with `eval: true`. Workers then load plain JavaScript:
 * no TypeScript loader hooks in threads (on Node 20 those occasionally deadlocked), the
 * same code whether the caller runs from the CLI, a test runner or a notebook, and a fast
 * start per worker.
 */
import { build, stop } from 'esbuild';
import { fileURLToPath } from 'node:url';

let cached: Promise<string> | undefined;

/** esbuild options of the engine bundle (also used by the queue's engine fingerprint, so the two stay in step). */
export const ENGINE_BUNDLE_OPTIONS = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' } as const;

/** The bundle's source, built once per process (esbuild's asynchronous API; the promise is cached). */
export function workerSource(): Promise<string> {
  cached ??= (async () => {
    const entry = fileURLToPath(new URL('./replication-worker.ts', import.meta.url));
    const out = await build({
      entryPoints: [entry],
      ...ENGINE_BUNDLE_OPTIONS,
    });
    const text = out.outputFiles[0].text;
    // esbuild's API runs a helper process; the bundle is built once, so stop it now rather than
    // leave it in the process group after cxsim exits (issue 10, item 7)
    await stop();
    return text;
  })();
  return cached;
}
