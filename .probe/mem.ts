// untracked probe: where is the memory peak of the bench-1m replication?
import { readScenario } from '../src/cli/scenario-file.ts';
import { simulateReplication } from '../src/engine/replication.ts';
import { compileModel } from '../src/model/compile.ts';
import { expectedCustomers } from '../src/engine/mechanics/acquisition.ts';
const sc = readScenario('scenarios/bench-1m.yaml');
const strategy = Object.keys(sc.strategies).find((id) => sc.strategies[id].baseline) ?? Object.keys(sc.strategies)[0];
const m = compileModel({ scenario: sc, strategy, replication: 0 });
console.log('expected', expectedCustomers(m));
globalThis.gc?.();
const b = process.memoryUsage();
const base = b.heapUsed + b.arrayBuffers;
let peak = base, peakStep = -1;
const trace: string[] = [];
const one = simulateReplication({ scenario: sc, strategy, replication: 0 }, { onStep: (t) => {
  const u = process.memoryUsage();
  const v = u.heapUsed + u.arrayBuffers;
  if (t % 12 === 11) trace.push(`${t}:${((v - base) / 1e6).toFixed(1)}(ab ${(u.arrayBuffers / 1e6).toFixed(1)})`);
  if (v > peak) { peak = v; peakStep = t; }
} });
const u = process.memoryUsage();
const fin = u.heapUsed + u.arrayBuffers;
const customers = (one.totals.initialCustomers + one.totals.acquired) / sc.meta.agentScale;
console.log(trace.join(' '));
console.log(JSON.stringify({ customers, baseMB: base / 1e6, peakStepMB: (peak - base) / 1e6, peakStep, finalMB: (fin - base) / 1e6, finalArrayBuffersMB: u.arrayBuffers / 1e6, perCustomerPeak: (Math.max(peak, fin) - base) / customers }));
