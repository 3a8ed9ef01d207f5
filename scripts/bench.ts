/**
 * `npm run bench [-- --json] [-- --scenario FILE] [-- --months N]`: the engine's speed and
 * memory on the committed reference scenario (scenarios/bench-1m.yaml: 1,000,000 customers ×
 * 120 monthly steps, three pools of which one emerging, a five-stage journey with ten
 * touchpoints, workforce, competitors, levers, a trigger rule, portfolios).
 *
 * - 1 thread: one replication in process (year ends approximated, as attribution, stress and
 *   sensitivity runs do; compare's own runs also value every year end by a run-off). Two rates,
 *   both per second of wall time of the whole replication (population, run-off beyond the
 *   horizon and CLV summaries included):
 *   · alive horizon customer-steps/s: customers alive at the start of a step, horizon steps only
 *     (the engine's totals.aliveCustomerSteps; the figure the targets were set in, before
 *     the valuation added the run-off);
 *   · all simulated customer-steps/s: the same plus the run-off's steps beyond the horizon
 *     (quarterly by default), as the engine counts them (totals.simulatedCustomerSteps) — the
 *     like-for-like rate of the work done.
 *   Memory: peak of heapUsed + arrayBuffers sampled every step, after the run-off and CLV pass
 *   (ReplicationHooks.onFinish) and once the replication has returned, over the customers
 *   simulated (initial + acquired).
 * - All threads: the same replication on every core at once on worker threads (parallel
 *   replications, the unit of parallelism of every command; the results must equal the 1-thread
 *   run's); both rates over the wall time of the batch.
 * - Kernel: the generated kernel against the reference customer step (`stepCustomers`) on a
 *   copy of the scenario with fewer customers (`--kernel-scale`, default 0.05), alternating
 *   `--kernel-rounds` (5) rounds, medians of wall and of process CPU time (the machine may be
 *   shared; CPU time is less sensitive to it); results must be identical.
 * - Minimal: scripts/bench-minimal.ts — the minimal churn/touchpoint/satisfaction scenario through
 *   the engine (generated kernel and reference step) against the hand-written typed-array loop of
 *   the same model, alternating rounds in this process; it checks identical survivors and margin.
 *   `--minimal-scale` shrinks its 1M customers (default 0.1), `--minimal-rounds` (5); `--no-minimal` skips it.
 * - Flagship: scripts/bench-flagship.ts — `cxsim compare scenarios/photo-memories.yaml` as `npm start`
 *   runs it (5 strategies, attribution on), in a child process: wall time, CPU time, replication
 *   jobs per second, at the scenario's replications; `--flagship N` adds a run at N replications
 *   (e.g. 200: about ten times the default's work, so opt-in); `--no-flagship` skips it.
 * Every comparison is a ratio measured in this one run: absolute rates move with the machine's load.
 * Warm-up replications (20k customers, 12 months) run first so the JIT has compiled the hot
 * loop — after the forced collection that sets the memory baseline, since a forced gc() discards
 * optimised code; per-run speed still varies by a few percent with the optimising compiler.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { readScenario } from '../src/cli/scenario-file.ts';
import { simulateReplication } from '../src/engine/replication.ts';
import { Population } from '../src/engine/population.ts';
import { runJobs } from '../src/run/jobs.ts';
import { benchMinimal } from './bench-minimal.ts';
import type { benchFlagship } from './bench-flagship.ts';
import type { Scenario } from '../src/scenario/schema.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    scenario: { type: 'string', default: 'scenarios/bench-1m.yaml' },
    months: { type: 'string' },
    threads: { type: 'string' },
    'minimal-scale': { type: 'string', default: '0.1' },
    'minimal-rounds': { type: 'string', default: '5' },
    'no-minimal': { type: 'boolean', default: false },
    'no-kernel': { type: 'boolean', default: false },
    'kernel-scale': { type: 'string', default: '0.05' },
    'kernel-rounds': { type: 'string', default: '5' },
    flagship: { type: 'string', multiple: true, default: [] },
    'no-flagship': { type: 'boolean', default: false },
  },
});
const loadAtStart = loadavg()[0];

const scenario: Scenario = readScenario(values.scenario!);
if (values.months) scenario.meta.horizonMonths = Number(values.months);
const strategy = Object.keys(scenario.strategies).find((id) => scenario.strategies[id].baseline) ?? Object.keys(scenario.strategies)[0];
const threads = values.threads ? Number(values.threads) : availableParallelism();
const log = (s: string) => {
  if (!values.json) process.stderr.write(s);
};

function scaled(sc: Scenario, factor: number, months: number): Scenario {
  const copy: Scenario = structuredClone(sc);
  copy.meta.horizonMonths = months;
  for (const seg of Object.values(copy.segments)) seg.initialCustomers = Math.round(seg.initialCustomers * factor);
  return copy;
}

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
};

// 1 thread, in process, with memory sampling. The forced full collection comes before the
// warm-up, not after it: a forced gc() discards the kernels' optimised code, and the measured
// run would then start interpreted (860–1,250 B allocated per customer-step until V8 optimises
// it again; scripts/bench-kernel-ab.ts --force-gc). The baseline is therefore taken before the
// warm-up, and the figure above it includes what the warm-up leaves (compiled kernels, caches,
// garbage not yet collected): 68.1 bytes per bench-1m customer above the baseline against 62.1
// with the baseline after the warm-up, in quiet runs on 2026-12-02; the peak itself (about 79
// bytes per customer) was the same either way.
globalThis.gc?.();
const baseline = process.memoryUsage();
const baselineBytes = baseline.heapUsed + baseline.arrayBuffers;
// warm-up: compile the hot loop (twice: the first run's run-off generalises the step input,
// which discards the horizon kernel's first optimised code)
log('warming up… ');
for (let w = 0; w < 2; w++) simulateReplication({ scenario: scaled(scenario, 0.02, 12), strategy, replication: 99 });
simulateReplication({ scenario: scaled(scenario, 0.02, 12), strategy, replication: 99 }, { kernel: 'generic' });
log('done\n');
let peak = baselineBytes;
const sample = () => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.heapUsed + m.arrayBuffers);
};
log(`1 thread: ${scenario.meta.horizonMonths} months… `);
let t0 = performance.now();
let c0 = process.cpuUsage();
const one = simulateReplication({ scenario, strategy, replication: 0 }, { onStep: sample, onFinish: sample });
sample();
const oneSeconds = (performance.now() - t0) / 1000;
const oneCpu = cpuSeconds(c0);
const oneAllSteps = one.totals.simulatedCustomerSteps;
const customers = (one.totals.initialCustomers + one.totals.acquired) / scenario.meta.agentScale;
const oneRate = one.totals.aliveCustomerSteps / oneSeconds;
const oneAllRate = oneAllSteps / oneSeconds;
log(`${oneSeconds.toFixed(1)} s\n`);

// the generated kernel against the reference customer step: alternating rounds on a smaller copy
// of the scenario (same months), medians; CPU time is the steadier figure on a shared machine
let kernel: { customers: number; rounds: number; wallRatio: number; cpuRatio: number; identical: boolean } | undefined;
if (!values['no-kernel']) {
  const small = scaled(scenario, Number(values['kernel-scale']), scenario.meta.horizonMonths);
  const rounds = Number(values['kernel-rounds']);
  log(`kernel vs reference stepCustomers: ${rounds} alternating rounds at scale ${values['kernel-scale']}… `);
  const wall: Record<'generated' | 'generic', number[]> = { generated: [], generic: [] };
  const cpu: Record<'generated' | 'generic', number[]> = { generated: [], generic: [] };
  const totals: Record<string, string> = {};
  for (let r = 0; r < rounds; r++) {
    for (const mode of ['generated', 'generic'] as const) {
      const w0 = performance.now();
      const k0 = process.cpuUsage();
      const res = simulateReplication({ scenario: small, strategy, replication: 0 }, { kernel: mode });
      wall[mode].push(performance.now() - w0);
      cpu[mode].push(cpuSeconds(k0));
      totals[mode] = JSON.stringify([res.totals, res.clv]);
    }
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  kernel = {
    customers: Object.values(small.segments).reduce((a, x) => a + x.initialCustomers, 0) / small.meta.agentScale,
    rounds,
    wallRatio: med(wall.generic) / med(wall.generated),
    cpuRatio: med(cpu.generic) / med(cpu.generated),
    identical: totals.generated === totals.generic,
  };
  log('done\n');
}

// all threads: the 1-thread replication on every thread, in parallel
log(`${threads} threads: ${threads} replications in parallel… `);
const jobs = Array.from({ length: threads }, () => ({ scenario, strategy, replication: 0 }));
t0 = performance.now();
c0 = process.cpuUsage();
const many = await runJobs(jobs, { threads });
const manySeconds = (performance.now() - t0) / 1000;
const manyCpu = cpuSeconds(c0); // process-wide: the worker threads' time included
if (many.some((r) => JSON.stringify(r.totals) !== JSON.stringify(one.totals))) throw new Error('bench: a worker thread\'s replication differs from the same replication in process');
const manySteps = many.reduce((a, r) => a + r.totals.aliveCustomerSteps, 0);
const manyRate = manySteps / manySeconds;
const manyAllSteps = many.reduce((a, r) => a + r.totals.simulatedCustomerSteps, 0);
const manyAllRate = manyAllSteps / manySeconds;
log(`${manySeconds.toFixed(1)} s\n`);

let minimal: ReturnType<typeof benchMinimal> | undefined;
if (!values['no-minimal']) {
  log(`minimal scenario vs hand-written loop (scale ${values['minimal-scale']})… `);
  minimal = benchMinimal('scenarios/bench-minimal.yaml', Number(values['minimal-rounds']), Number(values['minimal-scale']));
  log('done\n');
}

// the flagship comparison, as npm start runs it (child processes)
const flagship: ReturnType<typeof benchFlagship>[] = [];
if (!values['no-flagship']) {
  for (const r of [undefined, ...values.flagship!.map(Number)]) {
    if (r !== undefined && !(Number.isInteger(r) && r >= 2)) throw new Error(`--flagship: expected a whole number of replications ≥ 2, found ${r}`);
    log(`flagship compare at ${r ?? 'default'} replications… `);
    // imported here, not at the top: compare's module graph would raise the heap baseline of the memory figure
    const { benchFlagship } = await import('./bench-flagship.ts');
    flagship.push(benchFlagship('scenarios/photo-memories.yaml', r));
    log('done\n');
  }
}

const result = {
  scenario: scenario.meta.name,
  seed: scenario.meta.seed,
  strategy,
  months: scenario.meta.horizonMonths,
  customers,
  aliveCustomerSteps1Thread: one.totals.aliveCustomerSteps,
  seconds1Thread: oneSeconds,
  aliveCustomerStepsPerSecond1Thread: oneRate,
  /** Every customer-step simulated: the horizon's and the run-off's beyond it (the engine's totals.simulatedCustomerSteps). */
  simulatedCustomerSteps1Thread: oneAllSteps,
  simulatedCustomerStepsPerSecond1Thread: oneAllRate,
  cpuSeconds1Thread: oneCpu,
  /** The same two rates per CPU-second (user + system): steadier than wall time on a shared machine. */
  aliveCustomerStepsPerCpuSecond1Thread: one.totals.aliveCustomerSteps / oneCpu,
  simulatedCustomerStepsPerCpuSecond1Thread: oneAllSteps / oneCpu,
  /** Reference stepCustomers vs generated kernel on the same replication: time ratios (> 1: the kernel is faster). */
  kernel,
  threads,
  aliveCustomerStepsAllThreads: manySteps,
  secondsAllThreads: manySeconds,
  aliveCustomerStepsPerSecondAllThreads: manyRate,
  simulatedCustomerStepsAllThreads: manyAllSteps,
  simulatedCustomerStepsPerSecondAllThreads: manyAllRate,
  cpuSecondsAllThreads: manyCpu,
  speedup: manyRate / oneRate,
  peakHeapPlusArrayBuffersBytes: peak,
  bytesPerCustomer: peak / customers,
  bytesPerCustomerAboveBaseline: (peak - baselineBytes) / customers,
  populationArrayBytesPerCustomer: Population.bytesPerCustomer(Object.keys(scenario.pools).length),
  /** The minimal scenario: engine (generated kernel) / hand-written loop rate ratio, and the kernel's own ratio there. */
  minimal,
  /** The flagship compare (npm start) at the default replications, then at each --flagship N. */
  flagship,
  /** 1-minute load average at the start and at the end of the benchmark. */
  loadAverage: [loadAtStart, loadavg()[0]],
  node: process.version,
};

if (values.json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const M = (x: number) => `${(x / 1e6).toFixed(2)} M`;
  const rows: [string, string][] = [
    ['scenario', `${result.scenario} (seed ${result.seed}, strategy ${strategy})`],
    ['customers simulated', `${customers.toLocaleString('en-US')} over ${result.months} months`],
    ['1 thread', `${M(oneRate)} alive horizon customer-steps/s  (${M(one.totals.aliveCustomerSteps)} in ${oneSeconds.toFixed(1)} s wall, ${oneCpu.toFixed(1)} CPU-s)`],
    ['', `${M(oneAllRate)} all simulated customer-steps/s, run-off included  (${M(oneAllSteps)}: ${M(oneAllSteps - one.totals.aliveCustomerSteps)} beyond the horizon)`],
    ['', `per CPU-second: ${M(result.aliveCustomerStepsPerCpuSecond1Thread)} alive horizon, ${M(result.simulatedCustomerStepsPerCpuSecond1Thread)} all simulated customer-steps`],
    [`${threads} threads`, `${M(manyRate)} alive horizon customer-steps/s  (${M(manySteps)} in ${manySeconds.toFixed(1)} s) · ${result.speedup.toFixed(2)}× one thread`],
    ['', `${M(manyAllRate)} all simulated customer-steps/s, run-off included  (${manyCpu.toFixed(1)} CPU-s in all)`],
    ...(kernel
      ? ([['kernel vs reference', `generated kernel ${kernel.cpuRatio.toFixed(2)}× faster by CPU time, ${kernel.wallRatio.toFixed(2)}× by wall time than stepCustomers (${kernel.customers.toLocaleString('en-US')} initial customers, ${result.months} months, median of ${kernel.rounds} alternating rounds; results ${kernel.identical ? 'identical' : 'DIFFERENT'})`]] as [string, string][])
      : []),
    ...(minimal
      ? ([
          ['minimal scenario', `${minimal.customers.toLocaleString('en-US')} customers × ${minimal.months} months, median of ${minimal.rounds} alternating rounds`],
          ['  engine / hand loop', `${minimal.ratio.toFixed(2)}× by wall time, ${minimal.ratioCpu.toFixed(2)}× by CPU time  (engine ${M(minimal.engineRate)}/s, hand ${M(minimal.handRate)}/s; survivors max rel. diff ${minimal.aliveMaxRelDiff}, margin rel. diff ${minimal.marginRelDiff.toExponential(1)})`],
          ['  kernel / reference', `${minimal.kernelRatio.toFixed(2)}× by wall time, ${minimal.kernelRatioCpu.toFixed(2)}× by CPU time  (reference stepCustomers ${M(minimal.genericRate)}/s)`],
        ] as [string, string][])
      : []),
    ['memory, 1 thread', `${(peak / 1e6).toFixed(0)} MB peak heap + array buffers = ${result.bytesPerCustomer.toFixed(1)} bytes/customer (${result.bytesPerCustomerAboveBaseline.toFixed(1)} above the ${(baselineBytes / 1e6).toFixed(0)} MB before the run; population arrays ${result.populationArrayBytesPerCustomer} B)`],
    ...flagship.map((f): [string, string] => [
      `flagship, ${f.replications} reps`,
      `${f.wallSeconds.toFixed(1)} s wall, ${f.cpuSeconds.toFixed(1)} CPU-s, ${f.jobsPerSecond.toFixed(2)} replication jobs/s  (${f.jobs} jobs: ${f.strategies} strategies × ${f.replications} + ${f.attributionJobs} attribution; load ${f.loadBefore.toFixed(1)} → ${f.loadAfter.toFixed(1)})`,
    ]),
    ['load average', `${result.loadAverage[0].toFixed(1)} at the start, ${result.loadAverage[1].toFixed(1)} at the end (1 minute; ${availableParallelism()} cores)`],
    ['node', result.node],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n') + '\n');
}
