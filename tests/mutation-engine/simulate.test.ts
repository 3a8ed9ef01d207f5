/** src/engine/simulate.ts: jobs, seeds and progress of an in-process run. */
import { describe, expect, it } from 'vitest';
import { jobsFor, simulate, withSeed } from '../../src/engine/simulate.ts';
import { simulateReplication } from '../../src/engine/replication.ts';
import { neutral } from '../engine/neutral.ts';

const sc = neutral({ meta: { horizonMonths: 12, replications: 3, seed: 5 }, segments: { s: { initialCustomers: 200 } }, stresses: { cut: { shocks: [{ kind: 'budgetCut', fromMonth: 0, cut: 0.5 }] } } });

describe('withSeed', () => {
  it('the same scenario object for no seed or the same seed, a copy with the seed otherwise', () => {
    expect(withSeed(sc, undefined)).toBe(sc);
    expect(withSeed(sc, 5)).toBe(sc);
    const other = withSeed(sc, 9);
    expect(other.meta.seed).toBe(9);
    expect(other.meta.horizonMonths).toBe(12);
    expect(sc.meta.seed).toBe(5);
  });
});

describe('jobsFor', () => {
  it('meta.replications jobs by default, numbered from 0, with every option passed on', () => {
    const jobs = jobsFor(sc, 'none', { stress: 'cut', customers: true, yearEnds: true, shocks: [{ kind: 'recession', fromMonth: 0, walletFactor: 0.9 }] });
    expect(jobs.map((j) => j.replication)).toEqual([0, 1, 2]);
    expect(jobs[2]).toEqual({ scenario: sc, strategy: 'none', replication: 2, stress: 'cut', shocks: [{ kind: 'recession', fromMonth: 0, walletFactor: 0.9 }], customers: true, yearEnds: true });
  });
  it('options.replications and options.seed', () => {
    const jobs = jobsFor(sc, 'none', { replications: 2, seed: 8 });
    expect(jobs).toHaveLength(2);
    expect(jobs[0].scenario.meta.seed).toBe(8);
  });
});

describe('simulate', () => {
  it('runs the jobs in order, reporting progress after each', () => {
    const progress: [number, number][] = [];
    const rs = simulate(sc, 'none', { replications: 2, onProgress: (d, t) => progress.push([d, t]) });
    expect(progress).toEqual([[1, 2], [2, 2]]);
    expect(rs.map((r) => r.replication)).toEqual([0, 1]);
    expect(simulate(sc, 'none', { replications: 1 })).toHaveLength(1); // no progress callback: none called
    expect(rs[1].totals).toEqual(simulateReplication({ scenario: sc, strategy: 'none', replication: 1 }).totals);
  });
});
