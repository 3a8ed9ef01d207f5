/**
 * `npm run docs`: writes docs/scenario.schema.json (the JSON Schema of scenario files) and
 * docs/scenario-reference.md (every field with its type, default, bounds and description),
 * both generated from src/scenario/schema.ts. tests/scenario-docs.test.ts fails when the
 * committed files are out of date.
 */
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../src/cli/io.ts';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../src/scenario/json-schema.ts';
import { renderReference } from './scenario-reference.ts';

export const REFERENCE_PATH = fileURLToPath(new URL('../docs/scenario-reference.md', import.meta.url));
export const SCHEMA_PATH = fileURLToPath(new URL('../docs/scenario.schema.json', import.meta.url));

export function generatedDocs(): { path: string; text: string }[] {
  return [
    { path: SCHEMA_PATH, text: scenarioJsonSchemaText() },
    { path: REFERENCE_PATH, text: renderReference(scenarioJsonSchema()) },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const { path, text } of generatedDocs()) {
    writeFileAtomic(path, text);
    process.stdout.write(`wrote ${path}\n`);
  }
}
