/**
 * The scenario default of `compare --precision` (meta.precision in src/scenario/schema.ts):
 * a scenario with it runs adaptive replications and says the target came from the file;
 * --precision and --max-replications override it, --replications turns it off; bad values get
 * one message with file:line:column and exit code 2. In process, one thread, on the small
 * compare fixture (300 agents, 24 months), without attribution.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noStack, runCli } from '../support/cli.ts';
import { SMALL_FIXTURE } from '../helpers/small-comparison.ts';
import { MIN_FIRST_BATCH } from '../../src/metrics/sequential-stop.ts';
import { scenarioJsonSchema } from '../../src/scenario/json-schema.ts';
import { readScenario } from '../../src/cli/scenario-file.ts';

let dir: string;
const fixture = readFileSync(SMALL_FIXTURE, 'utf8');
/** The small fixture with `lines` added to its meta block (after `agentScale`, so from line 12), written to the temp folder. */
function withMeta(name: string, lines: string): string {
  const text = fixture.replace(/^(  agentScale: .*\n)/m, `$1${lines}`);
  expect(text).not.toBe(fixture);
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}
const compare = (file: string, out: string, ...extra: string[]) =>
  runCli(['compare', file, '--threads', '1', '--no-attribution', '--format', 'json', '--out', join(dir, out), ...extra]);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cxsim-precision-default-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('meta.precision: the scenario default of compare --precision', () => {
  it('is normalised with its default cap, and its least cap is the first batch of the stopping rule', () => {
    const file = withMeta('normalised.yaml', '  precision: { halfWidth: 5e5 }\n');
    expect(readScenario(file).meta.precision).toEqual({ halfWidth: 5e5, maxReplications: 200 });
    const meta = (scenarioJsonSchema() as any).properties.meta.properties.precision;
    expect(meta.properties.maxReplications.minimum).toBe(MIN_FIRST_BATCH);
  });

  it('runs adaptively when the scenario sets it, and says where the target came from', async () => {
    // a target every difference meets at once: one batch, stopped by precision
    const file = withMeta('wide.yaml', '  precision:\n    halfWidth: 1e12\n    maxReplications: 30\n');
    const r = await compare(file, 'wide');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.adaptiveReplications.replications).toBe(MIN_FIRST_BATCH);
    expect(summary.adaptiveReplications.stoppedBy).toBe('precision');
    expect(summary.scenario.replications).toBe(MIN_FIRST_BATCH); // not meta.replications (3)
    expect(r.stderr).toContain(`from meta.precision.halfWidth of ${file}`);
    expect(r.stderr).toContain('at most 30 per strategy');
  });

  it('a target no run can meet stops by the ranking or at the scenario cap', async () => {
    const file = withMeta('narrow.yaml', '  precision:\n    halfWidth: 0.001\n    maxReplications: 20\n');
    const r = await compare(file, 'narrow');
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout).adaptiveReplications;
    expect(['ranking', 'cap']).toContain(a.stoppedBy);
    expect(a.replications).toBeLessThanOrEqual(20);
    if (a.stoppedBy === 'cap') expect(a.replications).toBe(20);
  });

  it('--precision and --max-replications override it; --replications turns it off', async () => {
    const file = withMeta('override.yaml', '  precision:\n    halfWidth: 0.001\n    maxReplications: 20\n');
    const flag = await compare(file, 'flag', '--precision', '1e12');
    expect(flag.code, flag.stderr).toBe(0);
    const a = JSON.parse(flag.stdout).adaptiveReplications;
    expect([a.replications, a.stoppedBy]).toEqual([MIN_FIRST_BATCH, 'precision']);
    expect(flag.stderr).not.toContain('meta.precision');

    const capped = await compare(file, 'capped', '--max-replications', String(MIN_FIRST_BATCH));
    expect(capped.code, capped.stderr).toBe(0);
    expect(JSON.parse(capped.stdout).adaptiveReplications.replications).toBe(MIN_FIRST_BATCH);
    expect(capped.stderr).toContain(`at most ${MIN_FIRST_BATCH} per strategy`);

    const fixed = await compare(file, 'fixed', '--replications', '4');
    expect(fixed.code, fixed.stderr).toBe(0);
    const summary = JSON.parse(fixed.stdout);
    expect(summary.adaptiveReplications).toBeUndefined();
    expect(summary.scenario.replications).toBe(4);
  });

  it.each([
    ['a negative target', '  precision:\n    halfWidth: -5\n', 'meta.precision.halfWidth', 13, 16],
    ['a cap below one batch', '  precision:\n    halfWidth: 1e6\n    maxReplications: 5\n', 'meta.precision.maxReplications', 14, 22],
    ['a missing target', '  precision:\n    maxReplications: 50\n', 'meta.precision.halfWidth', 12, 3],
    ['an unknown key', '  precision:\n    halfWidth: 1e6\n    target: 3\n', 'meta.precision.target', 14, 5],
  ])('%s: one message with file:line:column, exit 2', async (_what, lines, path, line, column) => {
    const file = withMeta(`bad-${line}-${column}.yaml`, lines);
    const r = await compare(file, `bad-${line}-${column}`);
    expect(r.code).toBe(2);
    noStack(r.stderr);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${file}:${line}:${column}`);
    expect(r.stderr).toContain(path);
    expect(r.stdout).toBe('');
  });
});
