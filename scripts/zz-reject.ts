import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseScenarioText } from '../src/scenario/load.ts';
import { extremeScenario, MACHINE_BYTES } from '../tests/support/finite-property.ts';
const counts = new Map<string, number>();
for (const input of fc.sample(extremeScenario, { numRuns: 400, seed: 3 })) {
  const r = parseScenarioText(stringify(input), 'x.yaml', { memory: { totalBytes: MACHINE_BYTES, threads: 1 } });
  if (r.ok) continue;
  const m = r.problems[0].message.replace(/-?[0-9][0-9.e+-]*/g, 'N').slice(0, 90);
  counts.set(m, (counts.get(m) ?? 0) + 1);
}
for (const [m, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25)) process.stdout.write(`${n}\t${m}\n`);
