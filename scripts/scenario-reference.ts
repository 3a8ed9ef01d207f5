/**
 * docs/scenario-reference.md, rendered from the scenario's JSON Schema (itself generated
 * from the zod schema in src/scenario/schema.ts): one table row per field with its path,
 * type, default, bounds, whether it may be uncertain, and its description. Pure, so a test
 * can regenerate it in memory and compare with the committed file.
 */
import { moneyFlowSection } from './money-flow.ts';

type Json = Record<string, any>;

interface Row {
  path: string;
  type: string;
  default: string;
  bounds: string;
  uncertain: boolean;
  description: string;
}

const UNCERTAIN = / ?Uncertain allowed\.$/;
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string): string => `\`${s}\``;

function isDistributionRef(s: Json | undefined): boolean {
  return s?.$ref === '#/$defs/Distribution';
}

/** A number-or-distribution parameter: anyOf [number, Distribution]. */
function paramParts(s: Json): { number?: Json; uncertain: boolean } {
  const options: Json[] = s.anyOf ?? [];
  if (options.length === 2 && options.some(isDistributionRef)) {
    return { number: options.find((o) => !isDistributionRef(o)), uncertain: true };
  }
  return { uncertain: false };
}

function numberBounds(s: Json): string {
  // integers carry the safe-integer range, which says nothing to a reader
  const lo = s.exclusiveMinimum ?? (s.minimum === Number.MIN_SAFE_INTEGER ? undefined : s.minimum);
  const hi = s.exclusiveMaximum ?? (s.maximum === Number.MAX_SAFE_INTEGER ? undefined : s.maximum);
  const loB = s.exclusiveMinimum !== undefined ? '(' : '[';
  const hiB = s.exclusiveMaximum !== undefined ? ')' : ']';
  if (lo !== undefined && hi !== undefined) return `${loB}${lo}, ${hi}${hiB}`;
  if (lo !== undefined) return `${s.exclusiveMinimum !== undefined ? '>' : '≥'} ${lo}`;
  if (hi !== undefined) return `${s.exclusiveMaximum !== undefined ? '<' : '≤'} ${hi}`;
  return '';
}

function boundsOf(s: Json): string {
  const p = paramParts(s);
  if (p.number) return numberBounds(p.number);
  if (s.type === 'number' || s.type === 'integer') return numberBounds(s);
  if (s.type === 'array') {
    const parts = [];
    if (s.minItems !== undefined) parts.push(`≥ ${s.minItems} item${s.minItems === 1 ? '' : 's'}`);
    if (s.maxItems !== undefined && s.prefixItems === undefined) parts.push(`≤ ${s.maxItems} items`);
    return parts.join(', ');
  }
  if (s.type === 'string' && s.minLength) return 'non-empty';
  if (s.type === 'string' && s.pattern) return 'an id';
  return '';
}

function typeOf(s: Json): string {
  if (isDistributionRef(s)) return 'distribution';
  const p = paramParts(s);
  if (p.uncertain) return `${p.number?.type === 'integer' ? 'integer' : 'number'} or distribution`;
  if (s.const !== undefined) return code(JSON.stringify(s.const));
  if (s.enum) return s.enum.map((v: unknown) => code(JSON.stringify(v))).join(' \\| ');
  const options: Json[] | undefined = s.oneOf ?? s.anyOf;
  if (options) {
    if (options.every((o) => o.const !== undefined)) return options.map((o) => code(JSON.stringify(o.const))).join(' \\| ');
    const disc = discriminator(options);
    if (disc) return `object, by ${code(disc)}`;
    if (options.every((o) => o.properties)) return `object, one of ${options.length} forms`;
    return options.map(typeOf).join(' or ');
  }
  switch (s.type) {
    case 'object':
      if (s.properties) return 'object';
      if (s.additionalProperties && typeof s.additionalProperties === 'object') return `map: id → ${typeOf(s.additionalProperties)}`;
      return 'object';
    case 'array':
      if (s.prefixItems) return `[${s.prefixItems.map(typeOf).join(', ')}]`;
      return `list of ${s.items ? typeOf(s.items) : 'values'}`;
    case 'string':
      return s.pattern ? 'id' : 'string';
    case undefined:
      return 'any';
    default:
      return String(s.type);
  }
}

/** The key all object options of a union share with a constant value (`type`, `kind`, `dist`). */
function discriminator(options: Json[]): string | undefined {
  const first = options[0]?.properties;
  if (!first) return undefined;
  return Object.keys(first).find((k) => options.every((o) => o.properties?.[k]?.const !== undefined));
}

function defaultOf(s: Json, required: boolean): string {
  if (s.default === undefined) return required ? 'required' : '';
  const json = JSON.stringify(s.default);
  if (typeof s.default === 'object' && s.default !== null && !Array.isArray(s.default) && Object.keys(s.default).length > 0) return 'see fields';
  return code(json.length > 40 ? `${json.slice(0, 37)}…` : json);
}

/** Rows for the fields below `s` (an object, a map of objects, a list of objects or a union of them). */
function walk(s: Json, path: string, rows: Row[]): void {
  if (s.properties) {
    const required: string[] = s.required ?? [];
    for (const [key, prop] of Object.entries<Json>(s.properties)) {
      const p = `${path}.${key}`;
      const description = String(prop.description ?? '');
      rows.push({
        path: p,
        type: typeOf(prop),
        default: defaultOf(prop, required.includes(key)),
        bounds: boundsOf(prop),
        uncertain: paramParts(prop).uncertain,
        description: description.replace(UNCERTAIN, ''),
      });
      walk(prop, p, rows);
    }
    return;
  }
  const options: Json[] | undefined = s.oneOf ?? s.anyOf;
  if (options) {
    const disc = discriminator(options);
    for (const o of options) {
      if (!o.properties) {
        walk(o, path, rows);
        continue;
      }
      const label = disc ? `${path}{${disc}: ${o.properties[disc].const}}` : `${path}{${Object.keys(o.properties).join(', ')}}`;
      rows.push({ path: label, type: 'variant', default: '', bounds: '', uncertain: false, description: String(o.description ?? '') });
      walk(o, label, rows);
    }
    return;
  }
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') {
    walk(s.additionalProperties, `${path}.<id>`, rows);
    return;
  }
  if (s.type === 'array' && s.items) walk(s.items, `${path}[]`, rows);
}

function table(rows: Row[]): string {
  const head = '| Field | Type | Default | Bounds | Uncertain | Description |\n|---|---|---|---|---|---|';
  const body = rows.map((r) => `| ${code(r.path)} | ${r.type} | ${r.default} | ${cell(r.bounds)} | ${r.uncertain ? 'yes' : ''} | ${cell(r.description)} |`);
  return [head, ...body].join('\n');
}

/** The reference document for a scenario JSON Schema (see src/scenario/json-schema.ts). */
export function renderReference(schema: Json): string {
  const out: string[] = [];
  out.push(
    '# Scenario reference',
    '',
    '<!-- Generated by `npm run docs` (scripts/gen-reference.ts) from src/scenario/schema.ts. Do not edit by hand. -->',
    '',
    'A scenario is one YAML (or JSON) file. `cxsim validate FILE` checks it and reports every problem as',
    '`file:line:column  path.to.field  expected ..., found ...`; `cxsim schema` prints the JSON Schema',
    '(also in [scenario.schema.json](scenario.schema.json)) for editor completion: put',
    '`# yaml-language-server: $schema=<path>/docs/scenario.schema.json` on the first line of a YAML file.',
    '',
    'Conventions:',
    '',
    '- Collections of named things are maps keyed by id (`<id>` below): a letter, then letters, digits, `-` or `_`.',
    '  Their order is the order written in the file.',
    '- Times are in months (`...Month`, `...Months`). Every numeric field states its unit and period in its',
    '  description: per month, per year or per step; per customer, per employee or for the whole firm;',
    '  spend (a flow) or capital (a stock). Churn, growth, volatility, Bass p/q and turnover are **per year**.',
    '- Money is in `meta.currency` and counts real customers and people (not simulated agents). A segment\'s',
    '  `wallet` is the customer\'s **market** spend; our revenue is wallet × share of wallet (see',
    '  [How the money flows](#how-the-money-flows)). Budgets, schedules, `response.scale` and wages are firm-level.',
    '- A field marked **Uncertain** may be a number or a [distribution](#distributions), drawn once per replication.',
    '- `extends: other.yaml` builds on another file (deep merge: maps merge key by key; lists, numbers, strings and',
    '  distributions are replaced whole). A strategy\'s `overrides` are merged over the scenario the same way.',
    '- `field{type: x}` rows are the variants of a field chosen by its `type`, `kind` or `dist` key, and',
    '  `field{a, b}` rows the alternative forms of a field (write one form); the rows below are that form\'s fields.',
    '',
  );
  out.push(moneyFlowSection(), '## Fields', '');
  out.push(`**${String(schema.description ?? '')}**`, '');
  const required: string[] = schema.required ?? [];
  const top: Row[] = [];
  for (const [key, prop] of Object.entries<Json>(schema.properties ?? {})) {
    top.push({ path: key, type: typeOf(prop), default: defaultOf(prop, required.includes(key)), bounds: boundsOf(prop), uncertain: false, description: String(prop.description ?? '') });
  }
  out.push(table(top), '');
  for (const [key, prop] of Object.entries<Json>(schema.properties ?? {})) {
    const rows: Row[] = [];
    walk(prop, key, rows);
    if (rows.length === 0) continue;
    out.push(`## ${key}`, '', String(prop.description ?? ''), '', table(rows), '');
  }
  const dist = schema.$defs?.Distribution;
  if (dist) {
    out.push('## Distributions', '', String(dist.description ?? ''), '');
    const rows: Row[] = [];
    walk(dist, 'distribution', rows);
    out.push(table(rows), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
