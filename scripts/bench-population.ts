/**
 * `node bin/run-ts.js scripts/bench-population.ts [--scale F] [--rounds N] [--rev REV]`: building
 * bench-1m's population at month 0 (Population.add for every initial customer) with this tree's
 * population.ts and random/sampling.ts against theirs at git revision REV (default 5e322e9, this
 * session's start), alternating rounds, median CPU time; the two populations must be identical
 * byte for byte.
 */
import { parseArgs } from 'node:util';
import { readScenario } from '../src/cli/scenario-file.ts';
import { compileModel } from '../src/model/compile.ts';
import { deriveKey } from '../src/random/seeds.ts';
import { Population, initialCustomerKey } from '../src/engine/population.ts';
import { importAtRevision } from './at-revision.ts';
import { captureProbability } from '../src/engine/mechanics/pools.ts';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '0.3' }, rounds: { type: 'string', default: '5' }, scenario: { type: 'string', default: 'scenarios/bench-1m.yaml' }, rev: { type: 'string', default: '5e322e9' } } });
const { Population: OldPopulation } = await importAtRevision<typeof import('../src/engine/population.ts')>(values.rev!, 'src/engine/population.ts', ['src/random/sampling.ts']);
const scenario = readScenario(values.scenario!);
for (const seg of Object.values(scenario.segments)) seg.initialCustomers = Math.round(seg.initialCustomers * Number(values.scale));
const strategy = Object.keys(scenario.strategies)[0];
const m = compileModel({ scenario, strategy, replication: 0 });
const P = m.poolIds.length, S = m.segmentIds.length;
const repKey = deriveKey(m.seed, 'replication', 0);
const capture = new Float64Array(P);
for (let p = 0; p < P; p++) capture[p] = captureProbability(m, p, 0, m.readiness0[p]);
let total = 0;
for (let s = 0; s < S; s++) total += m.segInitialAgents[s];

function build<T extends { add: Population['add'] }>(Ctor: new (pools: number, capacity: number) => T): T {
  const pop = new Ctor(P, total + 16);
  let idx = 0;
  for (let s = 0; s < S; s++) {
    const stage = m.journeyInitialStage[m.segJourney[s]];
    for (let k = 0; k < m.segInitialAgents[s]; k++) pop.add(m, s, initialCustomerKey(repKey, idx++), -1, stage, capture);
  }
  return pop;
}
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
const fields = ['key', 'segment', 'portfolio', 'stage', 'alive', 'acquired', 'hazard', 'sensitivity', 'satisfaction', 'churnFactor', 'sowFactor', 'wallet', 'participates', 'withUs', 'value'] as const;
const times: Record<'new' | 'old', number[]> = { new: [], old: [] };
for (let r = 0; r < Number(values.rounds); r++) {
  // which goes first alternates (the second of a pair runs on a warmer heap)
  let a!: Population, b!: Population;
  for (const which of r % 2 === 0 ? (['old', 'new'] as const) : (['new', 'old'] as const)) {
    const c0 = cpu();
    if (which === 'old') a = build(OldPopulation as unknown as typeof Population);
    else b = build(Population);
    times[which].push(cpu() - c0);
  }
  for (const f of fields) {
    const x = new Uint8Array(a[f].buffer, 0, a[f].BYTES_PER_ELEMENT * a.size * (f === 'wallet' ? P : 1));
    const y = new Uint8Array(b[f].buffer, 0, x.length);
    if (!x.every((v, i) => v === y[i])) throw new Error(`population field ${f} differs`);
  }
}
const med = (xs: number[]) => [...xs].sort((p, q) => p - q)[xs.length >> 1];
process.stdout.write(JSON.stringify({ rev: values.rev, customers: total, rounds: times.new.length, oldCpuSeconds: med(times.old), newCpuSeconds: med(times.new), speedup: med(times.old) / med(times.new), nsPerCustomerNew: (med(times.new) / total) * 1e9 }) + '\n');
