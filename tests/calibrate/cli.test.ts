/**
 * `cxsim calibrate` at the edge: the outputs (fit.json with every estimate and SE,
 * goodness-of-fit.csv, segments.yaml, a scenario.yaml that `cxsim validate` accepts,
 * report.html), --segment-by, refusing to overwrite, and bad data: one file:line:column
 * message per problem, exit code 2, no stack trace.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { cxsimProcess as cxsim, noStack } from '../support/cli.ts';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { Scenario } from '../../src/scenario/schema.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'cxsim-calibrate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

/**
 * Numbers, not shapes: every estimate of fit.json is in the report's table as written (4 decimals, its SE, and the
 * 95% interval estimate ± z₀.₉₇₅·SE, z₀.₉₇₅ = 1.959964, to 3 decimals).
 */
const Z975 = 1.959963984540054;
function expectEstimatesInReport(html: string, estimates: { name: string; value: number; se: number; lower95: number; upper95: number }[]): void {
  expect(estimates.length).toBeGreaterThan(0);
  for (const e of estimates) {
    // to 1e-7 SE: the library rounds the quantile to 1.959964
    expect(Math.abs(e.lower95 - (e.value - Z975 * e.se))).toBeLessThanOrEqual(1e-7 * e.se);
    expect(Math.abs(e.upper95 - (e.value + Z975 * e.se))).toBeLessThanOrEqual(1e-7 * e.se);
    expect(html, e.name).toContain(`<td>${e.name}</td><td class="num">${e.value.toFixed(4)}</td><td class="num">${e.se.toFixed(4)}</td><td class="num">${e.lower95.toFixed(3)} to ${e.upper95.toFixed(3)}</td>`);
  }
}

describe.concurrent('cxsim calibrate: outputs', () => {
  test('sbg: estimates with SEs, a scenario cxsim accepts, a self-contained report', async () => {
    const out = join(tmp, 'sbg');
    const r = await cxsim('calibrate', 'data/sbg-fader-hardie-2007.csv', '--model', 'sbg', '--periods', '7', '--out', out, '--monthly-spend', '40');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/alpha\s+0\.7041\s+SE 0\.0656/);
    const fit = JSON.parse(readFileSync(join(out, 'fit.json'), 'utf8'));
    expect(fit.groups.map((g: { group: string }) => g.group)).toEqual(['regular', 'high_end']);
    for (const g of fit.groups) for (const e of g.models[0].fit.estimates) expect(e.se).toBeGreaterThan(0);
    const text = readFileSync(join(out, 'fit.json'), 'utf8') + readFileSync(join(out, 'goodness-of-fit.csv'), 'utf8');
    expect(text).not.toMatch(/NaN|Infinity/);
    const scen = Scenario.parse(parse(readFileSync(join(out, 'scenario.yaml'), 'utf8')));
    expect(scen.segments.regular.churn).toEqual({ alpha: 0.704077, beta: 1.18204 });
    expect(scen.segments.regular.wallet.core).toEqual({ mean: 80, cv: 0 });
    const v = await cxsim('validate', join(out, 'scenario.yaml'));
    expect(v.code, v.stderr).toBe(0);
    const seg = parse(readFileSync(join(out, 'segments.yaml'), 'utf8'));
    expect(Object.keys(seg)).toEqual(['segments']);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|src="http|href="http/);
    for (const g of fit.groups) expectEstimatesInReport(html, g.models[0].fit.estimates);
  });

  test('bgbb: one segment with the Beta(γ, δ) churn', async () => {
    const out = join(tmp, 'bgbb');
    const r = await cxsim('calibrate', 'data/donations-bgbb.csv', '--model', 'bgbb', '--out', out, '--name', 'donors', '--amount-per-transaction', '50');
    expect(r.code, r.stderr).toBe(0);
    const scen = Scenario.parse(parse(readFileSync(join(out, 'scenario.yaml'), 'utf8')));
    expect(scen.segments.donors.churn).toEqual({ alpha: expect.closeTo(0.657, 3), beta: expect.closeTo(2.783, 3) });
    expect(scen.segments.donors.initialCustomers).toBe(11104);
  });

  test('gammagamma alone: estimates and the report, but no segments (it has no churn)', async () => {
    const out = join(tmp, 'gg');
    const r = await cxsim('calibrate', 'data/cdnow-sample-elog.txt', '--model', 'gammagamma', '--calibration-weeks', '39', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Gamma-Gamma \(946 customers\)/);
    expect(existsSync(join(out, 'segments.yaml'))).toBe(false);
    const fit = JSON.parse(readFileSync(join(out, 'fit.json'), 'utf8'));
    const estimates = fit.groups[0].models[0].fit.estimates;
    expect(estimates.map((e: { name: string }) => e.name)).toEqual(['p', 'q', 'gamma']);
    expect(r.stdout).toContain(`p          ${estimates[0].value.toFixed(4)}  SE ${estimates[0].se.toFixed(4)}`);
    expectEstimatesInReport(readFileSync(join(out, 'report.html'), 'utf8'), estimates);
    expect(fit.segments).toEqual({});
    expect(fit.assumptions[0]).toMatch(/no segments are written/);
  });

  test('--segment-by fits one model per group of an event log with a header', async () => {
    // two regions of the CDNOW sample: customers with odd and even sample ids
    const rows = readFileSync(join(root, 'data/cdnow-sample-elog.txt'), 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/));
    const csv = ['client,day,qty,net,region', ...rows.map((f) => `${f[0]},${f[2].slice(0, 4)}-${f[2].slice(4, 6)}-${f[2].slice(6)},${f[3]},${f[4]},${Number(f[1]) % 2 ? 'north' : 'south'}`)].join('\n');
    const out = join(tmp, 'regions');
    const r = await cxsim('calibrate', file('regions.csv', csv), '--model', 'bgnbd', '--calibration-end', '1997-09-30', '--segment-by', 'region', '--classes', '3', '--name', 'cd', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const fit = JSON.parse(readFileSync(join(out, 'fit.json'), 'utf8'));
    expect(fit.data.columns).toBe('customer 1, date 2, amount 4, segment 5');
    expect(fit.groups.map((g: { group: string; customers: number }) => g.group)).toEqual(['north', 'south']);
    expect(fit.groups.reduce((s: number, g: { customers: number }) => s + g.customers, 0)).toBe(2357);
    const scen = Scenario.parse(parse(readFileSync(join(out, 'scenario.yaml'), 'utf8')));
    expect(Object.keys(scen.segments)).toEqual(['cd-north-rate1', 'cd-north-rate2', 'cd-north-rate3', 'cd-south-rate1', 'cd-south-rate2', 'cd-south-rate3']);
  });

  test('an existing output folder is not overwritten without --force', async () => {
    const out = join(tmp, 'twice');
    const args = ['calibrate', 'data/donations-bgbb.csv', '--model', 'bgbb', '--out', out, '--quiet'];
    expect((await cxsim(...args)).code).toBe(0);
    const again = await cxsim(...args);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect((await cxsim(...args, '--force')).code).toBe(0);
  });
});

describe.concurrent('cxsim calibrate: bad data is reported at file:line:column, exit 2', () => {
  const log = (name: string, lines: string[]) => file(name, `${lines.join('\n')}\n`);
  const bad = async (path: string, expected: string[], extra: string[] = []) => {
    const r = await cxsim('calibrate', path, '--model', 'bgnbd', '--out', join(tmp, `never-${Math.random()}`), ...extra);
    expect(r.code).toBe(2);
    for (const e of expected) expect(r.stderr).toContain(e);
    noStack(r.stderr);
    expect(r.stdout).toBe('');
  };

  test('a malformed row', async () => {
    const p = log('short.txt', ['1 19970101 10.5', '1 19970105', '2 19970102 3']);
    await bad(p, [`${p}:2:1  expected at least 3 fields (customer, date, amount), found 2`]);
  });
  test('an unparseable date', async () => {
    const p = log('date.txt', ['1 19970101 10.5', '1 19971301 4', '2 19970102 3']);
    await bad(p, [`${p}:2:3  expected a date in yyyymmdd format in column 2, found "19971301"`]);
  });
  test('a negative amount', async () => {
    const p = log('negative.txt', ['1 19970101 10.5', '1 19970201 -4.00', '2 19970102 3']);
    await bad(p, [`${p}:2:12  expected an amount ≥ 0 in column 3, found -4.00`]);
  });
  test('an event before the customer’s first purchase', async () => {
    const p = log('order.txt', ['7 19970105 10.5', '8 19970102 3', '7 19970103 4']);
    await bad(p, [`${p}:3:3  customer 7: purchase dated 1997-01-03, before the customer's first purchase on 1997-01-05 (line 1)`]);
  });
  test('an empty calibration period', async () => {
    const p = log('empty.txt', ['1 19970105 10.5', '2 19970106 3']);
    await bad(p, [`${p}  empty calibration period: it ends 1996-12-31, before the first purchase in the log (1997-01-05)`], ['--calibration-end', '1996-12-31']);
  });
  test('every problem at once, each on its line', async () => {
    const p = log('many.txt', ['1 19970101 2', '1 19970105 x', '1 1997-1-1 2', '2 19970102 3']);
    await bad(p, [`${p}:2:12  expected an amount (a number) in column 3, found "x"`, `${p}:3:3  expected a date in yyyymmdd format in column 2, found "1997-1-1"`]);
  });
  test('a cohort table that grows', async () => {
    const p = file('grow.csv', 'year,a\n0,100\n1,80\n2,90\n');
    const r = await cxsim('calibrate', p, '--model', 'sbg', '--out', join(tmp, 'never-sbg'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${p}:4:3  a: expected at most 80 active customers (the count on line 3: a cohort cannot grow), found 90`);
    noStack(r.stderr);
  });
  test('a missing file', async () => {
    const r = await cxsim('calibrate', join(tmp, 'nope.txt'), '--model', 'bgnbd');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.txt  no such file');
    noStack(r.stderr);
  });
});
