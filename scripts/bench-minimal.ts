/**
 * The engine against a hand-written loop of the same minimal model (scripts/minimal-loop.ts),
 * measured in one process, alternating runs, medians: the ratio of their rates is the figure
 * (absolute times move with the machine's load; a ratio measured in one run does not).
 * The engine runs twice per round: with the generated kernel (the default) and with the
 * reference `stepCustomers`, so the kernel's own contribution is a ratio of the same run.
 * Also checks that both produced the same survivors per step and the same discounted margin.
 */
import { readScenario } from '../src/cli/scenario-file.ts';
import { compileModel } from '../src/model/compile.ts';
import { runCompiled } from '../src/engine/replication.ts';
import type { Scenario } from '../src/scenario/schema.ts';
import { runMinimalLoop } from './minimal-loop.ts';

export interface MinimalBench {
  customers: number;
  months: number;
  rounds: number;
  /** Alive customer-steps per second (median over rounds), population creation included. */
  engineRate: number;
  handRate: number;
  /** engineRate / handRate. */
  ratio: number;
  /** The engine with the reference customer step (`stepCustomers`) instead of the generated kernel. */
  genericRate: number;
  /** engineRate / genericRate: what the specialised kernel gives on this model. */
  kernelRatio: number;
  /** The same two ratios from process CPU time (user + system) instead of wall time: steadier on a shared machine. */
  ratioCpu: number;
  kernelRatioCpu: number;
  /** Largest relative difference of survivors per step, and of discounted margin. */
  aliveMaxRelDiff: number;
  marginRelDiff: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function benchMinimal(file = 'scenarios/bench-minimal.yaml', rounds = 3, scale = 1): MinimalBench {
  const scenario: Scenario = readScenario(file);
  for (const seg of Object.values(scenario.segments)) seg.initialCustomers = Math.round(seg.initialCustomers * scale);
  const strategy = Object.keys(scenario.strategies)[0];
  const compile = () => compileModel({ scenario, strategy, replication: 0 });
  // warm-up both at a small size
  {
    const small: Scenario = structuredClone(scenario);
    for (const seg of Object.values(small.segments)) seg.initialCustomers = 20000;
    small.meta.horizonMonths = 12;
    runCompiled(compileModel({ scenario: small, strategy, replication: 9 }));
    runCompiled(compileModel({ scenario: small, strategy, replication: 9 }), false, { kernel: 'generic' });
    runMinimalLoop(compileModel({ scenario: small, strategy, replication: 9 }));
  }
  const engineTimes: number[] = [], handTimes: number[] = [], genericTimes: number[] = [];
  const engineCpu: number[] = [], handCpu: number[] = [], genericCpu: number[] = [];
  const cpu = (since: NodeJS.CpuUsage) => {
    const c = process.cpuUsage(since);
    return (c.user + c.system) / 1e6;
  };
  let c0 = process.cpuUsage();
  let engineSteps = 0, handSteps = 0, aliveMaxRelDiff = 0, marginRelDiff = 0;
  for (let r = 0; r < rounds; r++) {
    let m = compile();
    let t0 = performance.now();
    c0 = process.cpuUsage();
    const e = runCompiled(m);
    engineTimes.push((performance.now() - t0) / 1000);
    engineCpu.push(cpu(c0));
    engineSteps = e.totals.aliveCustomerSteps;
    m = compile();
    t0 = performance.now();
    c0 = process.cpuUsage();
    const g = runCompiled(m, false, { kernel: 'generic' });
    genericTimes.push((performance.now() - t0) / 1000);
    genericCpu.push(cpu(c0));
    if (g.totals.aliveCustomerSteps !== engineSteps || g.totals.equityExisting !== e.totals.equityExisting) throw new Error('bench-minimal: generic and generated kernels disagree');
    m = compile();
    t0 = performance.now();
    c0 = process.cpuUsage();
    const h = runMinimalLoop(m);
    handTimes.push((performance.now() - t0) / 1000);
    handCpu.push(cpu(c0));
    handSteps = h.aliveCustomerSteps;
    const active = e.series.active;
    for (let t = 0; t < active.length; t++) {
      const d = Math.abs(active[t] / m.agentScale - h.aliveByStep[t]) / Math.max(1, h.aliveByStep[t]);
      if (d > aliveMaxRelDiff) aliveMaxRelDiff = d;
    }
    const engineMargin = e.totals.equityExisting / m.agentScale;
    marginRelDiff = Math.abs(engineMargin - h.marginPV) / Math.abs(h.marginPV);
  }
  const engineRate = engineSteps / median(engineTimes);
  const handRate = handSteps / median(handTimes);
  const genericRate = engineSteps / median(genericTimes);
  return {
    customers: Object.values(scenario.segments).reduce((a, s) => a + s.initialCustomers, 0),
    months: scenario.meta.horizonMonths,
    rounds,
    engineRate,
    handRate,
    ratio: engineRate / handRate,
    genericRate,
    kernelRatio: engineRate / genericRate,
    ratioCpu: (engineSteps / median(engineCpu)) / (handSteps / median(handCpu)),
    kernelRatioCpu: median(genericCpu) / median(engineCpu),
    aliveMaxRelDiff,
    marginRelDiff,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scale = Number(process.argv[2] ?? 1);
  const r = benchMinimal('scenarios/bench-minimal.yaml', 3, scale);
  process.stdout.write(JSON.stringify(r, null, 1) + '\n');
}
