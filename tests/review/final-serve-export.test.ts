/**
 * Seam robustness × serve: `cxsim serve --export DIR` writes a folder, so it follows the same
 * whole-folder rule as every other command (src/cli/output-folder.ts): a clear message (not a
 * stack trace) when DIR is a file, the old set or the new set and never a mix of two, and a
 * folder holding the user's own files is never replaced.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportFolder } from '../../src/serve/export.ts';
import { UserError } from '../../src/cli/io.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'cxsim-final-export-'));
  dirs.push(d);
  return d;
}

describe('serve --export uses the whole-folder rule', () => {
  it('a file given as the folder: one UserError, not an ENOTDIR stack trace', () => {
    const root = tmp();
    const file = join(root, 'page');
    writeFileSync(file, 'not a folder');
    let err: unknown;
    try {
      exportFolder(file, '<html></html>', [], true);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });

  it('re-exporting with --force replaces its own earlier export whole', () => {
    const out = join(tmp(), 'page');
    exportFolder(out, '<html>one</html>', [], false);
    exportFolder(out, '<html>two</html>', [], true);
    expect(readdirSync(out).sort()).toEqual(['README.txt', 'cxsim-output.json', 'index.html']);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('<html>two</html>');
  });

  it('a folder holding the user\'s own files is refused even with --force, and left as it was', () => {
    const out = join(tmp(), 'mine');
    exportFolder(out, '<html>one</html>', [], false);
    writeFileSync(join(out, 'notes.docx'), 'mine');
    expect(() => exportFolder(out, '<html>two</html>', [], true)).toThrow(UserError);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('<html>one</html>');
    expect(existsSync(join(out, 'notes.docx'))).toBe(true);
  });
});
