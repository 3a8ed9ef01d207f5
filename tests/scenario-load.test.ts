/**
 * Loading valid scenarios: the fixtures in tests/fixtures/valid/ load, `extends` merges the
 * child over its parent, normalisation is idempotent, every strategy's scenario is valid, and
 * the pure entry points behave without file access.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadScenarioWith, parseScenarioText } from '../src/scenario/load.ts';
import { Scenario } from '../src/scenario/schema.ts';
import { scenarioForStrategy } from '../src/scenario/strategy-scenario.ts';
import { formatPath, formatProblem, formatProblems, sortProblems } from '../src/scenario/errors.ts';
import { editDistance, nearest } from '../src/scenario/suggest.ts';
import { estimateMemory, niceCeiling } from '../src/scenario/memory.ts';
import { readScenario } from '../src/cli/scenario-file.ts';
import { UserError } from '../src/cli/io.ts';
import { FIXTURE_MACHINE, fixtureHost } from './support/fixture-host.ts';

const dir = fileURLToPath(new URL('./fixtures/valid/', import.meta.url));
const host = fixtureHost(dir);
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

function load(file: string): Scenario {
  const r = loadScenarioWith(file, host, FIXTURE_MACHINE);
  if (!r.ok) throw new Error(formatProblems(r.problems));
  return r.scenario;
}

describe('valid scenarios', () => {
  test('the fixtures include a minimal and a full scenario, in YAML and JSON', () => {
    expect(files).toEqual(expect.arrayContaining(['minimal.yaml', 'minimal.json', 'full.yaml', 'variant.yaml']));
  });

  test.each(files)('%s loads without problems', (file) => {
    expect(() => load(file)).not.toThrow();
  });

  test('the full fixture uses every section and every kind of lever, trajectory, churn and shock', () => {
    const s = load('full.yaml');
    const input = Scenario.shape;
    for (const key of Object.keys(input).filter((k) => k !== 'extends')) expect(readFileSync(`${dir}/full.yaml`, 'utf8')).toMatch(new RegExp(`^\\$?${key.replace('$', '')}:`, 'm'));
    expect(new Set(Object.values(s.levers).map((l) => l.kind)).size).toBe(9);
    expect(new Set(Object.values(s.pools).map((p) => p.wallet.trajectory.type))).toEqual(new Set(['cagr', 'logistic', 'points']));
    expect(new Set(Object.values(s.stresses).flatMap((st) => st.shocks.map((k) => k.kind))).size).toBe(5);
    expect(Object.values(s.segments).map((g) => ('annualRate' in g.churn ? 'homogeneous' : 'beta')).sort()).toEqual(['beta', 'homogeneous']);
  });

  test('minimal.yaml and minimal.json describe the same scenario', () => {
    const a = load('minimal.yaml');
    const b = load('minimal.json');
    expect({ ...b, meta: { ...b.meta, name: a.meta.name } }).toEqual(a);
  });

  test('defaults come from the schema', () => {
    const s = load('minimal.yaml');
    expect(s.meta.horizonMonths).toBe(60);
    expect(s.pools.core.kind).toBe('current');
    expect(s.strategies.nothing.budget).toEqual({ perYear: 0, allocation: {} });
  });

  test('extends: the child wins where it writes, the parent fills the rest, extends itself is resolved', () => {
    const r = loadScenarioWith('variant.yaml', host, FIXTURE_MACHINE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const parent = load('full.yaml');
    expect(r.files).toEqual(['variant.yaml', 'full.yaml']);
    expect(r.scenario.meta.horizonMonths).toBe(120);
    expect(r.scenario.meta.name).toBe('Full fixture, ten years');
    expect(r.scenario.meta.currency).toBe(parent.meta.currency);
    expect(r.scenario.pools.digital.costToServe).toBe(1.2);
    expect(r.scenario.pools.digital.marginRate).toEqual(parent.pools.digital.marginRate);
    expect(r.scenario).not.toHaveProperty('extends');
    expect(r.input).not.toHaveProperty('extends');
  });

  test('a child can repair a mistake of its parent', () => {
    const parentHost = {
      resolve: (_from: string, ref: string) => ref,
      read: (p: string) => {
        if (p !== 'parent.yaml') throw new Error('no such file');
        return readFileSync(`${dir}/minimal.yaml`, 'utf8').replace('marginRate: 0.3', 'marginRate: 3');
      },
    };
    const bad = parseScenarioText('extends: parent.yaml\n', 'child.yaml', { host: parentHost });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map(formatProblem)).toEqual(['parent.yaml:6:17  pools.core.marginRate  expected a number in [0, 1], found 3']);
    const fixed = parseScenarioText('extends: parent.yaml\npools:\n  core:\n    marginRate: 0.3\n', 'child.yaml', { host: parentHost });
    expect(fixed.ok).toBe(true);
  });

  test('normalisation is idempotent: a normalised scenario parses to itself', () => {
    for (const f of files) {
      const s = load(f);
      expect(Scenario.parse(s)).toEqual(s);
    }
  });

  test('every strategy of the full fixture sees a valid scenario, with its overrides applied', () => {
    const s = load('full.yaml');
    for (const id of Object.keys(s.strategies)) expect(() => scenarioForStrategy(s, id)).not.toThrow();
    const people = scenarioForStrategy(s, 'people-first');
    expect(people.workforce?.headcount).toBe(140);
    expect(people.pools.film.costToServe).toBe(1.8);
    expect(people.pools.film.marginRate).toBe(s.pools.film.marginRate);
  });
});

describe('pure entry points', () => {
  test('parseScenarioText without a host rejects extends at its position', () => {
    const r = parseScenarioText('meta: { name: x }\nextends: base.yaml\n', 'in-memory.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map(formatProblem)).toEqual([
        'in-memory.yaml:2:10  extends  expected a scenario without extends here (no file access to follow it), found "base.yaml"',
      ]);
    }
  });

  test('without machine memory the memory check is skipped; with it, it applies', () => {
    // 30 million customers: below the engine's hard limit (2^25), above 60% of a 2 GiB machine
    const text = readFileSync(fileURLToPath(new URL('./fixtures/invalid/memory.yaml', import.meta.url)), 'utf8').replace('600000000', '30000000');
    expect(parseScenarioText(text, 'memory.yaml').ok).toBe(true);
    expect(parseScenarioText(text, 'memory.yaml', { memory: { totalBytes: 2 ** 31, threads: 2 } }).ok).toBe(false);
    expect(parseScenarioText(text, 'memory.yaml', { memory: { totalBytes: 2 ** 40, threads: 2 } }).ok).toBe(true);
  });

  test('the memory estimate bounds initial customers, acquisitions (at most doubled by levers) and referrals over the horizon, per thread', () => {
    const s = load('minimal.yaml');
    const withAcq = Scenario.parse({
      ...s,
      meta: { ...s.meta, agentScale: 4, horizonMonths: 10 },
      segments: { everyone: { ...s.segments.everyone, acquisition: { prospectsPerMonth: 200, conversion: { dist: 'uniform', min: 0, max: 0.2 }, cost: 0 } } },
    });
    // (1000 + 2 × 10 × 200 × 0.2) / 4 = 450 customers (the largest conversion, doubled); 2 threads (20 replications ≥ 2).
    expect(estimateMemory(withAcq, 2)).toEqual({ customers: 450, threads: 2, bytes: 450 * 100 * 2 });
    // referrals: 1000 customers × (1 + 0.1)^10 steps, every customer a promoter
    const withReferrals = Scenario.parse({ ...s, meta: { ...s.meta, horizonMonths: 10 }, segments: { everyone: { ...s.segments.everyone, referralRate: 0.1 } } });
    expect(estimateMemory(withReferrals, 1).customers).toBe(Math.ceil(1000 * 1.1 ** 10));
    expect(estimateMemory({ ...withAcq, meta: { ...withAcq.meta, replications: 1 } }, 8).threads).toBe(1);
    expect([0.5, 1, 1.01, 2, 3, 7, 10, 11, 60].map(niceCeiling)).toEqual([1, 1, 2, 2, 5, 10, 10, 20, 100]);
  });

  test('readScenario throws a UserError listing every problem', () => {
    const path = fileURLToPath(new URL('./fixtures/invalid/probabilities.yaml', import.meta.url));
    let error: unknown;
    try {
      readScenario(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    const message = (error as UserError).message;
    expect(message.split('\n')).toHaveLength(5);
    expect(message).toContain(`${path} has 4 problems:`);
    expect(message).toContain(`${path}:6:17  pools.core.marginRate  expected a number in [0, 1], found 1.3`);
    expect((error as UserError).exitCode).toBe(2);
  });

  test('readScenario returns the normalised scenario of a valid file', () => {
    const s = readScenario(fileURLToPath(new URL('./fixtures/valid/minimal.yaml', import.meta.url)));
    expect(s.meta.name).toBe('Minimal');
  });
});

describe('formatting', () => {
  test('paths', () => {
    expect(formatPath(['pools', 'film', 'marginRate'])).toBe('pools.film.marginRate');
    expect(formatPath(['strategies', 'a', 'rules', 0, 'move'])).toBe('strategies.a.rules[0].move');
    expect(formatPath(['pools', '2nd pool'])).toBe('pools["2nd pool"]');
    expect(formatPath([])).toBe('');
  });

  test('problems: file:line:column  path  message, sorted by position', () => {
    const a = { file: 'b.yaml', line: 3, column: 5, path: 'x.y', message: 'm1' };
    const b = { file: 'b.yaml', line: 3, column: 2, path: 'x.z', message: 'm2' };
    const c = { file: 'a.yaml', line: 9, column: 1, path: '', message: 'syntax error: m3' };
    expect(formatProblem(a)).toBe('b.yaml:3:5  x.y  m1');
    expect(formatProblem(c)).toBe('a.yaml:9:1  syntax error: m3');
    expect(sortProblems([a, b, c])).toEqual([c, b, a]);
  });

  test('suggestions: close keys only', () => {
    expect(editDistance('flim', 'film')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(nearest('margn', ['marginRate', 'margin'])).toBe('margin');
    expect(nearest('colour', ['name', 'kind', 'wallet'])).toBeUndefined();
    expect(nearest('Levers', ['levers'])).toBe('levers');
    expect(nearest('ab', ['xy'])).toBeUndefined();
  });
});
