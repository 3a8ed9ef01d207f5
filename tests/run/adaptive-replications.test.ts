/**
 * Adaptive replications (`compare --precision`): the stopping rule of src/metrics/sequential-stop.ts
 * on constructed paired data (precision, established ranking, cap), its error rate under no
 * difference checked by Monte Carlo (fixed seed; bound α + 3·SE of the estimated rate), and
 * runAdaptive on a real scenario giving exactly the replications 0..N−1 of a fixed run.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { join, resolve } from 'node:path';
import { maxLooks, sequentialDecision, SEQUENTIAL_ALPHA, type SequentialPlan } from '../../src/metrics/sequential-stop.ts';
import { runAdaptive } from '../../src/run/adaptive-replications.ts';
import { runJobs } from '../../src/run/jobs.ts';
import { readScenario } from '../../src/cli/scenario-file.ts';
import { baselineOf } from '../../src/metrics/comparison.ts';

const plan: SequentialPlan = { target: 1, first: 10, batch: 10, cap: 200 };

function normals(rng: () => number, n: number, mean: number, sd: number): number[] {
  return Array.from({ length: n }, () => mean + sd * Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng()));
}

describe('sequentialDecision', () => {
  it('stops on precision once the 95% half-width of every paired difference is within the target', () => {
    const rng = seedrandom('p');
    const base = normals(rng, 40, 100, 50);
    const noise = normals(rng, 40, 0, 1); // paired SD 1 → half-width ≈ 2.02/√40 ≈ 0.32
    const d = sequentialDecision({ base, a: base.map((x, k) => x + noise[k]) }, 'base', { ...plan, target: 0.5 });
    expect(d.stop).toBe(true);
    expect(d.reason).toBe('precision');
    expect(d.halfWidths.a).toBeLessThanOrEqual(0.5);
    const wide = sequentialDecision({ base, a: base.map((x, k) => x + noise[k]) }, 'base', { ...plan, target: 0.1 });
    expect(wide.reason).not.toBe('precision');
  });

  it('stops on an established ranking when the differences are large, even with a tiny target', () => {
    const rng = seedrandom('r');
    const base = normals(rng, 10, 100, 50);
    const e1 = normals(rng, 10, 0, 1), e2 = normals(rng, 10, 0, 1);
    const d = sequentialDecision({ base, a: base.map((x, k) => x + 20 + e1[k]), b: base.map((x, k) => x + 40 + e2[k]) }, 'base', { ...plan, target: 1e-6 });
    expect(d).toMatchObject({ stop: true, reason: 'ranking' });
    expect(d.rankingAlpha).toBeCloseTo(SEQUENTIAL_ALPHA / (maxLooks(plan) * 3), 12);
  });

  it('continues below the cap and stops at it when neither rule holds', () => {
    const rng = seedrandom('c');
    const mk = (n: number) => {
      const base = normals(rng, n, 100, 50);
      const e = normals(rng, n, 0, 10);
      return { base, a: base.map((x, k) => x + e[k]) };
    };
    expect(sequentialDecision(mk(50), 'base', { ...plan, target: 0.01 })).toMatchObject({ stop: false, reason: null });
    expect(sequentialDecision(mk(200), 'base', { ...plan, target: 0.01 })).toMatchObject({ stop: true, reason: 'cap' });
  });

  it('declares a ranking between two equal strategies in at most α of sequential runs (Monte Carlo, 400 runs)', () => {
    const rng = seedrandom('null');
    const runs = 400;
    let wrong = 0;
    for (let r = 0; r < runs; r++) {
      const base = normals(rng, plan.cap, 0, 1);
      const a = base.map((x) => x + normals(rng, 1, 0, 1)[0]);
      for (let n = plan.first; n <= plan.cap; n += plan.batch) {
        const d = sequentialDecision({ base: base.slice(0, n), a: a.slice(0, n) }, 'base', { ...plan, target: 1e-9 });
        if (d.reason === 'ranking') wrong++;
        if (d.stop) break;
      }
    }
    expect(wrong / runs).toBeLessThanOrEqual(SEQUENTIAL_ALPHA + 3 * Math.sqrt((SEQUENTIAL_ALPHA * (1 - SEQUENTIAL_ALPHA)) / runs));
  });
});

describe('runAdaptive', () => {
  it('runs replications 0..N−1 in batches and returns what a fixed run of N gives', async () => {
    const sc = readScenario(join(resolve(import.meta.dirname, '../../scenarios'), 'workshop-101.yaml'));
    sc.meta.agentScale *= 4;
    const strategies = Object.keys(sc.strategies);
    const baseline = baselineOf(sc);
    const batches: number[] = [];
    const out = await runAdaptive(sc, strategies, baseline, { target: 1e12, first: 10, batch: 5, cap: 20 }, (jobs) => {
      batches.push(jobs.length);
      return runJobs(jobs, { threads: 1 });
    });
    expect(out.decision.reason).toBe('precision');
    expect(out.replications).toBe(10);
    expect(batches).toEqual([10 * strategies.length]);
    const fixed = await runJobs(strategies.flatMap((strategy) => Array.from({ length: 10 }, (_x, replication) => ({ scenario: sc, strategy, replication }))), { threads: 1 });
    expect(out.results.map((r) => [r.strategy, r.replication, r.totals.netEquity])).toEqual(fixed.map((r) => [r.strategy, r.replication, r.totals.netEquity]));

    const capped = await runAdaptive(sc, strategies, baseline, { target: 1e-9, first: 10, batch: 5, cap: 20 }, (jobs) => runJobs(jobs, { threads: 1 }));
    expect(capped.replications).toBeLessThanOrEqual(20);
    expect(['ranking', 'cap']).toContain(capped.decision.reason);
    expect(capped.results.length).toBe(capped.replications * strategies.length);
    expect(capped.results.filter((r) => r.strategy === strategies[0]).map((r) => r.replication)).toEqual(Array.from({ length: capped.replications }, (_x, k) => k));
  });
});
