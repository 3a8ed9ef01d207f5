/**
 * Review of `cxsim calibrate` at the edge (review-edges): options that make the written
 * scenario invalid get one clear message and exit 2 — no stack trace, no output folder left
 * behind. These failed before their fix (see /work/notes/review-edges.md).
 */
import { afterAll, describe, expect, test } from 'vitest';
import { cxsimProcess as cxsim, noStack } from '../support/cli.ts';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const tmp = mkdtempSync(join(tmpdir(), 'cxsim-review-edges-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));


describe.concurrent('cxsim calibrate: options the scenario cannot hold', () => {
  test('--pool that is not an id: exit 2, a message naming --pool, no output folder', async () => {
    const out = join(tmp, 'pool');
    const r = await cxsim('calibrate', 'data/sbg-fader-hardie-2007.csv', '--model', 'sbg', '--periods', '7', '--pool', 'my pool', '--out', out);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--pool/);
    noStack(r.stderr);
    expect(existsSync(out)).toBe(false);
  });
  test('--horizon-months beyond the schema: exit 2, a message naming it, no output folder', async () => {
    const out = join(tmp, 'horizon');
    const r = await cxsim('calibrate', 'data/sbg-fader-hardie-2007.csv', '--model', 'sbg', '--periods', '7', '--horizon-months', '5000', '--out', out);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/horizon/i);
    noStack(r.stderr);
    expect(existsSync(out)).toBe(false);
  });
});
