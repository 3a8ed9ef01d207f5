/**
 * `cxsim serve --export DIR`: the page as a static folder (index.html + a README) that works
 * offline from file:// — no server, no network; the worker is a classic script started from a
 * Blob, since module workers are blocked from file:// in Chromium. The folder is swapped in
 * whole like every command's (src/cli/output-folder.ts): an existing non-empty folder needs
 * --force and is replaced only when it holds what cxsim writes.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../cli/io.ts';
import { OutputFolder } from '../cli/output-folder.ts';
import type { CatalogEntry } from './catalog.ts';

export function exportFolder(dir: string, page: string, catalog: CatalogEntry[], force: boolean): string[] {
  const folder = OutputFolder.open(dir, { force });
  const readme = [
    'cxsim workshop page (static export)',
    '',
    'Open index.html in a browser (double-click it): it runs entirely on this computer,',
    'offline, with no server. Scenarios in this page:',
    ...catalog.map((e) => `  - ${e.name} (${e.file})`),
    '',
    'The page state is in the address after "#": copy the address to share the same settings.',
    '"Download this scenario" saves the edited scenario as YAML for `cxsim validate` / `cxsim compare`.',
    '',
  ].join('\n');
  writeFileAtomic(folder.path('index.html'), page);
  writeFileAtomic(folder.path('README.txt'), readme);
  folder.commit();
  return [join(dir, 'index.html'), join(dir, 'README.txt')];
}
