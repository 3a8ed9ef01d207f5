/**
 * Safe code generation for the specialised kernel, in the manner of ajv's `lib/compile/codegen`:
 * source text is built only with the tagged template `_`, whose interpolations must be
 * - `Code` made by `_` itself or by `name()` (an identifier from a fixed prefix and an index), or
 * - a finite number, written as its JSON literal (in parentheses when negative), or a boolean.
 * Nothing else is accepted (a string throws), so no scenario text — ids, names — can ever become
 * code; scenario-derived numbers reach the kernel as literals or as typed-array reads.
 */

export class Code {
  /** Only this module makes Code; `text` is trusted source. */
  private constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
  /** @internal */
  static trusted(text: string): Code {
    return new Code(text);
  }
}

export type Safe = Code | number | boolean | readonly Safe[];

function render(v: Safe): string {
  if (v instanceof Code) return v.text;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`codegen: refusing the non-finite number ${String(v)}`);
    const s = JSON.stringify(v);
    return v < 0 || Object.is(v, -0) ? `(${Object.is(v, -0) ? '-0' : s})` : s;
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return (v as readonly Safe[]).map(render).join('');
  throw new Error(`codegen: refusing to interpolate a ${typeof v}`);
}

/** The tagged template: literal parts are the generator's own text; every value goes through `render`. */
export function _(strings: TemplateStringsArray, ...values: Safe[]): Code {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return Code.trusted(out);
}

const PREFIX = /^[A-Za-z_][A-Za-z_]*$/;

/** A declared local: a fixed prefix (letters only) and, optionally, a non-negative integer index. */
export function name(prefix: string, index?: number): Code {
  if (!PREFIX.test(prefix)) throw new Error(`codegen: bad name prefix ${JSON.stringify(prefix)}`);
  if (index === undefined) return Code.trusted(prefix);
  if (!Number.isSafeInteger(index) || index < 0) throw new Error(`codegen: bad name index ${String(index)}`);
  return Code.trusted(`${prefix}${index}`);
}

/** Joins generated pieces with newlines. */
export function lines(parts: readonly Code[]): Code {
  return Code.trusted(parts.map((p) => p.text).join('\n'));
}
