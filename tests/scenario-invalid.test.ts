/**
 * Every broken scenario in tests/fixtures/invalid/ gives exactly the problems listed for it in
 * expected.json: file, line, column, path and message, all of them, in order.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadScenarioWith } from '../src/scenario/load.ts';
import { formatProblem } from '../src/scenario/errors.ts';
import { FIXTURE_MACHINE, fixtureHost } from './support/fixture-host.ts';

const dir = fileURLToPath(new URL('./fixtures/invalid/', import.meta.url));
const expected: Record<string, string[]> = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8'));
const files = readdirSync(dir)
  .filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'expected.json')
  .sort();
const host = fixtureHost(dir);

describe('invalid scenarios', () => {
  test('there are at least 25 fixtures, YAML and JSON, and each has an expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
    expect(files.filter((f) => f.endsWith('.json')).length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(expected).sort()).toEqual(files);
  });

  test.each(files)('%s', (file) => {
    const result = loadScenarioWith(file, host, FIXTURE_MACHINE);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem)).toEqual(expected[file]);
    for (const p of result.problems) {
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.column).toBeGreaterThanOrEqual(1);
    }
  });

  test('a problem in a parent is placed in the parent, one in the child in the child', () => {
    const r = loadScenarioWith('child-of-bad-parent.yaml', host, FIXTURE_MACHINE);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.files).toEqual(['child-of-bad-parent.yaml', 'bad-parent.yaml']);
    expect(r.problems.map((p) => [p.file, p.path])).toEqual([
      ['bad-parent.yaml', 'pools.core.costToServe'],
      ['child-of-bad-parent.yaml', 'pools.core.marginRate'],
      ['child-of-bad-parent.yaml', 'pools.core.readiness.sd'],
      ['child-of-bad-parent.yaml', 'segments.everyone.wallet.core.mean'],
    ]);
  });
});
