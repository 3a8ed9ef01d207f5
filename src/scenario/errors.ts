/**
 * Problems in a scenario as plain data, and their text.
 *
 * A `Finding` is a problem at a path of the scenario (from zod or from the cross-reference
 * checks); once placed in a file it becomes a `Problem` {file, line, column, path, message}.
 * `formatProblem` is the one pure function that turns a problem into the line users read:
 *
 *     file:line:column  path.to.field  expected ..., found ...
 */
import type { z } from 'zod';
import { describeSchema, describeValue, objectKeys } from './describe.ts';
import { didYouMean, nearest } from './suggest.ts';

export type PathSegment = string | number;

/** A problem at a path of the scenario, not yet placed in a file. */
export interface Finding {
  path: PathSegment[];
  message: string;
  /** Whether the problem is the key itself (an unknown key or id) or its value (default). */
  at?: 'key' | 'value';
}

/** A problem placed in a file: what `cxsim validate` prints. */
export interface Problem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Dotted path of the field, e.g. `pools.film.marginRate` ("" for the file as a whole). */
  path: string;
  message: string;
}

// ---------------------------------------------------------------------------------------
// Parsing with the schema that raised each issue

type Schema = z.core.$ZodType;

/** A zod issue together with the schema that raised it (for "expected ..." phrases). */
interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  input?: unknown;
  schema?: Schema;
  errors?: Issue[][];
  issues?: Issue[];
  keys?: string[];
  values?: unknown[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  discriminator?: string;
  options?: unknown[];
  note?: string;
  [k: string]: unknown;
}

const TOKEN = '\u0000issue:';

/**
 * Validates `data` against `schema`. On failure returns findings with messages of the form
 * `expected ..., found ...`. Each issue is linked to the schema that raised it through a
 * per-parse error map (zod gives the map the schema instance), so the phrase describing what
 * was expected is read from that exact schema (bounds, options, keys).
 */
export function validateWithSchema<S extends Schema>(
  schema: S,
  data: unknown,
): { success: true; data: z.output<S> } | { success: false; findings: Finding[] } {
  const owners: Schema[] = [];
  const result = (schema as unknown as z.ZodType).safeParse(data, {
    reportInput: true,
    error: (iss) => {
      const raw = iss as unknown as { schema?: Schema; inst?: Schema };
      owners.push((raw.schema ?? raw.inst) as Schema);
      return `${TOKEN}${owners.length - 1}`;
    },
  });
  if (result.success) return { success: true, data: result.data as z.output<S> };
  const issues = (result.error.issues as unknown as Issue[]).map((i) => relink(i, owners));
  return { success: false, findings: issues.flatMap((i) => issueFindings(i, [])) };
}

function relink(issue: Issue, owners: Schema[]): Issue {
  const out: Issue = { ...issue };
  if (typeof issue.message === 'string' && issue.message.startsWith(TOKEN)) {
    out.schema = owners[Number(issue.message.slice(TOKEN.length))];
    out.message = '';
  }
  if (issue.errors) out.errors = issue.errors.map((branch) => branch.map((i) => relink(i, owners)));
  if (issue.issues) out.issues = issue.issues.map((i) => relink(i, owners));
  return out;
}

const asPath = (p: PropertyKey[]): PathSegment[] => p.map((s) => (typeof s === 'number' ? s : String(s)));

/**
 * Whether a union branch failed because the value is not of its kind at all (wrong type, or
 * an object without the branch's `dist`/`type`/`kind` key), rather than because of a
 * problem inside a value of the right kind.
 */
function wrongType(branch: Issue[]): boolean {
  return branch.some(
    (i) =>
      (i.path.length === 0 &&
        (i.code === 'invalid_type' || i.code === 'invalid_value' || (i.code === 'invalid_union' && i.note === undefined && (i.errors ?? []).every(wrongType)))) ||
      (i.path.length === 1 && i.note === 'No matching discriminator' && !(isRecord(i.input) && i.discriminator !== undefined && i.discriminator in i.input)),
  );
}

/** Turns one zod issue into findings with plain-language messages. */
function issueFindings(issue: Issue, base: PathSegment[]): Finding[] {
  const path = [...base, ...asPath(issue.path)];
  const found = describeValue(issue.input);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const valid = objectKeys(issue.schema);
      return (issue.keys ?? []).map((key) => {
        const guess = nearest(key, valid);
        const message = guess
          ? `unknown key "${key}" (did you mean "${guess}"?)`
          : `unknown key "${key}"; expected one of ${valid.join(', ')}`;
        return { path: [...path, key], at: 'key' as const, message };
      });
    }
    case 'invalid_union': {
      if (issue.note === 'No matching discriminator' && issue.discriminator) {
        const value = isRecord(issue.input) ? issue.input[issue.discriminator] : undefined;
        const options = (issue.options ?? []).map(String);
        const hint = typeof value === 'string' ? didYouMean(value, options) : '';
        return [{ path, message: `expected one of ${options.map((o) => `"${o}"`).join(', ')}, found ${describeValue(value)}${hint}` }];
      }
      const branches = issue.errors ?? [];
      const inside = branches.filter((b) => b.length > 0 && !wrongType(b));
      if (inside.length > 0) {
        const fewest = Math.min(...inside.map((b) => b.length));
        const best = inside.filter((b) => b.length === fewest);
        if (best.length === 1) return best[0].flatMap((i) => issueFindings(i, path));
      }
      return [{ path, message: `expected ${describeSchema(issue.schema)}, found ${found}` }];
    }
    case 'invalid_type':
      return [{ path, message: `expected ${issue.schema ? describeSchema(issue.schema) : String(issue.expected)}, found ${found}` }];
    case 'too_big':
    case 'too_small': {
      if (issue.origin === 'array' || issue.origin === 'set') {
        const n = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
        const count = Array.isArray(issue.input) ? issue.input.length : undefined;
        const items = (k: number) => `${k} item${k === 1 ? '' : 's'}`;
        const expected = issue.code === 'too_big' ? `at most ${items(n)}` : `at least ${items(n)}`;
        return [{ path, message: `expected ${expected}, found ${count === undefined ? found : count === 0 ? 'none' : items(count)}` }];
      }
      if (issue.origin === 'string') return [{ path, message: `expected ${describeSchema(issue.schema)}, found ${found}` }];
      return [{ path, message: `expected ${issue.schema ? describeSchema(issue.schema) : 'a number in range'}, found ${found}` }];
    }
    case 'invalid_value': {
      const values = (issue.values ?? []).map((v) => (typeof v === 'string' ? `"${v}"` : String(v)));
      const hint = typeof issue.input === 'string' ? didYouMean(issue.input, (issue.values ?? []).map(String)) : '';
      return [{ path, message: `expected ${values.length > 1 ? 'one of ' : ''}${values.join(', ')}, found ${found}${hint}` }];
    }
    case 'invalid_format':
      return [{ path, message: `expected ${issue.message || describeSchema(issue.schema)}, found ${found}` }];
    case 'invalid_key': {
      const inner = issue.issues?.[0];
      const expected = inner?.message || describeSchema(inner?.schema);
      return [{ path, at: 'key', message: `expected ${expected}, found ${describeValue(path[path.length - 1])}` }];
    }
    case 'custom':
      return [{ path, message: issue.message }];
    default:
      return [{ path, message: issue.message || `expected ${describeSchema(issue.schema)}, found ${found}` }];
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ---------------------------------------------------------------------------------------
// Text

const SIMPLE_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `pools.film.marginRate`, `strategies.grow.rules[0].move.to`, `next["odd key"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (SIMPLE_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** `file:line:column  path  message` (the path column is left out when the problem is the whole file). */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}  ${p.path === '' ? '' : `${p.path}  `}${p.message}`;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Problems in reading order: by file, then line, then column (then path and message, for a stable order). */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.path, b.path) || cmp(a.message, b.message),
  );
}

/** Every problem, sorted, one per line. */
export function formatProblems(problems: readonly Problem[]): string {
  return sortProblems(problems).map(formatProblem).join('\n');
}
