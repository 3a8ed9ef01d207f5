import { readScenario } from '../src/cli/scenario-file.ts';
import { simulateReplication } from '../src/engine/replication.ts';
const sc = readScenario(process.argv[2] ?? 'scenarios/bench-1m.yaml');
if (process.argv[3]) for (const s of Object.values(sc.segments)) s.initialCustomers = Math.round(s.initialCustomers * Number(process.argv[3]));
const strategy = Object.keys(sc.strategies).find((id) => sc.strategies[id].baseline) ?? Object.keys(sc.strategies)[0];
console.log('MARK start');
simulateReplication({ scenario: sc, strategy, replication: 0 }, { onStep: (t) => console.log(`MARK step ${t}`) });
console.log('MARK end');
