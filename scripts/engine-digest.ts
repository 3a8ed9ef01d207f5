/**
 * A SHA-256 digest of everything the engine returns, over a fixed set of runs: the guard of
 * refactors that must not change a single bit (issue 12 item 0, "one module per mechanic").
 *
 * Runs, in process, through the reference customer step (`generic`) and the generated kernel:
 * every scenarios/*.yaml (reduced to a few hundred agents by a larger agentScale) × every
 * strategy × two replications, with year ends valued by their own run-off (Job.yearEnds) and
 * without; the first stress of each scenario and an ad-hoc shock; the same scenario under
 * beyondHorizon perpetuity / none and payment in advance; and 24 random valid scenarios
 * (tests/support/scenario-arbitrary.ts, fixed seed). Every result is hashed whole — series,
 * totals, value beyond by year, CLV summaries, fired rules, drawn parameters and per-customer
 * arrays — numbers as their Float64 bytes, typed arrays as their bytes, object keys in their order (series.csv
 * follows the order of `series`) — except `totals.simulatedCustomerSteps`, a count of the engine's work
 * rather than a result (a change in how much is simulated, e.g. a run-off over fewer slots, must not
 * move the digest): it has a digest of its own, printed on the `steps` line.
 *
 *   node bin/run-ts.js scripts/engine-digest.ts          # prints one digest per path + the total
 *   node bin/run-ts.js scripts/engine-digest.ts --list   # also one line per run
 */
import { createHash, type Hash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { readScenario } from '../src/cli/scenario-file.ts';
import { simulateReplication, type Job } from '../src/engine/replication.ts';
import type { ReplicationResult } from '../src/engine/result.ts';
import { Scenario } from '../src/scenario/schema.ts';
import { validScenario } from '../tests/support/scenario-arbitrary.ts';

const list = process.argv.includes('--list');

function feed(h: Hash, v: unknown): void {
  if (v === null || v === undefined) {
    h.update(v === null ? 'N' : 'U');
  } else if (typeof v === 'number') {
    const b = new Float64Array([v]);
    h.update('n');
    h.update(new Uint8Array(b.buffer));
  } else if (typeof v === 'string') {
    h.update(`s${v.length}:`);
    h.update(v);
  } else if (typeof v === 'boolean') {
    h.update(v ? 'T' : 'F');
  } else if (ArrayBuffer.isView(v)) {
    h.update(`a${v.constructor.name}${v.byteLength}:`);
    h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  } else if (Array.isArray(v)) {
    h.update(`[${v.length}`);
    for (const x of v) feed(h, x);
    h.update(']');
  } else if (typeof v === 'object') {
    const keys = Object.keys(v); // in insertion order: series.csv writes the series in the result's order
    h.update(`{${keys.length}`);
    for (const k of keys) {
      h.update(`k${k.length}:${k}`);
      feed(h, (v as Record<string, unknown>)[k]);
    }
    h.update('}');
  } else {
    throw new Error(`cannot hash a ${typeof v}`);
  }
}

/** Fewer agents for the same real population: agentScale raised until at most `agents` initial agents. */
function reduced(sc: Scenario, agents: number): Scenario {
  const copy: Scenario = structuredClone(sc);
  const real = Object.values(copy.segments).reduce((n, s) => n + s.initialCustomers, 0);
  copy.meta.agentScale = Math.max(copy.meta.agentScale, real / agents);
  return copy;
}

const dir = resolve(import.meta.dirname, '../scenarios');
const jobs: { label: string; job: Job }[] = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
  const sc = reduced(readScenario(join(dir, file)), file.startsWith('bench-') ? 300 : 400);
  const strategies = Object.keys(sc.strategies);
  for (const strategy of strategies)
    for (const replication of [0, 1])
      for (const yearEnds of [false, true]) jobs.push({ label: `${file} ${strategy} r${replication} yearEnds=${yearEnds}`, job: { scenario: sc, strategy, replication, yearEnds, customers: true } });
  const stresses = Object.keys(sc.stresses ?? {});
  if (stresses.length) jobs.push({ label: `${file} stress ${stresses[0]}`, job: { scenario: sc, strategy: strategies.at(-1)!, replication: 2, stress: stresses[0], yearEnds: true, customers: true } });
  jobs.push({ label: `${file} ad-hoc shock`, job: { scenario: sc, strategy: strategies[0], replication: 3, shocks: [{ kind: 'attritionSpike', target: 'customers', fromMonth: 6, toMonth: 18, multiplier: 1.4 }, { kind: 'attritionSpike', target: 'employees', fromMonth: 3, toMonth: 30, multiplier: 2 }, { kind: 'budgetCut', fromMonth: 12, cut: 0.3 }], customers: true } });
  for (const [beyondHorizon, paymentTiming] of [['perpetuity', 'advance'], ['none', 'arrears'], ['runoff', 'advance']] as const) {
    const v: Scenario = structuredClone(sc);
    v.valuation = { ...v.valuation, beyondHorizon, paymentTiming } as Scenario['valuation'];
    jobs.push({ label: `${file} ${beyondHorizon} ${paymentTiming}`, job: { scenario: v, strategy: strategies.at(-1)!, replication: 4, yearEnds: true, customers: true } });
  }
}
for (const [n, input] of fc.sample(validScenario, { seed: 20261203, numRuns: 24 }).entries()) {
  const sc = reduced(Scenario.parse(input), 250);
  for (const strategy of Object.keys(sc.strategies)) jobs.push({ label: `random#${n} ${strategy}`, job: { scenario: sc, strategy, replication: 1, yearEnds: n % 2 === 0, customers: true } });
}

/** The result without totals.simulatedCustomerSteps (keys otherwise in their order). */
function digested(r: ReplicationResult): unknown {
  const { simulatedCustomerSteps: _steps, ...totals } = r.totals;
  return { ...r, totals };
}

const total = createHash('sha256');
const steps = createHash('sha256');
const stepsOf = new Map<string, number>();
const started = process.cpuUsage();
for (const kernel of ['generic', 'generated'] as const) {
  const h = createHash('sha256');
  for (const { label, job } of jobs) {
    const r = simulateReplication(job, { kernel });
    feed(h, label);
    feed(h, digested(r));
    if (kernel === 'generic') stepsOf.set(label, r.totals.simulatedCustomerSteps);
    else {
      if (stepsOf.get(label) !== r.totals.simulatedCustomerSteps) throw new Error(`${label}: the two paths simulated ${stepsOf.get(label)} and ${r.totals.simulatedCustomerSteps} customer-steps`);
      feed(steps, label);
      feed(steps, r.totals.simulatedCustomerSteps);
    }
    if (list) {
      const one = createHash('sha256');
      feed(one, digested(r));
      console.log(`${kernel} ${one.digest('hex').slice(0, 16)} ${label}`);
    }
  }
  const d = h.digest('hex');
  total.update(d);
  console.log(`${kernel.padEnd(9)} ${d}`);
}
console.log(`steps     ${steps.digest('hex')}   (totals.simulatedCustomerSteps, the same on both paths; not in the total)`);
const cpu = process.cpuUsage(started);
console.log(`total     ${total.digest('hex')}   (${jobs.length} runs × 2 paths, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} CPU-s)`);
