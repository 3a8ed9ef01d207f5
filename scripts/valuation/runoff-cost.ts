// The run-off's share of run time on the flagship (docs/metrics.md §2b): CPU time of every
// strategy's replications valued with beyondHorizon none, with the default quarterly run-off and
// with a monthly run-off, interleaved in one process after a warm-up (CPU time, not wall time,
// so other load on the machine matters less).
// Run: node bin/run-ts.js scripts/valuation/runoff-cost.ts [scenario] [rounds]
import { readScenario } from '../../src/cli/scenario-file.ts';
import { simulateReplication } from '../../src/engine/replication.ts';

const file = process.argv[2] ?? 'scenarios/photo-memories.yaml';
const rounds = Number(process.argv[3] ?? 3);
const base = readScenario(file);
const variants: Record<string, typeof base> = {
  none: { ...base, valuation: { ...base.valuation, beyondHorizon: 'none' } },
  quarterly: { ...base, valuation: { ...base.valuation, beyondHorizon: 'runoff', runoffStepsPerYear: 4 } },
  monthly: { ...base, valuation: { ...base.valuation, beyondHorizon: 'runoff', runoffStepsPerYear: 12 } },
};
const cpu: Record<string, number> = { none: 0, quarterly: 0, monthly: 0 };
const net: Record<string, Record<string, number>> = { none: {}, quarterly: {}, monthly: {} };
const strategies = Object.keys(base.strategies);
for (const v of Object.keys(variants)) simulateReplication({ scenario: variants[v], strategy: strategies[0], replication: 999 }); // warm-up
for (let round = 0; round < rounds; round++) {
  for (const v of Object.keys(variants)) {
    for (const strategy of strategies) {
      const t0 = process.cpuUsage();
      const r = simulateReplication({ scenario: variants[v], strategy, replication: round });
      const d = process.cpuUsage(t0);
      net[v][strategy] = (net[v][strategy] ?? 0) + r.totals.netEquity / rounds;
      cpu[v] += (d.user + d.system) / 1e6;
    }
  }
}
console.log(`${file}, ${strategies.length} strategies × ${rounds} replications, CPU seconds: ` + Object.entries(cpu).map(([k, s]) => `${k} ${s.toFixed(2)}`).join(', '));
for (const st of strategies) {
  console.log(`${st}: mean net equity ${(net.monthly[st] / 1e6).toFixed(2)}M with a monthly run-off, ${(net.quarterly[st] / 1e6).toFixed(2)}M quarterly (difference ${((net.quarterly[st] - net.monthly[st]) / 1e6).toFixed(2)}M), ${(net.none[st] / 1e6).toFixed(2)}M within the horizon only`);
}
console.log(`run-off share of run time: quarterly ${((100 * (cpu.quarterly - cpu.none)) / cpu.quarterly).toFixed(1)}%, monthly ${((100 * (cpu.monthly - cpu.none)) / cpu.monthly).toFixed(1)}%`);
