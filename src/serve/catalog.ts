/**
 * The scenarios a workshop page offers: the files named on the command line (first, the
 * first is shown first) and the repository's bundled scenarios/*.yaml. They are read once,
 * here, when the server starts or the folder is exported; the browser receives them inside
 * the page and never names a file.
 */
import { readdirSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblems } from '../scenario/errors.ts';
import { loadScenario } from '../cli/scenario-file.ts';
import { UserError } from '../cli/io.ts';
import type { ScenarioEntry } from '../web/edit.ts';

export interface CatalogEntry extends ScenarioEntry {
  name: string;
  description: string;
}

export const BUNDLED_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** The bundled scenario files, in name order. */
export function bundledFiles(): string[] {
  return readdirSync(BUNDLED_DIR)
    .filter((f) => /\.(ya?ml|json)$/i.test(f))
    .sort()
    .map((f) => join(BUNDLED_DIR, f));
}

const stem = (file: string) => basename(file, extname(file)).replace(/[^A-Za-z0-9_-]+/g, '-') || 'scenario';

/**
 * Loads the given files (a problem is the user's: UserError with every problem listed) and,
 * unless `bundled` is false, the bundled ones (a bundled file that does not load is skipped
 * with a warning). The same file is listed once; ids are file stems, made unique.
 */
export function loadCatalog(files: string[], options: { bundled?: boolean; warn?: (m: string) => void } = {}): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  const seen = new Set<string>();
  const add = (file: string, shown: string, own: boolean) => {
    const abs = resolve(file);
    if (seen.has(abs)) return;
    seen.add(abs);
    const r = loadScenario(file, { threads: 1 });
    if (!r.ok) {
      if (own) throw new UserError(`${file} has ${r.problems.length === 1 ? 'a problem' : `${r.problems.length} problems`}:\n${formatProblems(r.problems)}`);
      options.warn?.(`skipping bundled scenario ${shown}: it does not validate`);
      return;
    }
    let id = stem(file);
    for (let k = 2; out.some((e) => e.id === id); k++) id = `${stem(file)}-${k}`;
    out.push({ id, file: shown, input: r.input, scenario: r.scenario, name: r.scenario.meta.name, description: r.scenario.meta.description });
  };
  for (const f of files) add(f, f, true);
  if (options.bundled !== false) for (const f of bundledFiles()) add(f, `scenarios/${basename(f)}`, false);
  return out;
}
