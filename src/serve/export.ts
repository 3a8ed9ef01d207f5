/**
 * `cxsim serve --export DIR`: the page as a static folder (index.html + a README) that works
 * offline from file:// — no server, no network; the worker is a classic script started from a
 * Blob, since module workers are blocked from file:// in Chromium. Files are written
 * atomically; an existing non-empty folder needs --force.
 */
import { join } from 'node:path';
import { prepareOutDir, writeFileAtomic } from '../cli/io.ts';
import type { CatalogEntry } from './catalog.ts';

export function exportFolder(dir: string, page: string, catalog: CatalogEntry[], force: boolean): string[] {
  prepareOutDir(dir, force);
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
  const files = [join(dir, 'index.html'), join(dir, 'README.txt')];
  writeFileAtomic(files[0], page);
  writeFileAtomic(files[1], readme);
  return files;
}
