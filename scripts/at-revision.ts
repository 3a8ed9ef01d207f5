/**
 * For benchmarks that compare this tree with another version of some files in one process
 * (alternating rounds): `importAtRevision(rev, 'src/engine/clv-summary.ts', ['src/engine/sorted-order.ts'])`
 * writes those files as they are at git revision `rev` to scripts/.at-revision/ and imports the
 * first. Their relative imports of each other point at the copies; every other relative import
 * points at this tree's file, so only the named files differ. The folder is removed at exit.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'scripts', '.at-revision');
let cleanup = false;

export async function importAtRevision<T>(rev: string, path: string, alsoAtRevision: string[] = []): Promise<T> {
  const copies = new Map([path, ...alsoAtRevision].map((p) => [p, join(dir, rev.replace(/[^A-Za-z0-9_-]/g, '_'), p.replace(/\//g, '__'))]));
  for (const [p, file] of copies) {
    const text = execFileSync('git', ['show', `${rev}:${p}`], { cwd: root, encoding: 'utf8' });
    const rewritten = text.replace(/(from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g, (_m, head: string, spec: string) => {
      const targetInRepo = relative(root, join(root, dirname(p), spec)).replace(/\\/g, '/');
      const target = copies.get(targetInRepo) ?? join(root, targetInRepo);
      const rel = relative(dirname(file), target).replace(/\\/g, '/');
      return `${head}'${rel.startsWith('.') ? rel : `./${rel}`}'`;
    });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, rewritten);
  }
  if (!cleanup) {
    cleanup = true;
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return (await import(pathToFileURL(copies.get(path)!).href)) as T;
}
