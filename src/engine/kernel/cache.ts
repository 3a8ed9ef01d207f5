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
import { stepCustomers, type StepInput } from '../customer-step.ts';
import type { Population } from '../population.ts';
import { generateKernelSource, kernelShape } from './generate.ts';

export type StepKernel = (pop: Population, n: number, z: StepInput) => void;
type GeneratedKernel = (pop: Population, n: number, z: StepInput, live: LiveList) => void;
/**
 * 'generated': the specialised kernel visiting live customers only (default); 'generated-scan':
 * the same kernel scanning every slot (to measure the live list alone); 'generic': the reference.
 */
export type KernelMode = 'generated' | 'generated-scan' | 'generic';

/**
 * Indices of the customers alive after the previous step, ascending (`count` of them), and the
 * population size then (`seen`). One per replication; 4 bytes per customer slot. The generated
 * kernel visits it on every step (on the first, it holds every slot: `seen` is 0), so the loop
 * never switches between scanning and the list mid-run (a switch made V8 deoptimise the kernel).
 */
export class LiveList {
  index = new Int32Array(0);
  count = 0;
  seen = 0;
  pop: Population | null = null;
  /** Ready for a step over n customer slots of `pop` (restarts when given another population). */
  prepare(pop: Population, n: number): this {
    if (pop !== this.pop || n < this.seen) {
      this.pop = pop;
      this.count = 0;
      this.seen = 0;
    }
    if (this.index.length < n) {
      // sized to the population's capacity (which already allows for the expected acquisitions)
      const grown = new Int32Array(Math.max(n, pop.capacity));
      grown.set(this.index.subarray(0, this.count));
      this.index = grown;
    }
    return this;
  }
}

const compiled = new Map<string, GeneratedKernel>();
let evalRefused = false;

function envMode(): KernelMode | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const v = env?.CXSIM_KERNEL;
  return v === 'generic' || v === 'generated' || v === 'generated-scan' ? v : undefined;
}
const defaultMode: KernelMode = envMode() ?? 'generated';

/** Compiles (or finds) the kernel of this source text. */
function compileKernel(source: string): GeneratedKernel {
  let k = compiled.get(source);
  if (!k) {
    const factory = new Function(`return function cxsimKernel(pop, n, z, live) {\n${source}\n};`) as () => GeneratedKernel;
    k = factory();
    compiled.set(source, k);
  }
  return k;
}

/**
 * The step function for one replication: the specialised kernel, or the reference path. `live`:
 * the live list it keeps (default: its own); the run-off beyond the horizon passes the horizon's,
 * which already lists the survivors of the same population (and allocates no second one).
 */
export function kernelFor(m: CompiledModel, z: StepInput, mode: KernelMode = defaultMode, live: LiveList = new LiveList()): StepKernel {
  if (mode === 'generic' || evalRefused) return stepCustomers;
  try {
    const kernel = compileKernel(generateKernelSource(kernelShape(m, z, mode === 'generated')));
    return (pop, n, step) => kernel(pop, n, step, live.prepare(pop, n));
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
