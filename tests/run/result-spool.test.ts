/**
 * The result spool (src/run/result-spool.ts): replications streamed to disk come back bit for
 * bit (every total, every series, series in the engine's order), a second spool on the same
 * folder reuses what the first finished (and runs only the rest), a record cut short by a kill
 * is ignored and run again, another build or a changed job never reuses a record, and a record
 * kept without series never serves an analysis that needs them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import type { Job } from '../../src/engine/replication.ts';
import type { ReplicationResult } from '../../src/engine/result.ts';
import { runJobs } from '../../src/run/jobs.ts';
import { ResultSpool, spoolBeside, type SpoolRunner } from '../../src/run/result-spool.ts';
import { readScenario } from '../../src/cli/scenario-file.ts';

const scenario = readScenario(resolve('scenarios/workshop-101.yaml'));
const strategies = Object.keys(scenario.strategies);
const jobs: Job[] = strategies.flatMap((strategy) => [0, 1, 2].map((replication) => ({ scenario, strategy, replication, yearEnds: true })));
const build = { version: 'test', engine: 'e1' };
const quiet = () => {};

let reference: ReplicationResult[];
let dir: string;

/** A runner that simulates in process, in reverse order (completion order must not matter), counting the jobs it gets. */
function counting(): { runner: SpoolRunner; ran: Job[] } {
  const ran: Job[] = [];
  return {
    ran,
    runner: async (pending, onResult) => {
      ran.push(...pending);
      const rs = await runJobs(pending, { threads: 1 });
      for (let i = rs.length - 1; i >= 0; i--) onResult(i, rs[i]);
    },
  };
}

/** Every total and series of a (spooled) result, as bit patterns, in the result's own key order. */
function bits(r: ReplicationResult) {
  const f = (x: number) => Buffer.from(Float64Array.of(x).buffer).toString('hex');
  return {
    strategy: r.strategy,
    replication: r.replication,
    seed: r.seed,
    totals: Object.entries(r.totals).map(([k, v]) => [k, f(v)]),
    clv: JSON.stringify(r.clv),
    params: JSON.stringify(r.params),
    beyond: Array.from(r.valueBeyondByYear, f),
    series: Object.entries(r.series).map(([k, v]) => [k, Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')]),
  };
}

beforeEach(async () => {
  reference ??= await runJobs(jobs, { threads: 1 });
  dir = mkdtempSync(join(tmpdir(), 'cxsim-spool-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ResultSpool', () => {
  it('gives back every replication bit for bit, series read from disk in the engine order', async () => {
    const spool = await ResultSpool.open(join(dir, 's'), { series: true, build, log: quiet });
    try {
      const { runner } = counting();
      const rs = await spool.run(jobs, runner);
      expect(rs.map(bits)).toEqual(reference.map(bits));
      expect(Object.keys(rs[0].series)).toEqual(Object.keys(reference[0].series));
      expect('discount' in rs[0].series).toBe(true);
      expect(rs[0].series['no such series']).toBeUndefined();
      // the per-customer arrays are never kept
      expect(rs[0].customers).toBeUndefined();
    } finally {
      spool.close();
    }
  });

  it('a second spool on the folder reuses what the first finished, runs only the rest, and says so', async () => {
    const first = await ResultSpool.open(join(dir, 's'), { series: true, build, log: quiet });
    await first.run(jobs.slice(0, 4), counting().runner);
    first.close();
    const lines: string[] = [];
    const second = await ResultSpool.open(join(dir, 's'), { series: true, build, log: (l) => lines.push(l) });
    try {
      const c = counting();
      const rs = await second.run(jobs, c.runner);
      expect(c.ran.map((j) => `${j.strategy}/${j.replication}`)).toEqual(jobs.slice(4).map((j) => `${j.strategy}/${j.replication}`));
      expect(second.reused).toBe(4);
      expect(lines).toEqual([`resuming: 4 of 6 replications already done (kept in ${join(dir, 's')})`]);
      expect(rs.map(bits)).toEqual(reference.map(bits));
    } finally {
      second.close();
    }
  });

  it('ignores a record cut short by a kill and runs that replication again', async () => {
    const first = await ResultSpool.open(join(dir, 's'), { series: true, build, log: quiet });
    await first.run(jobs.slice(0, 3), counting().runner);
    first.close();
    const file = join(dir, 's', readdirSync(join(dir, 's'))[0]);
    truncateSync(file, statSync(file).size - 100); // the last record loses its tail
    const second = await ResultSpool.open(join(dir, 's'), { series: true, build, log: quiet });
    try {
      const c = counting();
      const rs = await second.run(jobs, c.runner);
      expect(second.reused).toBe(2);
      expect(c.ran).toHaveLength(4);
      expect(rs.map(bits)).toEqual(reference.map(bits));
    } finally {
      second.close();
    }
    // garbage after the valid records is ignored as well
    appendFileSync(file, Buffer.from('not a record'));
    const third = await ResultSpool.open(join(dir, 's'), { series: true, build, log: quiet });
    third.close();
  });

  it('never reuses a record of another build or of a changed job', async () => {
    const first = await ResultSpool.open(join(dir, 's'), { series: true, build, log: quiet });
    await first.run(jobs, counting().runner);
    first.close();
    const other = await ResultSpool.open(join(dir, 's'), { series: true, build: { ...build, engine: 'e2' }, log: quiet });
    try {
      const c = counting();
      await other.run(jobs.slice(0, 2), c.runner);
      expect(c.ran).toHaveLength(2);
    } finally {
      other.close();
    }
    const same = await ResultSpool.open(join(dir, 's'), { series: true, build, log: quiet });
    try {
      const c = counting();
      const seeded = { ...scenario, meta: { ...scenario.meta, seed: scenario.meta.seed + 1 } };
      await same.run([{ ...jobs[0], scenario: seeded }, { ...jobs[1], yearEnds: false }, jobs[2]], c.runner);
      expect(c.ran).toHaveLength(2);
    } finally {
      same.close();
    }
  });

  it('a record kept without series does not serve an analysis that needs them; a job asked twice is run once, as two objects', async () => {
    const spool = await ResultSpool.open(join(dir, 's'), { series: true, build, log: quiet });
    try {
      const a = counting();
      const totalsOnly = await spool.run(jobs.slice(0, 2), a.runner, { series: false });
      expect(Object.keys(totalsOnly[0].series)).toEqual([]);
      const b = counting();
      const rs = await spool.run([jobs[0], jobs[0], jobs[1]], b.runner, { series: (i) => i === 0 });
      expect(b.ran).toHaveLength(1); // jobs[0] again, now with its series; jobs[1] reused
      expect(bits(rs[0])).toEqual(bits(reference[0]));
      expect(rs[1]).not.toBe(rs[0]);
      expect(rs[1].totals).toEqual(rs[0].totals);
    } finally {
      spool.close();
    }
  });

  it('lives beside the output folder', () => {
    expect(spoolBeside('/x/out/run1')).toBe('/x/out/.run1.cxsim-spool');
  });
});
