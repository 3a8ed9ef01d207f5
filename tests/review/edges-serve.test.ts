/**
 * Review of src/serve and src/web (review-edges): user strings from a scenario file must not
 * change the edited scenario the page validates, runs and downloads. Each test failed before
 * its fix (see /work/notes/review-edges.md).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { loadCatalog } from '../../src/serve/catalog.ts';
import { scenarioJsonSchema } from '../../src/scenario/json-schema.ts';
import { controlsFor } from '../../src/web/controls.ts';
import { editedText, validateEdited } from '../../src/web/edit.ts';
import { allowedHosts } from '../../src/serve/server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'cxsim-review-edges-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the edited scenario of the workshop page', () => {
  it('a multi-line scenario name stays in the header comment: the edited file validates and keeps the name', () => {
    const input = parse(readFileSync(join(root, 'scenarios/workshop-101.yaml'), 'utf8'));
    // a YAML block scalar gives a name with a newline; the second line looks like a key
    input.meta.name = 'Workshop\nreplications: 3';
    const file = join(tmp, 'two-line-name.yaml');
    writeFileSync(file, stringify(input));
    const [entry] = loadCatalog([file], { bundled: false });
    const specs = controlsFor(entry.scenario, scenarioJsonSchema(), ['baseline', Object.keys(entry.scenario.strategies)[1]]);
    const text = editedText(entry, specs, { values: {}, seed: entry.scenario.meta.seed, replications: entry.scenario.meta.replications });
    const r = validateEdited(text, 'edited.yaml');
    expect(r.ok, r.ok ? '' : JSON.stringify(r.problems)).toBe(true);
    if (r.ok) {
      expect(r.scenario.meta.name).toBe(entry.scenario.meta.name);
      expect(r.scenario.meta.replications).toBe(entry.scenario.meta.replications);
    }
    // every header line before the document is a comment
    const head = text.split('\n').slice(0, text.split('\n').findIndex((l) => !l.startsWith('#')));
    expect(text.split('\n')[head.length]).toMatch(/^meta:/);
  });
});

describe('the Host check of the workshop server', () => {
  // on port 80 a browser sends "Host: 127.0.0.1" (no port): the page was refused with 421
  it('on the default HTTP port accepts the Host a browser sends, without ":80"', () => {
    const hosts = allowedHosts('127.0.0.1', 80)!;
    for (const h of ['127.0.0.1', 'localhost', '[::1]', '127.0.0.1:80']) expect(hosts.has(h), h).toBe(true);
    expect(hosts.has('evil.example')).toBe(false);
  });
  it('on other ports still requires the port', () => {
    const hosts = allowedHosts('127.0.0.1', 8765)!;
    expect(hosts.has('127.0.0.1:8765')).toBe(true);
    expect(hosts.has('127.0.0.1')).toBe(false);
  });
});
