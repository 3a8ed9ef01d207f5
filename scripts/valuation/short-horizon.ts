// The flagship's answer at another horizon, valued by the scenario's rule: paired differences of
// design-for-future and adaptive against optimise-today, in net equity and within the horizon.
// Run: H=60 R=6 node bin/run-ts.js scripts/valuation/short-horizon.ts
import { readScenario } from '../../src/cli/scenario-file.ts';
import { simulate } from '../../src/index.ts';
import { Scenario } from '../../src/scenario/schema.ts';
import { deepMerge } from '../../src/scenario/merge.ts';

const flagship = readScenario('scenarios/photo-memories.yaml');
const H = Number(process.env.H ?? 60), R = Number(process.env.R ?? 6);
const sc = Scenario.parse(deepMerge(flagship, { meta: { horizonMonths: H } }));
const base = simulate(sc, 'optimise-today', { replications: R });
for (const st of ['design-for-future', 'adaptive']) {
  const a = simulate(sc, st, { replications: R });
  for (const key of ['netEquity', 'netEquityWithinHorizon'] as const) {
    const d = a.map((r, k) => r.totals[key] - base[k].totals[key]);
    const mean = d.reduce((s, x) => s + x, 0) / d.length;
    const se = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (d.length - 1) / d.length);
    console.log(`${H} months, ${R} replications: ${st} − optimise-today, ${key}: ${(mean / 1e6).toFixed(2)}M (se ${(se / 1e6).toFixed(2)}M)`);
  }
}
