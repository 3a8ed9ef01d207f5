/**
 * Deep merge used by `extends:` (a file over its parent) and by strategy `overrides`
 * (a strategy over the scenario). Plain objects (including id-keyed maps) merge key by
 * key; arrays, numbers, strings and distributions are replaced whole. A distribution
 * object (it has a `dist` key) is a value, not a map, so it is never merged field-wise.
 */
export type Plain = Record<string, unknown>;

export function isPlainObject(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

export function deepMerge<T>(base: T, over: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(over) || 'dist' in over || 'dist' in base) {
    return (over === undefined ? base : over) as T;
  }
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = k in base ? deepMerge((base as Plain)[k], v) : v;
  }
  return out as T;
}

/**
 * The value of an id-keyed map for a key, only if the map has it as its own key: ids are
 * user text, and a plain lookup of an id such as "constructor" would find Object.prototype's.
 */
export function own<T>(map: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}
