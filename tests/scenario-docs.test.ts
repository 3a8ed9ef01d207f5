/**
 * The generated docs are committed and must match the schema: docs/scenario.schema.json and
 * docs/scenario-reference.md are regenerated in memory and compared (run `npm run docs` to
 * refresh them). Every field of the JSON Schema has a description.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { generatedDocs } from '../scripts/gen-reference.ts';
import { scenarioJsonSchema } from '../src/scenario/json-schema.ts';
import { parseScenarioText } from '../src/scenario/load.ts';

type Json = Record<string, any>;

/** Every property (with its path) anywhere in a JSON Schema. */
function properties(node: unknown, path = '$'): [string, Json][] {
  if (Array.isArray(node)) return node.flatMap((n, i) => properties(n, `${path}[${i}]`));
  if (typeof node !== 'object' || node === null) return [];
  const out: [string, Json][] = [];
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === 'properties') for (const [name, prop] of Object.entries<Json>(v)) out.push([`${path}.${name}`, prop]);
    out.push(...properties(v, `${path}/${k}`));
  }
  return out;
}

describe('generated docs', () => {
  test.each(generatedDocs().map((d) => [d.path.replace(/.*\/docs\//, 'docs/'), d.text]))('%s is up to date (npm run docs)', (path, text) => {
    expect(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')).toBe(text);
  });

  test('every property of the JSON Schema has a description', () => {
    const props = properties(scenarioJsonSchema());
    expect(props.length).toBeGreaterThan(150);
    const missing = props.filter(([, p]) => typeof p.description !== 'string' || p.description.trim() === '').map(([path]) => path);
    expect(missing).toEqual([]);
  });

  test('the distribution schema is stored once and referenced everywhere else', () => {
    const schema = scenarioJsonSchema();
    const text = JSON.stringify(schema);
    expect(text.match(/"const":"triangular"/g)).toHaveLength(1);
    expect(text.match(/"\$ref":"#\/\$defs\/Distribution"/g)!.length).toBeGreaterThan(50);
    expect(schema.$defs.Distribution.oneOf).toHaveLength(6);
  });

  test('the reference lists every field path, with uncertain parameters marked', () => {
    const reference = generatedDocs()[1].text;
    for (const path of ['meta.horizonMonths', 'pools.<id>.marginRate', 'segments.<id>.churn{alpha, beta}.alpha', 'strategies.<id>.rules[].when.indicator', 'stresses.<id>.shocks[]{kind: recession}.walletFactor']) {
      expect(reference).toContain(`| \`${path}\` |`);
    }
    expect(reference).toMatch(/\| `pools\.<id>\.marginRate` \| number or distribution \| required \| \[0, 1\] \| yes \|/);
  });

  test('a scenario may name the schema with $schema', () => {
    const r = parseScenarioText(
      '$schema: ../docs/scenario.schema.json\nmeta: {name: x}\npools: {p: {marginRate: 0.1}}\nsegments: {s: {initialCustomers: 1, churn: {annualRate: 0.1}}}\njourneys: {j: {stages: {a: {}}}}\nstrategies: {b: {baseline: true}}\n',
      'x.yaml',
    );
    expect(r.ok).toBe(true);
  });
});
