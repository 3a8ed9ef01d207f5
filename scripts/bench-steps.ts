/**
 * Counts every customer-step the generated kernel simulates — the horizon's, the run-off's beyond
 * it and the year-end run-offs' — for `npm run bench`'s "all simulated customer-steps/s".
 *
 * The engine's totals count only the horizon's alive customer-steps; the run-off (the default
 * valuation beyond the horizon) simulates more steps that cost the same per customer. Each call of
 * a kernel leaves the number of customers it visited (alive at the start of the step) in
 * `z.tally[T_ACTIVE]`; this wraps every kernel the process compiles (kernel/cache.ts compiles
 * them with `new Function`) so that it adds that number to a counter after each call. Install it
 * before the first replication (kernels are cached per process). Benchmark instrumentation
 * only: one extra call per step, nothing per customer. The engine could report the figure itself
 * (a run-off tally of T_ACTIVE in its totals); see the speed note.
 */
import { T_ACTIVE } from '../src/engine/customer-step.ts';

let steps = 0;
let installed = false;

type Kernel = (pop: unknown, n: number, z: { tally: Float64Array }, live: unknown) => void;

export function installStepCounter(): void {
  if (installed) return;
  installed = true;
  const RealFunction = globalThis.Function;
  globalThis.Function = new Proxy(RealFunction, {
    construct(target, args: unknown[], newTarget) {
      const factory = Reflect.construct(target, args, newTarget) as (...deps: unknown[]) => unknown;
      if (!String(args.at(-1)).includes('function cxsimKernel(')) return factory;
      return (...deps: unknown[]) => {
        const kernel = factory(...deps) as Kernel;
        return function countingKernel(pop: unknown, n: number, z: { tally: Float64Array }, live: unknown) {
          kernel(pop, n, z, live);
          steps += z.tally[T_ACTIVE];
        };
      };
    },
  });
}

/** Customer-steps simulated by generated kernels in this process so far. */
export function simulatedCustomerSteps(): number {
  if (!installed) throw new Error('installStepCounter() was not called');
  return steps;
}
