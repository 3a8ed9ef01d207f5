/**
 * `node bin/run-ts.js scripts/bench-kernel-ab.ts [--base REV] [--head REV] [--rounds N] [--scale F] [--months M] [--json]`:
 * the generated kernel of this tree (B; or of git revision --head) against the one of git revision
 * --base (A, default `main`),
 * alternating child processes (A B, B A, A B, …), medians of CPU time. Each child runs one
 * replication of a copy of scenarios/bench-1m.yaml (initial customers × --scale, default 0.3,
 * i.e. 300k; --months, default 36; run-off beyond the horizon as the scenario says) after
 * --warmups (default 2) warm-up replications (20k customers, 12 months; 0 measures a cold start:
 * the kernels' interpreted first steps and their compilation included), and reports:
 * - kernel CPU time: process CPU time (user + system) summed over the calls of the generated
 *   kernels (horizon and run-off steps), and the customer-steps they visited (`z.tally[T_ACTIVE]`);
 * - bytes allocated on the JavaScript heap per customer-step inside those calls: per call, the
 *   heap's used size after minus before plus what every garbage collection during the call freed
 *   (v8.GCProfiler), summed, over the customer-steps;
 * - the same allocation over the whole replication, and its CPU time;
 * - a digest of the replication's totals and CLV summaries, which must be the same for A and B.
 * Child-only switches (environment): CXSIM_AB_PER_CALL=1 prints each kernel call's bytes per
 * customer-step; CXSIM_AB_EDIT='[["from","to"]]' edits the kernel source (for experiments: the
 * results then differ). A revision's `src/` is written to .scratch/kernel-ab/ (git-ignored, removed at exit), so the two kernels run the same
 * harness; kernels are recognised by their `new Function` source naming
 * `function cxsimKernel(`). Ratios are A/B: above 1, this tree is faster or allocates less.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';

const { values } = parseArgs({
  options: {
    base: { type: 'string', default: 'main' },
    head: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    scale: { type: 'string', default: '0.3' },
    months: { type: 'string', default: '36' },
    warmups: { type: 'string', default: '2' },
    'force-gc': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    child: { type: 'string' },
  },
});
const root = resolve(import.meta.dirname, '..');

interface ChildResult {
  kernelCpu: number;
  kernelSteps: number;
  kernelBytes: number;
  /** Median over the kernel calls of each call's bytes per customer-step: the optimised code's own figure. */
  kernelBytesMedianCall: number;
  replicationCpu: number;
  replicationBytes: number;
  digest: string;
}

/** Heap bytes allocated while `run` runs: used size after − before + what each GC freed meanwhile. */
function allocated(run: () => void): number {
  const profiler = new v8.GCProfiler();
  const before = v8.getHeapStatistics().used_heap_size;
  profiler.start();
  run();
  const gcs = profiler.stop();
  const after = v8.getHeapStatistics().used_heap_size;
  let freed = 0;
  for (const g of gcs?.statistics ?? []) freed += g.beforeGC.heapStatistics.usedHeapSize - g.afterGC.heapStatistics.usedHeapSize;
  return after - before + freed;
}

async function child(tree: string): Promise<ChildResult> {
  const T_ACTIVE = ((await import(pathToFileURL(join(tree, 'src/engine/customer-step.ts')).href)) as { T_ACTIVE: number }).T_ACTIVE;
  let kernelCpu = 0, kernelSteps = 0, kernelBytes = 0, counting = false;
  const perCall: number[] = [];
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1e6;
  };
  type Kernel = (pop: unknown, n: number, z: { tally: Float64Array }, live: unknown) => void;
  const RealFunction = globalThis.Function;
  globalThis.Function = new Proxy(RealFunction, {
    construct(target, args: unknown[], newTarget) {
      // experiments only (results then differ): CXSIM_AB_EDIT='[["from","to"], …]' edits the kernel's source text
      if (process.env.CXSIM_AB_EDIT && String(args.at(-1)).includes('function cxsimKernel(')) for (const [f, t] of JSON.parse(process.env.CXSIM_AB_EDIT) as [string, string][]) args[args.length - 1] = String(args.at(-1)).split(f).join(t);
      const factory = Reflect.construct(target, args, newTarget) as (...deps: unknown[]) => unknown;
      if (!String(args.at(-1)).includes('function cxsimKernel(')) return factory;
      return (...deps: unknown[]) => {
        const kernel = factory(...deps) as Kernel;
        return function measuredKernel(pop: unknown, n: number, z: { tally: Float64Array }, live: unknown) {
          if (!counting) return kernel(pop, n, z, live);
          const c0 = cpu();
          const bytes = allocated(() => kernel(pop, n, z, live));
          kernelCpu += cpu() - c0;
          kernelBytes += bytes;
          kernelSteps += z.tally[T_ACTIVE];
          if (z.tally[T_ACTIVE] > 0) perCall.push(bytes / z.tally[T_ACTIVE]);
        };
      };
    },
  });
  const { readScenario } = (await import(pathToFileURL(join(tree, 'src/cli/scenario-file.ts')).href)) as typeof import('../src/cli/scenario-file.ts');
  const { simulateReplication } = (await import(pathToFileURL(join(tree, 'src/engine/replication.ts')).href)) as typeof import('../src/engine/replication.ts');
  const base = readScenario(join(root, 'scenarios/bench-1m.yaml'));
  const scaled = (factor: number, months: number) => {
    const copy = structuredClone(base);
    copy.meta.horizonMonths = months;
    for (const seg of Object.values(copy.segments)) seg.initialCustomers = Math.round(seg.initialCustomers * factor);
    return copy;
  };
  const strategy = Object.keys(base.strategies).find((id) => base.strategies[id].baseline) ?? Object.keys(base.strategies)[0];
  // two warm-up replications: the first's run-off generalises the step input's fields, which
  // discards the horizon kernel's optimised code; the second optimises it again
  for (let w = 0; w < Number(values.warmups); w++) simulateReplication({ scenario: scaled(0.02, 12), strategy, replication: 90 + w }, { kernel: 'generated' });
  const scenario = scaled(Number(values.scale), Number(values.months));
  // no forced gc() here unless --force-gc (as npm run bench does before its 1-thread run): a forced
  // full collection discards the kernels' optimised code (measured: the first calls then run
  // interpreted again, 860 bytes per customer-step)
  if (values['force-gc']) (globalThis as { gc?: () => void }).gc?.();
  counting = true;
  const c0 = cpu();
  let res: ReturnType<typeof simulateReplication> | undefined;
  const replicationBytes = allocated(() => {
    res = simulateReplication({ scenario, strategy, replication: 0 }, { kernel: 'generated' });
  });
  const replicationCpu = cpu() - c0;
  counting = false;
  const digest = createHash('sha256').update(JSON.stringify([res!.totals, res!.clv])).digest('hex').slice(0, 16);
  // CXSIM_AB_PER_CALL=1: each kernel call's bytes per customer-step, in order, on stderr
  if (process.env.CXSIM_AB_PER_CALL) process.stderr.write(`${perCall.map((b) => b.toFixed(1)).join(' ')}\n`);
  const kernelBytesMedianCall = [...perCall].sort((a, b) => a - b)[perCall.length >> 1];
  return { kernelCpu, kernelSteps, kernelBytes, kernelBytesMedianCall, replicationCpu, replicationBytes, digest };
}

if (values.child) {
  process.stdout.write(`${JSON.stringify(await child(values.child))}\n`);
} else {
  const dir = join(root, '.scratch', 'kernel-ab');
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  /** `src/` of a revision, written out; returns the tree's root and the short hash. */
  const checkout = (name: string): [string, string] => {
    const rev = execFileSync('git', ['rev-parse', '--short', name], { cwd: root, encoding: 'utf8' }).trim();
    const tree = join(dir, rev);
    rmSync(tree, { recursive: true, force: true });
    mkdirSync(tree, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${rev} src | tar -x -C '${tree}'`], { cwd: root });
    return [tree, rev];
  };
  const [baseTree, rev] = checkout(values.base!);
  const [headTree, headRev] = values.head ? checkout(values.head) : [root, 'this tree'];
  const trees = { A: baseTree, B: headTree };
  const runs: Record<'A' | 'B', ChildResult[]> = { A: [], B: [] };
  const rounds = Number(values.rounds);
  const log = (s: string) => {
    if (!values.json) process.stderr.write(s);
  };
  for (let r = 0; r < rounds; r++) {
    for (const which of r % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      const out = spawnSync(process.execPath, ['--expose-gc', join(root, 'bin/run-ts.js'), join(root, 'scripts/bench-kernel-ab.ts'), '--child', trees[which], '--scale', values.scale!, '--months', values.months!, '--warmups', values.warmups!, ...(values['force-gc'] ? ['--force-gc'] : [])], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
      if (out.status !== 0) throw new Error(`child ${which} failed: ${out.stderr}`);
      const res = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as ChildResult;
      runs[which].push(res);
      log(`round ${r + 1} ${which}: kernel ${res.kernelCpu.toFixed(2)} CPU-s for ${(res.kernelSteps / 1e6).toFixed(2)} M customer-steps, ${(res.kernelBytes / res.kernelSteps).toFixed(1)} B/customer-step (median call ${res.kernelBytesMedianCall.toFixed(1)}); replication ${res.replicationCpu.toFixed(2)} CPU-s, ${(res.replicationBytes / res.kernelSteps).toFixed(1)} B/customer-step; ${res.digest}\n`);
    }
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const summary = (xs: ChildResult[]) => ({
    kernelCpuSeconds: med(xs.map((x) => x.kernelCpu)),
    kernelCustomerSteps: xs[0].kernelSteps,
    kernelCustomerStepsPerCpuSecond: med(xs.map((x) => x.kernelSteps / x.kernelCpu)),
    kernelBytesPerCustomerStep: med(xs.map((x) => x.kernelBytes / x.kernelSteps)),
    kernelBytesPerCustomerStepMedianCall: med(xs.map((x) => x.kernelBytesMedianCall)),
    replicationCpuSeconds: med(xs.map((x) => x.replicationCpu)),
    replicationBytesPerCustomerStep: med(xs.map((x) => x.replicationBytes / x.kernelSteps)),
  });
  const A = summary(runs.A), B = summary(runs.B);
  const digests = new Set([...runs.A, ...runs.B].map((x) => x.digest));
  const result = {
    base: rev,
    head: headRev,
    customers: Math.round(1e6 * Number(values.scale)),
    months: Number(values.months),
    rounds,
    A,
    B,
    kernelCpuRatio: A.kernelCpuSeconds / B.kernelCpuSeconds,
    replicationCpuRatio: A.replicationCpuSeconds / B.replicationCpuSeconds,
    identical: digests.size === 1,
  };
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write(
      [
        `A = ${rev}, B = ${headRev}; ${result.customers.toLocaleString('en-US')} initial customers × ${result.months} months (+ run-off), ${values.warmups} warm-up replications, median of ${rounds} alternating rounds`,
        `kernel CPU      A ${A.kernelCpuSeconds.toFixed(2)} s, B ${B.kernelCpuSeconds.toFixed(2)} s: ${result.kernelCpuRatio.toFixed(3)}× (${(A.kernelCustomerStepsPerCpuSecond / 1e6).toFixed(2)} → ${(B.kernelCustomerStepsPerCpuSecond / 1e6).toFixed(2)} M customer-steps per CPU-s)`,
        `kernel alloc    A ${A.kernelBytesPerCustomerStep.toFixed(1)}, B ${B.kernelBytesPerCustomerStep.toFixed(1)} bytes per customer-step (median call: A ${A.kernelBytesPerCustomerStepMedianCall.toFixed(1)}, B ${B.kernelBytesPerCustomerStepMedianCall.toFixed(1)})`,
        `replication     A ${A.replicationCpuSeconds.toFixed(2)} s, B ${B.replicationCpuSeconds.toFixed(2)} s CPU: ${result.replicationCpuRatio.toFixed(3)}×; alloc A ${A.replicationBytesPerCustomerStep.toFixed(1)}, B ${B.replicationBytesPerCustomerStep.toFixed(1)} bytes per kernel customer-step`,
        `results         ${result.identical ? 'identical' : 'DIFFERENT'} (${[...digests].join(', ')})`,
      ].join('\n') + '\n',
    );
  }
  if (!result.identical) process.exitCode = 1;
}
