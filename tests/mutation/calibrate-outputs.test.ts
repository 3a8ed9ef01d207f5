/**
 * A calibration's outputs pinned on small fixed inputs (issue 17: the numbers in the outputs
 * are the library's; written against the surviving mutants of `npm run mutation -- --folder
 * calibrate`): the result (groups, tables, segments, assumptions in words), the YAML a scenario
 * reads, fit.json, goodness-of-fit.csv and the HTML report with its charts.
 * The sBG cohort follows the sBG exactly at α = β = 1 (10⁶·S(t), S(t) = 1/(t+1)), so the fit
 * recovers α = β = 1 (to 1e-3, as tests/calibrate/numerics.test.ts) and every table value is
 * a closed form.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { calibrateSurvival, calibrateBgBb, calibrateEventLog, toId, MODEL_TITLES, type CalibrationResult } from '../../src/calibrate/calibration.ts';
import { scenarioYaml, segmentsYaml, scenarioSegments } from '../../src/calibrate/scenario-yaml.ts';
import { resultJson, goodnessOfFitCsv } from '../../src/calibrate/output.ts';
import { calibrationReportHtml, sig } from '../../src/calibrate/report.ts';
import { survivalChart, retentionChart, histogramChart, trackingChart, conditionalChart, spendChart } from '../../src/calibrate/charts.ts';
import type { EventLogSummary } from '../../src/calibrate/event-log.ts';
import { Scenario } from '../../src/scenario/schema.ts';
import { esc } from '../../src/report/html-escape.ts';

const exact = [1e6, 1e6 / 2, 1e6 / 3, 1e6 / 4, 1e6 / 5];
const mapping = { pool: 'core', shareOfWallet: 0.5, prefix: 'regular' };

function survival(periodsPerYear: number, monthlySpend?: number): CalibrationResult {
  return calibrateSurvival([{ name: 'regular', alive: exact.slice(0, 4) }], [{ name: 'regular', alive: exact }], { ...mapping, periodsPerYear, monthlySpend }, { file: 'survival.csv', fittedPeriods: 3, holdoutPeriods: 1, periodsPerYear });
}

describe('ids from free text', () => {
  it.each([
    ['High end!', 'High-end'], ['  -core- ', 'core'], ['9lives', 's-9lives'], ['a_b-c', 'a_b-c'], ['---', 's-'], ['', 's-'],
  ])('%j → %j', (text, id) => expect(toId(text)).toBe(id));
});

describe('sBG calibration of an exact cohort', () => {
  it('fits α = β = 1; the survival table runs over fitted and hold-out periods; one segment per cohort', () => {
    const r = survival(1);
    expect(r.model).toBe('sbg');
    expect(r.pool).toBe('core');
    const [g] = r.groups;
    expect(g.group).toBe('regular');
    expect(g.customers).toBe(1e6);
    const est = g.models[0].fit.estimates;
    expect(g.models[0].model).toBe('sbg');
    expect(Math.abs(est[0].value - 1)).toBeLessThan(1e-3);
    expect(Math.abs(est[1].value - 1)).toBeLessThan(1e-3);
    expect(g.survival!.map((s) => s.part)).toEqual(['calibration', 'calibration', 'calibration', 'calibration', 'hold-out']);
    expect(g.survival!.map((s) => s.observed)).toEqual(exact);
    g.survival!.forEach((s, t) => expect(Math.abs(s.expected - 1e6 / (t + 1))).toBeLessThan(1e6 * 1e-3));
    expect(Object.keys(r.segments)).toEqual(['regular']);
    const s = r.segments.regular;
    expect(s.name).toBe('regular');
    expect(s.initialCustomers).toBe(1e6);
    expect(s.wallet).toEqual({});
    const churn = s.churn as { alpha: number; beta: number };
    expect(Math.abs(churn.alpha - 1)).toBeLessThan(1e-3);
    expect(Math.abs(churn.beta - 1)).toBeLessThan(1e-3);
  });
  it('states its assumptions: one period a year, no spend', () => {
    expect(survival(1).assumptions).toEqual([
      'Churn: the fitted θ ~ Beta(α, β) per period is the annual churn propensity (one period per year).',
      'Spend: the survival table has none; the segments carry no wallet (add `wallet:` by hand, or pass --monthly-spend).',
      'Customers start at the reference satisfaction without service contacts, so the simulated churn is the fitted churn until CX effects move it.',
    ]);
  });
  it('two periods a year: the annual Beta is Beta(1, ½) (mean ⅔, variance 1/5 − 1/9); a monthly spend of 30 is a wallet of 60 at share ½', () => {
    const r = survival(2, 30);
    expect(r.assumptions.slice(0, 2)).toEqual([
      'Churn: the fitted θ ~ Beta(α, β) per period is the annual churn propensity, converted from 2 periods a year to a year by matching the mean and variance of 1 − (1−θ)^2.',
      'Spend: every active customer spends 30 per month with us; wallet.mean = that / share of wallet 0.5.',
    ]);
    const churn = r.segments.regular.churn as { alpha: number; beta: number };
    expect(Math.abs(churn.alpha - 1)).toBeLessThan(2e-3);
    expect(Math.abs(churn.beta - 0.5)).toBeLessThan(2e-3);
    expect(r.segments.regular.wallet).toEqual({ core: { mean: 60, cv: 0 } });
  });
});

describe('BG/BB calibration', () => {
  // all-ones BG/BB with one opportunity: P(0) = ¾, P(1) = ¼ — a table in those proportions
  const rows = [{ frequency: 0, recency: 0, periods: 1, count: 750 }, { frequency: 1, recency: 1, periods: 1, count: 250 }];
  it('one table: the segment is named by the prefix; the histogram is count × P(X = x) of the fit', () => {
    const r = calibrateBgBb([{ segment: 'all', rows }], { ...mapping, prefix: 'donors', opportunitiesPerYear: 1, amountPerTransaction: 12 }, { file: 'd.csv' });
    expect(r.model).toBe('bgbb');
    expect(Object.keys(r.segments)).toEqual(['donors']);
    expect(r.segments.donors.name).toBe('donors');
    expect(r.segments.donors.initialCustomers).toBe(1000);
    const [g] = r.groups;
    expect(g.customers).toBe(1000);
    expect(g.models[0].model).toBe('bgbb');
    expect(g.histogram!.map((h) => h.observed)).toEqual([750, 250]);
    expect(g.histogram![0].expected + g.histogram![1].expected).toBeCloseTo(1000, 6);
    // one opportunity identifies only P(X = 1) = E[p]·… : the fit reproduces the 25% exactly
    expect(g.histogram![1].expected).toBeCloseTo(250, 2);
    expect(r.assumptions).toEqual([
      'Churn: the BG/BB drop-out θ ~ Beta(γ, δ) per opportunity is the annual churn propensity (one opportunity per year).',
      'Spend: an active customer transacts with probability E[p] = α/(α+β) at each opportunity, 12 per transaction; wallet.mean = E[p]·opportunities per year/12·amount / share of wallet 0.5; wallet cv is the cv of p across customers.',
      'Customers start at the reference satisfaction without service contacts, so the simulated churn is the fitted churn until CX effects move it.',
    ]);
  });
  it('several tables: one segment each, named prefix + segment; four opportunities a year', () => {
    const r = calibrateBgBb([{ segment: 'north', rows }, { segment: 'south', rows }], { ...mapping, prefix: 'donors', opportunitiesPerYear: 4, amountPerTransaction: 12 }, { file: 'd.csv' });
    expect(Object.keys(r.segments)).toEqual(['donors-north', 'donors-south']);
    expect(r.segments['donors-south'].name).toBe('donors south');
    expect(r.groups.map((g) => g.group)).toEqual(['north', 'south']);
    expect(r.assumptions[0]).toBe('Churn: the BG/BB drop-out θ ~ Beta(γ, δ) per opportunity is the annual churn propensity, converted from 4 opportunities a year by matching mean and variance.');
  });
});

/** A small event log summary by hand: 12 customers, weekly units, a 4-week calibration and 4-week hold-out. */
function smallLog(segment: string[] | null): EventLogSummary {
  const x = [0, 0, 0, 0, 1, 1, 2, 2, 3, 1, 0, 2];
  const tx = [0, 0, 0, 0, 1.5, 2, 3, 2.5, 3.5, 0.5, 0, 3];
  const T = [4, 4, 3.5, 3, 4, 3.5, 4, 3, 4, 2, 2, 3.5];
  const mv = [0, 0, 0, 0, 10, 0, 12, 8, 11, 9, 0, 14]; // customer 5 repeats with zero spend
  const holdout = [0, 1, 0, 0, 1, 0, 2, 1, 2, 0, 0, 1];
  return {
    file: 'log.txt', rows: 40, header: null, columns: { customer: 0, date: 1, amount: 2, segment: null }, dateFormat: 'yyyymmdd', unitDays: 7,
    firstDay: '1997-01-01', lastDay: '1997-02-26', calibrationEnd: '1997-01-28', holdoutEnd: '1997-02-25', calibrationUnits: 4, excludedCustomers: 0, rowsAfterHoldout: 0,
    rfm: { ids: x.map((_, i) => `c${i}`), x: Float64Array.from(x), tx: Float64Array.from(tx), T: Float64Array.from(T), meanValue: Float64Array.from(mv), holdout: Float64Array.from(holdout), holdoutLength: 4 },
    segment, repeatByUnit: [2, 3, 4, 3, 2, 2, 2, 1], firstPurchasesByDay: [6, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 3],
  };
}

describe('event-log calibration (BG/NBD + Gamma-Gamma)', () => {
  it('one group: models, tables, 3 rate classes as segments, repeat buyers with zero spend counted and left out', () => {
    const r = calibrateEventLog(smallLog(null), { ...mapping, prefix: 'cdnow', model: 'bgnbd', classes: 3, seed: 1 }, { file: 'log.txt' });
    expect(r.model).toBe('bgnbd');
    expect(r.data).toEqual({ file: 'log.txt', zeroSpendCustomers: 1 });
    const [g] = r.groups;
    expect(g.group).toBe('all');
    expect(g.customers).toBe(12);
    expect(g.models.map((m) => m.model)).toEqual(['bgnbd', 'gammagamma']);
    expect(g.models[1].fit.n).toBe(6); // repeat buyers with a positive spend
    expect(g.histogram!.reduce((s, h) => s + h.observed, 0)).toBe(12);
    expect(g.tracking!.length).toBe(8);
    expect(g.tracking!.map((t) => t.part)).toEqual(['calibration', 'calibration', 'calibration', 'calibration', 'hold-out', 'hold-out', 'hold-out', 'hold-out']);
    expect(g.conditional!.reduce((s, c) => s + c.customers, 0)).toBe(12);
    expect(g.spend!.at(-1)).toMatchObject({ bucket: 'all', customers: 6 });
    expect(g.classes!.length).toBe(3);
    expect(Object.keys(r.segments)).toEqual(['cdnow-rate1', 'cdnow-rate2', 'cdnow-rate3']);
    expect(Object.values(r.segments).reduce((s, x) => s + x.initialCustomers, 0)).toBe(12);
    expect(r.segments['cdnow-rate1'].name).toMatch(/^cdnow, purchase-rate class 1 of 3 \(.* purchases per week while active\)$/);
    expect(r.assumptions[0]).toBe('Time: one unit is 7 days; 52.18 units per year. Same-day purchases are one transaction; the first purchase is the acquisition, not a repeat.');
    expect(r.assumptions[2]).toMatch(/^Segments: 3 equal-sized classes/);
    expect(r.assumptions[3]).toMatch(/wallet.mean = that \/ share of wallet 0.5 /);
    expect(r.assumptions.length).toBe(5);
  });
  it('segments by a column: one group and one set of classes per segment, no calendar tracking; daily units', () => {
    const log = { ...smallLog(['b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a']), unitDays: 1 };
    const r = calibrateEventLog(log, { ...mapping, prefix: 'shop', model: 'bgnbd', classes: 2, seed: 1 }, {});
    expect(r.groups.map((g) => [g.group, g.customers])).toEqual([['a', 6], ['b', 6]]);
    expect(r.groups.every((g) => g.tracking === undefined)).toBe(true);
    expect(Object.keys(r.segments)).toEqual(['shop-a-rate1', 'shop-a-rate2', 'shop-b-rate1', 'shop-b-rate2']);
    expect(r.segments['shop-b-rate2'].name).toMatch(/^shop b, purchase-rate class 2 of 2 \(.* purchases per day while active\)$/);
    expect(r.assumptions[0]).toBe('Time: one unit is 1 day; 365.25 units per year. Same-day purchases are one transaction; the first purchase is the acquisition, not a repeat.');
  });
  it('Gamma-Gamma alone: spend only, no segments, and it says so; no hold-out, no conditional table', () => {
    const log = smallLog(null);
    log.rfm.holdoutLength = 0;
    const r = calibrateEventLog({ ...log, unitDays: 14 }, { ...mapping, prefix: 'x', model: 'gammagamma', classes: 3, seed: 1 }, {});
    expect(r.segments).toEqual({});
    expect(r.groups[0].models.map((m) => m.model)).toEqual(['gammagamma']);
    expect(r.groups[0].histogram).toBeUndefined();
    expect(r.assumptions).toEqual(['Gamma-Gamma alone gives spend per transaction, not churn: no segments are written (fit --model bgnbd for segments).']);
    const b = calibrateEventLog(log, { ...mapping, prefix: 'x', model: 'bgnbd', classes: 2, seed: 1 }, {});
    expect(b.groups[0].conditional).toBeUndefined();
  });
});

describe('YAML for a scenario', () => {
  const r = survival(1, 30);
  const o = { satisfactionReference: 0.6, marginRate: 0.3, horizonMonths: 48, name: 'calibrated', command: 'cxsim calibrate survival.csv --model sbg' };
  it('segments keep churn and spend at the fitted base: initial satisfaction at the reference, no service need', () => {
    expect(scenarioSegments(r, o)).toEqual({ regular: { ...r.segments.regular, initialSatisfaction: 0.6, serviceNeed: 0 } });
    const seg = parse(segmentsYaml(r, o));
    expect(seg).toEqual({ segments: { regular: { ...r.segments.regular, initialSatisfaction: 0.6, serviceNeed: 0 } } });
  });
  it('the comment header: command, model, every assumption, the satisfaction sentence; wrapped at 96 characters', () => {
    const text = segmentsYaml(r, o);
    const comments = text.split('\n').filter((l) => l.startsWith('#')).map((l) => l.slice(2));
    expect(comments[0]).toBe('Calibrated by: cxsim calibrate survival.csv --model sbg');
    expect(comments[1]).toBe('Model: shifted-beta-geometric (sBG); estimates and standard errors in fit.json.');
    for (const l of comments) expect(l.length).toBeLessThanOrEqual(96);
    const joined = comments.join(' ');
    for (const a of r.assumptions) expect(joined).toContain(a);
    expect(joined).toContain('initialSatisfaction = behaviour.satisfactionReference (0.6) and serviceNeed 0 keep churn and spend at the fitted base; CX effects move them from there.');
    // a line is broken before the word that would pass 96 characters, never inside a word
    const words = joined.split(' ');
    expect(words.every((w) => w.length > 0)).toBe(true);
  });
  it('a minimal scenario cxsim accepts: one pool, one stage, a baseline', () => {
    const text = scenarioYaml(r, o);
    const sc = Scenario.parse(parse(text));
    expect(sc.meta.name).toBe('calibrated');
    expect(sc.meta.horizonMonths).toBe(48);
    expect(sc.meta.replications).toBe(20);
    expect(sc.meta.description).toBe('Segments calibrated from data (shifted-beta-geometric (sBG)); every CX, workforce and pool effect neutral.');
    expect(sc.pools.core.marginRate).toBe(0.3);
    expect(sc.behaviour.satisfactionReference).toBe(0.6);
    expect(Object.keys(sc.strategies)).toEqual(['baseline']);
    expect(sc.strategies.baseline.baseline).toBe(true);
    expect(sc.strategies.baseline.description).toBe('No CX investment: the calibrated customer base as it is.');
    expect(Object.keys(sc.journeys.customer.stages)).toEqual(['active']);
    expect(text).toContain('\nsegments:\n  # Calibrated segments (the block segments.yaml holds on its own).\n  regular:\n');
  });
});

describe('fit.json and goodness-of-fit.csv', () => {
  it('fit.json: command, seconds to the millisecond, the result; no NaN or Infinity; typed arrays as arrays', () => {
    const r = survival(1);
    const j = JSON.parse(resultJson({ ...r, data: { ...r.data, odd: Infinity } as never, groups: [{ ...r.groups[0], classes: [{ x: Float64Array.of(1, 2) }] as never }] }, { command: 'cxsim calibrate x', seconds: 1.23456 }));
    expect(j.command).toBe('cxsim calibrate x');
    expect(j.seconds).toBe(1.235);
    expect(j.model).toBe('sbg');
    expect(j.data.odd).toBeNull();
    expect(j.groups[0].classes[0].x).toEqual([1, 2]);
    expect(j.segments.regular.initialCustomers).toBe(1e6);
  });
  it('goodness-of-fit.csv: one row per table cell pair, names that look like formulas quoted for spreadsheets', () => {
    const r = survival(1);
    const csv = goodnessOfFitCsv({ ...r, groups: [{ ...r.groups[0], group: '=cmd' }] }).trim().split('\n');
    expect(csv[0]).toBe('group,table,key,part,observed,expected');
    expect(csv.length).toBe(1 + 5);
    expect(csv[1]).toBe(`"'=cmd",active customers,0,calibration,1000000,1000000`);
    expect(csv[5].startsWith(`"'=cmd",active customers,4,hold-out,200000,`)).toBe(true);
    const e = calibrateEventLog(smallLog(null), { ...mapping, prefix: 'cdnow', model: 'bgnbd', classes: 2, seed: 1 }, {});
    const g = e.groups[0];
    const lines = goodnessOfFitCsv(e).trim().split('\n').slice(1);
    const count = (t: string) => lines.filter((l) => l.split(',')[1] === t).length;
    expect(count('frequency histogram')).toBe(g.histogram!.length);
    expect(count('repeat transactions per unit')).toBe(8);
    expect(count('cumulative repeat transactions')).toBe(8);
    expect(count('hold-out transactions per customer by calibration frequency')).toBe(g.conditional!.length);
    expect(count('mean spend per repeat transaction by frequency')).toBe(g.spend!.length);
    const cum = lines.filter((l) => l.split(',')[1] === 'cumulative repeat transactions');
    expect(cum[7]).toBe(`all,cumulative repeat transactions,8,hold-out,19,${g.tracking![7].expectedCumulative}`);
    expect(lines.find((l) => l.includes('repeat transactions per unit,1,'))).toBe(`all,repeat transactions per unit,1,calibration,2,${g.tracking![0].expected}`);
    expect(lines.find((l) => l.includes('hold-out transactions per customer'))).toBe(`all,hold-out transactions per customer by calibration frequency,0,hold-out,${g.conditional![0].observed},${g.conditional![0].expected}`);
    expect(lines.find((l) => l.includes('mean spend'))).toBe(`all,mean spend per repeat transaction by frequency,1,calibration,${g.spend![0].observedMean},${g.spend![0].expectedMean}`);
    expect(lines.find((l) => l.includes('frequency histogram'))).toBe(`all,frequency histogram,0,calibration,5,${g.histogram![0].expected}`);
  });
});

describe('the fit report', () => {
  it('three significant digits, thousands separated, a true minus', () => {
    expect(sig(0.000389123)).toBe('0.000389');
    expect(sig(13.24)).toBe('13.2');
    expect(sig(14059.4)).toBe('14,059');
    expect(sig(-2.5)).toBe('−2.50');
    expect(sig(7)).toBe('7');
    expect(sig(7, 2)).toBe('7.00');
    expect(sig(0, 1)).toBe('0.0');
    expect(sig(0.5, 1)).toBe('0.500');
    expect(sig(123.456)).toBe('123');
    expect(sig(999.9)).toBe('1000');
    expect(sig(Infinity)).toBe('n/a');
    expect(sig(1e-12)).toBe('0.00000000');
  });
  it('sBG: the estimates with SE and interval, ln L, AIC, BIC, the survival table, the assumptions and the YAML', () => {
    const r = survival(1);
    const f = r.groups[0].models[0].fit;
    const html = calibrationReportHtml(r, { command: 'cxsim calibrate s.csv', segmentsYaml: 'segments:\n  regular: {}', currency: 'USD' });
    expect(html).toContain('<title>Calibration: shifted-beta-geometric (sBG)</title>');
    expect(html).toContain('<p class="meta"><code>cxsim calibrate s.csv</code></p>');
    expect(html).toContain('Maximum-likelihood fit of the shifted-beta-geometric (sBG) model, how well');
    const e = f.estimates[0];
    expect(html).toContain(`<tr><td>alpha</td><td class="num">${e.value.toFixed(4)}</td><td class="num">${e.se!.toFixed(4)}</td><td class="num">${e.lower95!.toFixed(3)} to ${e.upper95!.toFixed(3)}</td></tr>`);
    expect(html).toContain(`ln L = ${f.logLik.toFixed(2).replace('-', '−')}, AIC = ${f.aic.toFixed(1)}, BIC = ${f.bic.toFixed(1)}, n = 1,000,000 customers.</p>`);
    expect(html).not.toContain('did not confirm convergence');
    expect(html).toContain('<h2>1,000,000 customers</h2>');
    expect(html).toContain('<tr><td>periods fitted</td><td>3</td></tr>');
    expect(html).toContain('<tr><td>file</td><td>survival.csv</td></tr>');
    // period 2: 333,333 observed; the model 10⁶/3; retention 2/3 both
    expect(html).toMatch(/<tr><td>2<\/td><td>calibration<\/td><td class="num">333,333<\/td><td class="num">333,3\d\d\.\d<\/td><td class="num">66\.7%<\/td><td class="num">66\.7%<\/td><\/tr>/);
    expect(html).toContain('<tr><td>0</td><td>calibration</td><td class="num">1,000,000</td><td class="num">1,000,000.0</td><td class="num"></td><td class="num"></td></tr>');
    expect(html).toContain('<pre class="yaml">segments:\n  regular: {}</pre>');
    for (const a of r.assumptions) expect(html).toContain(`<li>${esc(a)}</li>`);
    expect(html).toContain('<svg');
    expect(html).toContain('regular: customers still active');
    expect(html).toContain('regular: retention rate');
    expect(html).toContain('years since acquisition');
  });
  it('an unconfirmed optimum, an SE that is not there, several groups, no segments: all said', () => {
    const r = survival(2);
    const f = r.groups[0].models[0].fit;
    const g2 = { ...r.groups[0], group: 'second', models: [{ model: 'sbg' as const, fit: { ...f, converged: false, estimates: [{ name: 'alpha', value: 1234.5, se: null, lower95: null, upper95: null }] } }] };
    const html = calibrationReportHtml({ ...r, groups: [r.groups[0], g2], segments: {} }, { command: 'c', segmentsYaml: '', currency: 'USD' });
    expect(html).toContain(' to 2 groups, how well');
    expect(html).toContain('<h2>second — 1,000,000 customers</h2>');
    expect(html).toContain('<tr><td>alpha</td><td class="num">1,235</td><td class="num">n/a</td><td class="num">n/a</td></tr>');
    expect(html).toContain(' — <strong>the optimiser did not confirm convergence</strong>.');
    expect(html).toContain('<p class="not-shown">No segments (see above).</p>');
    expect(html).toContain('periods since acquisition (2 a year)');
    expect(html).toContain('<tr><td>periods per year</td><td>2</td></tr>');
  });
  it('event log: frequency, tracking with the totals at the end of calibration and hold-out, conditional, spend, classes', () => {
    const r = calibrateEventLog(smallLog(null), { ...mapping, prefix: 'cdnow', model: 'bgnbd', classes: 2, seed: 1 }, { calibrationUnits: 4, holdoutUnits: 4, unitDays: 7, missing: null });
    const g = r.groups[0];
    const html = calibrationReportHtml(r, { command: 'c', segmentsYaml: 'y', currency: 'EUR' });
    const atCal = g.tracking![3], last = g.tracking![7];
    const round = (x: number) => x.toFixed(0);
    expect(html).toContain(`Cumulative repeat transactions at the end of the calibration period: 12 observed, ${round(atCal.expectedCumulative)} expected; at the end of the hold-out: 19 observed, ${round(last.expectedCumulative)} expected (${(100 * (last.expectedCumulative / 19 - 1)).toFixed(1)}%).`);
    expect(html).toContain('<tr><td>calibration length (units from the first date)</td><td>4</td></tr>');
    expect(html).not.toContain('missing');
    expect(html).toContain('<th>repeat transactions in the calibration period</th><th class="num">customers (observed)</th><th class="num">customers (model)</th>');
    expect(html).toContain(`<tr><td>0</td><td class="num">5</td><td class="num">${g.histogram![0].expected.toFixed(1)}</td></tr>`);
    const c0 = g.conditional![0];
    expect(html).toContain(`<tr><td>0</td><td class="num">5</td><td class="num">${c0.observed.toFixed(2)}</td><td class="num">${c0.expected.toFixed(2)}</td></tr>`);
    const s0 = g.spend![0];
    expect(html).toContain(`<th class="num">mean spend per transaction, observed (EUR)</th>`);
    expect(html).toContain(`<tr><td>1</td><td class="num">${s0.customers}</td><td class="num">${s0.observedMean.toFixed(2)}</td><td class="num">${s0.expectedMean.toFixed(2)}</td></tr>`);
    const k = g.classes![0];
    expect(html).toContain(`<tr><td>1</td><td class="num">50%</td><td class="num">${sig(k.rate)}</td><td class="num">${sig(100 * k.churnMean, 1)}%</td><td class="num">${sig(k.churn.alpha, 2)}</td><td class="num">${sig(k.churn.beta, 2)}</td><td class="num">${sig(k.monthlySpend, 2)}</td><td class="num">${k.walletCv.toFixed(2)}</td></tr>`);
    expect(html).toContain('purchases per week while active');
    expect(html).toContain('Cumulative repeat transactions');
    expect(html).toContain('Repeat transactions per week');
    expect(html).toContain('Hold-out transactions by calibration frequency (4 weeks)');
    expect(html).toContain('Mean spend per repeat transaction');
    expect(html).toContain('Customers by repeat transactions (calibration)');
  });
  it('BG/BB: the histogram of transactions in the opportunities', () => {
    const r = calibrateBgBb([{ segment: 'all', rows: [{ frequency: 0, recency: 0, periods: 1, count: 750 }, { frequency: 1, recency: 1, periods: 1, count: 250 }] }], { ...mapping, prefix: 'd', opportunitiesPerYear: 1, amountPerTransaction: 1 }, { unitDays: 1 });
    const html = calibrationReportHtml(r, { command: 'c', segmentsYaml: 'y', currency: 'USD' });
    expect(html).toContain('<th>transactions in the opportunities</th>');
    expect(html).toContain('Customers by number of transactions');
    expect(html).toContain('<tr><td>days per time unit</td><td>1</td></tr>');
  });
});

describe('the charts show their data', () => {
  const count = (svg: string, tag: string) => (svg.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length;
  const rows = survival(1).groups[0].survival!;
  it('survival: a dot per observed period, the model line, the end of calibration marked', () => {
    const svg = survivalChart(rows, 'regular', 3, 'years since acquisition');
    expect(count(svg, 'circle')).toBe(5);
    expect(svg).toContain('end of calibration');
    expect(svg).toContain('active customers');
    expect(svg).toContain('regular: customers still active');
    expect(svg).toContain('stroke-dasharray="4 3"');
  });
  it('retention: a dot per period after the first, on a 0–100% axis', () => {
    const svg = retentionChart(rows, 'regular', 3, 'years');
    expect(count(svg, 'circle')).toBe(4);
    expect(svg).toContain('retained from the previous period');
    expect(svg).toContain('100%');
  });
  it('histogram: two bars per bucket', () => {
    const svg = histogramChart([{ bucket: '0', observed: 5, expected: 4.5 }, { bucket: '1+', observed: 7, expected: 7.5 }], 'T', 'X');
    expect(count(svg, 'rect')).toBeGreaterThanOrEqual(4);
    expect(svg).toContain('1+');
  });
  it('tracking: two lines and the hold-out marker; per-unit title names the unit', () => {
    const t = [1, 2, 3].map((u) => ({ unit: u, part: 'calibration' as const, observed: u, expected: u, observedCumulative: u, expectedCumulative: u }));
    const svg = trackingChart(t, 2, false, 'week');
    expect(count(svg, 'path')).toBeGreaterThanOrEqual(2);
    expect(svg).toContain('hold-out →');
    expect(svg).toContain('Repeat transactions per week');
    expect(svg).toContain('week of the calendar');
    expect(trackingChart(t, 2, true, 'week')).toContain('Cumulative repeat transactions');
  });
  it('conditional and spend: the observed dots, the model E[ζ] line with its value', () => {
    const c = conditionalChart([{ bucket: '0', customers: 3, observed: 0.2, expected: 0.25 }, { bucket: '1', customers: 2, observed: 0.9, expected: 0.8 }], 39, 'week');
    expect(count(c, 'circle')).toBe(2);
    expect(c).toContain('Hold-out transactions by calibration frequency (39 weeks)');
    const s = spendChart([{ bucket: '1', customers: 2, observedMean: 30, expectedMean: 33.3333 }, { bucket: 'all', customers: 2, observedMean: 30, expectedMean: 33.3333 }], 'USD');
    expect(s).toContain('model E[ζ] = 33.33');
    expect(s).toContain('mean spend per transaction (USD)');
  });
  it('model titles', () => expect(MODEL_TITLES).toEqual({ sbg: 'shifted-beta-geometric (sBG)', bgnbd: 'BG/NBD', bgbb: 'BG/BB', gammagamma: 'Gamma-Gamma' }));
});
