/**
 * Plain-language phrases for error messages: what a schema expects ("a number in [0, 1] or a
 * distribution (...)") and what a value is ("a list of 3 items"). Read from the zod schema
 * itself, so the messages follow the schema without a second source of truth.
 */
import type { z } from 'zod';
import { ID_PATTERN } from './schema.ts';

type Schema = z.core.$ZodType;
// zod's definitions differ by type; this reads them uniformly.
type Def = Record<string, any> & { type: string };

const defOf = (s: Schema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Strips wrappers that do not change what a value must look like (optional, default, ...). */
export function unwrapSchema(s: Schema): Schema {
  for (;;) {
    const def = defOf(s);
    if (['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(def.type)) s = def.innerType;
    else if (def.type === 'pipe') s = def.in;
    else if (def.type === 'lazy') s = def.getter();
    else return s;
  }
}

/** Keys an object schema (or each object option of a union) accepts. */
export function objectKeys(s: Schema | undefined): string[] {
  if (!s) return [];
  const u = unwrapSchema(s);
  const def = defOf(u);
  if (def.type === 'object') return Object.keys(def.shape);
  if (def.type === 'union') return [...new Set<string>(def.options.flatMap((o: Schema) => objectKeys(o)))];
  return [];
}

const or = (parts: string[]): string =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;

const quote = (v: unknown): string => (typeof v === 'string' ? `"${v}"` : String(v));

interface NumberBounds {
  int: boolean;
  lo?: number;
  loInclusive: boolean;
  hi?: number;
  hiInclusive: boolean;
}

function numberBounds(def: Def): NumberBounds {
  const b: NumberBounds = { int: false, loInclusive: true, hiInclusive: true };
  for (const c of (def.checks ?? []) as Schema[]) {
    const cd = defOf(c) as Def & { check?: string };
    if (cd.check === 'number_format' && /int/.test(cd.format)) b.int = true;
    if (cd.check === 'greater_than' && (b.lo === undefined || cd.value >= b.lo)) {
      b.lo = cd.value;
      b.loInclusive = cd.inclusive;
    }
    if (cd.check === 'less_than' && (b.hi === undefined || cd.value <= b.hi)) {
      b.hi = cd.value;
      b.hiInclusive = cd.inclusive;
    }
  }
  return b;
}

function describeNumber(def: Def): string {
  const b = numberBounds(def);
  const base = b.int ? 'an integer' : 'a number';
  if (b.lo !== undefined && b.hi !== undefined) return `${base} in ${b.loInclusive ? '[' : '('}${b.lo}, ${b.hi}${b.hiInclusive ? ']' : ')'}`;
  if (b.lo !== undefined) return `${base} ${b.loInclusive ? '≥' : '>'} ${b.lo}`;
  if (b.hi !== undefined) return `${base} ${b.hiInclusive ? '≤' : '<'} ${b.hi}`;
  return base;
}

function checksOf(def: Def): Def[] {
  return ((def.checks ?? []) as Schema[]).map(defOf);
}

/** Options of a union, with nested unions flattened into one list. */
function unionOptions(s: Schema): Schema[] {
  const u = unwrapSchema(s);
  const def = defOf(u);
  if (def.type === 'union' && def.discriminator === undefined) return def.options.flatMap(unionOptions);
  return [u];
}

/** What a value of this schema must be, as a phrase ("a number ≥ 0", "one of "a", "b""). */
export function describeSchema(s: Schema | undefined, depth = 0): string {
  if (!s) return 'a valid value';
  const u = unwrapSchema(s);
  const def = defOf(u);
  switch (def.type) {
    case 'number':
      return describeNumber(def);
    case 'int':
      return 'an integer';
    case 'string': {
      const checks = checksOf(def);
      if (checks.some((c) => c.format === 'regex' && String(c.pattern) === String(ID_PATTERN))) {
        return 'an id (a letter, then letters, digits, "-" or "_")';
      }
      if (checks.some((c) => c.check === 'min_length' && c.minimum >= 1)) return 'a non-empty string';
      return 'a string';
    }
    case 'boolean':
      return 'true or false';
    case 'literal':
      return or((def.values as unknown[]).map(quote));
    case 'enum':
      return `one of ${or(Object.values(def.entries as Record<string, unknown>).map(quote))}`;
    case 'object': {
      const keys = Object.keys(def.shape);
      const shown = keys.length > 5 ? [...keys.slice(0, 5), '…'] : keys;
      return `an object {${shown.join(', ')}}`;
    }
    case 'record':
      return 'a map keyed by id';
    case 'array': {
      if (depth > 0) return 'a list';
      const el = unwrapSchema(def.element);
      const elDef = defOf(el);
      return `a list of ${elDef.type === 'tuple' || elDef.type === 'number' ? describeSchema(el, depth + 1) : `items (each ${describeSchema(el, depth + 1)})`}`;
    }
    case 'tuple':
      return `[${(def.items as Schema[]).map((i) => (defOf(unwrapSchema(i)).type === 'number' ? 'number' : describeSchema(i, depth + 1))).join(', ')}] pairs`;
    case 'union': {
      if (def.discriminator === 'dist') {
        if (depth > 0) return 'a distribution';
        const kinds = (def.options as Schema[]).map((o) => defOf(defOf(o).shape.dist).values[0] as string);
        return `a distribution (dist: ${or(kinds)})`;
      }
      if (def.discriminator !== undefined) {
        const d = def.discriminator as string;
        const kinds = (def.options as Schema[]).flatMap((o) => (defOf(unwrapSchema(defOf(unwrapSchema(o)).shape[d])).values ?? []) as unknown[]);
        return `an object with ${d}: ${or(kinds.map((k) => String(k)))}`;
      }
      const parts = [...new Set(unionOptions(u).map((o) => describeSchema(o, depth)))];
      return or(parts);
    }
    case 'unknown':
    case 'any':
      return 'any value';
    case 'null':
      return 'null';
    default:
      return `a ${def.type}`;
  }
}

/** What a found value is, as a phrase: `"abc"`, `2`, `a list of 3 items`, `an object {a, b}`. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing (the field is missing)';
  if (v === null) return 'an empty value';
  if (typeof v === 'string') return v.length > 40 ? `${JSON.stringify(v.slice(0, 37))}… (a string)` : JSON.stringify(v);
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return 'an empty list';
    const json = safeJson(v);
    return json !== undefined && json.length <= 30 ? json : `a list of ${v.length} item${v.length === 1 ? '' : 's'}`;
  }
  if (typeof v === 'object') {
    const keys = Object.keys(v as object);
    if (keys.length === 0) return 'an empty map';
    const shown = keys.length > 5 ? [...keys.slice(0, 5), '…'] : keys;
    return `an object {${shown.join(', ')}}`;
  }
  return typeof v;
}

function safeJson(v: unknown): string | undefined {
  try {
    return JSON.stringify(v);
  } catch {
    return undefined;
  }
}
