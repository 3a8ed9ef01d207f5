/**
 * The JSON Schema of scenario files, for editors (completion, hover help, red squiggles) and
 * other tools. Generated from the zod schema, as written by users (`io: 'input'`: fields
 * with defaults are optional). The distribution schema, repeated at every uncertain
 * parameter, is stored once in `$defs.Distribution`.
 */
import { z } from 'zod';
import { Distribution, Scenario } from './schema.ts';

type Json = Record<string, any>;

export const SCHEMA_TITLE = 'cxsim scenario';

export function scenarioJsonSchema(): Json {
  const isDistribution = (s: unknown): boolean => {
    const def = (s as { _zod?: { def?: Json } })?._zod?.def;
    return def?.type === 'union' && def.discriminator === 'dist';
  };
  const schema = z.toJSONSchema(Scenario, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      if (isDistribution(ctx.zodSchema)) {
        for (const k of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Json)[k];
        (ctx.jsonSchema as Json).$ref = '#/$defs/Distribution';
      }
    },
  }) as Json;
  const distribution = z.toJSONSchema(Distribution, { io: 'input' }) as Json;
  delete distribution.$schema;
  describeDiscriminators(distribution);
  describeDiscriminators(schema);
  const { $schema, ...rest } = schema;
  return { $schema, title: SCHEMA_TITLE, ...rest, $defs: { ...(schema.$defs ?? {}), Distribution: distribution } };
}

/** The schema as the text of docs/scenario.schema.json (two-space indent, trailing newline). */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

/**
 * The selector field of each variant of a tagged union (`type: cagr`, `dist: normal`,
 * `kind: recession`) gets the variant's description, so every field is documented.
 */
function describeDiscriminators(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(describeDiscriminators);
  if (typeof node !== 'object' || node === null) return;
  const n = node as Json;
  for (const variant of (n.oneOf ?? n.anyOf ?? []) as Json[]) {
    for (const [key, prop] of Object.entries((variant.properties ?? {}) as Record<string, Json>)) {
      if (prop.const !== undefined && prop.description === undefined) {
        prop.description = `${key}: "${prop.const}" selects this variant. ${variant.description ?? ''}`.trim();
      }
    }
  }
  for (const v of Object.values(n)) describeDiscriminators(v);
}
