// What the default service-profit-chain calibration implies (docs/model.md §6).
// A population whose only experiences are service contacts (variant "contacts only") or
// service contacts plus one automated touchpoint (variant "with touchpoint"). Two strategies,
// paired by common random numbers: the baseline, and the same firm with target engagement
// 0.05 higher (workforce.engagement.base +0.05, engagement.initial +0.05): "+5 points" of
// employee engagement on the model's 0–1 scale. Everything else is a schema default.
// Run: node bin/run-ts.js scripts/calibration/chain.ts
import { Scenario } from '../../src/scenario/schema.ts';
import { simulateReplication } from '../../src/engine/replication.ts';

const R = 10;
const N = 100000;
const withTouchpoint = process.argv.includes('--touchpoint');
const mk = () =>
  Scenario.parse({
    meta: { name: 'chain', horizonMonths: 60, seed: 1, replications: R },
    pools: { core: { marginRate: 0.3 } },
    segments: {
      s: {
        initialCustomers: N,
        churn: { annualRate: 0.2 },
        wallet: { core: { mean: 100, cv: 0 } },
        initialSatisfaction: withTouchpoint ? 0.62 : 0.725,
        acquisition: { prospectsPerMonth: 10000, conversion: 0.0936 },
      },
    },
    journeys: { j: { stages: { use: withTouchpoint ? { touchpoints: { app: { visitProbability: 0.5, friction: 0.2 } } } : {} } } },
    // 20,000 contacts a month; capacity per agent ≈ 600·(0.5 + 0.5·0.736) ≈ 521 → 48 agents ≈ workload 0.8
    workforce: { headcount: 48, engagement: { initial: 0.54 }, experience: { initial: 0.736 } },
    strategies: {
      base: { baseline: true },
      plus5: { overrides: { workforce: { engagement: { base: 0.35, initial: 0.59 } } } },
    },
  });

const sc = mk();
const mean = (a: Float64Array, from: number, to: number) => a.slice(from, to).reduce((x, y) => x + y, 0) / (to - from);
const rows: Record<string, number[]> = {};
const push = (k: string, v: number) => (rows[k] ??= []).push(v);
for (let k = 0; k < R; k++) {
  const a = simulateReplication({ scenario: sc, strategy: 'base', replication: k });
  const b = simulateReplication({ scenario: sc, strategy: 'plus5', replication: k });
  for (const name of ['engagement', 'turnover', 'employeeExperience', 'serviceQuality', 'workload', 'satisfaction']) {
    push(`base ${name} (months 37–60)`, mean(a.series[name], 36, 60));
    push(`Δ ${name} (months 37–60)`, mean(b.series[name], 36, 60) - mean(a.series[name], 36, 60));
  }
  const yr = (s: Float64Array, y: number) => s.slice(12 * (y - 1), 12 * y).reduce((x, z) => x + z, 0);
  for (const y of [1, 2, 3, 5]) push(`Δ revenue year ${y} (%)`, 100 * (yr(b.series.revenue, y) / yr(a.series.revenue, y) - 1));
  const g = (s: Float64Array, y: number) => yr(s, y) / yr(s, y - 1) - 1;
  for (const y of [2, 3, 5]) push(`Δ revenue growth year ${y} vs ${y - 1} (percentage points)`, 100 * (g(b.series.revenue, y) - g(a.series.revenue, y)));
  push('Δ active customers at month 60 (%)', 100 * (b.series.active[59] / a.series.active[59] - 1));
  push('Δ net equity (%)', 100 * (b.totals.netEquity / a.totals.netEquity - 1));
}
console.log(`variant: ${withTouchpoint ? 'service contacts + one automated touchpoint' : 'service contacts only'}; ${R} paired replications, ${N} customers`);
for (const [k, xs] of Object.entries(rows)) {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
  console.log(`${k.padEnd(62)} ${m.toFixed(4).padStart(10)}  ± ${(sd / Math.sqrt(xs.length)).toFixed(4)} (se)`);
}
