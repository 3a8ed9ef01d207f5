/**
 * Parameters of a scenario addressed by a dotted path, as written on the command line and in
 * outputs: `pools.digital.bass.q`, `strategies.balanced.budget.perYear`,
 * `strategies.adaptive.rules.0.when.above` (an array index may also be written `[0]`).
 * Reading and pure, copy-on-write setting; nothing else of the scenario is touched.
 */

/** `rules[0].move` → ["rules", "0", "move"]. */
export function splitPath(path: string): string[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '');
}

/** The value at `path`, or undefined when any step is missing. */
export function getAtPath(root: unknown, path: string): unknown {
  let v: unknown = root;
  for (const key of splitPath(path)) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** The longest prefix of `path` that exists in `root` (for "did you mean" messages). */
export function existingPrefix(root: unknown, path: string): string {
  const keys = splitPath(path);
  let v: unknown = root;
  const ok: string[] = [];
  for (const key of keys) {
    if (typeof v !== 'object' || v === null || !(key in (v as object))) break;
    v = (v as Record<string, unknown>)[key];
    ok.push(key);
  }
  return ok.join('.');
}

/**
 * A copy of `root` with `value` at `path`: objects and arrays along the path are copied, the
 * rest is shared. Every step but the last must exist (a typo must not create a new branch).
 */
export function setAtPath<T>(root: T, path: string, value: unknown): T {
  const keys = splitPath(path);
  if (keys.length === 0) throw new RangeError('setAtPath: empty path');
  const set = (node: unknown, i: number): unknown => {
    if (typeof node !== 'object' || node === null) throw new RangeError(`no ${keys.slice(0, i).join('.')} to set ${path} in`);
    const key = keys[i];
    const copy: Record<string, unknown> = Array.isArray(node) ? ([...node] as unknown as Record<string, unknown>) : { ...(node as Record<string, unknown>) };
    copy[key] = i === keys.length - 1 ? value : set((node as Record<string, unknown>)[key], i + 1);
    return copy;
  };
  return set(root, 0) as T;
}
