/**
 * Seam robustness × finance: a strategy budget of 1e200 a year in the scenario file is refused
 * by the bounds that keep every accepted scenario finite (src/scenario/bounds.ts, lever spend),
 * but `cxsim optimise --budget 1e200` spent it anyway and wrote Infinity and -Infinity into
 * allocation.csv and gains.csv with exit 0. The --budget must meet the same bounds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { budgetProblems } from '../../src/finance/scenario-variant.ts';
import { readScenario } from '../../src/cli/scenario-file.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('optimise --budget meets the bounds of a scenario budget', () => {
  it('1e200 a year is a problem; the template\'s own budget is not', () => {
    const s = readScenario('scenarios/workshop-101.yaml');
    const template = Object.keys(s.strategies)[0];
    expect(budgetProblems(s, template, 1e200).length).toBeGreaterThan(0);
    expect(budgetProblems(s, template, 20000)).toEqual([]);
  });

  it('cxsim optimise --budget 1e200: exit 2 naming --budget, no output folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cxsim-final-budget-'));
    dirs.push(dir);
    const out = join(dir, 'o');
    const r = spawnSync(process.execPath, ['bin/cxsim.js', 'optimise', 'scenarios/workshop-101.yaml', '--budget', '1e200', '--search-replications', '2', '--replications', '2', '--chunks', '2', '--refinements', '0', '--threads', '1', '--out', out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--budget 1e200/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});
