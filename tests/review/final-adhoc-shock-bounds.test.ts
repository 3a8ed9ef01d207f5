/**
 * Seam robustness × finance: a named stress in the scenario passes the bounds that keep every
 * accepted scenario finite (src/scenario/bounds.ts: recession wallet factor, pool collapse
 * factor), but `cxsim stress --shock` added the same shocks without them — a recession factor
 * of 1e300 wrote Infinity and -Infinity into stress-cells.csv and robustness.csv with exit 0.
 * Ad-hoc shocks must meet the same bounds: one clear message naming the --shock, exit 2, and
 * nothing written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adhocShockProblems } from '../../src/finance/scenario-variant.ts';
import { readScenario } from '../../src/cli/scenario-file.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('ad-hoc --shock meets the bounds of a named stress', () => {
  const scenario = readScenario('scenarios/workshop-101.yaml');

  it('an overflowing recession factor is a problem naming its field; a plausible one is not', () => {
    const bad = adhocShockProblems(scenario, [{ kind: 'recession', fromMonth: 12, walletFactor: 1e300 }]);
    expect(bad.length).toBeGreaterThan(0);
    expect(bad[0]).toMatch(/walletFactor|wallet/);
    expect(adhocShockProblems(scenario, [{ kind: 'recession', fromMonth: 12, walletFactor: 0.85 }])).toEqual([]);
  });

  it('cxsim stress --shock "recession:1e300@12": exit 2, the --shock named, no output folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cxsim-final-shock-'));
    dirs.push(dir);
    const out = join(dir, 'o');
    const r = spawnSync(process.execPath, ['bin/cxsim.js', 'stress', 'scenarios/workshop-101.yaml', '--shock', 'recession:1e300@12', '--replications', '2', '--threads', '1', '--out', out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--shock "recession:1e300@12"/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out)).toBe(false);
  });
});
