/**
 * --force replaces only a folder that is exactly cxsim's: every output folder cxsim commits holds
 * a manifest (cxsim-output.json) listing its entries, and a folder is replaced only when its
 * manifest is cxsim's and lists everything in it. A user's folder of CSVs and JSON files — the
 * extensions cxsim writes — is refused with one message, with or without --force, and left as it was.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MANIFEST_FILE, OutputFolder, readManifest } from '../../src/cli/output-folder.ts';
import { UserError } from '../../src/cli/io.ts';
import { SMALL_FIXTURE } from '../helpers/small-comparison.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const base = mkdtempSync(join(tmpdir(), 'cxsim-manifest-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(base, `case-${n++}`);

/** Every file of a folder (one level) with its content. */
const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

/** Writes a set the way the commands do: files through path(), then commit(). */
function writeSet(dir: string, files: Record<string, string>, options: { force: boolean } = { force: true }, folders: string[] = []): void {
  const f = OutputFolder.open(dir, options);
  for (const d of folders) mkdirSync(join(f.staging, d));
  for (const [name, text] of Object.entries(files)) writeFileSync(f.path(name), text);
  f.commit();
}

const refusal = (dir: string, force: boolean): string => {
  try {
    OutputFolder.open(dir, { force }).discard();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error(`${dir} was not refused`);
};

describe('the manifest', () => {
  it('every committed set lists its entries (folders with a trailing /) in cxsim-output.json', () => {
    const dir = fresh();
    writeSet(dir, { 'summary.json': '{}', 'headline.csv': 'a\n' }, { force: false }, ['cells']);
    expect(readdirSync(dir).sort()).toEqual(['cells', MANIFEST_FILE, 'headline.csv', 'summary.json'].sort());
    const m = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8'));
    expect(m).toEqual({ kind: 'cxsim output folder', format: 1, entries: ['cells/', 'headline.csv', 'summary.json'] });
    const read = readManifest(dir);
    expect('entries' in read && [...read.entries]).toEqual(['cells/', 'headline.csv', 'summary.json']);
  });

  it('--force replaces cxsim’s own folder whole, and without --force it is refused with the hint to add it', () => {
    const dir = fresh();
    writeSet(dir, { 'summary.json': '{"run":1}', 'old.csv': 'x\n' });
    expect(refusal(dir, false)).toMatch(/already holds files \(cxsim's results\); choose another --out or add --force/);
    writeSet(dir, { 'summary.json': '{"run":2}' });
    expect(readdirSync(dir).sort()).toEqual([MANIFEST_FILE, 'summary.json']);
    expect(readFileSync(join(dir, 'summary.json'), 'utf8')).toBe('{"run":2}');
  });

  it('an empty folder needs no --force', () => {
    const dir = fresh();
    mkdirSync(dir);
    writeSet(dir, { 'a.csv': '1\n' }, { force: false });
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('1\n');
  });
});

describe('a user’s folder is never replaced, even with --force', () => {
  it('unrelated CSV and JSON files without a manifest: refused, named, untouched (with or without --force)', () => {
    const dir = fresh();
    mkdirSync(dir);
    writeFileSync(join(dir, 'sales-2025.csv'), 'customer,amount\n1,20\n');
    writeFileSync(join(dir, 'budget.json'), '{"cx": 12000}');
    const before = snapshot(dir);
    for (const force of [true, false]) {
      const msg = refusal(dir, force);
      expect(msg).toMatch(/holds files that are not known to be cxsim's \(budget\.json, sales-2025\.csv\) and no cxsim-output\.json, the manifest cxsim writes into every output folder/);
      expect(msg).not.toMatch(/--force/); // adding --force would not help
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('cxsim’s folder with the user’s CSV added afterwards: refused, the CSV named', () => {
    const dir = fresh();
    writeSet(dir, { 'summary.json': '{}' });
    writeFileSync(join(dir, 'my-notes.csv'), 'keep,me\n');
    mkdirSync(join(dir, 'drafts'));
    const msg = refusal(dir, true);
    expect(msg).toMatch(/holds things cxsim did not write \((drafts, my-notes\.csv|my-notes\.csv, drafts): not in its cxsim-output\.json\)/);
    expect(readFileSync(join(dir, 'my-notes.csv'), 'utf8')).toBe('keep,me\n');
  });

  it('a cxsim-output.json that is not cxsim’s manifest does not make a folder cxsim’s', () => {
    for (const text of ['{}', '{"kind":"cxsim output folder","format":1,"entries":"data.csv"}', 'not json', '{"kind":"something else","format":1,"entries":["data.csv"]}']) {
      const dir = fresh();
      mkdirSync(dir);
      writeFileSync(join(dir, MANIFEST_FILE), text);
      writeFileSync(join(dir, 'data.csv'), '1\n');
      expect(refusal(dir, true), text).toMatch(/not known to be cxsim's \(data\.csv\) and cxsim-output\.json (is not|does not read as) cxsim's manifest/);
      expect(readFileSync(join(dir, 'data.csv'), 'utf8')).toBe('1\n');
    }
  });

  it('cxsim compare --out <a folder of the user’s CSVs> --force: one message, exit 2, nothing simulated or changed', () => {
    const dir = fresh();
    mkdirSync(dir);
    writeFileSync(join(dir, 'customers.csv'), 'id\n1\n');
    const r = spawnSync(process.execPath, ['bin/cxsim.js', 'compare', SMALL_FIXTURE, '--replications', '2', '--threads', '1', '--out', dir, '--force'], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '1' } });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^cxsim: .*holds files that are not known to be cxsim's \(customers\.csv\) and no cxsim-output\.json/);
    expect(readdirSync(dir)).toEqual(['customers.csv']);
  });
});
