/**
 * `node bin/run-ts.js scripts/bench-contributions.ts [--rounds N] [--bench-scale F] [--minimal-scale F]`:
 * what each of issue 12's speed items gives on its own, as CPU-time ratios of whole replications
 * measured in one run, alternating (the order of the modes rotates every round), medians:
 * - kernel: the generated kernel against the reference customer step (kernel 'generic');
 * - live list: visiting live customers only against scanning every slot ('generated-scan');
 * - radix summary: the CLV summaries of this tree against the four comparison sorts before the
 *   radix sort (git c3ffda4~1), timed alone on the replication's own customers and expressed as
 *   the replication's time with the old summary over its time with this one.
 * On a copy of bench-1m with agentScale raised (initial customers and acquisitions scaled by
 * --bench-scale, default 0.05) and on the minimal scenario (--minimal-scale of its 1M, default 0.1).
 * Results of the modes must be identical.
 */
import { parseArgs } from 'node:util';
import { readScenario } from '../src/cli/scenario-file.ts';
import { simulateReplication } from '../src/engine/replication.ts';
import { summariseClv } from '../src/engine/clv-summary.ts';
import type { KernelMode } from '../src/engine/kernel/cache.ts';
import type { Scenario } from '../src/scenario/schema.ts';
import { importAtRevision } from './at-revision.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, 'bench-scale': { type: 'string', default: '0.05' }, 'minimal-scale': { type: 'string', default: '0.1' } } });
const { summariseClv: sortsSummary } = await importAtRevision<typeof import('../src/engine/clv-summary.ts')>('c3ffda4~1', 'src/engine/clv-summary.ts');
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function measure(label: string, scenario: Scenario) {
  const strategy = Object.keys(scenario.strategies).find((id) => scenario.strategies[id].baseline) ?? Object.keys(scenario.strategies)[0];
  const modes: KernelMode[] = ['generated', 'generic', 'generated-scan'];
  const warm: Scenario = structuredClone(scenario);
  warm.meta.horizonMonths = 12;
  for (const mode of modes) simulateReplication({ scenario: warm, strategy, replication: 9 }, { kernel: mode });
  const t: Record<string, number[]> = { generated: [], generic: [], 'generated-scan': [], radix: [], sorts: [] };
  const rounds = Number(values.rounds);
  let reference = '';
  for (let r = 0; r < rounds; r++) {
    const order = modes.map((_m, k) => modes[(k + r) % modes.length]);
    for (const mode of order) {
      const c0 = cpu();
      const res = simulateReplication({ scenario, strategy, replication: 0, customers: mode === 'generated' }, { kernel: mode });
      t[mode].push(cpu() - c0);
      const digest = JSON.stringify([res.totals, res.clv]);
      if (reference === '') reference = digest;
      else if (digest !== reference) throw new Error(`${label}: kernel ${mode} gives other results`);
      if (res.customers) {
        const c = res.customers;
        const N = c.clv.length;
        const cohort = new Int16Array(N);
        for (let i = 0; i < N; i++) cohort[i] = c.acquiredStep[i] < 0 ? -1 : Math.floor((c.acquiredStep[i] * 12) / res.stepsPerYear / 12);
        const pair = r % 2 === 0 ? (['radix', 'sorts'] as const) : (['sorts', 'radix'] as const);
        const out: Record<string, string> = {};
        for (const which of pair) {
          const s0 = cpu();
          const summary = (which === 'radix' ? summariseClv : sortsSummary)(c.clv, c.segment, c.portfolio, cohort, Object.keys(scenario.segments), Object.keys(scenario.portfolios ?? {}).concat(['(none)']));
          t[which].push(cpu() - s0);
          out[which] = JSON.stringify(summary);
        }
        if (out.radix !== out.sorts) throw new Error(`${label}: the two CLV summaries differ`);
      }
    }
  }
  const rep = med(t.generated);
  return {
    label,
    customerStepsHorizon: JSON.parse(reference)[0].aliveCustomerSteps,
    rounds,
    cpuSecondsPerReplication: rep,
    kernel: med(t.generic) / rep,
    liveList: med(t['generated-scan']) / rep,
    radixSummary: (rep - med(t.radix) + med(t.sorts)) / rep,
    summaryCpuSeconds: { radix: med(t.radix), sorts: med(t.sorts) },
  };
}

const bench = readScenario('scenarios/bench-1m.yaml');
bench.meta.agentScale /= Number(values['bench-scale']);
const minimal = readScenario('scenarios/bench-minimal.yaml');
for (const seg of Object.values(minimal.segments)) seg.initialCustomers = Math.round(seg.initialCustomers * Number(values['minimal-scale']));
const results = [measure(`bench-1m at agentScale ${bench.meta.agentScale}`, bench), measure(`minimal, ${Object.values(minimal.segments).reduce((a, s) => a + s.initialCustomers, 0)} customers`, minimal)];
process.stdout.write(JSON.stringify(results, null, 1) + '\n');
