import { Session } from 'node:inspector/promises';
import { readScenario } from '../src/cli/scenario-file.ts';
import { simulateReplication } from '../src/engine/replication.ts';
const sc = readScenario('scenarios/bench-1m.yaml');
for (const s of Object.values(sc.segments)) s.initialCustomers = Math.round(s.initialCustomers * Number(process.argv[2] ?? 0.05));
const strategy = Object.keys(sc.strategies).find((id) => sc.strategies[id].baseline) ?? Object.keys(sc.strategies)[0];
// warm-up
simulateReplication({ scenario: sc, strategy, replication: 1 });
const s = new Session();
s.connect();
let from = Number(process.argv[3] ?? 20), to = Number(process.argv[4] ?? 110);
let on = false;
await s.post('HeapProfiler.enable');
const steps: number[] = [];
let started: Promise<unknown> | null = null;
// sample only steps [from, to): start/stop from onStep synchronously is not possible with the promise API; sample the whole run instead
await s.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
simulateReplication({ scenario: sc, strategy, replication: 0 });
const { profile } = (await s.post('HeapProfiler.stopSampling')) as { profile: { head: Node } };
interface Node { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: Node[] }
const self = new Map<string, number>();
const walk = (n: Node, stack: string[]) => {
  const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
  const key = [...stack.slice(-2), name].join(' < ');
  self.set(key, (self.get(key) ?? 0) + n.selfSize);
  for (const c of n.children) walk(c, [...stack, name]);
};
walk(profile.head, []);
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log('total MB', (total / 1e6).toFixed(1));
for (const [k, v] of [...self.entries()].filter(([k]) => !/cxsimKernel|add engine|Draw|normal|mix2|fmix32|uniform|exp :0/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((v / 1e6).toFixed(2).padStart(8), k);
