/**
 * Size limits on scenario input (issue 10, item 4), checked before the schema so hostile or
 * accidental input stays cheap to validate: every later stage (schema, "did you mean",
 * cross references, the engine) is then bounded by these sizes.
 *
 * - MAX_SCENARIO_BYTES: a scenario file (or text) of at most 8 MiB. The bundled scenarios are
 *   under 20 KiB; 8 MiB still holds an empirical list of MAX_LIST_ITEMS values written out.
 * - MAX_STRING_CHARS: names, descriptions and other texts of at most 10 000 characters.
 * - MAX_KEY_CHARS: keys and ids of at most 256 characters.
 * - MAX_LIST_ITEMS: lists of at most 100 000 items (an empirical distribution is drawn once per
 *   replication, so more values than replications add nothing).
 * - MAX_ENTRIES: at most 100 000 keys in one map (segments are limited to 255 anyway).
 */
import type { Problem, PathSegment } from './errors.ts';
import { formatPath } from './errors.ts';
import { locate, type SourceFile } from './source.ts';

export const MAX_SCENARIO_BYTES = 8 * 2 ** 20;
export const MAX_STRING_CHARS = 10_000;
export const MAX_KEY_CHARS = 256;
export const MAX_LIST_ITEMS = 100_000;
export const MAX_ENTRIES = 100_000;

const n = (x: number) => x.toLocaleString('en-US');

/** A problem for a text over MAX_SCENARIO_BYTES (characters count as at least one byte each), or undefined. */
export function textTooLarge(text: string, file: string): Problem | undefined {
  if (text.length <= MAX_SCENARIO_BYTES) return undefined;
  return { file, line: 1, column: 1, path: '', message: `expected a scenario of at most ${n(MAX_SCENARIO_BYTES)} bytes (8 MiB), found ${n(text.length)} characters` };
}

/** Strings, keys, lists and maps over the limits in one parsed file (at most 20 problems, then it stops). */
export function sizeProblems(src: SourceFile): Problem[] {
  const found: { path: PathSegment[]; message: string; at: 'key' | 'value' }[] = [];
  const walk = (v: unknown, path: PathSegment[]) => {
    if (found.length >= 20) return;
    if (typeof v === 'string') {
      if (v.length > MAX_STRING_CHARS) found.push({ path, at: 'value', message: `expected a text of at most ${n(MAX_STRING_CHARS)} characters, found ${n(v.length)}` });
    } else if (Array.isArray(v)) {
      if (v.length > MAX_LIST_ITEMS) found.push({ path, at: 'value', message: `expected a list of at most ${n(MAX_LIST_ITEMS)} items, found ${n(v.length)}` });
      else for (let i = 0; i < v.length; i++) walk(v[i], [...path, i]);
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      if (keys.length > MAX_ENTRIES) {
        found.push({ path, at: 'key', message: `expected a map of at most ${n(MAX_ENTRIES)} entries, found ${n(keys.length)}` });
        return;
      }
      for (const k of keys) {
        if (k.length > MAX_KEY_CHARS) {
          // the key itself is not echoed: only its length and where it is
          found.push({ path, at: 'key', message: `expected keys of at most ${n(MAX_KEY_CHARS)} characters, found one of ${n(k.length)} (starting "${k.slice(0, 20)}…")` });
          continue;
        }
        walk((v as Record<string, unknown>)[k], [...path, k]);
      }
    }
  };
  walk(src.data, []);
  return found.map((f) => ({ ...locate([src], f.path, f.at), path: formatPath(f.path), message: f.message }));
}
