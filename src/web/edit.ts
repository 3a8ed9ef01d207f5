/**
 * The edited scenario: the file as written with the page's changes (sliders, seed,
 * replications), as YAML text — what "download this scenario" saves and what the page
 * itself validates with the loader of `cxsim validate` (src/scenario/load.ts) before running,
 * so the downloaded file is exactly the one whose numbers the page shows. Pure.
 */
import { stringify } from 'yaml';
import { parseScenarioText, type LoadResult } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';
import { applyControls, type ControlSpec } from './controls.ts';

type Json = Record<string, any>;

export interface ScenarioEntry {
  /** Id in the picker and the URL (the file name without extension). */
  id: string;
  /** The file as named on the command line or in the repository. */
  file: string;
  /** The scenario as written, `extends` resolved. */
  input: Json;
  /** The normalised scenario. */
  scenario: Scenario;
}

export interface Edit {
  values: Record<string, number>;
  seed: number;
  replications: number;
  /** A stress of the scenario applied in the page ("none" or absent: none); noted in the header, since a stress is chosen per run, not in the file. */
  stress?: string;
}

/** The edited scenario as written (a copy; the entry is not changed). */
export function editedInput(entry: ScenarioEntry, specs: ControlSpec[], edit: Edit): Json {
  const out = applyControls(entry.input, entry.scenario, specs, edit.values);
  delete out.$schema;
  delete out.extends;
  out.meta = { ...out.meta };
  if (edit.seed !== entry.scenario.meta.seed) out.meta.seed = edit.seed;
  if (edit.replications !== entry.scenario.meta.replications) out.meta.replications = edit.replications;
  return out;
}

/** YAML text of the edited scenario, with a header saying where it came from. */
export function editedText(entry: ScenarioEntry, specs: ControlSpec[], edit: Edit, link = ''): string {
  const changed = Object.keys(edit.values).filter((id) => specs.some((s) => s.id === id && s.initial !== edit.values[id]));
  const header = [
    `# ${entry.scenario.meta.name} — edited in the cxsim workshop page from ${entry.file}.`,
    changed.length > 0 ? `# Changed: ${changed.join(', ')}.` : '# No slider changed.',
    ...(edit.stress && edit.stress !== 'none' ? [`# The page applied the stress "${edit.stress}" to both strategies; \`cxsim stress FILE --stresses ${edit.stress}\` runs it.`] : []),
    ...(link ? [`# Page link: ${link}`] : []),
    '# Check it with `cxsim validate FILE`; compare with `cxsim compare FILE`.',
  ]
    // a name or file with a line break must not end its comment line (the rest would be YAML)
    .map((line) => `${line.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ')}\n`)
    .join('');
  return header + stringify(editedInput(entry, specs, edit), { lineWidth: 0 });
}

/** Validates the edited text exactly as `cxsim validate` does (schema + cross references). */
export function validateEdited(text: string, name: string): LoadResult {
  return parseScenarioText(text, name);
}
