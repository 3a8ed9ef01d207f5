/**
 * Properties of loading, over random scenarios (fixed seeds):
 * - a valid scenario written as YAML or JSON and read back is the same scenario, and passes
 *   every cross-reference check (no false alarms);
 * - a scenario broken by random mutations never makes the loader throw: it yields problems
 *   (each placed in the file, with a message) or a valid scenario.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseScenarioText } from '../src/scenario/load.ts';
import { Scenario } from '../src/scenario/schema.ts';
import { formatProblems } from '../src/scenario/errors.ts';
import { mutatedScenario, validScenario } from './support/scenario-arbitrary.ts';

const machine = { memory: { totalBytes: 16 * 2 ** 30, threads: 2 } };

function roundTrip(text: string, file: string, input: unknown) {
  const r = parseScenarioText(text, file, machine);
  if (!r.ok) throw new Error(`${formatProblems(r.problems)}\n--- ${file}\n${text}`);
  expect(r.scenario).toEqual(Scenario.parse(input));
  expect(r.input).toEqual(input);
}

describe('round trips', () => {
  test('valid scenarios survive YAML write → parse unchanged', () => {
    fc.assert(
      fc.property(validScenario, (input) => roundTrip(stringify(input), 'random.yaml', input)),
      { seed: 20240601, numRuns: 150 },
    );
  });

  test('valid scenarios survive JSON write → parse unchanged', () => {
    fc.assert(
      fc.property(validScenario, (input) => roundTrip(JSON.stringify(input, null, 2), 'random.json', input)),
      { seed: 20240602, numRuns: 150 },
    );
  });
});

describe('mutations', () => {
  test('never throw: they give placed problems or a valid scenario', () => {
    let invalid = 0;
    fc.assert(
      fc.property(mutatedScenario, fc.boolean(), (input, asJson) => {
        const text = asJson ? JSON.stringify(input) ?? 'null' : stringify(input);
        const file = asJson ? 'mutated.json' : 'mutated.yaml';
        const lines = text.split('\n').length;
        const r = parseScenarioText(text, file, machine);
        if (r.ok) return;
        invalid++;
        expect(r.problems.length).toBeGreaterThan(0);
        for (const p of r.problems) {
          expect(p.file).toBe(file);
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lines);
          expect(p.column).toBeGreaterThanOrEqual(1);
          expect(p.message.length).toBeGreaterThan(0);
          expect(p.message).not.toMatch(/\u0000|Invalid input|undefined/);
        }
      }),
      { seed: 20240603, numRuns: 300 },
    );
    // the mutations do break most scenarios, so the property is not vacuous
    expect(invalid).toBeGreaterThan(150);
  });
});
