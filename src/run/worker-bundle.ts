/**
 * The worker threads run a bundle of the engine made with esbuild at first use (about
 * 100 ms, once per process), loaded with `eval: true`. Workers then load plain JavaScript:
 * no TypeScript loader hooks in threads (on Node 20 those occasionally deadlocked), the
 * same code whether the caller runs from the CLI, a test runner or a notebook, and a fast
 * start per worker.
 */
import { build, stop, type BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';

let cached: Promise<string> | undefined;

/** esbuild options of the engine bundle (also used by the queue's engine fingerprint, so the two stay in step). */
export const ENGINE_BUNDLE_OPTIONS = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' } as const;

let building = 0;

/**
 * One esbuild build to text. esbuild's API runs a helper process; it is stopped as soon as no
 * build of this process is in flight (not while another one is: a stop would break it), so it
 * never outlives the bundles it was started for nor stays in the process group after cxsim
 * exits (issue 10, item 7). A later build starts a fresh helper.
 */
export async function bundleText(options: BuildOptions & { entryPoints: string[] }): Promise<string> {
  building++;
  try {
    const out = await build({ ...ENGINE_BUNDLE_OPTIONS, ...options, write: false });
    return out.outputFiles![0].text;
  } finally {
    if (--building === 0) await stop();
  }
}

/** The bundle's source, built once per process (esbuild's asynchronous API; the promise is cached). */
export function workerSource(): Promise<string> {
  cached ??= bundleText({ entryPoints: [fileURLToPath(new URL('./replication-worker.ts', import.meta.url))] });
  return cached;
}
