/**
 * Every numeric field of the scenario schema states its unit (and, for money and rates, per
 * whom and per what period) in its description, as the reference promises. Checked on the
 * generated JSON Schema, so a new field without a unit fails here, and on the worked
 * "How the money flows" example, whose numbers come from the engine.
 */
import { describe, expect, test } from 'vitest';
import { scenarioJsonSchema } from '../src/scenario/json-schema.ts';
import { moneyFlowRows, moneyFlowSection } from '../scripts/money-flow.ts';

type Json = Record<string, any>;

const isDistributionRef = (s: Json | undefined) => s?.$ref === '#/$defs/Distribution';
const isNumber = (s: Json | undefined) => s?.type === 'number' || s?.type === 'integer';
/** A number, or a number-or-distribution parameter. */
const isNumeric = (s: Json) => isNumber(s) || (Array.isArray(s.anyOf) && s.anyOf.some(isNumber) && s.anyOf.some(isDistributionRef));

/**
 * Every numeric field with its path, the description that documents it (its own, or its
 * container's) and `context`: the descriptions from the nearest named property down to it
 * (a schedule's points are described by the schedule).
 */
function numericFields(node: Json, path = '', inherited = '', context = ''): { path: string; description: string; context: string }[] {
  if (typeof node !== 'object' || node === null) return [];
  const own = typeof node.description === 'string' ? node.description : '';
  const description = own || inherited;
  const ctx = `${context} ${own}`.trim();
  if (isNumeric(node)) return [{ path, description, context: ctx }];
  const out: { path: string; description: string; context: string }[] = [];
  for (const [k, v] of Object.entries<Json>(node.properties ?? {})) out.push(...numericFields(v, `${path}.${k}`));
  for (const key of ['anyOf', 'oneOf'] as const) for (const [i, v] of (node[key] ?? []).entries()) out.push(...numericFields(v, `${path}{${i}}`, description, ctx));
  if (node.items) out.push(...numericFields(node.items, `${path}[]`, description, ctx));
  for (const [i, v] of (node.prefixItems ?? []).entries()) out.push(...numericFields(v, `${path}[${i}]`, description, ctx));
  if (typeof node.additionalProperties === 'object') out.push(...numericFields(node.additionalProperties, `${path}.<id>`, description, ctx));
  for (const [k, v] of Object.entries<Json>(node.$defs ?? {})) out.push(...numericFields(v, `$defs.${k}`));
  return out;
}

/** Words that name a unit: time, money, shares and scales, counts, or "the unit of the parameter" (distributions). */
const UNIT =
  /per (month|year|step|√year)|\bmonths?\b|\byears?\b|meta\.currency|\bshare\b|probability|0–1|\bmultiplier\b|dimensionless|\bindex\b|\bcount\b|unit of the (parameter|field)|indicator’s unit|in its unit|\bcontacts\b|real people|an integer/i;
/** Money fields, by name: they must say currency, per whom and per what period (or that they are a stock). */
const MONEY_PATH = /(cost|Cost|wage|Wage|perYear|\.response\.scale|wallet\.<id>\.mean|schedules)/;
const WHOM = /per (customer|employee|new customer|hire|new hire|visit|contact|offer|automated contact)|whole firm|firm-level|for the whole/i;
const WHEN = /per (month|year|step)|one-off|per (visit|contact|offer|automated contact)|stock/i;
/** Rates over time, by name: they must say per month, per year or per step. */
const RATE_PATH = /(annualRate|PerMonth|discountRate|volatility|steepness|bass\.[pq]|visitProbability|referralRate|serviceNeed|prospectsPerMonth|trajectory.*\.rate|\.next\.<id>)$/;
const PERIOD = /per (month|year|step|√year)/i;

describe('units in the scenario schema', () => {
  const fields = numericFields(scenarioJsonSchema());

  test('the walk finds the numeric fields', () => {
    expect(fields.length).toBeGreaterThan(120);
    const paths = fields.map((f) => f.path);
    for (const p of ['.segments.<id>.wallet.<id>.mean', '.levers.<id>.response.scale', '.workforce.wagePerMonth', '.pools.<id>.bass.p', '$defs.Distribution{0}.mean']) {
      expect(paths.some((x) => x.replace(/\{\d+\}/g, '') === p.replace(/\{\d+\}/g, ''))).toBe(true);
    }
  });

  test('every numeric field names its unit', () => {
    const missing = fields.filter((f) => !UNIT.test(f.description)).map((f) => `${f.path}: ${f.description}`);
    expect(missing).toEqual([]);
  });

  test('every money field says currency, per whom and per what period (or that it is capital)', () => {
    const money = fields.filter((f) => MONEY_PATH.test(f.path));
    expect(money.length).toBeGreaterThanOrEqual(12);
    const bad = money.filter((f) => !/meta\.currency/.test(f.context) || !WHOM.test(f.context) || !WHEN.test(f.context)).map((f) => `${f.path}: ${f.description}`);
    expect(bad).toEqual([]);
  });

  test('every rate over time says per month, per year or per step', () => {
    const rates = fields.filter((f) => RATE_PATH.test(f.path));
    expect(rates.length).toBeGreaterThanOrEqual(12);
    const bad = rates.filter((f) => !PERIOD.test(f.description)).map((f) => `${f.path}: ${f.description}`);
    expect(bad).toEqual([]);
  });

  test('the fields the engine reads per year say per year', () => {
    const byPath = (re: RegExp) => fields.filter((f) => re.test(f.path));
    for (const re of [/churn.*annualRate$/, /churn.*\.alpha$/, /bass\.p$/, /bass\.q$/, /volatility$/, /trajectory.*\.rate$/, /turnover\.annualRate$/, /discountRate$/]) {
      const found = byPath(re);
      expect(found.length, String(re)).toBeGreaterThan(0);
      for (const f of found) expect(f.description, f.path).toMatch(/per year/);
    }
    for (const f of byPath(/wallet\.<id>\.mean$/)) expect(f.description).toMatch(/MARKET/);
    for (const f of byPath(/response\.scale$/)) expect(f.description).toMatch(/firm-level stock/);
  });
});

describe('how the money flows (worked example from the engine)', () => {
  const rows = moneyFlowRows();

  test('revenue without investment is members × market wallet × base share of wallet', () => {
    expect(rows[0].revenueNone).toBeCloseTo(1000 * 60 * 0.5, 6);
  });

  test('a yearly budget is spent evenly per month and capital approaches spend ÷ decay', () => {
    for (const r of rows) expect(r.spend).toBeCloseTo(120000 / 12, 6);
    const last = rows[rows.length - 1];
    // C_60 = s·(1 − 0.95^60)/0.05 exactly, and below the steady state s/δ
    expect(last.capital).toBeCloseTo((10000 * (1 - 0.95 ** 60)) / 0.05, 3);
    expect(last.capital).toBeLessThan(10000 / 0.05);
    // with scale = s/δ the effect heads for 1 − e^−1 ≈ 63%
    expect(last.effect).toBeGreaterThan(0.6);
    expect(last.effect).toBeLessThan(1 - Math.exp(-1));
  });

  test('lower friction lifts satisfaction, share of wallet and revenue, month after month', () => {
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].friction).toBeLessThan(rows[i - 1].friction);
      expect(rows[i].share).toBeGreaterThan(rows[i - 1].share);
      expect(rows[i].revenue).toBeGreaterThan(rows[i - 1].revenue);
    }
  });

  test('the section explains sizing response.scale against a yearly budget', () => {
    const text = moneyFlowSection();
    expect(text).toContain('## How the money flows');
    expect(text).toMatch(/Sizing `response\.scale` against a yearly budget/);
    expect(text).toContain('| 60 | 10,000 |');
  });
});
