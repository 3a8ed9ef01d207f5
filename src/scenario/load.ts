/**
 * Loading a scenario: text (YAML or JSON) → `extends:` chain → deep merge → schema → cross
 * references, with every problem placed at the file, line and column where the offending
 * value was written. Pure: files are read through a `ScenarioHost` given by the caller (the
 * CLI's reads the disk, see src/cli/scenario-file.ts; tests and browsers pass their own).
 *
 * Problems come in stages, each reporting all of its problems at once: YAML syntax (per
 * file), then the schema, then the cross-reference checks (which need a scenario that
 * matches the schema, so they run once it does).
 */
import { deepMerge, isPlainObject } from './merge.ts';
import { Scenario } from './schema.ts';
import { crossref, type CrossrefOptions } from './crossref.ts';
import { formatPath, sortProblems, validateWithSchema, type Finding, type Problem } from './errors.ts';
import { describeValue } from './describe.ts';
import { locate, parseSource, type SourceFile } from './source.ts';
import { sizeProblems, textTooLarge } from './limits.ts';

/** How `extends:` paths are followed. */
export interface ScenarioHost {
  /** The path of `ref`, written in file `from`, relative to that file. */
  resolve(from: string, ref: string): string;
  /** The text of a file; throws an Error whose message says why it cannot be read. */
  read(path: string): string;
}

export interface LoadOptions extends CrossrefOptions {
  /** Needed to follow `extends:`; without it a file that extends another is a problem. */
  host?: ScenarioHost;
}

export type LoadResult =
  | {
      ok: true;
      /** The normalised scenario (every default applied). */
      scenario: Scenario;
      /** The merged scenario as written (before defaults), `extends` resolved and removed. */
      input: Record<string, unknown>;
      /** The file and its ancestors, the file first. */
      files: string[];
    }
  | { ok: false; problems: Problem[]; files: string[] };

/** Loads a scenario file through `host`. */
export function loadScenarioWith(path: string, host: ScenarioHost, options: CrossrefOptions = {}): LoadResult {
  let text: string;
  try {
    text = host.read(path);
  } catch (e) {
    return { ok: false, files: [path], problems: [{ file: path, line: 1, column: 1, path: '', message: `cannot read the file: ${(e as Error).message}` }] };
  }
  return parseScenarioText(text, path, { ...options, host });
}

/** Validates a scenario given as text; `fileName` names it in messages and anchors `extends:`. */
export function parseScenarioText(text: string, fileName: string, options: LoadOptions = {}): LoadResult {
  const chain = readChain(text, fileName, options.host);
  const files = chain.layers.map((l) => l.name);
  if (chain.problems.length > 0) return { ok: false, files, problems: sortProblems(chain.problems) };
  const layers = chain.layers;

  let merged: unknown = layers[layers.length - 1].data;
  for (let i = layers.length - 2; i >= 0; i--) merged = deepMerge(merged, layers[i].data);
  if (isPlainObject(merged) && typeof merged.extends === 'string') {
    const { extends: _resolved, ...rest } = merged;
    merged = rest;
  }

  const place = (f: Finding): Problem => ({ ...locate(layers, f.path, f.at ?? 'value'), path: formatPath(f.path), message: f.message });
  const parsed = validateWithSchema(Scenario, merged);
  if (!parsed.success) return { ok: false, files, problems: sortProblems(parsed.findings.map(place)) };
  const findings = crossref(parsed.data, options);
  if (findings.length > 0) return { ok: false, files, problems: sortProblems(findings.map(place)) };
  return { ok: true, scenario: parsed.data, input: merged as Record<string, unknown>, files };
}

/** The file and the files it extends, the file first; problems of reading any of them. */
function readChain(text: string, fileName: string, host: ScenarioHost | undefined): { layers: SourceFile[]; problems: Problem[] } {
  const tooLarge = textTooLarge(text, fileName);
  if (tooLarge) return { layers: [parseSource(fileName, '')].map((p) => p.source), problems: [tooLarge] };
  const first = parseSource(fileName, text);
  const layers = [first.source];
  if (first.problems.length > 0) return { layers, problems: first.problems };
  const firstSizes = sizeProblems(first.source);
  if (firstSizes.length > 0) return { layers, problems: firstSizes };
  const notAMap = rootProblem(first.source);
  if (notAMap) return { layers, problems: [notAMap] };
  for (;;) {
    const current = layers[layers.length - 1];
    const data = current.data;
    if (!isPlainObject(data) || typeof data.extends !== 'string') return { layers, problems: [] };
    const at = (message: string): Problem => ({ ...locate([current], ['extends']), path: 'extends', message });
    if (!host) return { layers, problems: [at('expected a scenario without extends here (no file access to follow it), found "' + data.extends + '"')] };
    const target = host.resolve(current.name, data.extends);
    const seen = layers.map((l) => l.name);
    if (seen.includes(target)) {
      const cycle = [...seen.slice(seen.indexOf(target)), target].join(' → ');
      return { layers, problems: [at(`extends cycle: ${cycle}`)] };
    }
    let parentText: string;
    try {
      parentText = host.read(target);
    } catch (e) {
      return { layers, problems: [at(`cannot read ${target}: ${(e as Error).message}`)] };
    }
    const parentTooLarge = textTooLarge(parentText, target);
    if (parentTooLarge) return { layers, problems: [at(`cannot read ${target}: ${parentTooLarge.message}`)] };
    const parent = parseSource(target, parentText);
    layers.push(parent.source);
    if (parent.problems.length > 0) return { layers, problems: parent.problems };
    const parentSizes = sizeProblems(parent.source);
    if (parentSizes.length > 0) return { layers, problems: parentSizes };
    const parentNotAMap = rootProblem(parent.source);
    if (parentNotAMap) return { layers, problems: [parentNotAMap] };
  }
}

/** A file whose content is not a map at all (empty, a list, a single value). */
function rootProblem(src: SourceFile): Problem | undefined {
  if (isPlainObject(src.data)) return undefined;
  const found = src.data === null || src.data === undefined ? 'an empty file' : describeValue(src.data);
  return { ...locate([src], []), path: '', message: `expected a scenario (a map with meta, pools, segments, journeys and strategies), found ${found}` };
}
