/**
 * The shipped scenarios (scenarios/*.yaml, except the lead's benchmark) load, stay small
 * enough for a quick compare, explain themselves, and run every strategy to finite outputs.
 * The flagship's headline claims are checked in tests/flagship.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenario } from '../src/cli/scenario-file.ts';
import { planComparison } from '../src/cli/commands/compare.ts';
import { simulate } from '../src/index.ts';
import { compareStrategies } from '../src/metrics/comparison.ts';
import type { ReplicationResult } from '../src/engine/result.ts';

const dir = resolve(import.meta.dirname, '../scenarios');
/** bench-*.yaml are performance references (a million customers), not teaching cases. */
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml') && !f.startsWith('bench-'))
  .sort();

/**
 * Upper bound on simulated agent-months of a full `cxsim compare` (every strategy × the
 * scenario's replications, plus the attribution runs with one lever off): initial agents ×
 * horizon × runs. The shipped cases measure 1.4–2.5·10⁸ and compare in 17–25 s on two idle
 * cores; the bound keeps them there.
 */
const MAX_AGENT_MONTHS = 2.6e8;

describe.each(files.map((f) => ({ file: f, path: join(dir, f) })))('scenarios/$file', ({ file, path }) => {
  const scenario = readScenario(path);
  const strategies = Object.keys(scenario.strategies);
  const agents = Object.values(scenario.segments).reduce((n, s) => n + Math.round(s.initialCustomers / scenario.meta.agentScale), 0);

  it('is sized for a quick compare', () => {
    if (file === 'workshop-101.yaml') {
      expect(agents).toBeLessThanOrEqual(2_000);
    } else {
      expect(agents).toBeGreaterThanOrEqual(5_000);
      expect(agents).toBeLessThanOrEqual(30_000);
    }
    const runs = planComparison(scenario, strategies, true).jobs.length;
    expect(agents * scenario.meta.horizonMonths * runs).toBeLessThanOrEqual(MAX_AGENT_MONTHS);
  });

  it('explains itself: the case, what to try, how to run it, and every strategy described', () => {
    const text = readFileSync(path, 'utf8');
    for (const heading of ['THE CASE', 'WHAT TO TRY', 'RUN IT']) expect(text).toContain(heading);
    expect(scenario.meta.description.length).toBeGreaterThan(40);
    for (const [id, s] of Object.entries(scenario.strategies)) {
      expect(s.name, `strategy ${id} has a display name`).toBeTruthy();
      expect(s.description.length, `strategy ${id} has a description`).toBeGreaterThan(10);
    }
    expect(strategies.length).toBeGreaterThanOrEqual(file === 'workshop-101.yaml' ? 2 : 4);
  });

  it('runs every strategy to finite outputs, with customers conserved', () => {
    const results: ReplicationResult[] = strategies.flatMap((id) => simulate(scenario, id, { replications: 2 }));
    const scale = scenario.meta.agentScale;
    for (const r of results) {
      const where = `${r.strategy} replication ${r.replication}`;
      for (const [k, v] of Object.entries(r.totals)) expect(Number.isFinite(v), `${where}: totals.${k} = ${v}`).toBe(true);
      expect(r.totals.alive, where).toBeGreaterThan(0);
      // every customer is alive or gone: alive + churned = initial + acquired (real counts, whole agents × scale)
      expect(Math.abs(r.totals.alive + r.totals.churned - r.totals.initialCustomers - r.totals.acquired), where).toBeLessThan(scale / 2);
      const keys = ['active', 'revenue', 'margin', 'satisfaction', 'cxSpend', ...Object.keys(scenario.pools).flatMap((p) => [`share.${p}`, `adoption.${p}`, `walletIndex.${p}`])];
      for (const k of keys) {
        const s = r.series[k];
        expect(s, `${where}: series ${k}`).toBeDefined();
        expect(s.length).toBe(r.steps);
        expect(s.every(Number.isFinite), `${where}: series ${k} has a non-finite value`).toBe(true);
      }
      const sat = r.series.satisfaction;
      expect(Math.min(...sat)).toBeGreaterThan(0);
      expect(Math.max(...sat)).toBeLessThan(1);
    }
    const c = compareStrategies({ scenario, results, strategies });
    for (const h of c.headline) {
      expect(Number.isFinite(h.totals.netEquity.mean), h.strategy).toBe(true);
      if (h.vsBaseline) expect(Number.isFinite(h.vsBaseline.netEquity.mean), h.strategy).toBe(true);
    }
  });
});
