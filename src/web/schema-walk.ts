/**
 * Reading the scenario's JSON Schema (generated from the zod schema, src/scenario/json-schema.ts)
 * at a path of a concrete scenario: the description and numeric bounds of a field, so the
 * page's controls take their help text and their limits from the one schema, not from a
 * hand-written list. Pure: runs in the browser and in tests.
 */

type Json = Record<string, any>;

export interface FieldInfo {
  /** The field's description (the nearest one on the way down). */
  description: string;
  /** Inclusive or exclusive lower bound of a plain number, if any. */
  min?: number;
  max?: number;
  /** The lower bound is exclusive (value must be > min). */
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  integer: boolean;
}

function deref(root: Json, node: Json | undefined): Json | undefined {
  let n = node;
  for (let guard = 0; n && typeof n.$ref === 'string' && guard < 10; guard++) {
    const m = /^#\/\$defs\/(.+)$/.exec(n.$ref);
    n = m ? root.$defs?.[m[1]] : undefined;
  }
  return n;
}

const typeOf = (v: unknown): string => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'number' ? 'number' : typeof v);

/** Whether a (dereferenced) schema node can describe the value (shallowly: type, discriminator constants). */
function matches(root: Json, node: Json, value: unknown): boolean {
  const variants = node.anyOf ?? node.oneOf;
  if (Array.isArray(variants)) return variants.some((v: Json) => matches(root, deref(root, v) ?? {}, value));
  const t = typeOf(value);
  if (node.type === undefined) return true;
  if (node.type === 'integer') return t === 'number';
  if (node.type !== t) return false;
  if (t === 'object' && node.properties) {
    for (const [k, p] of Object.entries(node.properties as Record<string, Json>)) {
      if (p.const !== undefined && (value as Json)[k] !== p.const) return false;
    }
    for (const k of (node.required ?? []) as string[]) if (!((k as string) in (value as Json))) return false;
  }
  return true;
}

/** Narrows unions to the variant that describes `value`, keeping the nearest description. */
function narrow(root: Json, node: Json, value: unknown, description: string): { node: Json; description: string } {
  let n = deref(root, node) ?? {};
  let d = typeof n.description === 'string' ? n.description : description;
  for (let guard = 0; guard < 10; guard++) {
    const variants = n.anyOf ?? n.oneOf;
    if (!Array.isArray(variants)) break;
    const pick = variants.map((v: Json) => deref(root, v) ?? {}).find((v: Json) => matches(root, v, value));
    if (!pick) break;
    n = pick;
    if (typeof n.description === 'string') d = n.description;
  }
  return { node: n, description: d };
}

/**
 * The schema information of the field at `path` in `scenario` (an object as written or
 * normalised). Undefined when the path leaves the schema.
 */
export function fieldInfo(schema: Json, scenario: unknown, path: readonly string[]): FieldInfo | undefined {
  let value: unknown = scenario;
  let { node, description } = narrow(schema, schema, value, '');
  path.forEach((key, k) => {
    const child = node?.properties?.[key] ?? (typeof node?.additionalProperties === 'object' ? node.additionalProperties : undefined);
    if (!child) return void (node = undefined as unknown as Json);
    value = value !== null && typeof value === 'object' ? (value as Json)[key] : undefined;
    // an uncertain parameter (a distribution) or a field not written yet is read as its plain-number variant, for the bounds
    const last = k === path.length - 1;
    const probe = last && (value === undefined || (value !== null && typeof value === 'object' && 'dist' in (value as Json))) ? 0 : value;
    ({ node, description } = narrow(schema, child, probe, ''));
  });
  if (!node) return undefined;
  const num = node.type === 'number' || node.type === 'integer';
  return {
    description,
    min: num ? (node.minimum ?? node.exclusiveMinimum) : undefined,
    max: num ? (node.maximum ?? node.exclusiveMaximum) : undefined,
    exclusiveMin: num && node.exclusiveMinimum !== undefined,
    exclusiveMax: num && node.exclusiveMaximum !== undefined,
    integer: node.type === 'integer',
  };
}
