/**
 * Seam calibrate × robustness × compare: `cxsim calibrate --out fit` writes fit/scenario.yaml,
 * and output folders are replaced whole (src/cli/output-folder.ts). So
 * `cxsim compare fit/scenario.yaml --out fit --force` deleted the calibrated scenario, its
 * segments and fit report (every name there counts as something cxsim writes). A command must
 * refuse an output folder that holds a file it reads, and leave the folder as it was.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutputFolder } from '../../src/cli/output-folder.ts';
import { UserError } from '../../src/cli/io.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'cxsim-final-input-'));
  dirs.push(d);
  return d;
}

describe('an output folder that holds the command\'s input is refused', () => {
  it('OutputFolder.open with the input inside: UserError; outside or a missing folder: fine', () => {
    const root = tmp();
    const fit = join(root, 'fit');
    mkdirSync(fit);
    writeFileSync(join(fit, 'scenario.yaml'), 'x');
    expect(() => OutputFolder.open(fit, { force: true, inputs: [join(fit, 'scenario.yaml')] })).toThrow(UserError);
    const elsewhere = OutputFolder.open(join(root, 'other'), { force: true, inputs: [join(fit, 'scenario.yaml')] });
    elsewhere.discard();
  });

  it('cxsim compare fit/scenario.yaml --out fit --force: exit 2, the folder untouched', () => {
    const fit = join(tmp(), 'fit');
    mkdirSync(fit);
    copyFileSync('scenarios/workshop-101.yaml', join(fit, 'scenario.yaml'));
    writeFileSync(join(fit, 'fit.json'), '{}');
    const r = spawnSync(process.execPath, ['bin/cxsim.js', 'compare', join(fit, 'scenario.yaml'), '--replications', '2', '--threads', '1', '--out', fit, '--force'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/reads/);
    expect(readdirSync(fit).sort()).toEqual(['fit.json', 'scenario.yaml']);
    expect(existsSync(join(fit, 'scenario.yaml'))).toBe(true);
  });
});

describe('sweep: the same rule', () => {
  it('cxsim sweep fit/scenario.yaml --out fit --force: exit 2, the folder untouched', () => {
    const fit = join(tmp(), 'fit');
    mkdirSync(fit);
    copyFileSync('scenarios/workshop-101.yaml', join(fit, 'scenario.yaml'));
    const r = spawnSync(process.execPath, ['bin/cxsim.js', 'sweep', join(fit, 'scenario.yaml'), '--param', 'meta.discountRate=0.08,0.1', '--replications', '2', '--threads', '1', '--out', fit, '--force'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/reads/);
    expect(readdirSync(fit)).toEqual(['scenario.yaml']);
  });
});
