/**
 * The specialised kernel (src/engine/kernel/) against the reference `stepCustomers`: every bundled
 * scenario (scenarios/*.yaml except the bench-* references), every strategy and one stress, and
 * random valid scenarios (tests/support/scenario-arbitrary.ts, fixed seed), reduced in size by a
 * larger agentScale, must give BIT-IDENTICAL replication results: every series (compared byte by
 * byte), every total, the terminal value by year, the fired rules and the CLV summaries.
 * Also: the code generator refuses anything but its own code, names and finite numbers.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readScenario } from '../../src/cli/scenario-file.ts';
import { simulateReplication, type Job } from '../../src/engine/replication.ts';
import type { ReplicationResult } from '../../src/engine/result.ts';
import { Scenario } from '../../src/scenario/schema.ts';
import { _, name } from '../../src/engine/kernel/codegen.ts';
import { compiledKernelCount } from '../../src/engine/kernel/cache.ts';
import { validScenario } from '../support/scenario-arbitrary.ts';

/** First difference between two results, comparing numbers by their bits (NaN = NaN, 0 ≠ −0); '' when identical. */
function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (a instanceof Float64Array || a instanceof Float32Array || a instanceof Int16Array || a instanceof Uint8Array) {
    if (!(b instanceof a.constructor) || (b as typeof a).length !== a.length) return `${path}: different arrays`;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength), y = new Uint8Array((b as typeof a).buffer, (b as typeof a).byteOffset, (b as typeof a).byteLength);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return `${path}[${Math.floor(i / a.BYTES_PER_ELEMENT)}]: ${a[Math.floor(i / a.BYTES_PER_ELEMENT)]} vs ${(b as typeof a)[Math.floor(i / a.BYTES_PER_ELEMENT)]}`;
    return '';
  }
  if (typeof a === 'number') return typeof b === 'number' && Object.is(a, b) ? '' : `${path}: ${a} vs ${String(b)}`;
  if (a && typeof a === 'object') {
    if (!b || typeof b !== 'object') return `${path}: object vs ${String(b)}`;
    const ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
    if (ka.join('\u0000') !== kb.join('\u0000')) return `${path}: keys differ`;
    for (const k of ka) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return '';
  }
  return Object.is(a, b) ? '' : `${path}: ${String(a)} vs ${String(b)}`;
}

function both(job: Job): { generated: ReplicationResult; generic: ReplicationResult } {
  const generated = simulateReplication({ ...job, customers: true }, { kernel: 'generated' });
  const generic = simulateReplication({ ...job, customers: true }, { kernel: 'generic' });
  return { generated, generic };
}

/** Fewer agents for the same real population: agentScale raised until at most `agents` initial agents. */
function reduced(sc: Scenario, agents: number): Scenario {
  const copy: Scenario = structuredClone(sc);
  const real = Object.values(copy.segments).reduce((n, s) => n + s.initialCustomers, 0);
  copy.meta.agentScale = Math.max(copy.meta.agentScale, real / agents);
  return copy;
}

const dir = resolve(import.meta.dirname, '../../scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.startsWith('bench-')).sort();

describe('generated kernel = reference stepCustomers, bit for bit', () => {
  it.each(files)('scenarios/%s: every strategy, and the first stress', (file) => {
    const sc = reduced(readScenario(join(dir, file)), 1500);
    const before = compiledKernelCount();
    const stresses = Object.keys(sc.stresses ?? {});
    const jobs: Job[] = Object.keys(sc.strategies).map((strategy, r) => ({ scenario: sc, strategy, replication: r }));
    if (stresses.length) jobs.push({ scenario: sc, strategy: Object.keys(sc.strategies)[0], replication: 7, stress: stresses[0] });
    for (const job of jobs) {
      const { generated, generic } = both(job);
      expect(firstDifference(generated, generic), `${file} ${job.strategy} ${job.stress ?? ''}`).toBe('');
      expect(generated.totals.aliveCustomerSteps).toBeGreaterThan(0);
    }
    expect(compiledKernelCount()).toBeGreaterThan(0);
    expect(before).toBeGreaterThanOrEqual(0);
  });

  it('random valid scenarios: every strategy', () => {
    const inputs = fc.sample(validScenario, { seed: 20261201, numRuns: 40 });
    let runs = 0;
    for (const input of inputs) {
      const sc = reduced(Scenario.parse(input), 400);
      for (const strategy of Object.keys(sc.strategies)) {
        const job: Job = { scenario: sc, strategy, replication: 3 };
        const { generated, generic } = both(job);
        expect(firstDifference(generated, generic), JSON.stringify(input)).toBe('');
        runs++;
      }
    }
    expect(runs).toBeGreaterThanOrEqual(40);
  });

  it('random valid scenarios with the live list (every step) and scanning every slot', () => {
    for (const mode of ['generated', 'generated-scan'] as const) {
      for (const input of fc.sample(validScenario, { seed: 20261202, numRuns: 12 })) {
        const sc = reduced(Scenario.parse(input), 400);
        const strategy = Object.keys(sc.strategies)[0];
        const job: Job = { scenario: sc, strategy, replication: 5, customers: true };
        const generated = simulateReplication(job, { kernel: mode });
        const generic = simulateReplication(job, { kernel: 'generic' });
        expect(firstDifference(generated, generic), `${mode}: ${JSON.stringify(input)}`).toBe('');
      }
    }
  });
});

describe('where the kernel runs', () => {
  it('bundles for a browser Web Worker: no Node module anywhere in its imports', async () => {
    const { build } = await import('esbuild');
    const out = await build({
      entryPoints: [resolve(import.meta.dirname, '../../src/engine/kernel/cache.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      external: ['simple-statistics'],
    });
    expect(out.errors).toEqual([]);
    expect(out.outputFiles[0].text).not.toMatch(/from\s*["']node:|require\(["']node:/);
  });

  it('runs in the worker-thread bundle with the same results as in process', async () => {
    const { runJobs } = await import('../../src/run/jobs.ts');
    const sc = reduced(readScenario(join(dir, 'workshop-101.yaml')), 500);
    const strategy = Object.keys(sc.strategies)[0];
    const [threaded] = await runJobs([{ scenario: sc, strategy, replication: 2 }, { scenario: sc, strategy, replication: 3 }], { threads: 2 });
    const { generic } = both({ scenario: sc, strategy, replication: 2 });
    expect(firstDifference(threaded.totals, generic.totals)).toBe('');
    expect(firstDifference(threaded.series, generic.series)).toBe('');
  });
});

describe('codegen', () => {
  it('interpolates only code, names and finite numbers', () => {
    expect(_`a = ${name('x', 3)} + ${-2} * ${0.5};`.text).toBe('a = x3 + (-2) * 0.5;');
    expect(() => _`${'alert(1)' as never}`).toThrow(/refusing/);
    expect(() => _`${Infinity}`).toThrow(/non-finite/);
    expect(() => _`${NaN}`).toThrow(/non-finite/);
    expect(() => name('x;y')).toThrow(/prefix/);
    expect(() => name('x', -1)).toThrow(/index/);
  });
});
