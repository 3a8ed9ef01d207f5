/**
 * The queue's job format without Redis: batches cover every job exactly once, in aligned
 * blocks of replications; batch ids name their content (scenario, seed, strategy, stress,
 * replications, build) and nothing else; results survive encoding bit for bit; the command
 * line printed in reports leaves --redis out; Redis URLs are checked.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readScenario } from '../../src/cli/scenario-file.ts';
import { simulateReplication, type Job } from '../../src/engine/replication.ts';
import { batchId, batchSize, planBatches, incompatibility, QUEUE_PROTOCOL } from '../../src/run/queue/protocol.ts';
import { decodeResults, encodeResults } from '../../src/run/queue/result-codec.ts';
import { withoutQueueArgs } from '../../src/run/queue/select.ts';
import { checkRedisUrl, redact } from '../../src/run/queue/connection.ts';
import { bits } from './bits.ts';

const scenario = readScenario('tests/fixtures/compare/small.yaml');
const build = { version: '9.9.9', engine: 'abcdef0123456789' };
const other = { ...scenario, meta: { ...scenario.meta, seed: scenario.meta.seed + 1 } };

describe('planBatches', () => {
  it('puts every job in exactly one batch, at its replication, with one (scenario, strategy, stress) per batch', () => {
    const strategies = Object.keys(scenario.strategies);
    const arb = fc.array(
      fc.record({ s: fc.constantFrom(scenario, other), strategy: fc.constantFrom(...strategies), stress: fc.constantFrom(undefined, 'x'), reps: fc.integer({ min: 1, max: 120 }), start: fc.integer({ min: 0, max: 80 }) }),
      { minLength: 1, maxLength: 6 },
    );
    fc.assert(
      fc.property(arb, (groups) => {
        const jobs: Job[] = groups.flatMap((g) => Array.from({ length: g.reps }, (_, k) => ({ scenario: g.s, strategy: g.strategy, replication: g.start + k, ...(g.stress ? { stress: g.stress } : {}) })));
        const batches = planBatches(jobs, build);
        const seen = new Array<number>(jobs.length).fill(0);
        for (const b of batches) {
          const size = batchSize(b.data.scenario);
          expect(b.data.to - b.data.from).toBe(b.targets.length);
          expect(Math.floor(b.data.from / size)).toBe(Math.floor((b.data.to - 1) / size)); // one aligned block
          b.targets.forEach((indices, k) =>
            indices.forEach((i) => {
              seen[i]++;
              const j = jobs[i];
              expect([j.scenario === b.data.scenario, j.strategy, j.stress, j.replication]).toEqual([true, b.data.strategy, b.data.stress, b.data.from + k]);
            }),
          );
        }
        expect(seen.every((n) => n === 1)).toBe(true);
        expect(new Set(batches.map((b) => b.id)).size).toBe(batches.length);
      }),
      { numRuns: 60 },
    );
  });

  it('aligns batches on replication numbers, so a larger run reuses the batches of a smaller one', () => {
    const size = batchSize(scenario);
    expect(size).toBe(50); // the small fixture: 300 customers × 24 months, far below one batch's work
    const jobs = (n: number) => Array.from({ length: n }, (_, replication) => ({ scenario, strategy: 'today', replication }));
    const a = planBatches(jobs(60), build).map((b) => [b.data.from, b.data.to, b.id]);
    const b = planBatches(jobs(120), build).map((x) => [x.data.from, x.data.to, x.id]);
    expect(a.map((x) => x.slice(0, 2))).toEqual([[0, 50], [50, 60]]);
    expect(b[0]).toEqual(a[0]);
    expect(b.map((x) => x.slice(0, 2))).toEqual([[0, 50], [50, 100], [100, 120]]);
  });

  it('a replication asked for twice is one batch answering both jobs', () => {
    const jobs: Job[] = [0, 1, 0, 1].map((replication) => ({ scenario, strategy: 'today', replication }));
    const batches = planBatches(jobs, build);
    expect(batches).toHaveLength(1);
    expect(batches[0].targets).toEqual([[0, 2], [1, 3]]);
  });
});

describe('batch ids', () => {
  const data = { scenarioHash: 'h', strategy: 'today', from: 0, to: 10 };
  it('change with the content and the build, and only with them', () => {
    const id = batchId(build, data);
    expect(batchId(build, { ...data })).toBe(id);
    expect(id).toMatch(/^r[0-9a-f]{40}$/);
    const variants = [
      batchId(build, { ...data, scenarioHash: 'h2' }),
      batchId(build, { ...data, strategy: 'future' }),
      batchId(build, { ...data, stress: 'recession' }),
      batchId(build, { ...data, shocks: [] }),
      batchId(build, { ...data, customers: true }),
      batchId(build, { ...data, from: 1 }),
      batchId(build, { ...data, to: 11 }),
      batchId({ ...build, version: '9.9.10' }, data),
      batchId({ ...build, engine: '0000000000000000' }, data),
    ];
    expect(new Set([id, ...variants]).size).toBe(variants.length + 1);
    // the seed lives in the scenario, so another seed is another scenario hash
    const [a] = planBatches([{ scenario, strategy: 'today', replication: 0 }], build);
    const [b] = planBatches([{ scenario: other, strategy: 'today', replication: 0 }], build);
    expect(a.id).not.toBe(b.id);
  });

  it('a worker accepts only its own build and protocol', () => {
    const ok = { protocol: QUEUE_PROTOCOL, ...build };
    expect(incompatibility(build, ok)).toBeNull();
    expect(incompatibility(build, { ...ok, version: '1.0.0' })).toContain('refused a job from cxsim 1.0.0');
    expect(incompatibility(build, { ...ok, engine: 'ffff' })).toContain('(engine ffff');
    expect(incompatibility(build, { ...ok, protocol: QUEUE_PROTOCOL + 1 })).toContain(`protocol ${QUEUE_PROTOCOL + 1}`);
  });
});

describe('result encoding', () => {
  it('gives back the same results bit for bit (typed arrays, −0, NaN included)', () => {
    const rs = [0, 1].map((replication) => simulateReplication({ scenario, strategy: 'future', replication, customers: true }));
    rs[1].totals.acquired = -0;
    rs[1].params['test.nan'] = Number.NaN;
    const back = decodeResults(encodeResults(rs), 2);
    expect(bits(back)).toBe(bits(rs));
    expect(Object.is(back[1].totals.acquired, -0)).toBe(true);
    expect(back[0].customers!.clv).toBeInstanceOf(Float32Array);
  });
  it('refuses bytes that are not the results of that many replications', () => {
    const rs = [simulateReplication({ scenario, strategy: 'today', replication: 0 })];
    expect(() => decodeResults(encodeResults(rs), 2)).toThrow('expected the results of 2 replications');
  });
});

describe('the command line and the URL', () => {
  it('reports print the command without --redis (it does not change the results)', () => {
    expect(withoutQueueArgs(['stress', 'a.yaml', '--redis', 'redis://h:6379', '--seed', '3'])).toEqual(['stress', 'a.yaml', '--seed', '3']);
    expect(withoutQueueArgs(['stress', '--redis=redis://h', 'a.yaml'])).toEqual(['stress', 'a.yaml']);
  });
  it('accepts redis:// and rediss:// URLs, refuses others with one message, hides passwords', () => {
    expect(checkRedisUrl('redis://localhost:6379')).toBe('redis://localhost:6379');
    expect(checkRedisUrl('rediss://:pw@host:6380/1')).toBe('rediss://:pw@host:6380/1');
    expect(() => checkRedisUrl('localhost:6379')).toThrow('--redis: expected a URL starting with redis:// or rediss://');
    expect(() => checkRedisUrl('not a url')).toThrow('--redis: expected a Redis URL such as redis://localhost:6379');
    expect(redact('redis://:secret@host:6379/0')).toBe('redis://:***@host:6379/0');
  });
});
