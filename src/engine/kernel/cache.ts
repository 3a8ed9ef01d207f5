/**
 * Compiling and caching specialised kernels: the generated source (generate.ts) is compiled
 * once per process with `new Function` and cached by its text — the text is a function of the
 * structure alone, so every replication and strategy of one structure shares one compiled and
 * optimised function. No Node imports: it runs in worker threads and in a browser Web Worker.
 * Where `new Function` is refused (a Content-Security-Policy without 'unsafe-eval'), the
 * reference `stepCustomers` is used instead.
 *
 * Choice of kernel: `'generated'` (default) or `'generic'` (the reference path), per call, or for
 * the whole process by the environment variable CXSIM_KERNEL=generic (read once, if a `process`
 * global exists).
 */
import type { CompiledModel } from '../../model/compile.ts';
import { fmix32 } from '../../random/counter.ts';
import { normalQuantile } from '../../random/normal.ts';
import { stepCustomers, type StepInput } from '../customer-step.ts';
import type { Population } from '../population.ts';
import { generateKernelSource, kernelShape } from './generate.ts';

export type StepKernel = (pop: Population, n: number, z: StepInput) => void;
export type KernelMode = 'generated' | 'generic';

const compiled = new Map<string, StepKernel>();
let evalRefused = false;

function envMode(): KernelMode | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const v = env?.CXSIM_KERNEL;
  return v === 'generic' || v === 'generated' ? v : undefined;
}
const defaultMode: KernelMode = envMode() ?? 'generated';

/** Compiles (or finds) the kernel of this source text. */
export function compileKernel(source: string): StepKernel {
  let k = compiled.get(source);
  if (!k) {
    const factory = new Function('fmix32', 'normalQuantile', `return function cxsimKernel(pop, n, z) {\n${source}\n};`) as (
      f: typeof fmix32,
      q: typeof normalQuantile,
    ) => StepKernel;
    k = factory(fmix32, normalQuantile);
    compiled.set(source, k);
  }
  return k;
}

/** The step function for this replication: the specialised kernel, or the reference path. */
export function kernelFor(m: CompiledModel, z: StepInput, mode: KernelMode = defaultMode): StepKernel {
  if (mode === 'generic' || evalRefused) return stepCustomers;
  try {
    return compileKernel(generateKernelSource(kernelShape(m, z)));
  } catch (e) {
    if (e instanceof EvalError) {
      evalRefused = true;
      return stepCustomers;
    }
    throw e;
  }
}

/** Number of distinct kernels compiled in this process (for tests and the benchmark). */
export function compiledKernelCount(): number {
  return compiled.size;
}
